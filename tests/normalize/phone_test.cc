#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

struct PhoneCase {
  const char* country;  // case's country
  const char* input;
  const char* e164;
  const char* region;
  const char* type;
};

// Real-world ways of writing numbers in the countries our cases touch.
const PhoneCase kValidPhones[] = {
    {"IT", "347 123 4567", "+393471234567", "IT", "mobile"},
    {"IT", "+39 347 1234567", "+393471234567", "IT", "mobile"},
    {"IT", "0039 347-123-4567", "+393471234567", "IT", "mobile"},
    {"IT", "06 1234 5678", "+390612345678", "IT", "fixed"},
    {"DE", "0151 23456789", "+4915123456789", "DE", "mobile"},
    {"DE", "(030) 1234567", "+49301234567", "DE", "fixed"},
    {"FR", "06 12 34 56 78", "+33612345678", "FR", "mobile"},
    {"FR", "01.42.68.53.00", "+33142685300", "FR", "fixed"},
    {"GR", "694 123 4567", "+306941234567", "GR", "mobile"},
    {"ES", "612 34 56 78", "+34612345678", "ES", "mobile"},
    {"NL", "06-12345678", "+31612345678", "NL", "mobile"},
    {"TN", "20 123 456", "+21620123456", "TN", "mobile"},
    {"LY", "091-2345678", "+218912345678", "LY", "mobile"},
    {"MA", "0612-345678", "+212612345678", "MA", "mobile"},
    {"TR", "0532 123 45 67", "+905321234567", "TR", "mobile"},
    {"SY", "0944 123 456", "+963944123456", "SY", "mobile"},
    {"AF", "079 912 3456", "+93799123456", "AF", "mobile"},
    {"PK", "0300 1234567", "+923001234567", "PK", "mobile"},
    {"IQ", "0790 123 4567", "+9647901234567", "IQ", "mobile"},
    {"EG", "010 0123 4567", "+201001234567", "EG", "mobile"},
    {"ER", "07 123 456", "+2917123456", "ER", "mobile"},
    {"NG", "0803 123 4567", "+2348031234567", "NG", "mobile"},
    {"GB", "07400 123456", "+447400123456", "GB", "mobile"},
    {"AL", "+355 67 212 3456", "+355672123456", "AL", "mobile"},
    {"RS", "060 1234567", "+381601234567", "RS", "mobile"},
    // A foreign number in an Italian case: the + wins over the case's country.
    {"IT", "+44 20 7946 0958", "+442079460958", "GB", "fixed"},
    {"IT", "00963 944 123 456", "+963944123456", "SY", "mobile"},
    // No case country needed when the number is international.
    {"", "+216 20 123 456", "+21620123456", "TN", "mobile"},
};

TEST(PhoneNormalizer, KeepsRealWorldFormatsFromManyCountries) {
  for (const auto& c : kValidPhones) {
    SCOPED_TRACE(std::string(c.country) + " " + c.input);
    const Normalized n = must(Kind::kPhone, c.input, {c.country});
    EXPECT_EQ(n.value, c.e164);
    EXPECT_EQ(part(n, "country"), c.region);
    EXPECT_EQ(part(n, "type"), c.type);
  }
}

TEST(PhoneNormalizer, KeepsItalianMobileWithoutTrunkPrefix) {
  const Normalized n = must(Kind::kPhone, "3471234567", {"IT"});
  EXPECT_EQ(n.value, "+393471234567");
  EXPECT_EQ(n.display, "+39 347 123 4567");
  EXPECT_EQ(part(n, "country_code"), "39");
  EXPECT_EQ(part(n, "national_number"), "3471234567");
}

TEST(PhoneNormalizer, ReadsArabicIndicDigits) {
  EXPECT_EQ(must(Kind::kPhone, "٠٠٩٦٣ ٩٤٤ ١٢٣ ٤٥٦", {"IT"}).value, "+963944123456");
}

TEST(PhoneNormalizer, ReadsPersianDigitsWithDirectionMarks) {
  // As copied from a Dari chat: Persian digits and a left-to-right mark.
  EXPECT_EQ(must(Kind::kPhone, "\u200e۰۷۹۹ ۱۲۳ ۴۵۶", {"AF"}).value, "+93799123456");
}

TEST(PhoneNormalizer, ReadsFullwidthPlusAndUnicodeDashes) {
  EXPECT_EQ(must(Kind::kPhone, "＋39 347–123–4567").value, "+393471234567");
}

TEST(PhoneNormalizer, KeepsExtensionAsPart) {
  const Normalized n = must(Kind::kPhone, "+49 30 1234567 ext. 12");
  EXPECT_EQ(n.value, "+49301234567");
  EXPECT_EQ(part(n, "extension"), "12");
}

TEST(PhoneNormalizer, RejectsTooShortItalianNumber) {
  const std::string message = rejection(Kind::kPhone, "+39 347 123", {"IT"});
  EXPECT_NE(message.find("too short"), std::string::npos) << message;
  EXPECT_NE(message.find("Italy"), std::string::npos) << message;
}

TEST(PhoneNormalizer, RejectsNationalNumberWithoutCaseCountry) {
  const std::string message = rejection(Kind::kPhone, "347 123 4567");
  EXPECT_NE(message.find("country code"), std::string::npos) << message;
}

TEST(PhoneNormalizer, RejectsPossibleButInvalidNumber) {
  const std::string message = rejection(Kind::kPhone, "+355 66 212 3456");
  EXPECT_NE(message.find("not a valid number"), std::string::npos) << message;
}

TEST(PhoneNormalizer, RejectsTextAroundTheNumber) {
  const std::string message = rejection(Kind::kPhone, "call 347 123 4567", {"IT"});
  EXPECT_NE(message.find("does not belong"), std::string::npos) << message;
}

TEST(PhoneNormalizer, RejectsUnknownCountryCodeAndUnknownCaseCountry) {
  EXPECT_NE(rejection(Kind::kPhone, "+999 123 456 789").find("country code"), std::string::npos);
  EXPECT_NE(rejection(Kind::kPhone, "347 123 4567", {"ZZ"}).find("ISO country"), std::string::npos);
}

TEST(PhoneNormalizer, RejectsLetters) {
  rejection(Kind::kPhone, "1-800-FLOWERS", {"US"});
  rejection(Kind::kPhone, "+39 abc", {"IT"});
}

// Valid, invalid and odd numbers, each read in several case countries: what canonical() and
// phone_cache_key() are checked against.
std::vector<std::pair<std::string, std::string>> phones_in_countries() {
  std::vector<std::string> inputs = {"+39 347 123 4567",
                                     "0039 347 1234567",
                                     "347 123 4567",
                                     "+39 347 123",
                                     "+355 66 212 3456",
                                     "+999 123 456 789",
                                     "0 034 62 439 2378",
                                     "0034 62 439 2378",
                                     "+34 624 39 23 78",
                                     "+49 30 1234567 ext. 12",
                                     "+49 30 1234567",
                                     "+39 abc",
                                     "＋39 347–123–4567",
                                     "\u200e۰۷۹۹ ۱۲۳ ۴۵۶",
                                     "12",
                                     "",
                                     "   ",
                                     "000 123",
                                     "+1 202 555 0173",
                                     "202-555-0173",
                                     std::string(70, '1')};
  for (const auto& c : kValidPhones) inputs.emplace_back(c.input);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& input : inputs) {
    for (const char* country : {"IT", "DE", "US", "AF", "ZZ", "XX", "Italy", ""}) {
      out.emplace_back(input, country);
    }
  }
  return out;
}

TEST(PhoneNormalizer, CanonicalGivesTheValueAndVerdictOfNormalize) {
  for (const auto& [input, country] : phones_in_countries()) {
    SCOPED_TRACE(country + " '" + input + "'");
    const Context ctx{country, {}};
    const auto full = normalize(Kind::kPhone, input, ctx);
    const auto value = canonical(Kind::kPhone, input, ctx);
    ASSERT_EQ(full.is_ok(), value.is_ok());
    if (full.is_ok()) {
      EXPECT_EQ(*value, full->value);
    } else {
      EXPECT_EQ(value.status().to_string(), full.status().to_string());
    }
  }
}

TEST(PhoneNormalizer, NumbersWithTheSameCacheKeyHaveTheSameCanonicalForm) {
  std::map<std::string, std::pair<std::string, std::string>> by_key;  // key -> value or error
  std::size_t shared = 0;
  for (const auto& [input, country] : phones_in_countries()) {
    const Context ctx{country, {}};
    const std::string key = phone_cache_key(input, ctx);
    const auto n = normalize(Kind::kPhone, input, ctx);
    if (key.empty()) {
      EXPECT_FALSE(n.is_ok()) << country << " '" << input << "' has no key but is valid";
      continue;
    }
    const auto verdict = n.is_ok() ? std::make_pair(n->value, std::string())
                                   : std::make_pair(std::string(), std::string("invalid"));
    auto [it, fresh] = by_key.emplace(key, verdict);
    if (!fresh) {
      ++shared;
      EXPECT_EQ(it->second, verdict) << "key " << key << ": " << country << " '" << input << "'";
    }
  }
  EXPECT_GT(shared, 20u);  // ways of writing one number, and international numbers
  EXPECT_EQ(phone_cache_key("0039 347-123-4567", {"DE", {}}),
            phone_cache_key("+39 347 1234567", {"IT", {}}));
  EXPECT_NE(phone_cache_key("347 123 4567", {"DE", {}}),
            phone_cache_key("347 123 4567", {"IT", {}}));
}

}  // namespace
}  // namespace crossroads::normalize
