// Phone numbers via libphonenumber: E.164 key, international display, type and country.
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

#include "normalize/normalize.h"
#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::size_t kMaxPhoneBytes = 64;

const char* type_name(PhoneNumberUtil::PhoneNumberType type) {
  switch (type) {
    case PhoneNumberUtil::FIXED_LINE:
      return "fixed";
    case PhoneNumberUtil::MOBILE:
      return "mobile";
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      return "fixed_or_mobile";
    case PhoneNumberUtil::TOLL_FREE:
      return "toll_free";
    case PhoneNumberUtil::PREMIUM_RATE:
      return "premium_rate";
    case PhoneNumberUtil::SHARED_COST:
      return "shared_cost";
    case PhoneNumberUtil::VOIP:
      return "voip";
    case PhoneNumberUtil::PERSONAL_NUMBER:
      return "personal";
    case PhoneNumberUtil::PAGER:
      return "pager";
    case PhoneNumberUtil::UAN:
      return "uan";
    case PhoneNumberUtil::VOICEMAIL:
      return "voicemail";
    case PhoneNumberUtil::UNKNOWN:
      break;
  }
  return "unknown";
}

// "in Italy (+39)" for messages.
std::string where(const PhoneNumberUtil& util, const PhoneNumber& number) {
  std::string region;
  util.GetRegionCodeForCountryCode(number.country_code(), &region);
  const std::string cc = "+" + std::to_string(number.country_code());
  if (region.empty() || region == "ZZ" || region == "001") return "with country code " + cc;
  return "in " + text::country_name(region) + " (" + cc + ")";
}

// Only the characters people write phone numbers with; libphonenumber would otherwise pull a
// number out of any text ("call 347..."), and letters (vanity numbers) are not evidence.
bool has_only_phone_characters(std::string_view s, std::string* bad) {
  // Extension markers are allowed once digits have started: "ext. 12", "x12", "#12".
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (text::is_digit(c) || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' || c == '.' ||
        c == '/' || c == '\t' || c == '#' || c == '*') {
      ++i;
      continue;
    }
    const std::string rest = text::to_lower_ascii(s.substr(i, 4));
    if (rest.rfind("ext", 0) == 0) {
      i += 3;
      continue;
    }
    if (c == 'x' || c == 'X' || c == ',' || c == ';' || c == '=') {
      ++i;
      continue;
    }
    *bad = std::string(1, c);
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t len = 1;
      while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
      *bad = std::string(s.substr(i, len));
    }
    return false;
  }
  return true;
}

// The shortest and longest national significant numbers of a region's example mobile and
// fixed numbers (0, 0 when it has none). Only the message of an invalid number needs them, but
// an extractor tries many numbers that are not phones, and GetExampleNumberForType parses its
// example each time: the lengths are worked out once per region.
std::pair<std::size_t, std::size_t> example_lengths(const PhoneNumberUtil& util,
                                                    const std::string& region) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> lengths;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (auto it = lengths.find(region); it != lengths.end()) return it->second;
  }
  std::size_t shortest = 0;
  std::size_t longest = 0;
  for (auto type : {PhoneNumberUtil::MOBILE, PhoneNumberUtil::FIXED_LINE}) {
    PhoneNumber example;
    if (util.GetExampleNumberForType(region, type, &example)) {
      std::string digits;
      util.GetNationalSignificantNumber(example, &digits);
      shortest = shortest == 0 ? digits.size() : std::min(shortest, digits.size());
      longest = std::max(longest, digits.size());
    }
  }
  const std::lock_guard<std::mutex> lock(mutex);
  lengths.emplace(region, std::make_pair(shortest, longest));
  return {shortest, longest};
}

// The number as libphonenumber reads it, without the separators it would strip itself: its
// parser runs several ICU regexes over the input, about a third faster on "+905321234567" than
// on "+90 532 123 45 67". Only when the value is digits and separators with at most a leading
// '+' (no extension, no second number): then the parse is the same.
std::string compact_for_parsing(const std::string& folded) {
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (c == '+' && out.empty()) {
      out.push_back(c);
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '/' && c != '\t') {
      return folded;
    }
  }
  return out;
}

// What normalize_phone hands libphonenumber, and the region it reads a national number in:
// everything its result depends on (the value itself only appears in messages).
struct ParseInput {
  std::string text;
  std::string region;
};

// `original` is the value trimmed.
core::Result<ParseInput> parse_input(const std::string& original, const Context& ctx) {
  if (original.empty()) return core::invalid("the phone number is empty", "phone");
  if (original.size() > kMaxPhoneBytes) {
    return core::invalid(text::quote(original) + " is too long to be a phone number", "phone");
  }
  std::string folded(text::trim(text::fold_separators(original)));
  std::string bad;
  if (!has_only_phone_characters(folded, &bad)) {
    return core::invalid(
        text::quote(original) + " contains '" + bad + "', which does not belong in a phone number",
        "phone");
  }
  // "00" is the international prefix everywhere in Europe and the Middle East; read it as "+"
  // even when the case's country is one (like the US) where libphonenumber would not.
  std::string digits_only = text::remove_chars(folded, " -().\t/");
  if (digits_only.rfind("00", 0) == 0 && digits_only.size() > 2 && digits_only[2] != '0') {
    const std::size_t first_zero = folded.find('0');
    folded = "+" + folded.substr(first_zero + 2);
  }
  std::string region = "ZZ";
  if (!ctx.default_country.empty()) {
    auto alpha2 = text::country_alpha2(ctx.default_country);
    if (!alpha2) {
      return core::invalid(
          "the case's country " + text::quote(ctx.default_country) + " is not an ISO country code",
          "phone");
    }
    region = *alpha2;
  }
  const bool international = folded.find('+') != std::string::npos;
  if (!international && region == "ZZ") {
    return core::invalid(text::quote(original) +
                             " has no country code: write it with + or 00 and the country code, "
                             "or set the case's country",
                         "phone");
  }
  // compact_for_parsing keeps a '+' exactly when folded has one first, and returns folded
  // unchanged otherwise: the input holds a '+' exactly when folded does.
  return ParseInput{compact_for_parsing(folded), std::move(region)};
}

// The whole of normalize_phone; with `canonical_only` the display form and the parts are not
// worked out (libphonenumber's formatting patterns and region lookups: a third of the time),
// which leaves the value and the verdict as they are.
core::Result<Normalized> read_phone(std::string_view value, const Context& ctx,
                                    bool canonical_only) {
  const std::string original(text::trim(value));
  CR_ASSIGN_OR_RETURN(ParseInput input, parse_input(original, ctx));
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  const auto error = util.Parse(input.text, input.region, &number);
  switch (error) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
      break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return core::invalid(text::quote(original) + " does not start with a known country code",
                           "phone");
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return core::invalid(text::quote(original) + " is too short to be a phone number", "phone");
    case PhoneNumberUtil::TOO_LONG_NSN:
      return core::invalid(text::quote(original) + " is too long to be a phone number", "phone");
    case PhoneNumberUtil::NOT_A_NUMBER:
      return core::invalid(text::quote(original) + " is not a phone number", "phone");
  }

  switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::IS_POSSIBLE:
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
      break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
      return core::invalid(text::quote(original) + " does not start with a known country code",
                           "phone");
    case PhoneNumberUtil::TOO_SHORT:
      return core::invalid(
          text::quote(original) + " is too short for a number " + where(util, number), "phone");
    case PhoneNumberUtil::TOO_LONG:
      return core::invalid(
          text::quote(original) + " is too long for a number " + where(util, number), "phone");
    case PhoneNumberUtil::INVALID_LENGTH:
      return core::invalid(text::quote(original) + " has the wrong number of digits for a number " +
                               where(util, number),
                           "phone");
  }
  // GetNumberType is UNKNOWN exactly when IsValidNumber is false (both judge the national
  // number against the metadata of the number's region); asking once saves a pass of the
  // region's ICU regexes.
  const PhoneNumberUtil::PhoneNumberType type = util.GetNumberType(number);
  if (type == PhoneNumberUtil::UNKNOWN) {
    // Some countries (Italy, Austria, Germany) allow so many lengths that "possible" says
    // little; compare with real numbers of the region to tell short from mistyped.
    std::string national;
    util.GetNationalSignificantNumber(number, &national);
    std::string region;
    util.GetRegionCodeForCountryCode(number.country_code(), &region);
    const auto [shortest, longest] = example_lengths(util, region);
    if (shortest > 0 && national.size() < shortest) {
      return core::invalid(
          text::quote(original) + " is too short for a number " + where(util, number), "phone");
    }
    if (longest > 0 && national.size() > longest + 1) {
      return core::invalid(
          text::quote(original) + " is too long for a number " + where(util, number), "phone");
    }
    return core::invalid(text::quote(original) +
                             " has a plausible length but is not a valid number " +
                             where(util, number) + ": no such number range, check the digits",
                         "phone");
  }

  Normalized out;
  out.kind = Kind::kPhone;
  util.Format(number, PhoneNumberUtil::E164, &out.value);
  if (canonical_only) return out;
  util.Format(number, PhoneNumberUtil::INTERNATIONAL, &out.display);
  std::string number_region;
  util.GetRegionCodeForNumber(number, &number_region);
  if (!number_region.empty() && number_region != "ZZ" && number_region != "001") {
    out.parts["country"] = number_region;
  }
  out.parts["country_code"] = std::to_string(number.country_code());
  out.parts["type"] = type_name(type);
  std::string national;
  util.GetNationalSignificantNumber(number, &national);
  out.parts["national_number"] = national;
  if (number.has_extension() && !number.extension().empty()) {
    out.parts["extension"] = number.extension();
  }
  return out;
}

}  // namespace

std::string phone_cache_key(std::string_view value, const Context& ctx) {
  auto input = parse_input(std::string(text::trim(value)), ctx);
  if (!input) return {};
  // libphonenumber reads a number written with its country code ("+3462...") the same in every
  // region; a national number ("62...") in the region given.
  if (input->text.rfind('+', 0) == 0) return std::move(input->text);
  return input->region + ":" + input->text;
}

core::Result<Normalized> normalize_phone(std::string_view value, const Context& ctx) {
  return read_phone(value, ctx, /*canonical_only=*/false);
}

core::Result<std::string> canonical_phone(std::string_view value, const Context& ctx) {
  CR_ASSIGN_OR_RETURN(Normalized n, read_phone(value, ctx, /*canonical_only=*/true));
  return std::move(n.value);
}

}  // namespace crossroads::normalize
