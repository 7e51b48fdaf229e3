#include "names/transliteration.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <array>
#include <cstring>
#include <memory>
#include <vector>

namespace crossroads::names::detail {
namespace {

constexpr char32_t kTableSize = 0x2000;

void set_ascii(CharInfo& info, std::string_view s) {
  std::size_t n = std::min<std::size_t>(s.size(), sizeof(info.ascii) - 1);
  std::memcpy(info.ascii, s.data(), n);
  info.ascii[n] = '\0';
}

void set_script(CharInfo& info, const char* code) {
  std::size_t k = 0;
  for (; k + 1 < sizeof(info.script) && code[k] != '\0'; ++k) info.script[k] = code[k];
  info.script[k] = '\0';
}

// Latin letters whose fold is not their canonical decomposition.
const char* special_latin(char32_t c) {
  switch (c) {
    case U'ß':
      return "ss";
    case U'ş':  // Turkish and Kurdish ş, Romanian ș, Slavic š: "sh" (Şêrko = Shirko)
    case U'Ş':
    case U'ș':
    case U'Ș':
    case U'š':
    case U'Š':
      return "sh";
    case U'č':  // Slavic č: "ch" (Miličević)
    case U'Č':
      return "ch";
    case U'ž':
    case U'Ž':
      return "zh";
    case U'æ':
      return "ae";
    case U'œ':
      return "oe";
    case U'ø':
      return "o";
    case U'ł':
      return "l";
    case U'đ':
    case U'ð':
      return "d";
    case U'þ':
      return "th";
    case U'ı':
      return "i";
    case U'ə':
    case U'ɛ':
      return "e";
    case U'ǝ':
      return "";  // ICU's sixth-order Ge'ez vowel: mostly not pronounced
    case U'ŋ':
      return "ng";
    case U'ħ':
      return "h";
    case U'ĸ':
      return "k";
    case U'ŀ':
      return "l";
    case U'ŧ':
      return "t";
    case U'ɔ':
      return "o";
    case U'ʃ':
      return "sh";
    case U'ʒ':
      return "zh";
    case U'ĳ':
      return "ij";
    default:
      return nullptr;
  }
}

const char* cyrillic(char32_t c) {  // lower case
  static constexpr std::array<const char*, 32> kBasic = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  if (c >= 0x0430 && c <= 0x044F) return kBasic[c - 0x0430];
  switch (c) {
    case 0x0451:
      return "yo";
    case 0x0456:
      return "i";
    case 0x0457:
      return "yi";
    case 0x0454:
      return "ye";
    case 0x0491:
      return "g";
    case 0x0452:
      return "dj";
    case 0x0458:
      return "j";
    case 0x0459:
      return "lj";
    case 0x045A:
      return "nj";
    case 0x045B:
      return "c";
    case 0x045F:
      return "dz";
    case 0x0455:
      return "dz";
    case 0x045E:
      return "u";
    case 0x0493:
      return "gh";
    case 0x049B:
      return "q";
    case 0x04A3:
      return "ng";
    case 0x04AF:
    case 0x04B1:
      return "u";
    case 0x04BB:
      return "h";
    case 0x04E9:
      return "o";
    case 0x04D9:
      return "a";
    case 0x04B3:
      return "kh";
    case 0x04B7:
      return "j";
    case 0x04E3:
      return "i";
    case 0x04EF:
      return "u";
    default:
      return nullptr;
  }
}

struct ArabicLetter {
  char32_t cp;
  const char* latin;
  const char* ascii;
};

constexpr ArabicLetter kArabicLetters[] = {
    {U'ء', "ʾ", ""},    {U'آ', "ā", "a"},   {U'أ', "a", "a"},   {U'ؤ', "ʾ", ""},
    {U'إ', "i", "i"},   {U'ئ', "ʾ", ""},    {U'ا', "a", "a"},   {U'ب', "b", "b"},
    {U'ة', "a", "a"},   {U'ت', "t", "t"},   {U'ث', "th", "th"}, {U'ج', "j", "j"},
    {U'ح', "ḥ", "h"},   {U'خ', "kh", "kh"}, {U'د', "d", "d"},   {U'ذ', "dh", "dh"},
    {U'ر', "r", "r"},   {U'ز', "z", "z"},   {U'س', "s", "s"},   {U'ش', "sh", "sh"},
    {U'ص', "ṣ", "s"},   {U'ض', "ḍ", "d"},   {U'ط', "ṭ", "t"},   {U'ظ', "ẓ", "z"},
    {U'ع', "ʿ", ""},    {U'غ', "gh", "gh"}, {U'ف', "f", "f"},   {U'ق', "q", "q"},
    {U'ك', "k", "k"},   {U'ل', "l", "l"},   {U'م', "m", "m"},   {U'ن', "n", "n"},
    {U'ه', "h", "h"},   {U'و', "w", "w"},   {U'ى', "ā", "a"},   {U'ي', "y", "y"},
    {U'ٱ', "a", "a"},   {U'ٹ', "ṭ", "t"},   {U'پ', "p", "p"},   {U'چ', "ch", "ch"},
    {U'ځ', "dz", "dz"}, {U'څ', "ts", "ts"}, {U'ڈ', "ḍ", "d"},   {U'ډ', "ḍ", "d"},
    {U'ڑ', "ṛ", "r"},   {U'ړ', "ṛ", "r"},   {U'ڕ', "ř", "r"},   {U'ږ', "zh", "zh"},
    {U'ژ', "zh", "zh"}, {U'ښ', "x", "sh"},  {U'ڤ', "v", "v"},   {U'ک', "k", "k"},
    {U'گ', "g", "g"},   {U'ڵ', "ł", "l"},   {U'ں', "n", "n"},   {U'ڼ', "ṇ", "n"},
    {U'ھ', "h", "h"},   {U'ہ', "h", "h"},   {U'ۀ', "eh", "eh"}, {U'ۆ', "o", "o"},
    {U'ۇ', "u", "u"},   {U'ۈ', "ü", "u"},   {U'ۋ', "v", "v"},   {U'ی', "y", "y"},
    {U'ۍ', "ay", "ay"}, {U'ێ', "ê", "e"},   {U'ې', "e", "e"},   {U'ے', "e", "e"},
    {U'ە', "e", "e"},
};

const ArabicLetter* find_arabic(char32_t c) {
  for (const auto& l : kArabicLetters) {
    if (l.cp == c) return &l;
  }
  return nullptr;
}

CharInfo compute_info(char32_t c) {
  CharInfo info;
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') {
      info.kind = CharKind::kLatin;
      info.ascii[0] = static_cast<char>(c);
      set_script(info, "Latn");
    } else if (c >= 'A' && c <= 'Z') {
      info.kind = CharKind::kLatin;
      info.upper = true;
      info.ascii[0] = static_cast<char>(c - 'A' + 'a');
      set_script(info, "Latn");
    } else if (c == '\'' || c == '`') {
      info.kind = CharKind::kIgnore;
    }
    return info;
  }
  if (c == 0x2018 || c == 0x2019 || c == 0x00B4 || c == 0x200C || c == 0x200D ||
      (c >= 0x02BB && c <= 0x02BF) || c == 0x0640) {
    info.kind = CharKind::kIgnore;  // apostrophes, ʿayn/hamza signs, ZWNJ/ZWJ, tatweel
    return info;
  }
  if (c >= 0x0600 && c <= 0x06FF) {
    if (find_arabic(c) != nullptr) {
      info.kind = CharKind::kArabic;
      info.base = c;
      set_script(info, "Arab");
    } else if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED)) {
      info.kind = CharKind::kIgnore;  // harakat, superscript alef, Quranic marks
    }
    return info;
  }
  const int8_t category = static_cast<int8_t>(u_charType(static_cast<UChar32>(c)));
  if (category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK ||
      category == U_ENCLOSING_MARK) {
    info.kind = CharKind::kIgnore;
    return info;
  }
  if (!u_isalpha(static_cast<UChar32>(c))) return info;  // separator
  info.upper = u_isupper(static_cast<UChar32>(c));
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  const char* code = U_SUCCESS(status) ? uscript_getShortName(script) : nullptr;
  set_script(info, code != nullptr ? code : "Zyyy");
  const char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  if (script == USCRIPT_LATIN) {
    info.kind = CharKind::kLatin;
    if (lower < 0x80) {  // İ
      info.ascii[0] = static_cast<char>(lower);
      return info;
    }
    if (const char* s = special_latin(lower)) {
      set_ascii(info, s);
      return info;
    }
    status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposition;
    if (U_SUCCESS(status) && nfd->getDecomposition(static_cast<UChar32>(lower), decomposition) &&
        decomposition.length() > 0 && decomposition.charAt(0) < 0x80 &&
        u_isalpha(decomposition.charAt(0))) {
      info.ascii[0] = static_cast<char>(u_tolower(decomposition.charAt(0)));
      return info;
    }
    info.kind = CharKind::kOther;  // rare Latin letters: ICU knows them
    return info;
  }
  if (script == USCRIPT_CYRILLIC) {
    if (const char* s = cyrillic(lower)) {
      info.kind = CharKind::kCyrillic;
      set_ascii(info, s);
      return info;
    }
    info.kind = CharKind::kOther;
    return info;
  }
  if (script == USCRIPT_GREEK) {
    status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposition;
    char32_t base = lower;
    if (U_SUCCESS(status) && nfd->getDecomposition(static_cast<UChar32>(lower), decomposition) &&
        decomposition.length() > 0) {
      base = static_cast<char32_t>(decomposition.char32At(0));
    }
    if (base >= 0x03B1 && base <= 0x03C9) {
      info.kind = CharKind::kGreek;
      info.base = base;
      return info;
    }
    info.kind = CharKind::kOther;
    return info;
  }
  info.kind = CharKind::kOther;
  return info;
}

const std::vector<CharInfo>& table() {
  static const std::vector<CharInfo> kTable = [] {
    std::vector<CharInfo> t(kTableSize);
    for (char32_t c = 0; c < kTableSize; ++c) t[c] = compute_info(c);
    return t;
  }();
  return kTable;
}

class PerThreadTransliterator {
 public:
  PerThreadTransliterator() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator_.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) transliterator_.reset();
  }
  icu::Transliterator* get() { return transliterator_.get(); }

 private:
  std::unique_ptr<icu::Transliterator> transliterator_;
};

}  // namespace

CharInfo char_info(char32_t cp) {
  if (cp < kTableSize) return table()[cp];
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return compute_info(cp);
}

std::string_view arabic_latin(char32_t letter) {
  const ArabicLetter* l = find_arabic(letter);
  return l != nullptr ? l->latin : "";
}

std::string_view arabic_ascii(char32_t letter) {
  const ArabicLetter* l = find_arabic(letter);
  return l != nullptr ? l->ascii : "";
}

std::string greek_to_ascii(std::u32string_view w) {
  std::string out;
  out.reserve(w.size() * 2);
  auto at = [&](std::size_t i) -> char32_t { return i < w.size() ? w[i] : 0; };
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char32_t c = w[i];
    const char32_t next = at(i + 1);
    if (c == U'μ' && next == U'π') {
      out += 'b';
      ++i;
      continue;
    }
    if (c == U'ν' && next == U'τ') {
      out += 'd';
      ++i;
      continue;
    }
    if (c == U'γ' && (next == U'κ' || next == U'γ')) {
      out += 'g';
      ++i;
      continue;
    }
    if (c == U'τ' && next == U'ζ') {
      out += 'j';
      ++i;
      continue;
    }
    if (c == U'τ' && next == U'σ') {
      out += "ts";
      ++i;
      continue;
    }
    if (c == U'ο' && next == U'υ') {
      out += 'u';
      ++i;
      continue;
    }
    if ((c == U'α' || c == U'ε') && next == U'υ') {
      out += c == U'α' ? "av" : "ev";
      ++i;
      continue;
    }
    switch (c) {
      case U'α':
        out += 'a';
        break;
      case U'β':
        out += 'v';
        break;
      case U'γ':
        out += 'g';
        break;
      case U'δ':
        out += 'd';
        break;
      case U'ε':
        out += 'e';
        break;
      case U'ζ':
        out += 'z';
        break;
      case U'η':
      case U'ι':
      case U'υ':
        out += 'i';
        break;
      case U'θ':
        out += "th";
        break;
      case U'κ':
        out += 'k';
        break;
      case U'λ':
        out += 'l';
        break;
      case U'μ':
        out += 'm';
        break;
      case U'ν':
        out += 'n';
        break;
      case U'ξ':
        out += "ks";
        break;
      case U'ο':
      case U'ω':
        out += 'o';
        break;
      case U'π':
        out += 'p';
        break;
      case U'ρ':
        out += 'r';
        break;
      case U'σ':
      case U'ς':
        out += 's';
        break;
      case U'τ':
        out += 't';
        break;
      case U'φ':
        out += 'f';
        break;
      case U'χ':
        out += "kh";
        break;
      case U'ψ':
        out += "ps";
        break;
      default:
        break;
    }
  }
  return out;
}

std::string icu_to_latin(std::u32string_view run) {
  thread_local PerThreadTransliterator transliterator;
  icu::Transliterator* t = transliterator.get();
  if (t == nullptr) return {};
  icu::UnicodeString s;
  for (char32_t c : run) s.append(static_cast<UChar32>(c));
  t->transliterate(s);
  std::string out;
  s.toUTF8String(out);
  return out;
}

void nfkc_in_place(std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return;
  if (nfkc->isNormalizedUTF8(utf8, status) || U_FAILURE(status)) return;
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfkc->normalizeUTF8(0, utf8, sink, nullptr, status);
  if (U_SUCCESS(status)) utf8.swap(out);
}

}  // namespace crossroads::names::detail
