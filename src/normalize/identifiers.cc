// Device, vessel, vehicle and identity-document identifiers: IMEI, IMO, MMSI, plates,
// passport and identity-card numbers.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <map>
#include <mutex>
#include <regex>
#include <span>

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
  // Maritime Identification Digits: every MID that ITU has allocated (201-775, the Table of
  // MIDs in ITU-R M.585 and the MARS database), with the ISO 3166 code of the flag; dependent
  // territories with codes of their own (Gibraltar, Faroe Islands, Bermuda, ...) have those.
  static const std::map<int, std::string> table = {
      {201, "AL"}, {202, "AD"}, {203, "AT"}, {204, "PT"}, {205, "BE"}, {206, "BY"}, {207, "BG"},
      {208, "VA"}, {209, "CY"}, {210, "CY"}, {211, "DE"}, {212, "CY"}, {213, "GE"}, {214, "MD"},
      {215, "MT"}, {216, "AM"}, {218, "DE"}, {219, "DK"}, {220, "DK"}, {224, "ES"}, {225, "ES"},
      {226, "FR"}, {227, "FR"}, {228, "FR"}, {229, "MT"}, {230, "FI"}, {231, "FO"}, {232, "GB"},
      {233, "GB"}, {234, "GB"}, {235, "GB"}, {236, "GI"}, {237, "GR"}, {238, "HR"}, {239, "GR"},
      {240, "GR"}, {241, "GR"}, {242, "MA"}, {243, "HU"}, {244, "NL"}, {245, "NL"}, {246, "NL"},
      {247, "IT"}, {248, "MT"}, {249, "MT"}, {250, "IE"}, {251, "IS"}, {252, "LI"}, {253, "LU"},
      {254, "MC"}, {255, "PT"}, {256, "MT"}, {257, "NO"}, {258, "NO"}, {259, "NO"}, {261, "PL"},
      {262, "ME"}, {263, "PT"}, {264, "RO"}, {265, "SE"}, {266, "SE"}, {267, "SK"}, {268, "SM"},
      {269, "CH"}, {270, "CZ"}, {271, "TR"}, {272, "UA"}, {273, "RU"}, {274, "MK"}, {275, "LV"},
      {276, "EE"}, {277, "LT"}, {278, "SI"}, {279, "RS"}, {301, "AI"}, {303, "US"}, {304, "AG"},
      {305, "AG"}, {306, "CW"}, {307, "AW"}, {308, "BS"}, {309, "BS"}, {310, "BM"}, {311, "BS"},
      {312, "BZ"}, {314, "BB"}, {316, "CA"}, {319, "KY"}, {321, "CR"}, {323, "CU"}, {325, "DM"},
      {327, "DO"}, {329, "GP"}, {330, "GD"}, {331, "GL"}, {332, "GT"}, {334, "HN"}, {336, "HT"},
      {338, "US"}, {339, "JM"}, {341, "KN"}, {343, "LC"}, {345, "MX"}, {347, "MQ"}, {348, "MS"},
      {350, "NI"}, {351, "PA"}, {352, "PA"}, {353, "PA"}, {354, "PA"}, {355, "PA"}, {356, "PA"},
      {357, "PA"}, {358, "PR"}, {359, "SV"}, {361, "PM"}, {362, "TT"}, {364, "TC"}, {366, "US"},
      {367, "US"}, {368, "US"}, {369, "US"}, {370, "PA"}, {371, "PA"}, {372, "PA"}, {373, "PA"},
      {374, "PA"}, {375, "VC"}, {376, "VC"}, {377, "VC"}, {378, "VG"}, {379, "VI"}, {401, "AF"},
      {403, "SA"}, {405, "BD"}, {408, "BH"}, {410, "BT"}, {412, "CN"}, {413, "CN"}, {414, "CN"},
      {416, "TW"}, {417, "LK"}, {419, "IN"}, {422, "IR"}, {423, "AZ"}, {425, "IQ"}, {428, "IL"},
      {431, "JP"}, {432, "JP"}, {434, "TM"}, {436, "KZ"}, {437, "UZ"}, {438, "JO"}, {440, "KR"},
      {441, "KR"}, {443, "PS"}, {445, "KP"}, {447, "KW"}, {450, "LB"}, {451, "KG"}, {453, "MO"},
      {455, "MV"}, {457, "MN"}, {459, "NP"}, {461, "OM"}, {463, "PK"}, {466, "QA"}, {468, "SY"},
      {470, "AE"}, {471, "AE"}, {472, "TJ"}, {473, "YE"}, {475, "YE"}, {477, "HK"}, {478, "BA"},
      {501, "TF"}, {503, "AU"}, {506, "MM"}, {508, "BN"}, {510, "FM"}, {511, "PW"}, {512, "NZ"},
      {514, "KH"}, {515, "KH"}, {516, "CX"}, {518, "CK"}, {520, "FJ"}, {523, "CC"}, {525, "ID"},
      {529, "KI"}, {531, "LA"}, {533, "MY"}, {536, "MP"}, {538, "MH"}, {540, "NC"}, {542, "NU"},
      {544, "NR"}, {546, "PF"}, {548, "PH"}, {550, "TL"}, {553, "PG"}, {555, "PN"}, {557, "SB"},
      {559, "AS"}, {561, "WS"}, {563, "SG"}, {564, "SG"}, {565, "SG"}, {566, "SG"}, {567, "TH"},
      {570, "TO"}, {572, "TV"}, {574, "VN"}, {576, "VU"}, {577, "VU"}, {578, "WF"}, {601, "ZA"},
      {603, "AO"}, {605, "DZ"}, {607, "TF"}, {608, "SH"}, {609, "BI"}, {610, "BJ"}, {611, "BW"},
      {612, "CF"}, {613, "CM"}, {615, "CG"}, {616, "KM"}, {617, "CV"}, {618, "TF"}, {619, "CI"},
      {620, "KM"}, {621, "DJ"}, {622, "EG"}, {624, "ET"}, {625, "ER"}, {626, "GA"}, {627, "GH"},
      {629, "GM"}, {630, "GW"}, {631, "GQ"}, {632, "GN"}, {633, "BF"}, {634, "KE"}, {635, "TF"},
      {636, "LR"}, {637, "LR"}, {638, "SS"}, {642, "LY"}, {644, "LS"}, {645, "MU"}, {647, "MG"},
      {649, "ML"}, {650, "MZ"}, {654, "MR"}, {655, "MW"}, {656, "NE"}, {657, "NG"}, {659, "NA"},
      {660, "RE"}, {661, "RW"}, {662, "SD"}, {663, "SN"}, {664, "SC"}, {665, "SH"}, {666, "SO"},
      {667, "SL"}, {668, "ST"}, {669, "SZ"}, {670, "TD"}, {671, "TG"}, {672, "TN"}, {674, "TZ"},
      {675, "UG"}, {676, "CD"}, {677, "TZ"}, {678, "ZM"}, {679, "ZW"}, {701, "AR"}, {710, "BR"},
      {720, "BO"}, {725, "CL"}, {730, "CO"}, {735, "EC"}, {740, "FK"}, {745, "GF"}, {750, "GY"},
      {755, "PY"}, {760, "PE"}, {765, "SR"}, {770, "UY"}, {775, "VE"},
  };
  return table;
}

// ---- national formats of plates and passport numbers ----
//
// Checked on the compact value (no spaces or hyphens). A mismatch is reported, never a reason
// to reject: older series, special, diplomatic, military and temporary plates and older
// passports exist beside the current formats, and a plate as written is evidence either way.

struct NationalFormat {
  const char* country;
  const char* pattern;  // ECMAScript regex over the shape: 'L' letter (any script), 'D' digit
  const char* example;  // the format as people write it
};

// Current and still common series:
// https://en.wikipedia.org/wiki/Vehicle_registration_plates_of_Europe and the national registers.
// Countries without a settled format (several regional systems, free vanity plates) are not here,
// and their plates get no verdict.
constexpr NationalFormat kPlateFormats[] = {
    {"IT", "L{2}D{3}L{2}", "AB 123 CD"},
    {"ES", "D{4}L{3}|L{1,2}D{4}L{1,2}", "1234 BCD (old: M 1234 AB)"},
    {"FR", "L{2}D{3}L{2}|D{1,4}L{2,3}(D{2}|DL)", "AB-123-CD (old: 123 ABC 75)"},
    {"DE", "L{2,5}D{1,4}L?", "M-AB 1234 (E/H suffix for electric/historic)"},
    {"AT", "L{1,2}(D{1,5}L{1,3}|L{1,3}D{1,5})", "W-12345 A, GU-123 AB"},
    {"HU", "L{3}D{3}|L{4}D{3}", "ABC-123, AA AB-123"},
    {"HR", "L{2}D{3,4}L{1,2}", "ZG 1234-AB"},
    {"SI", "L{2}[LD]{3,5}", "LJ 12-34A"},
    {"GR", "L{3}D{3,4}", "ABC-1234"},
    {"BG", "L{1,2}D{4}L{2}", "CA 1234 BX"},
    {"PL", "L{2}[LD]{4,5}|L{3}[LD]{4,5}", "WA 12345, KR 1AB23"},
    {"LT", "L{3}D{3}", "ABC 123"},
    {"LV", "L{2}D{1,4}", "AB-1234"},
    {"BE", "DL{3}D{3}|L{3}D{3}|D{3}L{3}", "1-ABC-234"},
    {"NL", "(?=.*D)(?=.*L)[LD]{6}", "12-ABC-3, AB-12-CD"},
    {"GB", "L{2}D{2}L{3}|LD{1,3}L{3}|L{3}D{1,3}L|L{3}D{1,4}", "AB12 CDE"},
    {"TR", "D{2}L{1,3}D{2,4}", "34 ABC 123"},
    {"RS", "L{2}D{3,4}L{2}", "BG 123-AB"},
    {"MK", "L{2}D{3,4}L{2}", "SK 1234 AB"},
    {"AL", "L{2}D{3}L{2}", "AA 123 BB"},
    {"BA", "LD{2}LD{3}", "A12-B-345"},
    {"MA", "D{1,5}LD{1,2}", "12345-أ-6"},
    {"TN", "D{1,3}L{2,4}D{1,4}", "123 تونس 4567"},
    {"DZ", "D{10,11}", "12345 123 16"},
    {"EG", "L{2,3}D{1,4}|D{1,4}L{2,3}", "ط ب ج 1234"},
    {"LY", "D{6,9}", "5-123456"},
};

// Passport numbers of the current series (ICAO 9303 document number field).
constexpr NationalFormat kPassportFormats[] = {
    {"IT", "L{2}D{7}", "YA1234567"},     {"ES", "L{2,3}D{6}", "PAA123456"},
    {"FR", "D{2}L{2}D{5}", "12AB34567"}, {"DE", "L[LD]{8}", "C01X00T47"},
    {"AT", "LD{7}", "P1234567"},         {"HU", "L{2}D{6,7}", "BA1234567"},
    {"HR", "D{9}", "123456789"},         {"SI", "L{2}D{7}", "PB1234567"},
    {"GR", "L{2}D{7}", "AB1234567"},     {"BG", "D{9}", "381234567"},
    {"PL", "L{2}D{7}", "EA1234567"},     {"LT", "D{8}", "12345678"},
    {"LV", "L{2}D{7}", "LV1234567"},     {"BE", "L{2}D{6}", "EH123456"},
    {"NL", "L{2}[LD]{6}D", "NW92BD1J7"}, {"GB", "D{9}", "123456789"},
    {"TR", "LD{8}", "U12345678"},        {"RS", "D{9}", "012345678"},
    {"MK", "LD{7}", "A1234567"},         {"AL", "L{2}D{7}", "BA1234567"},
    {"BA", "LD{7}", "A1234567"},         {"EG", "LD{8}", "A12345678"},
};

// 'L' for a letter (a multi-byte UTF-8 letter counts once), 'D' for a digit.
std::string shape_of(std::string_view compact) {
  std::string out;
  for (char c : compact) {
    const auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    out.push_back(b >= '0' && b <= '9' ? 'D' : 'L');
  }
  return out;
}

const NationalFormat* format_of(std::span<const NationalFormat> formats, std::string_view country) {
  for (const auto& f : formats) {
    if (country == f.country) return &f;
  }
  return nullptr;
}

bool matches(const NationalFormat& format, std::string_view compact) {
  // Compiled once per pattern: the tables are small and fixed.
  static std::mutex mutex;
  static std::map<const char*, std::regex> compiled;
  const std::regex* re = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = compiled.find(format.pattern);
    if (it == compiled.end()) {
      it = compiled.emplace(format.pattern, std::regex(format.pattern, std::regex::ECMAScript))
               .first;
    }
    re = &it->second;
  }
  return std::regex_match(shape_of(compact), *re);
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
    if (it != mid_countries().end()) {
      out.parts["flag"] = it->second;
    } else {
      // Not rejected: the number is well formed and may be a new allocation or a spoofed
      // one, which is itself worth keeping.
      out.parts["mid_allocated"] = "false";
    }
  }
  return out;
}

core::Result<Normalized> normalize_plate(std::string_view value, const Context& ctx) {
  const std::string folded(text::trim(text::fold_separators(value)));
  CountryAndRest split;
  // "KR 1AB23" in a Polish case is a Kraków plate, "BG 123-AB" in a Serbian case a Belgrade
  // one: when the whole value has the case country's format, the first letters are not a
  // country.
  const NationalFormat* case_format = nullptr;
  if (auto country = text::country_alpha2(ctx.default_country)) {
    case_format = format_of(kPlateFormats, *country);
    if (case_format != nullptr && folded.find(':') == std::string::npos) {
      auto whole = compact_identifier(folded, "plate");
      if (whole.is_ok() && matches(*case_format, *whole)) split = {*country, folded};
    }
  }
  if (split.country.empty()) {
    CR_ASSIGN_OR_RETURN(split, split_country(folded, ctx, "plate", true));
  }
  CR_ASSIGN_OR_RETURN(std::string compact, compact_identifier(split.rest, "plate"));
  const std::size_t characters = shape_of(compact).size();
  if (characters < 2 || characters > 12) {
    return core::invalid(
        text::quote(split.rest) + " is not a plate: " + (characters < 2 ? "too short" : "too long"),
        "plate");
  }
  Normalized out;
  out.kind = Kind::kPlate;
  out.value = split.country + ":" + compact;
  out.display = split.country + " " + text::to_upper_ascii(text::trim(split.rest));
  out.parts["country"] = split.country;
  out.parts["registration"] = compact;
  if (const NationalFormat* format = format_of(kPlateFormats, split.country)) {
    const bool valid = matches(*format, compact);
    out.parts["valid_format"] = valid ? "true" : "false";
    if (!valid) out.parts["expected_format"] = format->example;
  }
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
  // The kind does not say whether this is a passport or an identity card, so the passport
  // format is reported as such rather than as validity.
  if (const NationalFormat* format = format_of(kPassportFormats, split.country)) {
    const bool passport = matches(*format, compact);
    out.parts["passport_format"] = passport ? "true" : "false";
    if (!passport) out.parts["passport_example"] = format->example;
  }
  return out;
}

}  // namespace crossroads::normalize
