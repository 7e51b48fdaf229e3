#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

// Examples from the SWIFT IBAN registry and national banks, one per country.
const char* const kIbans[] = {
    "DE89370400440532013000",
    "GB29NWBK60161331926819",
    "FR1420041010050500013M02606",
    "IT60X0542811101000000123456",
    "ES9121000418450200051332",
    "NL91ABNA0417164300",
    "GR1601101250000000012300695",
    "BE68539007547034",
    "CH9300762011623852957",
    "AT611904300234573201",
    "TN5910006035183598478831",
    "TR330006100519786457841326",
    "AL47212110090000000235698741",
    "RS35260005601001611379",
    "NO9386011117947",
    "MT84MALT011000012345MTLCAST001S",
    "PL61109010140000071219812874",
    "EG380019000500000000263180002",
    "LY83002048000020100120361",
    "IQ98NBIQ850123456789012",
    "PK36SCBL0000001123456702",
    "SE4550000000058398257466",
    "XK051212012345678906",
};

TEST(IbanNormalizer, AcceptsRegistryExamplesOfManyCountries) {
  for (const char* iban : kIbans) {
    SCOPED_TRACE(iban);
    const Normalized n = must(Kind::kIban, iban);
    EXPECT_EQ(n.value, iban);
    EXPECT_EQ(part(n, "country"), std::string(iban, 2));
  }
}

TEST(IbanNormalizer, StripsSpacesPrefixAndCaseAndGroupsByFour) {
  const Normalized n = must(Kind::kIban, "IBAN: de89 3704 0044 0532 0130 00");
  EXPECT_EQ(n.value, "DE89370400440532013000");
  EXPECT_EQ(n.display, "DE89 3704 0044 0532 0130 00");
  EXPECT_EQ(part(n, "check_digits"), "89");
  EXPECT_EQ(part(n, "bban"), "370400440532013000");
}

TEST(IbanNormalizer, RejectsMistypedDigitViaMod97) {
  const std::string message = rejection(Kind::kIban, "DE89370400440532013001");
  EXPECT_NE(message.find("IBAN check digits do not match (mod-97)"), std::string::npos);
  EXPECT_NE(message.find("mistyped"), std::string::npos);
}

TEST(IbanNormalizer, RejectsSwappedAdjacentDigits) {
  rejection(Kind::kIban, "DE89370400440532031000");
}

TEST(IbanNormalizer, RejectsWrongLengthForCountry) {
  const std::string message = rejection(Kind::kIban, "IT60X054281110100000012345");
  EXPECT_NE(message.find("Italy has 27 characters"), std::string::npos) << message;
  EXPECT_NE(message.find("missing"), std::string::npos) << message;
}

TEST(IbanNormalizer, RejectsCountriesWithoutIbanAndGarbage) {
  EXPECT_NE(rejection(Kind::kIban, "US12345678901234567890").find("not a country that uses"),
            std::string::npos);
  EXPECT_NE(rejection(Kind::kIban, "1234").find("two-letter country"), std::string::npos);
  EXPECT_NE(rejection(Kind::kIban, "DE89_3704").find("cannot be in an IBAN"), std::string::npos);
  EXPECT_NE(rejection(Kind::kIban, "DEXX370400440532013000").find("must be digits"),
            std::string::npos);
}

TEST(BicNormalizer, TreatsPrimaryOfficeWithAndWithoutXxxAsOne) {
  EXPECT_EQ(must(Kind::kBic, "DEUTDEFF").value, "DEUTDEFF");
  EXPECT_EQ(must(Kind::kBic, "deutdeffxxx").value, "DEUTDEFF");
  const Normalized branch = must(Kind::kBic, "DEUT DE FF 500");
  EXPECT_EQ(branch.value, "DEUTDEFF500");
  EXPECT_EQ(part(branch, "branch"), "500");
  EXPECT_EQ(part(branch, "country"), "DE");
}

TEST(BicNormalizer, AcceptsBanksOfSeveralCountries) {
  for (const char* bic : {"UNCRITMM", "BNPAFRPP", "NWBKGB2L", "ETHNGRAA", "BCTUTNTT"}) {
    EXPECT_EQ(must(Kind::kBic, bic).value, bic);
  }
}

TEST(BicNormalizer, RejectsWrongLengthShapeAndCountry) {
  EXPECT_NE(rejection(Kind::kBic, "DEUTDEF").find("8 or 11"), std::string::npos);
  EXPECT_NE(rejection(Kind::kBic, "DEU1DEFF").find("4 letters"), std::string::npos);
  EXPECT_NE(rejection(Kind::kBic, "DEUTQQFF").find("not a country"), std::string::npos);
}

struct CardCase {
  const char* input;
  const char* brand;
  const char* display;
};

const CardCase kCards[] = {
    {"4111 1111 1111 1111", "visa", "**** **** **** 1111"},
    {"5555-5555-5555-4444", "mastercard", "**** **** **** 4444"},
    {"2223003122003222", "mastercard", "**** **** **** 3222"},
    {"3782 822463 10005", "amex", "**** **** ***0 005"},
    {"6011111111111117", "discover", "**** **** **** 1117"},
    {"3530111333300000", "jcb", "**** **** **** 0000"},
    {"4012888888881881", "visa", "**** **** **** 1881"},
};

TEST(PaymentCardNormalizer, ValidatesLuhnAndMasksDisplay) {
  for (const auto& c : kCards) {
    SCOPED_TRACE(c.input);
    const Normalized n = must(Kind::kPaymentCard, c.input);
    EXPECT_EQ(part(n, "brand"), c.brand);
    EXPECT_EQ(n.display, c.display);
    EXPECT_EQ(n.display.find("1111 1111"), std::string::npos);
  }
  EXPECT_EQ(must(Kind::kPaymentCard, "4111-1111-1111-1111").value, "4111111111111111");
}

TEST(PaymentCardNormalizer, RejectsLuhnFailureWithoutRevealingTheNumber) {
  const std::string message = rejection(Kind::kPaymentCard, "4111 1111 1111 1112");
  EXPECT_NE(message.find("Luhn"), std::string::npos);
  EXPECT_NE(message.find("1112"), std::string::npos);
  EXPECT_EQ(message.find("41111111"), std::string::npos) << message;
  EXPECT_EQ(message.find("4111 1111"), std::string::npos) << message;
}

TEST(PaymentCardNormalizer, RejectsWrongLengthsAndLetters) {
  EXPECT_NE(rejection(Kind::kPaymentCard, "4111 1111").find("12 to 19"), std::string::npos);
  EXPECT_NE(rejection(Kind::kPaymentCard, "4111 1111 abcd 1111").find("only digits"),
            std::string::npos);
  // Passes Luhn but an Amex number is never 16 digits.
  EXPECT_NE(rejection(Kind::kPaymentCard, "3400000000000000").find("amex"), std::string::npos);
}

}  // namespace
}  // namespace crossroads::normalize
