#include "normalize/text.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

#include "normalize/normalize.h"

namespace crossroads::normalize {

namespace {

// Calls fn(code point or -1, raw bytes) for each code point of s.
template <typename Fn>
void for_each_code_point(std::string_view s, Fn fn) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    fn(c, s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
}

}  // namespace

std::string fold_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](UChar32 c, std::string_view raw) {
    if (c > 0x7f && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      out.push_back(static_cast<char>('0' + u_charDigitValue(c)));
    } else {
      out.append(raw);
    }
  });
  return out;
}

namespace text {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string to_lower_unicode(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

bool is_valid_utf8(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && to_lower_ascii(s.substr(0, prefix.size())) == prefix;
}

std::string remove_chars(std::string_view s, std::string_view chars) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (chars.find(c) == std::string_view::npos) out.push_back(c);
  }
  return out;
}

std::string fold_separators(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](UChar32 c, std::string_view raw) {
    if (c > 0x7f && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      out.push_back(static_cast<char>('0' + u_charDigitValue(c)));
    } else if (c > 0x7f && (u_isUWhiteSpace(c) || c == 0x200B || c == 0x200E || c == 0x200F ||
                            c == 0x202A || c == 0x202B || c == 0x202C || c == 0x2066 ||
                            c == 0x2067 || c == 0x2068 || c == 0x2069 || c == 0xFEFF)) {
      // Spaces, and the invisible direction marks that Arabic and Persian text carries.
      out.push_back(' ');
    } else if (c > 0x7f && (u_charType(c) == U_DASH_PUNCTUATION || c == 0x2212)) {
      out.push_back('-');
    } else if (c == 0xFF0B) {
      out.push_back('+');
    } else {
      out.append(raw);
    }
  });
  return out;
}

bool luhn_valid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string quote(std::string_view s) {
  constexpr std::size_t kMax = 80;
  std::string out = "'";
  if (s.size() <= kMax) {
    out.append(s);
  } else {
    // Cut on a code point boundary so the message stays valid UTF-8.
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    out.append(s.substr(0, cut));
    out.append("...");
  }
  out.push_back('\'');
  return out;
}

namespace {

const std::map<std::string, std::string>& alpha3_to_alpha2() {
  static const std::map<std::string, std::string> table = [] {
    std::map<std::string, std::string> t;
    for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
      icu::Locale locale("", *c);
      const char* a3 = locale.getISO3Country();
      if (a3 != nullptr && a3[0] != '\0') t[a3] = *c;
    }
    t["XKX"] = "XK";  // Kosovo: user-assigned, used by the EU and on its documents
    t["RKS"] = "XK";
    t["D"] = "DE";  // German documents' MRZ uses "D<<"
    return t;
  }();
  return table;
}

bool known_alpha2(std::string_view code) {
  static const std::map<std::string, bool, std::less<>> table = [] {
    std::map<std::string, bool, std::less<>> t;
    for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) t[*c] = true;
    t["XK"] = true;
    return t;
  }();
  return table.find(code) != table.end();
}

}  // namespace

std::optional<std::string> country_alpha2(std::string_view code) {
  const std::string upper = to_upper_ascii(code);
  if (upper.size() == 2 && is_alpha(upper[0]) && is_alpha(upper[1])) {
    if (upper == "UK") return "GB";
    if (known_alpha2(upper)) return upper;
    return std::nullopt;
  }
  if (upper.size() == 3 || upper.size() == 1) {
    const auto& table = alpha3_to_alpha2();
    auto it = table.find(upper);
    if (it != table.end()) return it->second;
  }
  return std::nullopt;
}

std::string country_name(std::string_view alpha2) {
  if (alpha2 == "XK") return "Kosovo";
  icu::Locale locale("", std::string(alpha2).c_str());
  icu::UnicodeString name;
  locale.getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  if (out.empty() || out == alpha2) return std::string(alpha2);
  return out;
}

}  // namespace text
}  // namespace crossroads::normalize
