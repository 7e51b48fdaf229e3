// Device, vessel, vehicle and identity-document identifiers: IMEI, IMO, MMSI, plates,
// passport and identity-card numbers.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <map>

#include "normalize/normalize.h"
#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

std::string digits_without(std::string_view s, std::string_view separators, bool* ok) {
  std::string out;
  *ok = true;
  for (char c : s) {
    if (text::is_digit(c)) {
      out.push_back(c);
    } else if (separators.find(c) == std::string_view::npos) {
      *ok = false;
    }
  }
  return out;
}

char luhn_check_digit(std::string_view body) {
  for (char d = '0'; d <= '9'; ++d) {
    if (text::luhn_valid(std::string(body) + d)) return d;
  }
  return '0';
}

// Greek and Cyrillic capitals that plates in GR, BG, RS, UA... share with Latin ones; officers
// type either, so both must give the same key.
std::optional<char> latin_lookalike(UChar32 c) {
  static const std::map<UChar32, char> table = {
      {0x0391, 'A'}, {0x0392, 'B'}, {0x0395, 'E'}, {0x0396, 'Z'}, {0x0397, 'H'}, {0x0399, 'I'},
      {0x039A, 'K'}, {0x039C, 'M'}, {0x039D, 'N'}, {0x039F, 'O'}, {0x03A1, 'P'}, {0x03A4, 'T'},
      {0x03A5, 'Y'}, {0x03A7, 'X'}, {0x0410, 'A'}, {0x0412, 'B'}, {0x0415, 'E'}, {0x041A, 'K'},
      {0x041C, 'M'}, {0x041D, 'H'}, {0x041E, 'O'}, {0x0420, 'P'}, {0x0421, 'C'}, {0x0422, 'T'},
      {0x0423, 'Y'}, {0x0425, 'X'}, {0x0406, 'I'},
  };
  auto it = table.find(u_toupper(c));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

// Upper-cases letters (Latin look-alikes to ASCII), folds digits, drops spaces, hyphens, dots
// and MRZ fillers. Fails on anything else, naming the character.
core::Result<std::string> compact_identifier(std::string_view s, std::string_view field) {
  std::string out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return core::invalid("the value is not valid UTF-8 text", std::string(field));
    if (c < 0x80) {
      const char a = static_cast<char>(c);
      if (text::is_alnum(a)) {
        out.push_back(static_cast<char>(a >= 'a' && a <= 'z' ? a - 'a' + 'A' : a));
      } else if (a != ' ' && a != '-' && a != '.' && a != '<' && a != '/' && a != '\t') {
        return core::invalid(
            "'" + std::string(1, a) + "' cannot be part of a " +
                std::string(field == "plate" ? "vehicle plate" : "document number"),
            std::string(field));
      }
      continue;
    }
    if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      out.push_back(static_cast<char>('0' + u_charDigitValue(c)));
    } else if (auto latin = latin_lookalike(c)) {
      out.push_back(*latin);
    } else if (u_isUWhiteSpace(c) || u_charType(c) == U_DASH_PUNCTUATION || c == 0x00B7) {
      continue;
    } else if (u_isalpha(c)) {
      UChar32 upper = u_toupper(c);
      char buf[U8_MAX_LENGTH];
      int32_t n = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, U8_MAX_LENGTH, upper, error);
      if (!error) out.append(buf, static_cast<std::size_t>(n));
    } else {
      return core::invalid("'" +
                               std::string(s.substr(static_cast<std::size_t>(start),
                                                    static_cast<std::size_t>(i - start))) +
                               "' cannot be part of a " +
                               std::string(field == "plate" ? "vehicle plate" : "document number"),
                           std::string(field));
    }
  }
  return out;
}

// International distinguishing signs on vehicles that are not ISO alpha-2 codes.
std::optional<std::string> vehicle_sign(std::string_view sign) {
  static const std::map<std::string, std::string, std::less<>> table = {
      {"D", "DE"},   {"I", "IT"},   {"F", "FR"},   {"E", "ES"},   {"A", "AT"},   {"B", "BE"},
      {"P", "PT"},   {"H", "HU"},   {"S", "SE"},   {"N", "NO"},   {"L", "LU"},   {"SLO", "SI"},
      {"SRB", "RS"}, {"BIH", "BA"}, {"MNE", "ME"}, {"NMK", "MK"}, {"RKS", "XK"}, {"LAR", "LY"},
      {"RL", "LB"},  {"HKJ", "JO"}, {"IRL", "IE"}, {"GBZ", "GI"}, {"UK", "GB"},
  };
  auto it = table.find(text::to_upper_ascii(sign));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

struct CountryAndRest {
  std::string country;
  std::string rest;
};

// Splits "GR ABC-1234", "GR:ABC1234", "SYR N0123" into country and the rest. A prefix
// separated by a space counts only when exactly one token follows, so that Italian "CA 123 AB"
// stays a plate rather than a Canadian one.
core::Result<CountryAndRest> split_country(std::string_view value, const Context& ctx,
                                           std::string_view field, bool vehicle_signs) {
  const std::string_view s = text::trim(value);
  auto lookup = [&](std::string_view code, bool explicit_prefix) -> std::optional<std::string> {
    if (code.size() < 2 && !explicit_prefix) return std::nullopt;
    for (char c : code) {
      if (!text::is_alpha(c)) return std::nullopt;
    }
    if (vehicle_signs) {
      if (auto sign = vehicle_sign(code)) return sign;
    }
    // Single letters: vehicle signs above, or "D" as German documents' MRZ writes it.
    if (code.size() == 1 && vehicle_signs) return std::nullopt;
    return text::country_alpha2(code);
  };
  const std::size_t colon = s.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view code = text::trim(s.substr(0, colon));
    auto country = lookup(code, true);
    if (!country) {
      return core::invalid(text::quote(code) +
                               " is not a country code (use ISO codes like GR, "
                               "DE, SY)",
                           std::string(field));
    }
    return CountryAndRest{*country, std::string(text::trim(s.substr(colon + 1)))};
  }
  const std::size_t space = s.find_first_of(" \t");
  if (space != std::string_view::npos) {
    const std::string_view first = s.substr(0, space);
    const std::string_view rest = text::trim(s.substr(space + 1));
    if (rest.find_first_of(" \t") == std::string_view::npos) {
      if (auto country = lookup(first, false)) return CountryAndRest{*country, std::string(rest)};
    }
  }
  if (ctx.default_country.empty()) {
    return core::invalid(text::quote(s) +
                             " has no issuing country: write it first (e.g. 'GR ABC-1234' or "
                             "'GR:ABC1234') or set the case's country",
                         std::string(field));
  }
  auto country = text::country_alpha2(ctx.default_country);
  if (!country) {
    return core::invalid(
        "the case's country " + text::quote(ctx.default_country) + " is not an ISO country code",
        std::string(field));
  }
  return CountryAndRest{*country, std::string(s)};
}

const std::map<int, std::string>& mid_countries() {
  // Maritime Identification Digits (ITU) of the flags seen most in Mediterranean cases.
  static const std::map<int, std::string> table = {
      {201, "AL"}, {209, "CY"}, {210, "CY"}, {211, "DE"}, {212, "CY"}, {215, "MT"}, {218, "DE"},
      {224, "ES"}, {225, "ES"}, {226, "FR"}, {227, "FR"}, {228, "FR"}, {229, "MT"}, {232, "GB"},
      {233, "GB"}, {234, "GB"}, {235, "GB"}, {237, "GR"}, {238, "HR"}, {239, "GR"}, {240, "GR"},
      {241, "GR"}, {242, "MA"}, {244, "NL"}, {245, "NL"}, {246, "NL"}, {247, "IT"}, {248, "MT"},
      {249, "MT"}, {256, "MT"}, {262, "ME"}, {263, "PT"}, {271, "TR"}, {272, "UA"}, {273, "RU"},
      {274, "MK"}, {279, "RS"}, {351, "PA"}, {352, "PA"}, {353, "PA"}, {354, "PA"}, {355, "PA"},
      {356, "PA"}, {357, "PA"}, {370, "PA"}, {371, "PA"}, {372, "PA"}, {373, "PA"}, {374, "PA"},
      {422, "IR"}, {425, "IQ"}, {450, "LB"}, {468, "SY"}, {538, "MH"}, {605, "DZ"}, {622, "EG"},
      {625, "ER"}, {636, "LR"}, {637, "LR"}, {642, "LY"}, {657, "NG"}, {672, "TN"},
  };
  return table;
}

}  // namespace

core::Result<Normalized> normalize_imei(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  std::string s = text::fold_separators(original);
  if (text::starts_with_ci(s, "imei")) s = s.substr(4);
  bool ok = false;
  const std::string digits = digits_without(s, " -./:\t", &ok);
  if (!ok) return core::invalid(text::quote(original) + " is not an IMEI: only digits", "imei");
  Normalized out;
  out.kind = Kind::kImei;
  if (digits.size() == 15) {
    if (!text::luhn_valid(digits)) {
      return core::invalid(text::quote(original) +
                               " fails the IMEI check digit (Luhn): a digit is probably mistyped",
                           "imei");
    }
    out.value = digits;
  } else if (digits.size() == 14) {
    // The check digit is often left off (it is not transmitted on the network).
    out.value = digits + luhn_check_digit(digits);
    out.parts["check_digit"] = "computed";
  } else if (digits.size() == 16) {
    // IMEISV: same device identity, a software version instead of the check digit.
    out.value = digits.substr(0, 14) + luhn_check_digit(digits.substr(0, 14));
    out.parts["software_version"] = digits.substr(14);
    out.parts["check_digit"] = "computed";
  } else {
    return core::invalid("an IMEI has 15 digits (14 without the check digit, 16 as IMEISV), " +
                             text::quote(original) + " has " + std::to_string(digits.size()),
                         "imei");
  }
  out.display = out.value.substr(0, 2) + "-" + out.value.substr(2, 6) + "-" +
                out.value.substr(8, 6) + "-" + out.value.substr(14);
  out.parts["tac"] = out.value.substr(0, 8);
  return out;
}

core::Result<Normalized> normalize_imo(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  std::string s(text::trim(text::fold_separators(original)));
  if (text::starts_with_ci(s, "imo")) s = s.substr(3);
  bool ok = false;
  const std::string digits = digits_without(s, " -.:\t", &ok);
  if (!ok || digits.size() != 7) {
    return core::invalid(
        "an IMO number is 'IMO' and 7 digits, " + text::quote(original) + " is not", "imo");
  }
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (7 - i);
  if (sum % 10 != digits[6] - '0') {
    return core::invalid(
        text::quote(original) + " fails the IMO check digit: a digit is probably mistyped", "imo");
  }
  Normalized out;
  out.kind = Kind::kImo;
  out.value = "IMO" + digits;
  out.display = "IMO " + digits;
  return out;
}

core::Result<Normalized> normalize_mmsi(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  std::string s(text::trim(text::fold_separators(original)));
  if (text::starts_with_ci(s, "mmsi")) s = s.substr(4);
  bool ok = false;
  const std::string digits = digits_without(s, " -.:\t", &ok);
  if (!ok || digits.size() != 9) {
    return core::invalid("an MMSI has 9 digits, " + text::quote(original) + " does not", "mmsi");
  }
  Normalized out;
  out.kind = Kind::kMmsi;
  out.value = digits;
  out.display = digits;
  int mid = 0;
  std::string type;
  if (digits.rfind("111", 0) == 0) {
    type = "sar_aircraft";
    mid = std::stoi(digits.substr(3, 3));
  } else if (digits.rfind("970", 0) == 0) {
    type = "ais_sart";
  } else if (digits.rfind("972", 0) == 0) {
    type = "man_overboard";
  } else if (digits.rfind("974", 0) == 0) {
    type = "epirb";
  } else if (digits.rfind("98", 0) == 0) {
    type = "craft_of_parent_ship";
    mid = std::stoi(digits.substr(2, 3));
  } else if (digits.rfind("99", 0) == 0) {
    type = "aid_to_navigation";
    mid = std::stoi(digits.substr(2, 3));
  } else if (digits.rfind("00", 0) == 0) {
    type = "coast_station";
    mid = std::stoi(digits.substr(2, 3));
  } else if (digits[0] == '0') {
    type = "group";
    mid = std::stoi(digits.substr(1, 3));
  } else if (digits[0] >= '2' && digits[0] <= '7') {
    type = "ship";
    mid = std::stoi(digits.substr(0, 3));
  } else {
    return core::invalid(
        text::quote(original) + " is not an MMSI in use: ships' MMSIs start with 2 to 7", "mmsi");
  }
  out.parts["type"] = type;
  if (mid != 0) {
    out.parts["mid"] = std::to_string(mid);
    auto it = mid_countries().find(mid);
    if (it != mid_countries().end()) out.parts["flag"] = it->second;
  }
  return out;
}

core::Result<Normalized> normalize_plate(std::string_view value, const Context& ctx) {
  const std::string folded(text::trim(text::fold_separators(value)));
  CR_ASSIGN_OR_RETURN(CountryAndRest split, split_country(folded, ctx, "plate", true));
  CR_ASSIGN_OR_RETURN(std::string compact, compact_identifier(split.rest, "plate"));
  if (compact.size() < 2 || compact.size() > 12) {
    return core::invalid(text::quote(split.rest) +
                             " is not a plate: " + (compact.size() < 2 ? "too short" : "too long"),
                         "plate");
  }
  Normalized out;
  out.kind = Kind::kPlate;
  out.value = split.country + ":" + compact;
  out.display = split.country + " " + text::to_upper_ascii(text::trim(split.rest));
  out.parts["country"] = split.country;
  out.parts["registration"] = compact;
  return out;
}

core::Result<Normalized> normalize_document(std::string_view value, const Context& ctx) {
  const std::string folded(text::trim(text::fold_separators(value)));
  CR_ASSIGN_OR_RETURN(CountryAndRest split, split_country(folded, ctx, "document", false));
  CR_ASSIGN_OR_RETURN(std::string compact, compact_identifier(split.rest, "document"));
  for (char c : compact) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return core::invalid(
          text::quote(split.rest) + ": document numbers are written in Latin letters and digits",
          "document");
    }
  }
  if (compact.size() < 5) {
    return core::invalid(text::quote(split.rest) + " is too short for a document number (" +
                             std::to_string(compact.size()) + " characters, at least 5)",
                         "document");
  }
  if (compact.size() > 20) {
    return core::invalid(text::quote(split.rest) + " is too long for a document number (" +
                             std::to_string(compact.size()) + " characters, at most 20)",
                         "document");
  }
  Normalized out;
  out.kind = Kind::kDocument;
  out.value = split.country + ":" + compact;
  out.display = split.country + " " + compact;
  out.parts["country"] = split.country;
  out.parts["number"] = compact;
  return out;
}

}  // namespace crossroads::normalize
