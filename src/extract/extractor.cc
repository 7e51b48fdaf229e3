#include "extract/extractor.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <utility>

#include "extract/language.h"

namespace crossroads::extract {

namespace {

using normalize::Context;
using normalize::Kind;
using normalize::Normalized;

// Byte classes, so that the scan spends one table load per byte of ordinary text.
enum ByteClass : std::uint8_t {
  kTrigger = 1,    // may start a candidate: digits, '@', '/', '.', lead bytes of Arabic
                   // and Persian digits, 'B' (BIC) and 'S' (SWIFT)
  kAlnum = 2,      // ASCII letter or digit
  kLocalPart = 4,  // may be in the local part of an e-mail address
  kHost = 8,       // may be in a host name
  kUrl = 16,       // may be in a URL after the host
  kHandle = 32,    // may be in an @handle
  kHexDigit = 64,  // 0-9a-fA-F
  kAsciiAlpha = 128,
};

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t v = 0;
    const bool digit = c >= '0' && c <= '9';
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (digit || c == '@' || c == '/' || c == '.' || c == 0xD9 || c == 0xDB || c == 'B' ||
        c == 'S') {
      v |= kTrigger;
    }
    if (digit || alpha) v |= kAlnum | kLocalPart | kHost | kUrl | kHandle;
    if (alpha) v |= kAsciiAlpha;
    if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) v |= kHexDigit;
    if (c == '.' || c == '_' || c == '%' || c == '+' || c == '-') v |= kLocalPart;
    if (c == '.' || c == '-') v |= kHost;
    if (c == '.' || c == '_') v |= kHandle;
    // RFC 3986 characters, less the ones that delimit URLs in prose (<>"` {}|\^).
    if (c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"' && c != '`' && c != '{' &&
        c != '}' && c != '|' && c != '\\' && c != '^') {
      v |= kUrl;
    }
    t[static_cast<std::size_t>(c)] = v;
  }
  return t;
}

constexpr std::array<std::uint8_t, 256> kClass = make_classes();

// Kinds whose validation is strongest win ties between overlapping findings of equal length.
int priority(Kind kind) {
  switch (kind) {
    case Kind::kIban:
      return 0;
    case Kind::kCryptoWallet:
      return 1;
    case Kind::kImei:
      return 2;
    case Kind::kImo:
      return 3;
    case Kind::kMmsi:
      return 4;
    case Kind::kBic:
      return 5;
    case Kind::kEmail:
      return 6;
    case Kind::kOnlineAccount:
      return 7;
    case Kind::kUrl:
      return 8;
    case Kind::kPaymentCard:
      return 9;
    default:
      return 10;
  }
}

// Platform names as people write them next to a bare @handle, in the languages of the cases.
struct PlatformCue {
  std::string_view word;  // ASCII words lower case
  const char* platform;   // as normalize_online_account reads it
};

constexpr PlatformCue kPlatformCues[] = {
    {"telegram", "telegram"},
    {"telegramm", "telegram"},
    {"t.me", "telegram"},
    {"tg", "telegram"},
    {"تلگرام", "telegram"},
    {"تلغرام", "telegram"},
    {"تيليجرام", "telegram"},
    {"تليجرام", "telegram"},
    {"تلجرام", "telegram"},
    {"تیلیگرام", "telegram"},
    {"instagram", "instagram"},
    {"insta", "instagram"},
    {"ig", "instagram"},
    {"انستغرام", "instagram"},
    {"انستقرام", "instagram"},
    {"انستجرام", "instagram"},
    {"اینستاگرام", "instagram"},
    {"اینستا", "instagram"},
    {"انستا", "instagram"},
    {"tiktok", "tiktok"},
    {"tik tok", "tiktok"},
    {"تيك توك", "tiktok"},
    {"تيكتوك", "tiktok"},
    {"تیک تاک", "tiktok"},
    {"twitter", "x"},
    {"تويتر", "x"},
    {"توییتر", "x"},
    {"snapchat", "snapchat"},
    {"snap", "snapchat"},
    {"سناب", "snapchat"},
    {"facebook", "facebook"},
    {"فيسبوك", "facebook"},
    {"فيس بوك", "facebook"},
    {"فیسبوک", "facebook"},
    {"signal", "signal"},
};

constexpr std::size_t kCueBefore = 80;  // bytes searched before an @handle for its platform
constexpr std::size_t kCueAfter = 40;
constexpr std::size_t kMaxUrlBytes = 2048;
constexpr std::size_t kMaxGroups = 32;       // digit groups in one run of a number
constexpr std::size_t kMinNumberDigits = 7;  // phones and IMO numbers; MMSI 9, cards 13, IMEI 14

struct Candidate {
  std::size_t begin;
  std::size_t end;
  Normalized normalized;
};

struct DigitGroup {
  std::size_t begin;  // at the '+' when there is one
  std::size_t end;
  std::size_t digits;
  bool plus;
  char separator_before;  // the separator character before this group ('\0' for the first)
  bool space_before;      // separator contains a space or '('
  bool space_after;       // separator contains a space or ')'
};

bool lower_equals(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

class Scanner {
 public:
  Scanner(std::string_view text, const Context& ctx, PhoneCache& phones)
      : text_(text), ctx_(ctx), phones_(phones) {}

  std::vector<Candidate> run() {
    const std::size_t n = text_.size();
    std::size_t i = 0;
    while (i < n) {
      // The lead bytes of Arabic-Indic and Persian digits also lead most letters of Arabic
      // script (ل م ن ه و ي ی): they stop the scan only when a digit follows.
      while (i < n && ((kClass[byte(i)] & kTrigger) == 0 ||
                       ((byte(i) == 0xD9 || byte(i) == 0xDB) && digit_length(i) == 0))) {
        ++i;
      }
      if (i >= n) break;
      const unsigned char c = byte(i);
      std::size_t next = i + 1;
      if (c == '@') {
        next = on_at(i);
      } else if (c == '/') {
        next = on_slash(i);
      } else if (c == '.') {
        next = on_dot(i);
      } else if (c == 'B' || c == 'S') {
        next = on_bank_keyword(i);
      } else if (digit_length(i) > 0) {
        next = on_digit(i);
      }
      i = std::max(next, i + 1);
    }
    return std::move(candidates_);
  }

 private:
  unsigned char byte(std::size_t i) const { return static_cast<unsigned char>(text_[i]); }
  bool has(std::size_t i, std::uint8_t cls) const {
    return i < text_.size() && (kClass[byte(i)] & cls) != 0;
  }
  bool is_alnum(std::size_t i) const { return has(i, kAlnum); }
  bool is_alpha(std::size_t i) const { return has(i, kAsciiAlpha); }

  // Bytes of the decimal digit at i: 1 for ASCII, 2 for Arabic-Indic (U+0660..0669) and
  // Persian (U+06F0..06F9), 0 when there is none.
  std::size_t digit_length(std::size_t i) const {
    if (i >= text_.size()) return 0;
    const unsigned char c = byte(i);
    if (c >= '0' && c <= '9') return 1;
    if (i + 1 >= text_.size()) return 0;
    const unsigned char d = byte(i + 1);
    if ((c == 0xD9 && d >= 0xA0 && d <= 0xA9) || (c == 0xDB && d >= 0xB0 && d <= 0xB9)) return 2;
    return 0;
  }
  char ascii_digit(std::size_t i) const {
    const unsigned char c = byte(i);
    if (c >= '0' && c <= '9') return static_cast<char>(c);
    const unsigned char d = byte(i + 1);
    return static_cast<char>('0' + (c == 0xD9 ? d - 0xA0 : d - 0xB0));
  }

  void add(Kind kind, std::size_t begin, std::size_t end, const Context& ctx) {
    if (end <= begin) return;
    auto r = normalize::normalize(kind, text_.substr(begin, end - begin), ctx);
    if (r.is_ok()) candidates_.push_back({begin, end, std::move(r).value()});
  }
  bool try_add(Kind kind, std::size_t begin, std::size_t end) {
    const std::size_t before = candidates_.size();
    add(kind, begin, end, ctx_);
    return candidates_.size() > before;
  }

  // ---- numbers: phones, cards, IMEI/IMO/MMSI, and tokens with digits (IBAN, wallets) ----

  std::size_t on_digit(std::size_t i) {
    std::size_t tb = i;
    while (tb > 0 && is_alnum(tb - 1)) --tb;
    std::size_t te = i;
    while (is_alnum(te)) ++te;
    bool letters = false;
    for (std::size_t k = tb; k < te && !letters; ++k) letters = is_alpha(k);
    if (letters) {
      // IBAN ("DE89 3704 ..." or unspaced), wallet ("bc1q...", "0x...", "T..."), or a word
      // with digits ("3000EUR", "2nd"), which is nothing.
      if (i - tb == 2 && digit_length(i) == 1 && digit_length(i + 1) == 1) {
        if (auto end = try_iban(tb)) return *end;
      }
      if (te - tb >= 26 && te - tb <= 90) try_wallet(tb, te);
      return te;
    }
    return on_number(i);
  }

  std::optional<std::size_t> try_iban(std::size_t begin) {
    // Up to 34 letters and digits, single spaces or hyphens between groups; the IBAN must end
    // where a group ends. The normaliser checks country, length and mod-97.
    std::vector<std::size_t> ends;
    std::size_t p = begin;
    std::size_t count = 0;
    while (p < text_.size() && count < 34) {
      if (is_alnum(p)) {
        ++count;
        ++p;
        if (count >= 15 && !is_alnum(p)) ends.push_back(p);
      } else if ((byte(p) == ' ' || byte(p) == '-') && is_alnum(p + 1)) {
        ++p;
      } else {
        break;
      }
    }
    for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
      if (try_add(Kind::kIban, begin, *it)) return *it;
    }
    return std::nullopt;
  }

  void try_wallet(std::size_t tb, std::size_t te) {
    const std::string_view token = text_.substr(tb, te - tb);
    const char c0 = token[0];
    bool shaped = false;
    if (token.size() == 42 && c0 == '0' && (token[1] == 'x' || token[1] == 'X')) {
      shaped = true;
      for (std::size_t k = tb + 2; k < te && shaped; ++k) shaped = has(k, kHexDigit);
    } else if (token.size() >= 42 && token.size() <= 62 &&
               (lower_equals(token.substr(0, 3), "bc1") ||
                lower_equals(token.substr(0, 3), "tb1"))) {
      shaped = true;
    } else if ((c0 == '1' || c0 == '3' || c0 == 'T' || c0 == 'm' || c0 == 'n' || c0 == '2') &&
               token.size() <= 35) {
      shaped = true;
    }
    if (shaped) try_add(Kind::kCryptoWallet, tb, te);
  }

  // Case-insensitive keyword ending just before `pos`, allowing separators like "IMO: " or
  // "IMEI no. " between. `window` bounds the search.
  bool keyword_before(std::size_t pos, std::string_view keyword, std::size_t window) const {
    const std::size_t from = pos > window ? pos - window : 0;
    for (std::size_t k = pos; k >= from + keyword.size(); --k) {
      const std::size_t start = k - keyword.size();
      if (lower_equals(text_.substr(start, keyword.size()), keyword) &&
          (start == 0 || !is_alpha(start - 1)) && !is_alpha(k)) {
        return true;
      }
      if (k == 0) break;
    }
    return false;
  }

  // The keyword directly before pos, with only " :.#-" between ("IMO 9074729").
  bool keyword_adjacent(std::size_t pos, std::string_view keyword) const {
    std::size_t k = pos;
    while (k > 0 && pos - k < 4 &&
           (byte(k - 1) == ' ' || byte(k - 1) == ':' || byte(k - 1) == '.' || byte(k - 1) == '#' ||
            byte(k - 1) == '-')) {
      --k;
    }
    if (k < keyword.size()) return false;
    const std::size_t start = k - keyword.size();
    return lower_equals(text_.substr(start, keyword.size()), keyword) &&
           (start == 0 || !is_alpha(start - 1));
  }

  // A run of digit groups separated by phone punctuation: "+39 347 123 4567", "(06) 1234-5678",
  // "٠٠٢١٨ ٩١ ٢٣٤ ٥٦٧٨". Returns the end of the run.
  std::size_t on_number(std::size_t i) {
    std::vector<DigitGroup>& groups = groups_;
    groups.clear();
    std::size_t p = i;
    bool plus = i > 0 && byte(i - 1) == '+';
    std::size_t group_begin = plus ? i - 1 : i;
    char sep = '\0';
    bool space_before = false;
    while (groups.size() < kMaxGroups) {
      std::size_t digits = 0;
      while (std::size_t len = digit_length(p)) {
        p += len;
        ++digits;
      }
      DigitGroup g{group_begin, p, digits, plus, sep, space_before, false};
      groups.push_back(g);
      // Separator: ")"? one of " -./"? "("? then an optional '+', then a digit.
      std::size_t q = p;
      bool space = false;
      bool open = false;
      char s = '\0';
      if (q < text_.size() && byte(q) == ')') {
        ++q;
        space = true;
        s = ')';
      }
      if (q < text_.size() &&
          (byte(q) == ' ' || byte(q) == '-' || byte(q) == '.' || byte(q) == '/')) {
        s = text_[q];
        space = space || byte(q) == ' ';
        ++q;
      }
      if (q < text_.size() && byte(q) == '(') {
        ++q;
        open = true;
        s = s == '\0' ? '(' : s;
      }
      bool next_plus = false;
      if (q < text_.size() && byte(q) == '+' && q > p) {
        ++q;
        next_plus = true;
      }
      if (q == p || digit_length(q) == 0) break;
      groups.back().space_after = space || open;
      group_begin = next_plus ? q - 1 : q;
      plus = next_plus;
      sep = s;
      space_before = space || open;
      p = q;
    }
    numbers_in(groups);
    return groups.back().end;
  }

  bool can_start(const std::vector<DigitGroup>& g, std::size_t s) const {
    if (s > 0) return g[s].space_before || g[s].plus;
    const std::size_t b = g[s].begin;
    if (b == 0) return true;
    const unsigned char prev = byte(b - 1);
    if (g[s].plus) return !(prev >= '0' && prev <= '9');
    if (is_alnum(b - 1)) return false;
    return prev != '.' && prev != ',' && prev != ':' && prev != '/' && prev != '-' && prev != '_' &&
           prev != '=' && prev != '&' && prev != '#' && prev != '%' && prev != '\'' && prev != '$';
  }

  bool can_end(const std::vector<DigitGroup>& g, std::size_t e) const {
    if (e + 1 < g.size()) return g[e].space_after;
    const std::size_t a = g[e].end;
    if (a >= text_.size()) return true;
    if (is_alnum(a)) return false;
    const unsigned char next = byte(a);
    if ((next == '.' || next == ',') && digit_length(a + 1) > 0) return false;  // 1.234,50
    return next != '%' && next != '/' && next != '@' && next != '_';
  }

  // "12/03/2024", "2024-03-12", "12.3.24": dates are not phone numbers.
  static bool looks_like_date(const std::vector<DigitGroup>& g, std::size_t s, std::size_t e) {
    if (e - s != 2 || g[s].plus) return false;
    const char a = g[s + 1].separator_before;
    const char b = g[s + 2].separator_before;
    if (a != b || (a != '/' && a != '.' && a != '-')) return false;
    const std::size_t x = g[s].digits, y = g[s + 1].digits, z = g[s + 2].digits;
    return (x <= 2 && y <= 2 && (z == 2 || z == 4)) || (x == 4 && y <= 2 && z <= 2);
  }

  // "1.250.000", "25 000 000": amounts grouped by thousands.
  static bool looks_like_amount(const std::vector<DigitGroup>& g, std::size_t s, std::size_t e) {
    if (e == s || g[s].plus || g[s].digits > 3) return false;
    const char sep = g[s + 1].separator_before;
    if (sep != '.' && sep != ' ' && sep != ',') return false;
    for (std::size_t k = s + 1; k <= e; ++k) {
      if (g[k].digits != 3 || g[k].separator_before != sep || g[k].plus) return false;
    }
    return true;
  }

  // The first two digits from begin (separators skipped) are "00": an international prefix.
  bool starts_with_00(std::size_t begin) const {
    int zeros = 0;
    for (std::size_t p = begin; p < text_.size() && zeros < 2;) {
      if (const std::size_t len = digit_length(p)) {
        if (ascii_digit(p) != '0') return false;
        ++zeros;
        p += len;
      } else {
        ++p;
      }
    }
    return zeros == 2;
  }

  // A phone candidate, judged once per key (see PhoneCache): digits as ASCII and '+' signs,
  // separators dropped, after the case's country.
  bool try_phone(std::size_t begin, std::size_t end) {
    key_.assign(ctx_.default_country);
    key_.push_back('\x1f');
    for (std::size_t p = begin; p < end;) {
      if (const std::size_t len = digit_length(p)) {
        key_.push_back(ascii_digit(p));
        p += len;
      } else {
        if (byte(p) == '+') key_.push_back('+');
        ++p;
      }
    }
    if (const auto* known = phones_.find(key_)) {
      if (!known->has_value()) return false;
      candidates_.push_back({begin, end, **known});
      return true;
    }
    auto r = normalize::normalize(Kind::kPhone, text_.substr(begin, end - begin), ctx_);
    std::optional<Normalized> phone;
    if (r.is_ok()) phone = std::move(r).value();
    phones_.insert(key_, phone);
    if (!phone) return false;
    candidates_.push_back({begin, end, std::move(*phone)});
    return true;
  }

  void numbers_in(const std::vector<DigitGroup>& g) {
    // Prices, times and dates: fewer digits than the shortest number reported (a phone or an
    // IMO number has 7), so none of the checks below could succeed.
    std::size_t run_digits = 0;
    for (const auto& group : g) run_digits += group.digits;
    if (run_digits < kMinNumberDigits) return;
    const bool have_country = !ctx_.default_country.empty();
    std::size_t s = 0;
    while (s < g.size()) {
      if (!can_start(g, s)) {
        ++s;
        continue;
      }
      const std::size_t begin = g[s].begin;
      // Keyword-led identifiers: the digits right after "IMO", "MMSI", "IMEI".
      const bool imo = keyword_adjacent(begin, "imo");
      const bool mmsi = keyword_adjacent(begin, "mmsi");
      const bool imei = keyword_before(begin, "imei", 24);
      std::size_t digits = 0;
      std::size_t phone_end = 0;
      std::vector<std::size_t>& ends = ends_;  // group indices e >= s that may end a number
      ends.clear();
      for (std::size_t e = s; e < g.size(); ++e) {
        digits += g[e].digits;
        if (digits > 19) break;
        if (can_end(g, e)) ends.push_back(e);
      }
      for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
        const std::size_t e = *it;
        std::size_t d = 0;
        for (std::size_t k = s; k <= e; ++k) d += g[k].digits;
        const std::size_t end = g[e].end;
        if (imo && d == 7) try_add(Kind::kImo, begin, end);
        if (mmsi && d == 9) try_add(Kind::kMmsi, begin, end);
        if (imei && d >= 14 && d <= 16) try_add(Kind::kImei, begin, end);
        if (d >= 13 && !g[s].plus && card_shaped(g, s, e)) try_card(begin, end);
        if (phone_end == 0 && d >= 7 && d <= 17 && !looks_like_date(g, s, e) &&
            !looks_like_amount(g, s, e)) {
          const bool international = g[s].plus || (d > 2 && starts_with_00(begin));
          if ((international || have_country) && try_phone(begin, end)) {
            phone_end = e + 1;
          }
        }
      }
      s = phone_end > s ? phone_end : s + 1;
    }
  }

  // Card numbers as people write them: one run, or groups of four (Amex 4-6-5), single spaces
  // or hyphens between.
  static bool card_shaped(const std::vector<DigitGroup>& g, std::size_t s, std::size_t e) {
    if (s == e) return true;
    for (std::size_t k = s + 1; k <= e; ++k) {
      if (g[k].separator_before != ' ' && g[k].separator_before != '-') return false;
    }
    if (e - s == 2 && g[s].digits == 4 && g[s + 1].digits == 6 && g[s + 2].digits == 5) {
      return true;
    }
    for (std::size_t k = s; k < e; ++k) {
      if (g[k].digits != 4) return false;
    }
    return g[e].digits >= 1 && g[e].digits <= 4;
  }

  void try_card(std::size_t begin, std::size_t end) {
    const std::size_t before = candidates_.size();
    add(Kind::kPaymentCard, begin, end, ctx_);
    if (candidates_.size() == before) return;
    // Precision first: only brands with fixed prefixes and lengths. Maestro and unknown
    // ranges cover too much of the number space to tell a card from any Luhn-valid number.
    const auto& parts = candidates_.back().normalized.parts;
    auto brand = parts.find("brand");
    if (brand == parts.end() || brand->second == "unknown" || brand->second == "maestro") {
      candidates_.pop_back();
    }
  }

  // ---- '@': e-mail addresses and @handles ----

  std::size_t on_at(std::size_t i) {
    std::size_t lb = i;
    while (lb > 0 && i - lb <= 64 && has(lb - 1, kLocalPart)) --lb;
    while (lb < i && (byte(lb) == '.' || byte(lb) == '-' || byte(lb) == '+')) ++lb;
    std::size_t de = i + 1;
    while (has(de, kHost) && de - i < 256) ++de;
    while (de > i + 1 && (byte(de - 1) == '.' || byte(de - 1) == '-')) --de;
    if (lb < i) {
      if (text_.substr(i + 1, de - i - 1).find('.') != std::string_view::npos) {
        try_add(Kind::kEmail, lb, de);
      }
      return de;
    }
    // A bare handle: "@name" after a space or at the start, never inside a word or a path.
    if (i > 0 && (is_alnum(i - 1) || byte(i - 1) == '/' || byte(i - 1) == '@')) return i + 1;
    std::size_t he = i + 1;
    while (has(he, kHandle) && he - i < 64) ++he;
    while (he > i + 1 && byte(he - 1) == '.') --he;
    if (he == i + 1 || has(he, kAlnum) || (he < text_.size() && byte(he) == '@')) return he;
    const std::string platform = platform_near(i);
    if (platform.empty()) return he;
    Context ctx = ctx_;
    ctx.platform = platform;
    add(Kind::kOnlineAccount, i, he, ctx);
    return he;
  }

  // The platform a bare @handle belongs to: the case's platform, else the nearest platform
  // named in the text around it.
  std::string platform_near(std::size_t at) const {
    if (!ctx_.platform.empty()) return ctx_.platform;
    const std::size_t from = at > kCueBefore ? at - kCueBefore : 0;
    const std::size_t to = std::min(text_.size(), at + kCueAfter);
    std::string window(text_.substr(from, to - from));
    for (char& c : window) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    const std::size_t here = at - from;
    std::size_t best_distance = std::string::npos;
    const char* best = nullptr;
    for (const auto& cue : kPlatformCues) {
      const bool ascii = static_cast<unsigned char>(cue.word[0]) < 0x80;
      for (std::size_t pos = window.find(cue.word); pos != std::string::npos;
           pos = window.find(cue.word, pos + 1)) {
        const std::size_t end = pos + cue.word.size();
        if (ascii) {
          const auto letter = [](char c) { return (c >= 'a' && c <= 'z'); };
          if ((pos > 0 && letter(window[pos - 1])) ||
              (end < window.size() && letter(window[end]))) {
            continue;
          }
        }
        const std::size_t distance = end <= here ? here - end : pos - std::min(pos, here);
        if (pos < here && end > here) continue;
        if (distance < best_distance) {
          best_distance = distance;
          best = cue.platform;
        }
      }
    }
    return best ? best : "";
  }

  // ---- URLs and profile addresses ----

  std::size_t url_end(std::size_t p) const {
    const std::size_t limit = std::min(text_.size(), p + kMaxUrlBytes);
    while (p < limit && has(p, kUrl)) ++p;
    // Prose punctuation after a link is not part of it (parentheses: see url_at).
    while (p > 0 && (byte(p - 1) == '.' || byte(p - 1) == ',' || byte(p - 1) == ';' ||
                     byte(p - 1) == ':' || byte(p - 1) == '!' || byte(p - 1) == '?' ||
                     byte(p - 1) == '\'' || byte(p - 1) == ']' || byte(p - 1) == '*')) {
      --p;
    }
    return p;
  }

  void url_at(std::size_t begin, std::size_t end, bool has_scheme) {
    if (end <= begin) return;
    std::size_t e = end;
    // Balance parentheses: "(see t.me/x)" ends before ')'.
    std::size_t open = 0;
    std::size_t close = 0;
    for (std::size_t k = begin; k < e; ++k) {
      open += byte(k) == '(';
      close += byte(k) == ')';
    }
    while (close > open && e > begin && byte(e - 1) == ')') {
      --e;
      --close;
    }
    while (e > begin && (byte(e - 1) == '.' || byte(e - 1) == ',' || byte(e - 1) == '!' ||
                         byte(e - 1) == '?' || byte(e - 1) == ':' || byte(e - 1) == ';')) {
      --e;
    }
    const std::string_view value = text_.substr(begin, e - begin);
    // Without a platform in the context, only profile addresses can be accounts (with one,
    // "www.example.com" would pass as an Instagram handle).
    Context url_ctx = ctx_;
    url_ctx.platform.clear();
    auto account = normalize::normalize_online_account(value, url_ctx);
    if (account.is_ok()) {
      candidates_.push_back({begin, e, std::move(account).value()});
      return;
    }
    auto url =
        has_scheme || lower_equals(value.substr(0, std::min<std::size_t>(4, value.size())), "www.")
            ? normalize::normalize_url(value, ctx_)
            : normalize::normalize_url("https://" + std::string(value), ctx_);
    if (url.is_ok()) candidates_.push_back({begin, e, std::move(url).value()});
  }

  // A host ending just before pos ("t.me" in "t.me/name"): its start, or npos.
  std::size_t host_before(std::size_t pos) const {
    std::size_t hb = pos;
    while (hb > 0 && pos - hb < 253 && has(hb - 1, kHost)) --hb;
    if (hb == pos || !is_alnum(hb)) return std::string_view::npos;
    if (hb > 0) {
      const unsigned char prev = byte(hb - 1);
      if (prev == '@' || prev == '/' || prev == ':' || prev == '.' || prev == '\\' ||
          is_alnum(hb - 1)) {
        return std::string_view::npos;
      }
    }
    const std::string_view host = text_.substr(hb, pos - hb);
    const std::size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || host.size() - dot - 1 < 2) return std::string_view::npos;
    for (std::size_t k = hb + dot + 1; k < pos; ++k) {
      if (!is_alpha(k)) return std::string_view::npos;
    }
    return hb;
  }

  std::size_t on_slash(std::size_t i) {
    if (i >= 1 && byte(i - 1) == ':' && i + 1 < text_.size() && byte(i + 1) == '/') {
      std::size_t sb = i - 1;
      while (sb > 0 && is_alpha(sb - 1) && (i - 1) - sb < 5) --sb;
      const std::string_view scheme = text_.substr(sb, i - 1 - sb);
      if ((lower_equals(scheme, "http") || lower_equals(scheme, "https")) &&
          (sb == 0 || !is_alnum(sb - 1))) {
        const std::size_t end = url_end(i + 2);
        url_at(sb, end, /*has_scheme=*/true);
        return end;
      }
      return i + 2;
    }
    const std::size_t hb = host_before(i);
    if (hb == std::string_view::npos) return i + 1;
    const std::size_t end = url_end(i);
    url_at(hb, end, /*has_scheme=*/false);
    return end;
  }

  std::size_t on_dot(std::size_t i) {
    if (i < 3 || !lower_equals(text_.substr(i - 3, 3), "www")) return i + 1;
    const std::size_t b = i - 3;
    if (b > 0) {
      const unsigned char prev = byte(b - 1);
      if (is_alnum(b - 1) || prev == '.' || prev == '/' || prev == '@' || prev == ':' ||
          prev == '-') {
        return i + 1;
      }
    }
    const std::size_t end = url_end(i + 1);
    url_at(b, end, /*has_scheme=*/false);
    return end;
  }

  // ---- "BIC: DEUTDEFF", "SWIFT code DEUTDEFFXXX" ----

  std::size_t on_bank_keyword(std::size_t i) {
    std::size_t after = 0;
    if (i + 3 <= text_.size() && lower_equals(text_.substr(i, 3), "bic")) {
      after = i + 3;
    } else if (i + 5 <= text_.size() && lower_equals(text_.substr(i, 5), "swift")) {
      after = i + 5;
    } else {
      return i + 1;
    }
    if ((i > 0 && is_alnum(i - 1)) || is_alnum(after)) return i + 1;
    std::size_t p = after;
    for (int tokens = 0; tokens < 4 && p < text_.size(); ++tokens) {
      while (p < text_.size() && p - after < 24 &&
             (byte(p) == ' ' || byte(p) == ':' || byte(p) == '/' || byte(p) == '-' ||
              byte(p) == '(' || byte(p) == ')' || byte(p) == '#' || byte(p) == '.')) {
        ++p;
      }
      std::size_t te = p;
      while (is_alnum(te)) ++te;
      if (te == p) break;
      const std::string_view token = text_.substr(p, te - p);
      if (token.size() == 8 || token.size() == 11) {
        bool upper = true;
        for (char c : token) upper = upper && !(c >= 'a' && c <= 'z');
        if (upper && try_add(Kind::kBic, p, te)) return te;
      }
      if (!lower_equals(token, "bic") && !lower_equals(token, "swift") &&
          !lower_equals(token, "code") && !lower_equals(token, "no")) {
        break;
      }
      p = te;
    }
    return after;
  }

  std::string_view text_;
  const Context& ctx_;
  PhoneCache& phones_;
  std::vector<Candidate> candidates_;
  std::vector<DigitGroup> groups_;  // buffers reused by every number of the text
  std::vector<std::size_t> ends_;
  std::string key_;
};

// Longest first; among equals the kind with the strongest check; no two findings overlap.
std::vector<Finding> resolve(std::string_view text, std::vector<Candidate> candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    const std::size_t la = a.end - a.begin;
    const std::size_t lb = b.end - b.begin;
    if (la != lb) return la > lb;
    const int pa = priority(a.normalized.kind);
    const int pb = priority(b.normalized.kind);
    if (pa != pb) return pa < pb;
    return a.begin < b.begin;
  });
  std::vector<Finding> out;
  std::map<std::size_t, std::size_t> taken;  // begin -> end of accepted findings, disjoint
  for (auto& c : candidates) {
    auto next = taken.lower_bound(c.begin);
    if (next != taken.end() && next->first < c.end) continue;
    if (next != taken.begin() && std::prev(next)->second > c.begin) continue;
    taken.emplace(c.begin, c.end);
    Finding f;
    f.kind = c.normalized.kind;
    f.begin = c.begin;
    f.end = c.end;
    f.text = std::string(text.substr(c.begin, c.end - c.begin));
    f.normalized = std::move(c.normalized);
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(),
            [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace

const std::optional<Normalized>* PhoneCache::find(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  ++hits_;
  return &it->second;
}

void PhoneCache::insert(std::string_view key, std::optional<Normalized> phone) {
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(std::string(key), std::move(phone));
}

std::vector<Finding> find_identifiers(std::string_view text, const Context& ctx,
                                      PhoneCache& cache) {
  Scanner scanner(text, ctx, cache);
  return resolve(text, scanner.run());
}

std::vector<Finding> find_identifiers(std::string_view text, const Context& ctx) {
  PhoneCache cache;
  return find_identifiers(text, ctx, cache);
}

Extraction extract(std::string_view text, const Context& ctx) {
  Extraction out;
  out.findings = find_identifiers(text, ctx);
  Language lang = detect_language(text);
  out.language = std::move(lang.code);
  out.language_reliable = lang.reliable;
  out.language_basis = lang.basis;
  return out;
}

std::vector<Extraction> extract_conversation(std::span<const Message> messages,
                                             const Context& ctx) {
  std::vector<Language> languages = detect_languages(messages);
  std::vector<Extraction> out(messages.size());
  PhoneCache phones;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    out[i].findings = find_identifiers(messages[i].text, ctx, phones);
    out[i].language = std::move(languages[i].code);
    out[i].language_reliable = languages[i].reliable;
    out[i].language_basis = languages[i].basis;
  }
  return out;
}

}  // namespace crossroads::extract
