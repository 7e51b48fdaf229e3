#include "names/name_key.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "names/name_normalizer.h"

namespace crossroads::names::detail {
namespace {

// Key symbols of the classes that transliterations disagree on (see name_normalizer.h).
constexpr char kSh = 'S';  // sh, ch, sch, tch: ش چ
constexpr char kZ = 's';   // z = s: ز ظ (English and German voiced s)
constexpr char kW = 'w';   // w: و as a consonant

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

void add_unique(std::vector<std::string>& out, std::string key) {
  if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
}

// Builds the keys of a Latin token: one, or a few when a spelling has readings that other
// languages write differently (Italian ci = تشي, German ch = خ, Spanish j = خ, Polish w = ف).
class LatinKeyBuilder {
 public:
  static constexpr std::size_t kMaxKeys = 4;

  void emit(char symbol) {
    for (auto& key : keys_) append(key, symbol);
  }
  // The first symbol is the usual reading; the second is added while there is room.
  void emit(char usual, char other) {
    if (keys_.size() * 2 > kMaxKeys) {
      emit(usual);
      return;
    }
    const std::size_t n = keys_.size();
    for (std::size_t k = 0; k < n; ++k) {
      keys_.push_back(keys_[k]);
      append(keys_[k], usual);
      append(keys_.back(), other);
    }
  }
  void raw(char symbol) {
    for (auto& key : keys_) key += symbol;
  }
  void vowel() {}
  std::vector<std::string>& keys() { return keys_; }

 private:
  // Repeated consonants are one, also across vowels, because Arabic script writes neither
  // the doubling (Muhammad = Muhamad) nor the short vowel between (Kinnunen = كينونن).
  static void append(std::string& key, char symbol) {
    if (symbol == 0 || (!key.empty() && key.back() == symbol)) return;
    key += symbol;
  }
  std::vector<std::string> keys_{std::string()};
};

// The key of a-z letters w (already filtered).
std::vector<std::string> latin_keys(std::string_view w) {
  const std::size_t n = w.size();
  if (n == 0) return {};
  // Trailing vowel cluster [j, end): decides the final marker.
  std::size_t end = n;
  if (end >= 2 && w[end - 1] == 'h' && w[end - 2] == 'a') --end;  // -ah: Fatimah = Fatima
  if (end >= 3 && w[end - 1] == 'e' && w[end - 2] == 'y' && is_vowel(w[end - 3])) {
    --end;  // Tesfaye = Tesfay
  }
  std::size_t j = end;
  while (j > 0 && (is_vowel(w[j - 1]) || w[j - 1] == 'y')) --j;
  for (std::size_t p = end; p-- > j;) {
    if (w[p] == 'y' && p + 1 < end && is_vowel(w[p + 1])) {  // Maya: that y is a consonant
      j = p + 1;
      break;
    }
  }
  LatinKeyBuilder b;
  if (is_vowel(w[0])) b.raw((w[0] == 'o' || w[0] == 'u') ? 'U' : 'A');
  if (j == 0) return b.keys();  // vowels only
  char final_marker = 0;
  if (j < end) {
    const char last = w[end - 1];
    if (last == 'i' || last == 'y') {
      final_marker = 'I';
    } else if (last == 'e') {
      if (end - j >= 2 && (w[end - 2] == 'e' || w[end - 2] == 'i')) final_marker = 'I';
    } else if (last == 'a') {
      final_marker = 'A';
    } else {
      final_marker = 'U';
    }
  }
  auto at = [&](std::size_t k) -> char { return k < n ? w[k] : '\0'; };
  // Start of the vowel cluster before the last consonant of the body.
  // When the word ends in a vowel (Moussa), the consonants before it open the last syllable: an
  // "ou" before them is not in it (Moussa = Musa, while Mahmoud is not Mohamed).
  std::size_t last_syllable = j;
  if (j == end) {
    while (last_syllable > 0 && !is_vowel(w[last_syllable - 1])) --last_syllable;
    while (last_syllable > 0 && is_vowel(w[last_syllable - 1])) --last_syllable;
  }
  std::size_t i = 0;
  while (i < j) {
    const char c = w[i];
    const char c1 = at(i + 1);
    const char c2 = at(i + 2);
    if (is_vowel(c)) {
      if (i >= last_syllable &&
          ((c == 'o' && c1 == 'u') || (c == 'o' && c1 == 'o') || (c == 'u' && c1 == 'u'))) {
        b.emit(kW);  // long u in the last syllable is و: Mahmoud (محمود) is not Mohamed
        i += 2;
        continue;
      }
      if ((c == 'a' || c == 'e') && (c1 == 'i' || c1 == 'y') && i + 1 < j) {
        b.emit('y');  // diphthong: Hussein, Husain, Hüseyin, Faisal
        i += 2;
        continue;
      }
      b.vowel();
      ++i;
      continue;
    }
    if (c == 'y') {
      if (is_vowel(c1) || (i > 0 && is_vowel(w[i - 1]))) {
        b.emit('y');
      } else {
        b.vowel();  // Lynch, Hamdy (final y is handled by the marker)
      }
      ++i;
      continue;
    }
    if (c == 's' && c1 == 'c' && c2 == 'h') {
      b.emit(kSh);
      i += 3;
      continue;
    }
    if (c == 't' && c1 == 's' && c2 == 'c' && at(i + 3) == 'h') {
      b.emit(kSh);
      i += 4;
      continue;
    }
    if (c == 't' && c1 == 'c' && c2 == 'h') {
      b.emit(kSh);
      i += 3;
      continue;
    }
    if (c == 'c' && c1 == 'h' && i + 1 < j) {
      // French/English sh, Italian k (Chiellini), German kh (Steinbach, Eichmann).
      if (i > 0 && is_vowel(w[i - 1]) && c2 != 'i' && c2 != 'e') {
        b.emit(kSh, 'h');
      } else {
        b.emit(kSh, 'k');
      }
      i += 2;
      continue;
    }
    if (c == 's' && c1 == 'c' && (c2 == 'e' || c2 == 'i')) {
      b.emit('s', kSh);  // Italian sci = شي: Bresciano
      i += 2;
      continue;
    }
    if ((c == 't' || c == 'd') && c1 == 'h' && i > 0 && is_vowel(w[i - 1]) && i + 2 < j) {
      b.emit(c);  // th, dh inside a word may be two letters: Fathi = فتحي, Adham = أدهم
      b.emit(0, 'h');
      i += 2;
      continue;
    }
    if (c1 == 'h' && i + 1 < j) {
      char digraph = 0;
      switch (c) {
        case 's':
        case 'c':
          digraph = kSh;
          break;
        case 'k':
          digraph = 'h';
          break;
        case 'g':
        case 'z':
          digraph = 'g';
          break;
        case 't':
          digraph = i + 2 == n ? 'd' : 't';  // Hogarth = هوجرت
          break;
        case 'd':
          digraph = 'd';
          break;
        case 'p':
          digraph = 'f';
          break;
        default:
          break;
      }
      if (digraph != 0) {
        b.emit(digraph);
        i += 2;
        continue;
      }
    }
    if (c == 'd' && c1 == 'j') {
      b.emit('g');
      i += 2;
      continue;
    }
    // Word-final t is d (Turkish Ahmet); tt as well (Abbott).
    const bool word_final = w.find_first_not_of(c, i) == std::string_view::npos;
    switch (c) {
      case 'b':
      case 'p':
        b.emit('b');
        break;
      case 'c':
        if (c1 == 'e' || c1 == 'i' || c1 == 'y') {
          b.emit('s', kSh);  // Italian ci = تشي: Francini
        } else if (c1 == 'c' && (c2 == 'e' || c2 == 'i')) {
          b.emit('k');
          b.emit('s', kSh);
          ++i;
        } else if (i + 1 == n && i > 0 && w[i - 1] == 'i') {
          b.emit('k', kSh);  // Slavic -ić = يتش
        } else {
          b.emit('k');
        }
        break;
      case 'k':
      case 'q':
        b.emit('k');
        break;
      case 'd':
        b.emit('d');
        break;
      case 't':
        b.emit(word_final ? 'd' : 't');  // Ahmet = Ahmed
        break;
      case 'f':
        b.emit('f');
        break;
      case 'v':
        b.emit('f', kW);  // Turkish v = و: Adıvar
        break;
      case 'g':
        b.emit('g');
        break;
      case 'j':
        // Slavic j after a vowel before a consonant is y: Rajkovic, Ujkani.
        if (i > 0 && is_vowel(w[i - 1]) && c1 != '\0' && !is_vowel(c1)) {
          b.emit('y');
        } else {
          b.emit('g', 'h');  // Spanish j = خ: Alejandro
        }
        break;
      case 'h':
        b.emit('h');
        break;
      case 'l':
      case 'm':
      case 'n':
      case 'r':
      case 's':
        b.emit(c);
        break;
      case 'w':
        b.emit(kW, 'f');  // German and Polish w = ف
        break;
      case 'z':
        b.emit(kZ);
        break;
      case 'x':
        b.emit('k');
        b.emit('s');
        break;
      default:
        break;
    }
    ++i;
  }
  if (final_marker != 0) b.raw(final_marker);
  return b.keys();
}

// ---- Arabic script ----------------------------------------------------------------------

// One position of an Arabic-script token: its possible readings, the first the likeliest.
struct Slot {
  std::array<const char*, 3> alts{};
  std::uint8_t count = 0;
};

Slot one(const char* a) { return Slot{{a, nullptr, nullptr}, 1}; }
Slot two(const char* a, const char* b) { return Slot{{a, b, nullptr}, 2}; }
Slot three(const char* a, const char* b, const char* c) { return Slot{{a, b, c}, 3}; }

// The consonant symbol of a letter, or 0 when the letter is a vowel carrier or silent.
char consonant_symbol(char32_t c) {
  switch (c) {
    case U'ب':
    case U'پ':
      return 'b';
    case U'ت':
    case U'ط':
    case U'ث':
    case U'ٹ':
      return 't';
    case U'د':
    case U'ض':
    case U'ذ':
    case U'ڈ':
    case U'ډ':
      return 'd';
    case U'ج':
    case U'غ':
    case U'گ':
    case U'ژ':
    case U'ږ':
      return 'g';
    case U'چ':
    case U'ش':
    case U'ښ':
      return kSh;
    case U'ح':
    case U'خ':
    case U'ه':
    case U'ہ':
    case U'ھ':
    case U'ۀ':
      return 'h';
    case U'ر':
    case U'ڑ':
    case U'ړ':
    case U'ڕ':
      return 'r';
    case U'ز':
    case U'ظ':
    case U'ځ':
      return kZ;
    case U'س':
    case U'ص':
    case U'څ':
      return 's';
    case U'ف':
    case U'ڤ':
      return 'f';
    case U'ق':
    case U'ك':
    case U'ک':
      return 'k';
    case U'ل':
    case U'ڵ':
      return 'l';
    case U'م':
      return 'm';
    case U'ن':
    case U'ں':
    case U'ڼ':
      return 'n';
    default:
      return 0;
  }
}

bool is_yeh(char32_t c) {
  return c == U'ي' || c == U'ی' || c == U'ې' || c == U'ێ' || c == U'ے' || c == U'ۍ' || c == U'ى';
}
bool is_waw(char32_t c) { return c == U'و' || c == U'ۆ' || c == U'ۇ' || c == U'ۈ' || c == U'ۋ'; }
bool is_alef(char32_t c) { return c == U'ا' || c == U'أ' || c == U'إ' || c == U'آ' || c == U'ٱ'; }
bool is_hamza_or_ain(char32_t c) { return c == U'ء' || c == U'ؤ' || c == U'ئ' || c == U'ع'; }

void arabic_keys_of(std::u32string_view s, std::vector<std::string>& out) {
  // A trailing hamza is silent (Alaa, Asmaa): the letter before it ends the word.
  while (s.size() > 1 && s.back() == U'ء') s.remove_suffix(1);
  if (s.empty()) return;
  std::array<Slot, 48> slots;
  std::size_t count = 0;
  char prev_consonant = 0;
  const std::size_t n = std::min<std::size_t>(s.size(), slots.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = s[i];
    const bool initial = i == 0;
    const bool final = i + 1 == n;
    Slot slot;
    char cons = consonant_symbol(c);
    if (c == U'ت' && i + 1 < n && s[i + 1] == U'ش') continue;  // تش = ch
    if (c == U'د' && i + 1 < n && s[i + 1] == U'ج') continue;  // دج = dj
    if (cons != 0) {
      if ((c == U'ه' || c == U'ہ') && final && !initial) {
        slot = three("h", "A", "");  // Abdullah, Zadeh, Kanoute
        prev_consonant = 0;
      } else if (c == U'ۀ') {
        slot = one("A");
        prev_consonant = 0;
      } else if (c == U'ح' && final && !initial) {
        slot = two("h", "A");  // Salah = صلاح
        prev_consonant = 0;
      } else if (c == U'ض' || c == U'ذ') {
        slot = two("d", "s");  // Persian, Urdu and Turkish say z: Reza = رضا, Zakir = ذاکر
        prev_consonant = 0;
      } else if (c == U'ث') {
        slot = final ? three("d", "s", "t") : two("t", "s");  // Othman, Osman; Soraya
        prev_consonant = 0;
      } else if (final && cons == 't') {
        slot = two("d", "t");  // Ahmet = أحمد; Bente = بينت
        prev_consonant = 0;
      } else {
        if (cons == prev_consonant) continue;  // لل
        static constexpr std::array<const char*, 128> kSymbols = [] {
          std::array<const char*, 128> a{};
          a['b'] = "b", a['t'] = "t", a['d'] = "d", a['g'] = "g", a['S'] = "S", a['h'] = "h";
          a['r'] = "r", a['z'] = "z", a['s'] = "s", a['f'] = "f", a['k'] = "k", a['l'] = "l";
          a['m'] = "m", a['n'] = "n", a['w'] = "w";
          return a;
        }();
        slot = one(kSymbols[static_cast<unsigned char>(cons)]);
        prev_consonant = cons;
      }
    } else if (is_alef(c) || is_hamza_or_ain(c)) {
      prev_consonant = 0;
      if (initial) {
        slot = (c == U'إ' || c == U'آ') ? one("A") : two("A", "U");
      } else if (final) {
        slot = c == U'ع' ? two("", "A") : (is_alef(c) ? one("A") : one(""));
      } else {
        continue;
      }
    } else if (is_yeh(c)) {
      prev_consonant = 0;
      if (initial) {
        slot = one("y");
        prev_consonant = 'y';
      } else if (final) {
        slot = c == U'ى' ? two("A", "I") : two("I", "");
      } else {
        slot = two("", "y");
      }
    } else if (is_waw(c)) {
      prev_consonant = 0;
      if (initial) {
        slot = one(c == U'ۋ' ? "f" : "w");
        prev_consonant = 'w';
      } else if (final) {
        slot = two("U", "");
      } else {
        slot = two("", "w");
      }
    } else if (c == U'ة') {
      prev_consonant = 0;
      slot = final ? one("A") : one("t");
    } else if (c == U'ە') {  // Kurdish (Sorani) e: a vowel, written; final like -a
      prev_consonant = 0;
      if (!final) continue;
      slot = one("A");
    } else {
      continue;  // not a letter we know
    }
    slots[count++] = slot;
  }
  std::vector<std::string> keys{std::string()};
  for (std::size_t k = 0; k < count; ++k) {
    const Slot& slot = slots[k];
    if (slot.count == 1 || keys.size() * slot.count > kMaxKeysPerToken) {
      for (auto& key : keys) key += slot.alts[0];
      continue;
    }
    std::vector<std::string> next;
    next.reserve(keys.size() * slot.count);
    for (const auto& key : keys) {
      for (std::size_t a = 0; a < slot.count; ++a) next.push_back(key + slot.alts[a]);
    }
    keys.swap(next);
  }
  for (auto& key : keys) {
    if (out.size() >= kMaxKeysPerToken) break;
    key.erase(std::unique(key.begin(), key.end()), key.end());  // as LatinKeyBuilder::emit
    if (!key.empty()) add_unique(out, std::move(key));
  }
}

}  // namespace

// Names whose "ai" is two vowels around a hamza or ayn (سعيد, وائل), not the diphthong of
// Husain or Zaid: keyed as their other spelling.
std::string_view hiatus_spelling(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kHiatus = {
      {{"said", "saeed"}, {"raid", "raeed"}, {"wail", "wael"}, {"nail", "nael"}, {"sail", "sael"}}};
  for (const auto& [from, to] : kHiatus) {
    if (w == from) return to;
  }
  return w;
}

void latin_token_keys(std::string_view folded, std::vector<std::string>& out) {
  std::array<char, 64> buf;
  std::size_t n = 0;
  for (char c : folded) {
    if (c >= 'a' && c <= 'z' && n < buf.size()) buf[n++] = c;
  }
  std::string_view w = hiatus_spelling(std::string_view(buf.data(), n));
  if (w.empty()) return;
  // A joined article ("alsayed", "elsayed"): also the key without it, first.
  if (w.size() >= 5 && (w.starts_with("al") || w.starts_with("el")) && !is_vowel(w[2]) &&
      w[2] != 'y' && w[2] != 'l') {
    for (auto& key : latin_keys(w.substr(2))) add_unique(out, std::move(key));
  }
  for (auto& key : latin_keys(w)) add_unique(out, std::move(key));
}

void arabic_token_keys(std::u32string_view letters, std::vector<std::string>& out) {
  // A leading article ال: the key without it first, then with it (it may be part of a
  // foreign name: الفريد).
  if (letters.size() >= 4 && letters[0] == U'ا' && letters[1] == U'ل') {
    arabic_keys_of(letters.substr(2), out);
  }
  arabic_keys_of(letters, out);
}

}  // namespace crossroads::names::detail
