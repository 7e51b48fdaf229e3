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
