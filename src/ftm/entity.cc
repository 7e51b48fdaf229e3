#include "ftm/entity.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace crossroads::ftm {
namespace {

using nlohmann::json;

// ISO 3166-1 alpha-2 (all 249 assigned codes), lower case as FtM stores them.
constexpr std::array<std::string_view, 249> kIsoCountries = {
    "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw", "ax", "az",
    "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bl", "bm", "bn", "bo", "bq", "br", "bs",
    "bt", "bv", "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl", "cm", "cn",
    "co", "cr", "cu", "cv", "cw", "cx", "cy", "cz", "de", "dj", "dk", "dm", "do", "dz", "ec", "ee",
    "eg", "eh", "er", "es", "et", "fi", "fj", "fk", "fm", "fo", "fr", "ga", "gb", "gd", "ge", "gf",
    "gg", "gh", "gi", "gl", "gm", "gn", "gp", "gq", "gr", "gs", "gt", "gu", "gw", "gy", "hk", "hm",
    "hn", "hr", "ht", "hu", "id", "ie", "il", "im", "in", "io", "iq", "ir", "is", "it", "je", "jm",
    "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp", "kr", "kw", "ky", "kz", "la", "lb", "lc",
    "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma", "mc", "md", "me", "mf", "mg", "mh", "mk",
    "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt", "mu", "mv", "mw", "mx", "my", "mz", "na",
    "nc", "ne", "nf", "ng", "ni", "nl", "no", "np", "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg",
    "ph", "pk", "pl", "pm", "pn", "pr", "ps", "pt", "pw", "py", "qa", "re", "ro", "rs", "ru", "rw",
    "sa", "sb", "sc", "sd", "se", "sg", "sh", "si", "sj", "sk", "sl", "sm", "sn", "so", "sr", "ss",
    "st", "sv", "sx", "sy", "sz", "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to",
    "tr", "tt", "tv", "tw", "tz", "ua", "ug", "um", "us", "uy", "uz", "va", "vc", "ve", "vg", "vi",
    "vn", "vu", "wf", "ws", "ye", "yt", "za", "zm", "zw",
};

// Codes FtM adds for places and bodies ISO does not list (Kosovo, the EU, "unknown"), former
// states that still appear in old records, and disputed territories.
constexpr std::array<std::string_view, 23> kFtmCountries = {
    "xk",    "eu",    "zz",     "zr",     "dd",     "yucs",   "csxx",   "cshh",
    "suhh",  "ge-ab", "x-so",   "ua-lpr", "ua-dpr", "ua-cri", "so-som", "cy-trnc",
    "az-nk", "cn-xz", "gg-srk", "gb-wls", "gb-sct", "gb-nir", "md-pmr",
};

constexpr std::string_view kTopLevelKeys[] = {"id",         "schema",    "properties",
                                              "caption",    "datasets",  "referents",
                                              "first_seen", "last_seen", "target"};

constexpr int kMaxJsonDepth = 16;
constexpr std::size_t kMaxQuoteBytes = 60;
constexpr std::size_t kMaxSuggestInput = 64;

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// Decodes one UTF-8 sequence at s[i]; returns its length (0 when ill-formed) and the code point.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Text safe to put into an error message: valid UTF-8, no control characters, and at most
// about `max_bytes`, so that a megabyte value does not come back in the message.
std::string sanitize(std::string_view s, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    char32_t cp = 0;
    std::size_t len = decode_utf8(s, i, cp);
    if (len == 0 || is_control(cp)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += len == 0 ? 1 : len;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string quote(std::string_view s) { return "'" + sanitize(s, kMaxQuoteBytes) + "'"; }

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t cost = to_lower(a[i - 1]) == to_lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest candidate (ignoring case), if it is close enough to be a likely typo.
template <typename Names>
std::string suggest(std::string_view wrong, const Names& candidates) {
  if (wrong.empty() || wrong.size() > kMaxSuggestInput) return {};
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, wrong.size() / 3) + 1;
  for (std::string_view candidate : candidates) {
    std::size_t d = edit_distance(wrong, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

std::string did_you_mean(const std::string& suggestion) {
  return suggestion.empty() ? std::string() : "; did you mean '" + suggestion + "'?";
}

// ---- values ---------------------------------------------------------------------------------

enum class Lines { kSingle, kMulti };

// Checks UTF-8 and control characters and trims. Single-line values get line breaks and tabs
// folded into one space (pasted addresses, names split over lines); multi-line values keep
// \n and \t and have \r\n turned into \n.
bool tidy_text(std::string_view raw, Lines lines, std::string& out, std::string& problem) {
  out.clear();
  out.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    char32_t cp = 0;
    std::size_t len = decode_utf8(raw, i, cp);
    if (len == 0) {
      problem = "is not valid UTF-8 text (byte " + std::to_string(i) + ")";
      return false;
    }
    if (lines == Lines::kSingle && is_ascii_space(static_cast<unsigned char>(raw[i]))) {
      std::size_t end = i;
      bool folded = false;
      while (end < raw.size() && is_ascii_space(static_cast<unsigned char>(raw[end]))) {
        folded = folded || raw[end] != ' ';
        ++end;
      }
      if (folded) {
        out += ' ';
      } else {
        out.append(raw.substr(i, end - i));
      }
      i = end;
      continue;
    }
    if (lines == Lines::kMulti && cp == '\r') {
      out += '\n';
      i += (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (is_control(cp) && !(lines == Lines::kMulti && (cp == '\n' || cp == '\t'))) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(cp));
      problem = std::string("contains the control character U+") + hex + "; remove it";
      return false;
    }
    out.append(raw.substr(i, len));
    i += len;
  }
  // Trim ASCII white space, no-break spaces (U+00A0) and byte-order marks (U+FEFF).
  auto leading = [&](std::string_view s) -> std::size_t {
    if (!s.empty() && is_ascii_space(static_cast<unsigned char>(s[0]))) return 1;
    if (s.starts_with("\xC2\xA0")) return 2;
    if (s.starts_with("\xEF\xBB\xBF")) return 3;
    return 0;
  };
  auto trailing = [&](std::string_view s) -> std::size_t {
    if (!s.empty() && is_ascii_space(static_cast<unsigned char>(s.back()))) return 1;
    if (s.ends_with("\xC2\xA0")) return 2;
    if (s.ends_with("\xEF\xBB\xBF")) return 3;
    return 0;
  };
  std::string_view view = out;
  while (std::size_t n = leading(view)) view.remove_prefix(n);
  while (std::size_t n = trailing(view)) view.remove_suffix(n);
  out = std::string(view);
  return true;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day), optionally THH:MM[:SS][Z] after a day.
bool is_date(std::string_view s) {
  std::string_view date = s.substr(0, s.find('T'));
  std::string_view time = date.size() < s.size() ? s.substr(date.size() + 1) : std::string_view();
  bool has_time = date.size() < s.size();
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
  if (!all_digits(date.substr(0, 4))) return false;
  int year = to_int(date.substr(0, 4));
  if (year == 0) return false;
  if (date.size() >= 7) {
    if (date[4] != '-' || !all_digits(date.substr(5, 2))) return false;
    int month = to_int(date.substr(5, 2));
    if (month < 1 || month > 12) return false;
    if (date.size() == 10) {
      if (date[7] != '-' || !all_digits(date.substr(8, 2))) return false;
      int day = to_int(date.substr(8, 2));
      if (day < 1 || day > days_in_month(year, month)) return false;
    }
  }
  if (!has_time) return true;
  if (date.size() != 10) return false;
  if (time.ends_with('Z')) time.remove_suffix(1);
  if (time.size() != 5 && time.size() != 8) return false;
  if (!all_digits(time.substr(0, 2)) || time[2] != ':' || !all_digits(time.substr(3, 2))) {
    return false;
  }
  if (to_int(time.substr(0, 2)) > 23 || to_int(time.substr(3, 2)) > 59) return false;
  if (time.size() == 8) {
    if (time[5] != ':' || !all_digits(time.substr(6, 2)) || to_int(time.substr(6, 2)) > 59) {
      return false;
    }
  }
  return true;
}

bool is_country(std::string_view code) {
  return std::find(kIsoCountries.begin(), kIsoCountries.end(), code) != kIsoCountries.end() ||
         std::find(kFtmCountries.begin(), kFtmCountries.end(), code) != kFtmCountries.end();
}

bool has_space_or_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
}

bool is_email(std::string_view s) {
  if (s.size() > 254 || has_space_or_control(s)) return false;
  std::size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = s.substr(at + 1);
  std::size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && !domain.ends_with('.') &&
         domain.find("..") == std::string_view::npos;
}

bool is_url(std::string_view s) {
  if (has_space_or_control(s)) return false;
  std::string prefix = lower(s.substr(0, 8));
  std::size_t scheme;
  if (prefix.starts_with("https://")) {
    scheme = 8;
  } else if (prefix.starts_with("http://")) {
    scheme = 7;
  } else {
    return false;
  }
  std::string_view rest = s.substr(scheme);
  std::size_t host_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, host_end);
  return !authority.empty() && authority.front() != ':' && authority.front() != '@';
}

// A plain decimal number: optional sign, digits, optional fraction and exponent.
bool is_number(std::string_view s) {
  std::string_view body = s;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) body.remove_prefix(1);
  if (body.empty() || !(is_digit(body.front()) || body.front() == '.')) return false;
  double value = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  return ec == std::errc() && end == body.data() + body.size() && std::isfinite(value);
}

// IBAN: country code, check digits and 11-30 letters or digits whose ISO 7064 mod 97 is 1.
bool is_iban(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0])) ||
      !std::isalpha(static_cast<unsigned char>(s[1])) || !is_digit(s[2]) || !is_digit(s[3])) {
    return false;
  }
  std::string rearranged = std::string(s.substr(4)) + std::string(s.substr(0, 4));
  int remainder = 0;
  for (char c : rearranged) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool is_entity_id(std::string_view s) { return !s.empty() && !has_space_or_control(s); }

// Cleans one value of a property of the given FtM type. Returns false with `problem` set
// (without the location; the caller adds it).
bool clean_value(const std::string& type, std::string_view raw, std::string& out,
                 std::string& problem) {
  const bool multi_line = type == "text" || type == "html" || type == "json";
  if (!tidy_text(raw, multi_line ? Lines::kMulti : Lines::kSingle, out, problem)) return false;
  if (out.empty()) return true;

  std::size_t limit = kMaxValueBytes;
  if (type == "name" || type == "identifier" || type == "phone") limit = kMaxNameBytes;
  if (type == "entity") limit = kMaxIdBytes;
  if (out.size() > limit) {
    problem =
        "is " + with_thousands(out.size()) + " bytes long; the limit is " + with_thousands(limit);
    return false;
  }

  if (type == "date") {
    if (!is_date(out)) {
      problem = quote(out) + " is not a date; write YYYY, YYYY-MM or YYYY-MM-DD";
      return false;
    }
  } else if (type == "country") {
    std::string code = lower(out);
    if (!is_country(code)) {
      problem = quote(out) + " is not a country code; write the ISO 3166-1 two-letter code, " +
                "e.g. 'de' for Germany or 'xk' for Kosovo";
      return false;
    }
    out = code;
  } else if (type == "email") {
    if (!is_email(out)) {
      problem = quote(out) + " is not an e-mail address; write name@example.org";
      return false;
    }
  } else if (type == "url") {
    if (!is_url(out)) {
      problem = quote(out) + " is not a web address; write it in full, starting with https://";
      return false;
    }
  } else if (type == "number") {
    if (!is_number(out)) {
      problem =
          quote(out) + " is not a number; write digits with a '.' for decimals, " + "e.g. 1250.50";
      return false;
    }
  } else if (type == "entity") {
    if (!is_entity_id(out)) {
      problem = quote(out) + " is not an entity id; ids contain no spaces";
      return false;
    }
  } else if (type == "iban") {
    std::string compact;
    for (char c : out) {
      if (c != ' ') compact += to_upper(c);
    }
    if (!is_iban(compact)) {
      problem = quote(out) + " is not a valid IBAN; check the country code and the digits";
      return false;
    }
    out = compact;
  } else if (type == "phone") {
    if (std::none_of(out.begin(), out.end(), is_digit)) {
      problem = quote(out) + " is not a phone number; it has no digits";
      return false;
    }
  }
  return true;
}

std::string location(std::string_view property, std::size_t index) {
  return "properties." + std::string(property) + "[" + std::to_string(index) + "]: ";
}

core::Status check_schema(const SchemaRegistry& registry, const std::string& name,
                          const SchemaSpec*& spec) {
  if (name.empty()) return core::invalid("the entity has no schema; use e.g. 'Person'", "schema");
  spec = registry.find(name);
  if (spec == nullptr) {
    std::vector<std::string_view> names;
    for (const SchemaSpec* s : registry.supported()) names.push_back(s->name);
    return core::invalid("unknown schema " + quote(name) + did_you_mean(suggest(name, names)),
                         "schema");
  }
  if (spec->abstract) {
    std::string examples;
    for (const SchemaSpec* s : registry.supported()) {
      if (s->is_a(spec->name) && examples.size() < 60) {
        examples += examples.empty() ? "" : ", ";
        examples += s->name;
      }
    }
    return core::invalid("'" + spec->name + "' is abstract; use a concrete schema" +
                             (examples.empty() ? "" : " such as " + examples),
                         "schema");
  }
  const auto& supported = registry.supported();
  if (std::find(supported.begin(), supported.end(), spec) == supported.end()) {
    return core::invalid("'" + spec->name + "' is not among the schemata a case can hold",
                         "schema");
  }
  return core::Status::ok();
}

std::string caption_of(const SchemaSpec& spec, const core::Properties& properties) {
  for (const auto& name : spec.caption) {
    auto it = properties.find(name);
    if (it == properties.end()) continue;
    for (const auto& value : it->second) {
      if (!value.empty()) return value;
    }
  }
  return spec.label;
}

const char* json_type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "true or false";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "a list";
    case json::value_t::string:
      return "a string";
    case json::value_t::binary:
      return "binary data";
    case json::value_t::discarded:
      return "nothing";
    default:
      return "a number";
  }
}

// nlohmann's parser is iterative, but the document it builds is freed recursively; refuse deep
// nesting before parsing so that "[[[[..." cannot exhaust the stack. FtM needs depth 3.
bool nesting_too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::string json_string(const std::string& s) {
  // Replaces ill-formed UTF-8 instead of throwing: validated entities never contain it, and
  // exporting an unvalidated one must not crash.
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

core::Status read_string_list(const json& value, const std::string& where) {
  if (!value.is_array()) {
    return core::invalid(where + ": must be a list of strings, not " + json_type_name(value),
                         where);
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      return core::invalid(
          where + "[" + std::to_string(i) + "]: must be a string, not " + json_type_name(value[i]),
          where);
    }
  }
  return core::Status::ok();
}

core::Result<core::Entity> entity_from_document(const json& root) {
  if (!root.is_object()) {
    return core::invalid(std::string("an FtM entity is a JSON object, not ") +
                         json_type_name(root));
  }
  core::Entity entity;
  bool has_schema = false;
  for (const auto& [key, value] : root.items()) {
    if (std::find(std::begin(kTopLevelKeys), std::end(kTopLevelKeys), key) ==
        std::end(kTopLevelKeys)) {
      return core::invalid("unknown key " + quote(key) +
                               "; an FtM entity has id, schema, properties, caption, datasets, "
                               "referents, first_seen, last_seen and target",
                           key);
    }
    if (key == "id" || key == "schema" || key == "caption" || key == "first_seen" ||
        key == "last_seen") {
      if (!value.is_string()) {
        return core::invalid(key + ": must be a string, not " + json_type_name(value), key);
      }
    }
    if (key == "id") {
      entity.ftm_id = value.get<std::string>();
    } else if (key == "schema") {
      entity.schema = value.get<std::string>();
      has_schema = true;
    } else if (key == "caption") {
      entity.caption = value.get<std::string>();
    } else if (key == "datasets" || key == "referents") {
      CR_RETURN_IF_ERROR(read_string_list(value, key));
    } else if (key == "target") {
      if (!value.is_boolean()) {
        return core::invalid(
            "target: must be true or false, not " + std::string(json_type_name(value)), key);
      }
    } else if (key == "properties") {
      if (!value.is_object()) {
        return core::invalid(
            std::string("properties: must be an object, not ") + json_type_name(value),
            "properties");
      }
      for (const auto& [name, values] : value.items()) {
        const std::string field = "properties." + name;
        std::vector<std::string> list;
        if (values.is_string()) {
          list.push_back(values.get<std::string>());  // FtM tools accept a lone value
        } else if (values.is_array()) {
          if (values.size() > kMaxValuesPerProperty) {
            return core::invalid(field + ": has " + with_thousands(values.size()) +
                                     " values; the limit is " +
                                     with_thousands(kMaxValuesPerProperty),
                                 field);
          }
          for (std::size_t i = 0; i < values.size(); ++i) {
            if (!values[i].is_string()) {
              return core::invalid(
                  location(name, i) + "must be a string, not " + json_type_name(values[i]), field);
            }
            list.push_back(values[i].get<std::string>());
          }
        } else {
          return core::invalid(field + ": must be a list of strings, not " + json_type_name(values),
                               field);
        }
        entity.properties.emplace(name, std::move(list));
      }
    }
  }
  if (!has_schema) return core::invalid("schema: is missing; use e.g. 'Person'", "schema");
  return entity;
}

}  // namespace

core::Status validate_entity(const SchemaRegistry& registry, core::Entity& entity) {
  const SchemaSpec* spec = nullptr;
  CR_RETURN_IF_ERROR(check_schema(registry, entity.schema, spec));

  std::string id;
  if (!entity.ftm_id.empty()) {
    std::string problem;
    if (!tidy_text(entity.ftm_id, Lines::kSingle, id, problem)) {
      return core::invalid("id: " + problem, "id");
    }
    if (id.size() > kMaxIdBytes) {
      return core::invalid("id: is " + with_thousands(id.size()) + " bytes long; the limit is " +
                               with_thousands(kMaxIdBytes),
                           "id");
    }
    if (!is_entity_id(id)) {
      return core::invalid("id: " + quote(id) + " is not an entity id; ids contain no spaces",
                           "id");
    }
  }

  // Build the tidied properties aside and swap them in only when everything is valid.
  core::Properties tidied;
  std::size_t total_bytes = 0;
  for (const auto& [name, values] : entity.properties) {
    const std::string field = "properties." + name;
    const PropertySpec* prop = spec->property(name);
    if (prop == nullptr) {
      std::vector<std::string_view> names;
      for (const auto& [candidate, unused] : spec->properties) names.push_back(candidate);
      return core::invalid("'" + spec->name + "' has no property " + quote(name) +
                               did_you_mean(suggest(name, names)),
                           field);
    }
    if (values.size() > kMaxValuesPerProperty) {
      return core::invalid(field + ": has " + with_thousands(values.size()) +
                               " values; the limit is " + with_thousands(kMaxValuesPerProperty),
                           field);
    }
    std::vector<std::string> kept;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string clean;
      std::string problem;
      if (!clean_value(prop->type, values[i], clean, problem)) {
        return core::invalid(location(name, i) + problem, field);
      }
      if (clean.empty()) continue;
      if (!seen.insert(clean).second) continue;
      total_bytes += clean.size();
      if (total_bytes > kMaxEntityBytes) {
        return {core::Code::kPayloadTooLarge,
                "the entity's values exceed " + with_thousands(kMaxEntityBytes) +
                    " bytes; attach long texts as documents instead",
                field};
      }
      kept.push_back(std::move(clean));
    }
    if (!kept.empty()) tidied.emplace(name, std::move(kept));
  }

  for (const auto& name : spec->required) {
    if (!tidied.contains(name)) {
      const PropertySpec* prop = spec->property(name);
      return core::invalid("properties." + name + ": '" + spec->name + "' needs a value for '" +
                               name + "' (" + (prop != nullptr ? prop->label : name) + ")",
                           "properties." + name);
    }
  }

  entity.caption = caption_of(*spec, tidied);
  entity.properties = std::move(tidied);
  entity.ftm_id = std::move(id);
  return core::Status::ok();
}

core::Result<core::Entity> entity_from_json(std::string_view text) {
  if (text.size() > kMaxEntityJsonBytes) {
    return core::Status(core::Code::kPayloadTooLarge,
                        "the entity is " + with_thousands(text.size()) +
                            " bytes of JSON; the limit is " + with_thousands(kMaxEntityJsonBytes));
  }
  if (nesting_too_deep(text)) {
    return core::invalid("the JSON is nested more than " + std::to_string(kMaxJsonDepth) +
                         " levels deep; an FtM entity needs three");
  }
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> the part a
    // person can act on, without the library's tag.
    std::size_t tag_end = what.find("] ");
    if (tag_end != std::string::npos) what = what.substr(tag_end + 2);
    return core::invalid("not valid JSON: " + sanitize(what, 300));
  } catch (const json::exception& e) {
    return core::invalid("not valid JSON: " + sanitize(e.what(), 300));
  }
  try {
    return entity_from_document(root);
  } catch (const json::exception& e) {
    // Every access above is type-checked first; this is a guard, not a path we expect.
    return core::internal(std::string("reading the entity failed: ") + e.what());
  }
}

std::string entity_to_json(const core::Entity& entity) {
  std::string out = "{";
  if (!entity.ftm_id.empty()) out += "\"id\":" + json_string(entity.ftm_id) + ",";
  if (!entity.caption.empty()) out += "\"caption\":" + json_string(entity.caption) + ",";
  out += "\"schema\":" + json_string(entity.schema) + ",\"properties\":{";
  bool first_property = true;
  for (const auto& [name, values] : entity.properties) {  // std::map: sorted by name
    if (!first_property) out += ',';
    first_property = false;
    out += json_string(name) + ":[";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ',';
      out += json_string(values[i]);
    }
    out += ']';
  }
  out += "}}";
  return out;
}

std::vector<std::pair<std::string, std::string>> entity_references(const SchemaRegistry& registry,
                                                                   const core::Entity& entity) {
  std::vector<std::pair<std::string, std::string>> references;
  const SchemaSpec* spec = registry.find(entity.schema);
  if (spec == nullptr) return references;
  for (const auto& [name, values] : entity.properties) {
    const PropertySpec* prop = spec->property(name);
    if (prop == nullptr || prop->type != "entity") continue;
    for (const auto& value : values) {
      if (!value.empty()) references.emplace_back(name, value);
    }
  }
  return references;
}

}  // namespace crossroads::ftm
