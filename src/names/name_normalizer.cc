#include "names/name_normalizer.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "names/name_key.h"
#include "names/transliteration.h"

namespace crossroads::names {
namespace {

using detail::CharInfo;
using detail::CharKind;

// ---- UTF-8 ------------------------------------------------------------------------------

// Decodes one code point at s[i]; ill-formed sequences give U+FFFD and advance one byte.
char32_t decode(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

// Valid UTF-8 with every ill-formed byte replaced by a space.
std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode(s, i);
    if (cp == 0xFFFD && !(i - start == 3 && s.substr(start, 3) == "\xEF\xBF\xBD")) {
      out += ' ';
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

// Removes HTML/XML tags ("<b>", "</span>") and entities ("&amp;", "&#39;").
void strip_markup(std::string& s) {
  if (s.find_first_of("<&") == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      const std::size_t close = s.find('>', i + 1);
      if (close != std::string::npos && close - i <= 200 && s.find('<', i + 1) >= close) {
        out += ' ';
        i = close;
        continue;
      }
    } else if (s[i] == '&') {
      std::size_t k = i + 1;
      while (k < s.size() && k - i <= 10 &&
             (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '#')) {
        ++k;
      }
      if (k < s.size() && s[k] == ';' && k > i + 1) {
        out += s.substr(i + 1, k - i - 1) == "#39" || s.substr(i + 1, k - i - 1) == "apos" ? '\''
                                                                                           : ' ';
        i = k;
        continue;
      }
    }
    out += s[i];
  }
  s.swap(out);
}

// ---- Words ------------------------------------------------------------------------------

struct Word {
  std::string ascii;      // folded
  std::u32string arabic;  // the letters when the word is in Arabic script
};

bool is_indic_consonant(char32_t c) {
  return (c >= 0x0915 && c <= 0x0939) || (c >= 0x0958 && c <= 0x095F) ||
         (c >= 0x0995 && c <= 0x09B9) || (c >= 0x09DC && c <= 0x09DF);
}

class WordScanner {
 public:
  explicit WordScanner(NameParts& parts) : parts_(parts) {}

  void scan(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t start = i;
      const char32_t cp = decode(text, i);
      const CharInfo info = detail::char_info(cp);
      switch (info.kind) {
        case CharKind::kSeparator:
          close();
          if (cp == '-' && !parts_.latin.empty()) hyphen_ = true;
          break;
        case CharKind::kIgnore:
          if (kind_ == Kind::kLatin && cp < 0x80) latin_ += static_cast<char>(cp);
          if (kind_ == Kind::kOther) letters_ += cp;  // Indic vowel signs
          break;
        case CharKind::kLatin:
        case CharKind::kCyrillic:
          start_segment(Kind::kLatin);
          count_script(info.script[0] != '\0' ? info.script : "Latn");
          ascii_ += info.ascii;
          if (info.kind == CharKind::kLatin) {
            latin_.append(text.substr(start, i - start));
          } else if (info.upper && info.ascii[0] != '\0') {
            latin_ += static_cast<char>(info.ascii[0] - 'a' + 'A');
            latin_ += info.ascii + 1;
          } else {
            latin_ += info.ascii;
          }
          break;
        case CharKind::kGreek:
          start_segment(Kind::kGreek);
          count_script("Grek");
          if (letters_.empty()) upper_ = info.upper;
          letters_ += info.base;
          break;
        case CharKind::kArabic:
          start_segment(Kind::kArabic);
          count_script("Arab");
          letters_ += info.base;
          break;
        case CharKind::kOther:
          start_segment(Kind::kOther);
          count_script(info.script);
          letters_ += cp;
          break;
      }
    }
    close();
    parts_.script = dominant_script();
  }

  std::vector<Word>& words() { return words_; }

 private:
  enum class Kind { kNone, kLatin, kGreek, kArabic, kOther };

  void start_segment(Kind kind) {
    if (kind_ != kind) {
      close();
      kind_ = kind;
    }
  }

  void emit_latin(std::string_view latin) {
    if (latin.empty()) return;
    if (!parts_.latin.empty()) parts_.latin += hyphen_ ? '-' : ' ';
    hyphen_ = false;
    parts_.latin.append(latin);
  }

  void emit_word(std::string ascii, std::u32string arabic = {}) {
    if (ascii.empty() && arabic.empty()) return;
    words_.push_back(Word{std::move(ascii), std::move(arabic)});
  }

  void close() {
    switch (kind_) {
      case Kind::kNone:
        break;
      case Kind::kLatin:
        emit_latin(latin_);
        emit_word(std::move(ascii_));
        break;
      case Kind::kGreek: {
        std::string ascii = detail::greek_to_ascii(letters_);
        std::string latin = ascii;
        if (upper_ && !latin.empty()) latin[0] = static_cast<char>(latin[0] - 'a' + 'A');
        emit_latin(latin);
        emit_word(std::move(ascii));
        break;
      }
      case Kind::kArabic: {
        std::string latin;
        std::string ascii;
        for (char32_t c : letters_) {
          latin.append(detail::arabic_latin(c));
          ascii.append(detail::arabic_ascii(c));
        }
        emit_latin(latin);
        emit_word(std::move(ascii), std::move(letters_));
        break;
      }
      case Kind::kOther:
        close_other();
        break;
    }
    kind_ = Kind::kNone;
    ascii_.clear();
    latin_.clear();
    letters_.clear();
  }

  // Other scripts go through ICU; its output is folded like Latin input.
  void close_other() {
    const std::string latin = detail::icu_to_latin(letters_);
    emit_latin(latin);
    std::string ascii;
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < latin.size();) {
      const CharInfo info = detail::char_info(decode(latin, i));
      if (info.kind == CharKind::kLatin || info.kind == CharKind::kCyrillic) {
        ascii += info.ascii;
      } else if (info.kind != CharKind::kIgnore && !ascii.empty()) {
        pieces.push_back(std::move(ascii));
        ascii.clear();
      }
    }
    if (!ascii.empty()) pieces.push_back(std::move(ascii));
    // Devanagari and Bengali consonants carry an inherent "a" that is not spoken at the end.
    if (!pieces.empty() && !letters_.empty() && is_indic_consonant(letters_.back()) &&
        pieces.back().size() > 2 && pieces.back().back() == 'a') {
      pieces.back().pop_back();
    }
    for (auto& p : pieces) emit_word(std::move(p));
  }

  void count_script(const char* code) {
    for (auto& [name, count] : scripts_) {
      if (std::strncmp(name.data(), code, 4) == 0) {
        ++count;
        return;
      }
    }
    if (script_count_ < scripts_.size()) {
      std::array<char, 5> name{};
      for (std::size_t k = 0; k < 4 && code[k] != '\0'; ++k) name[k] = code[k];
      scripts_[script_count_++] = {name, 1};
    }
  }

  std::string dominant_script() const {
    const std::pair<std::array<char, 5>, int>* best = nullptr;
    for (std::size_t k = 0; k < script_count_; ++k) {
      if (best == nullptr || scripts_[k].second > best->second) best = &scripts_[k];
    }
    return best != nullptr ? std::string(best->first.data()) : std::string("Zyyy");
  }

  NameParts& parts_;
  std::vector<Word> words_;
  Kind kind_ = Kind::kNone;
  bool hyphen_ = false;
  bool upper_ = false;
  std::string ascii_;
  std::string latin_;
  std::u32string letters_;
  std::array<std::pair<std::array<char, 5>, int>, 8> scripts_{};
  std::size_t script_count_ = 0;
};

// ---- Particles --------------------------------------------------------------------------

template <std::size_t N>
bool one_of(std::string_view w, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

constexpr std::array<std::string_view, 15> kArticles = {
    "al", "el", "ul", "ud", "ad", "ed", "ar", "as", "ash", "at", "az", "ur", "us", "ut", "il"};
constexpr std::array<std::string_view, 11> kAbd = {
    "abd", "abdel", "abdul", "abdal", "abdoul", "abdu", "abdou", "abde", "abdil", "abdol", "abdet"};
constexpr std::array<std::string_view, 4> kKunya = {"abu", "abou", "abo", "abul"};
constexpr std::array<std::string_view, 5> kPatronymic = {"bin", "ibn", "bint", "binti", "ben"};
constexpr std::array<std::string_view, 11> kDin = {
    "din", "deen", "dine", "diin", "eddin", "uddin", "eddine", "addin", "aldin", "eldin", "uddeen"};

bool is_sun_letter(char c) { return std::strchr("tdrzsnl", c) != nullptr && c != '\0'; }

// Abdelrahman, Abdulrahman, Abdurrahman, Abdullah -> abdal + name.
std::string canonical_abd(std::string w) {
  if (w.size() <= 5 || !w.starts_with("abd")) return w;
  std::size_t k = 3;
  while (k < w.size() && std::strchr("aeiou", w[k]) != nullptr) ++k;
  if (k == 3 || k >= w.size()) return w;
  if (w[k] == 'l') return "abdal" + w.substr(k + 1);
  if (k + 1 < w.size() && w[k] == w[k + 1] && is_sun_letter(w[k])) return "abdal" + w.substr(k + 1);
  return w;
}

// Salahuddin, Nasreddine, Alaaeldin -> ...aldin.
std::string canonical_din(std::string w) {
  static constexpr std::array<std::string_view, 9> kSuffixes = {
      "uddine", "eddine", "uddeen", "uddin", "eddin", "addin", "iddin", "eldin", "uldin"};
  for (std::string_view suffix : kSuffixes) {
    if (w.size() >= suffix.size() + 3 && w.ends_with(suffix)) {
      return w.substr(0, w.size() - suffix.size()) + "aldin";
    }
  }
  return w;
}

constexpr std::u32string_view kArabicAbd = U"عبد";
constexpr std::u32string_view kArabicArticle = U"ال";
constexpr std::u32string_view kArabicDin = U"الدين";

bool arabic_kunya(std::u32string_view w) { return w == U"ابو" || w == U"أبو" || w == U"أبا"; }
bool arabic_patronymic(std::u32string_view w) {
  return w == U"بن" || w == U"ابن" || w == U"بنت" || w == U"إبن";
}

void add_token(NameParts& parts, std::string ascii, std::u32string_view arabic) {
  std::vector<std::string> keys;
  if (!arabic.empty()) {
    detail::arabic_token_keys(arabic, keys);
  } else {
    detail::latin_token_keys(ascii, keys);
  }
  if (keys.empty()) return;
  parts.tokens.push_back(std::move(ascii));
  parts.keys.push_back(std::move(keys));
}

std::string arabic_ascii(std::u32string_view letters) {
  std::string out;
  for (char32_t c : letters) out.append(detail::arabic_ascii(c));
  return out;
}

void resolve_particles(std::vector<Word>& words, NameParts& parts) {
  const std::size_t n = words.size();
  for (std::size_t i = 0; i < n; ++i) {
    Word& w = words[i];
    const bool has_next = i + 1 < n;
    if (!w.arabic.empty()) {
      std::u32string letters = w.arabic;
      if (has_next && !words[i + 1].arabic.empty() &&
          (letters == kArabicAbd || arabic_kunya(letters) || letters == kArabicArticle)) {
        ++i;  // عبد الرحمن, أبو أحمد, ال سيد
        if (words[i].arabic == kArabicArticle && i + 1 < n && !words[i + 1].arabic.empty()) {
          letters += words[i].arabic;
          ++i;
        }
        letters += words[i].arabic;
      } else if (has_next && arabic_patronymic(letters)) {
        continue;
      }
      if (i + 1 < n && words[i + 1].arabic == kArabicDin) {
        letters += kArabicDin;  // صلاح الدين
        ++i;
      }
      add_token(parts, arabic_ascii(letters), letters);
      continue;
    }
    std::string t = w.ascii;
    auto next_latin = [&](std::size_t k) -> const std::string* {
      return k < n && words[k].arabic.empty() ? &words[k].ascii : nullptr;
    };
    if (has_next && next_latin(i + 1) != nullptr) {
      const std::string* next = next_latin(i + 1);
      if (one_of(t, kAbd) || one_of(t, kKunya)) {
        std::size_t k = i + 1;
        if (one_of(*next, kArticles) && next_latin(k + 1) != nullptr) ++k;  // Abd al-Rahman
        std::string name = *next_latin(k);
        if (one_of(t, kAbd)) {
          if ((name.starts_with("al") || name.starts_with("el")) && name.size() > 4) {
            name = name.substr(2);  // Abd Alrahman
          }
          t = "abdal" + name;
        } else {
          t = "abu" + name;
        }
        i = k;
      } else if (one_of(t, kArticles) && !one_of(*next, kDin)) {
        continue;  // El-Sayed -> sayed
      } else if (one_of(t, kPatronymic) && (t != "ben" || i > 0)) {
        continue;  // Mohamed bin Salman
      }
    }
    t = canonical_din(canonical_abd(std::move(t)));
    // ... al-Din, ud-Din, uddin as separate words join the name before them.
    if (const std::string* next = next_latin(i + 1)) {
      if (one_of(*next, kArticles) && next_latin(i + 2) != nullptr &&
          one_of(*next_latin(i + 2), kDin)) {
        t += "aldin";
        i += 2;
      } else if (one_of(*next, kDin)) {
        t += "aldin";
        i += 1;
      }
    }
    add_token(parts, std::move(t), {});
  }
}

}  // namespace

NameParts normalize_name(std::string_view name) {
  NameParts parts;
  parts.original = std::string(name);
  const bool ascii = std::all_of(name.begin(), name.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string text;
  if (ascii) {
    text = std::string(name);
  } else {
    text = repair_utf8(name);
    detail::nfkc_in_place(text);
  }
  strip_markup(text);
  WordScanner scanner(parts);
  scanner.scan(text);
  std::vector<Word>& words = scanner.words();
  for (const Word& w : words) {
    if (w.ascii.empty()) continue;
    if (!parts.ascii.empty()) parts.ascii += ' ';
    parts.ascii += w.ascii;
  }
  resolve_particles(words, parts);
  return parts;
}

std::vector<std::string> token_keys(std::string_view folded_token) {
  std::vector<std::string> keys;
  detail::latin_token_keys(folded_token, keys);
  return keys;
}

std::string token_key(std::string_view folded_token) {
  std::vector<std::string> keys = token_keys(folded_token);
  return keys.empty() ? std::string() : std::move(keys.front());
}

std::vector<std::string> name_keys(const NameParts& parts) {
  std::vector<std::string> out;
  for (const auto& keys : parts.keys) {
    for (const auto& key : keys) {
      if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
    }
  }
  return out;
}

bool share_key(const NameParts& a, const NameParts& b) {
  for (const auto& ka : a.keys) {
    for (const auto& x : ka) {
      for (const auto& kb : b.keys) {
        if (std::find(kb.begin(), kb.end(), x) != kb.end()) return true;
      }
    }
  }
  return false;
}

}  // namespace crossroads::names
