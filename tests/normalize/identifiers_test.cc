#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

TEST(ImeiNormalizer, AcceptsValidImeiInCommonSpellings) {
  for (const char* input :
       {"490154203237518", "49-015420-323751-8", "IMEI: 490154203237518", "49 015420 323751 8"}) {
    SCOPED_TRACE(input);
    const Normalized n = must(Kind::kImei, input);
    EXPECT_EQ(n.value, "490154203237518");
    EXPECT_EQ(n.display, "49-015420-323751-8");
    EXPECT_EQ(part(n, "tac"), "49015420");
  }
}

TEST(ImeiNormalizer, CompletesImeiWithoutCheckDigitAndImeisv) {
  const Normalized short_form = must(Kind::kImei, "49015420323751");
  EXPECT_EQ(short_form.value, "490154203237518");
  EXPECT_EQ(part(short_form, "check_digit"), "computed");
  const Normalized sv = must(Kind::kImei, "4901542032375123");
  EXPECT_EQ(sv.value, "490154203237518");
  EXPECT_EQ(part(sv, "software_version"), "23");
}

TEST(ImeiNormalizer, RejectsLuhnFailureAndWrongLength) {
  EXPECT_NE(rejection(Kind::kImei, "490154203237517").find("Luhn"), std::string::npos);
  EXPECT_NE(rejection(Kind::kImei, "4901542032").find("15 digits"), std::string::npos);
  EXPECT_NE(rejection(Kind::kImei, "49015420323751A").find("only digits"), std::string::npos);
}

TEST(ImoNormalizer, AcceptsValidImoNumber) {
  for (const char* input : {"IMO 9074729", "9074729", "imo9074729", "IMO: 9074729"}) {
    const Normalized n = must(Kind::kImo, input);
    EXPECT_EQ(n.value, "IMO9074729");
    EXPECT_EQ(n.display, "IMO 9074729");
  }
}

TEST(ImoNormalizer, RejectsWrongCheckDigitAndLength) {
  EXPECT_NE(rejection(Kind::kImo, "IMO 9074728").find("check digit"), std::string::npos);
  EXPECT_NE(rejection(Kind::kImo, "IMO 907472").find("7 digits"), std::string::npos);
}

TEST(MmsiNormalizer, ReadsFlagAndStationType) {
  const Normalized italian = must(Kind::kMmsi, "247 123 456");
  EXPECT_EQ(italian.value, "247123456");
  EXPECT_EQ(part(italian, "type"), "ship");
  EXPECT_EQ(part(italian, "flag"), "IT");
  EXPECT_EQ(part(must(Kind::kMmsi, "MMSI 642123456"), "flag"), "LY");
  EXPECT_EQ(part(must(Kind::kMmsi, "002470001"), "type"), "coast_station");
  EXPECT_EQ(part(must(Kind::kMmsi, "970123456"), "type"), "ais_sart");
}

struct MidCase {
  const char* mmsi;
  const char* flag;
};

// The flags of the routes and the open registers, from the ITU table of MIDs.
const MidCase kMids[] = {
    {"201123456", "AL"}, {"205123456", "BE"}, {"207123456", "BG"}, {"209123456", "CY"},
    {"211123456", "DE"}, {"218123456", "DE"}, {"224123456", "ES"}, {"226123456", "FR"},
    {"229123456", "MT"}, {"232123456", "GB"}, {"236123456", "GI"}, {"237123456", "GR"},
    {"238123456", "HR"}, {"241123456", "GR"}, {"242123456", "MA"}, {"243123456", "HU"},
    {"244123456", "NL"}, {"247123456", "IT"}, {"256123456", "MT"}, {"261123456", "PL"},
    {"262123456", "ME"}, {"263123456", "PT"}, {"271123456", "TR"}, {"272123456", "UA"},
    {"273123456", "RU"}, {"274123456", "MK"}, {"275123456", "LV"}, {"277123456", "LT"},
    {"278123456", "SI"}, {"279123456", "RS"}, {"304123456", "AG"}, {"308123456", "BS"},
    {"312123456", "BZ"}, {"341123456", "KN"}, {"351123456", "PA"}, {"357123456", "PA"},
    {"358123456", "PR"}, {"370123456", "PA"}, {"373123456", "PA"}, {"375123456", "VC"},
    {"401123456", "AF"}, {"403123456", "SA"}, {"422123456", "IR"}, {"425123456", "IQ"},
    {"428123456", "IL"}, {"438123456", "JO"}, {"443123456", "PS"}, {"450123456", "LB"},
    {"463123456", "PK"}, {"468123456", "SY"}, {"470123456", "AE"}, {"478123456", "BA"},
    {"511123456", "PW"}, {"538123456", "MH"}, {"572123456", "TV"}, {"577123456", "VU"},
    {"605123456", "DZ"}, {"613123456", "CM"}, {"620123456", "KM"}, {"622123456", "EG"},
    {"624123456", "ET"}, {"625123456", "ER"}, {"636123456", "LR"}, {"642123456", "LY"},
    {"657123456", "NG"}, {"662123456", "SD"}, {"663123456", "SN"}, {"667123456", "SL"},
    {"672123456", "TN"}, {"677123456", "TZ"}, {"701123456", "AR"}, {"775123456", "VE"},
};

TEST(MmsiNormalizer, EveryRouteAndOpenRegisterMidYieldsItsFlag) {
  for (const auto& c : kMids) {
    SCOPED_TRACE(c.mmsi);
    const Normalized n = must(Kind::kMmsi, c.mmsi);
    EXPECT_EQ(part(n, "flag"), c.flag);
    EXPECT_EQ(part(n, "mid"), std::string(c.mmsi).substr(0, 3));
    EXPECT_EQ(part(n, "mid_allocated"), "<none>");
  }
}

TEST(MmsiNormalizer, FlagOfCoastStationsCraftAndAidsToNavigation) {
  EXPECT_EQ(part(must(Kind::kMmsi, "002471234"), "flag"), "IT");  // coast station 00 MID
  EXPECT_EQ(part(must(Kind::kMmsi, "992421234"), "flag"), "MA");  // aid to navigation 99 MID
  EXPECT_EQ(part(must(Kind::kMmsi, "982371234"), "flag"), "GR");  // craft of a parent ship
  EXPECT_EQ(part(must(Kind::kMmsi, "111247123"), "flag"), "IT");  // SAR aircraft
}

TEST(MmsiNormalizer, KeepsWellFormedMmsiWithUnallocatedMid) {
  const Normalized n = must(Kind::kMmsi, "217123456");  // 217 is not allocated
  EXPECT_EQ(part(n, "flag"), "<none>");
  EXPECT_EQ(part(n, "mid_allocated"), "false");
}

TEST(MmsiNormalizer, RejectsWrongLengthAndUnusedRanges) {
  EXPECT_NE(rejection(Kind::kMmsi, "24712345").find("9 digits"), std::string::npos);
  EXPECT_NE(rejection(Kind::kMmsi, "123456789").find("start with 2 to 7"), std::string::npos);
}

struct PlateCase {
  const char* country;
  const char* input;
  const char* value;
};

const PlateCase kPlates[] = {
    {"", "GR ABC-1234", "GR:ABC1234"},
    {"IT", "GR ABC-1234", "GR:ABC1234"},  // foreign truck in an Italian case
    {"IT", "AB 123 CD", "IT:AB123CD"},
    {"IT", "CA 123 AB", "IT:CA123AB"},  // "CA" is not read as Canada
    {"FR", "AB-123-CD", "FR:AB123CD"},
    {"DE", "M-AB 1234", "DE:MAB1234"},
    {"", "D: M AB 1234", "DE:MAB1234"},  // vehicle sign
    {"NL", "12-ABC-3", "NL:12ABC3"},
    {"", "BG:СА 1234 ВХ", "BG:CA1234BX"},  // Cyrillic letters typed as on the plate
    {"GR", "ΙΚΑ-1234", "GR:IKA1234"},      // Greek letters
    {"", "TN 123 تونس 4567", "<error>"},
    {"", "SRB BG123AB", "RS:BG123AB"},
    {"", "tr 34 abc 123", "<error>"},
    {"TR", "34 ABC 123", "TR:34ABC123"},
};

TEST(PlateNormalizer, KeysPlateByCountryWithoutSpacesAndHyphens) {
  for (const auto& c : kPlates) {
    SCOPED_TRACE(std::string(c.country) + " " + c.input);
    if (std::string(c.value) == "<error>") {
      rejection(Kind::kPlate, c.input, {c.country});
      continue;
    }
    EXPECT_EQ(must(Kind::kPlate, c.input, {c.country}).value, c.value);
  }
}

TEST(PlateNormalizer, KeepsDisplayAsWritten) {
  const Normalized n = must(Kind::kPlate, "gr abc-1234");
  EXPECT_EQ(n.display, "GR ABC-1234");
  EXPECT_EQ(part(n, "country"), "GR");
  EXPECT_EQ(part(n, "registration"), "ABC1234");
}

struct FormatCase {
  const char* country;
  const char* input;
  const char* valid;  // "true", "false", or "<none>" when the country's format is not known
};

// Current plates of the route countries as officers write them, and values that are not.
const FormatCase kPlateFormats[] = {
    {"IT", "AB 123 CD", "true"},    {"IT", "AB 1234 CD", "false"}, {"ES", "1234 BCD", "true"},
    {"ES", "M-1234-AB", "true"},    {"ES", "12345 BCD", "false"},  {"FR", "AB-123-CD", "true"},
    {"FR", "123 ABC 75", "true"},   {"FR", "ABC-12-CD", "false"},  {"DE", "M-AB 1234", "true"},
    {"DE", "B-MW 123E", "true"},    {"DE", "1234 AB", "false"},    {"AT", "W-12345 A", "true"},
    {"AT", "GU 123 AB", "true"},    {"HU", "ABC-123", "true"},     {"HU", "AA AB-123", "true"},
    {"HU", "AB-1234", "false"},     {"HR", "ZG 1234-AB", "true"},  {"HR", "ŠI 123-A", "true"},
    {"SI", "LJ 12-34A", "true"},    {"GR", "ΙΚΑ-1234", "true"},    {"GR", "AB-12345", "false"},
    {"BG", "CA 1234 BX", "true"},   {"BG", "СА 1234 ВХ", "true"},  {"BG", "CA 123 BX", "false"},
    {"PL", "WA 12345", "true"},     {"PL", "KR 1AB23", "true"},    {"LT", "ABC 123", "true"},
    {"LT", "AB 1234", "false"},     {"LV", "AB-1234", "true"},     {"BE", "1-ABC-234", "true"},
    {"BE", "12-ABC-34", "false"},   {"NL", "12-ABC-3", "true"},    {"NL", "AB-12-CD", "true"},
    {"NL", "ABCDEF", "false"},      {"GB", "AB12 CDE", "true"},    {"GB", "A123 BCD", "true"},
    {"GB", "AB123 CDE", "false"},   {"TR", "34 ABC 123", "true"},  {"TR", "06 A 1234", "true"},
    {"TR", "ABC 123", "false"},     {"RS", "BG 123-AB", "true"},   {"MK", "SK 1234 AB", "true"},
    {"AL", "AA 123 BB", "true"},    {"BA", "A12-B-345", "true"},   {"BA", "A12-345", "false"},
    {"MA", "12345-أ-6", "true"},    {"MA", "12345 B 6", "true"},   {"TN", "123 تونس 4567", "true"},
    {"DZ", "12345 115 16", "true"}, {"EG", "ط ب ج 1234", "true"},  {"LY", "5-123456", "true"},
    {"SY", "123456", "<none>"},     {"AF", "KBL 1234", "<none>"},
};

TEST(PlateNormalizer, ChecksNationalFormatWithoutRejecting) {
  for (const auto& c : kPlateFormats) {
    SCOPED_TRACE(std::string(c.country) + " " + c.input);
    const Normalized n = must(Kind::kPlate, c.input, {c.country});
    EXPECT_EQ(part(n, "country"), c.country);
    EXPECT_EQ(part(n, "valid_format"), c.valid);
    if (std::string(c.valid) == "false") {
      EXPECT_NE(part(n, "expected_format"), "<none>");
    } else {
      EXPECT_EQ(part(n, "expected_format"), "<none>");
    }
  }
}

TEST(PlateNormalizer, SpacingAndHyphensDoNotChangeTheKey) {
  for (const char* input : {"AB 123 CD", "AB-123-CD", "ab123cd", "AB 123-CD", "A B 1 2 3 C D"}) {
    SCOPED_TRACE(input);
    const Normalized n = must(Kind::kPlate, input, {"IT"});
    EXPECT_EQ(n.value, "IT:AB123CD");
    EXPECT_EQ(part(n, "valid_format"), "true");
  }
}

const FormatCase kPassportFormats[] = {
    {"IT", "YA1234567", "true"}, {"IT", "YA123456", "false"},    {"ES", "PAA123456", "true"},
    {"FR", "12AB34567", "true"}, {"FR", "AB1234567", "false"},   {"DE", "C01X00T47", "true"},
    {"AT", "P1234567", "true"},  {"HU", "BA1234567", "true"},    {"HR", "123456789", "true"},
    {"SI", "PB1234567", "true"}, {"GR", "AB 1234567", "true"},   {"BG", "381234567", "true"},
    {"PL", "EA1234567", "true"}, {"LT", "12345678", "true"},     {"LV", "LV1234567", "true"},
    {"BE", "EH123456", "true"},  {"NL", "NW92BD1J7", "true"},    {"GB", "123456789", "true"},
    {"GB", "12345678", "false"}, {"TR", "U12345678", "true"},    {"RS", "012345678", "true"},
    {"MK", "A1234567", "true"},  {"AL", "BA1234567", "true"},    {"BA", "A1234567", "true"},
    {"EG", "A12345678", "true"}, {"SY", "N012345678", "<none>"},
};

TEST(DocumentNormalizer, ReportsWhetherTheNumberHasTheCountrysPassportFormat) {
  for (const auto& c : kPassportFormats) {
    SCOPED_TRACE(std::string(c.country) + " " + c.input);
    const Normalized n = must(Kind::kDocument, c.input, {c.country});
    EXPECT_EQ(part(n, "passport_format"), c.valid);
  }
}

TEST(PlateNormalizer, RequiresCountry) {
  EXPECT_NE(rejection(Kind::kPlate, "AB 123 CD").find("issuing country"), std::string::npos);
  EXPECT_NE(rejection(Kind::kPlate, "QQ: ABC123").find("not a country code"), std::string::npos);
}

TEST(PlateNormalizer, RejectsPunctuationAndAbsurdLengths) {
  rejection(Kind::kPlate, "AB_123", {"IT"});
  rejection(Kind::kPlate, "A", {"IT"});
  rejection(Kind::kPlate, "ABCDEFGHIJKLMNOP", {"IT"});
}

struct DocumentCase {
  const char* country;
  const char* input;
  const char* value;
};

const DocumentCase kDocuments[] = {
    {"", "SY N012345678", "SY:N012345678"},
    {"", "SY:n 0123-45678", "SY:N012345678"},
    {"", "SYR N012345678", "SY:N012345678"},  // MRZ alpha-3
    {"IT", "YA1234567", "IT:YA1234567"},
    {"IT", "CA 00000 AA", "IT:CA00000AA"},  // Italian electronic ID card
    {"", "AF P01234567", "AF:P01234567"},
    {"", "ER 0123456", "ER:0123456"},
    {"", "PAK AB1234561", "PK:AB1234561"},
    {"", "D: C01X00T47", "DE:C01X00T47"},
    {"GR", "ΑΒ 123456", "GR:AB123456"},  // Greek ID card letters
    {"", "GBR 123456789", "GB:123456789"},
    {"NG", "A<<12345678", "NG:A12345678"},  // MRZ fillers
};

TEST(DocumentNormalizer, KeysDocumentByIssuingCountry) {
  for (const auto& c : kDocuments) {
    SCOPED_TRACE(std::string(c.country) + " " + c.input);
    const Normalized n = must(Kind::kDocument, c.input, {c.country});
    EXPECT_EQ(n.value, c.value);
  }
}

TEST(DocumentNormalizer, RejectsImpossibleNumbers) {
  EXPECT_NE(rejection(Kind::kDocument, "SY 1234").find("too short"), std::string::npos);
  EXPECT_NE(rejection(Kind::kDocument, "SY 123456789012345678901").find("too long"),
            std::string::npos);
  EXPECT_NE(rejection(Kind::kDocument, "SY N01234#567").find("cannot be part"), std::string::npos);
  EXPECT_NE(rejection(Kind::kDocument, "N012345678").find("issuing country"), std::string::npos);
}

}  // namespace
}  // namespace crossroads::normalize
