#include "match/match_record.h"

#include <gtest/gtest.h>

#include "test_records.h"

namespace crossroads::match {
namespace {

using testing::person;

bool has(const MatchRecord& r, normalize::Kind kind, const std::string& value) {
  for (const auto& i : r.identifiers) {
    if (i.kind == kind && i.value == value) return true;
  }
  return false;
}

TEST(MatchRecord, NormalisesPhonesWithTheDesksCountryAsDefaultRegion) {
  auto r =
      to_match_record(person(1, 1, "Mohamed Ali", "", "", {{"phone", "0151 2345 6789"}}), "DE");
  EXPECT_TRUE(has(r, normalize::Kind::kPhone, "+4915123456789"));
  auto same =
      to_match_record(person(2, 2, "Mohamed Ali", "", "", {{"phone", "+49 151 23456789"}}), "IT");
  EXPECT_EQ(r.identifiers, same.identifiers);
}

TEST(MatchRecord, SkipsInvalidValuesInsteadOfIndexingGarbage) {
  auto r = to_match_record(person(1, 1, "Mohamed Ali", "", "",
                                  {{"phone", "call me"}, {"iban", "DE00 1234"}, {"email", "x@"}}),
                           "DE");
  EXPECT_TRUE(r.identifiers.empty());
}

TEST(MatchRecord, NormalisesIbanAndPassportWithNationality) {
  auto r = to_match_record(
      person(1, 1, "Tesfay Haile", "1990", "er",
             {{"iban", "DE89 3704 0044 0532 0130 00"}, {"passportNumber", "N 1234567"}}),
      "IT");
  EXPECT_TRUE(has(r, normalize::Kind::kIban, "DE89370400440532013000"))
      << (r.identifiers.empty() ? std::string("none") : r.identifiers[0].value);
  EXPECT_TRUE(has(r, normalize::Kind::kDocument, "ER:N1234567"));
  EXPECT_EQ(r.nationalities, std::vector<std::string>{"ER"});
}

TEST(MatchRecord, KeepsNamesAliasesAndPartialBirthDates) {
  core::Entity e = person(1, 1, "Muhammad Abd al-Rahman", "1990-03", "SY",
                          {{"alias", "Abu Ahmed"}, {"gender", "male"}});
  auto r = to_match_record(e, "IT");
  ASSERT_EQ(r.names.size(), 2u);
  EXPECT_EQ(r.names[0].tokens, (std::vector<std::string>{"muhammad", "abdalrahman"}));
  EXPECT_EQ(r.birth_date.year, 1990);
  EXPECT_EQ(r.birth_date.month, 3);
  EXPECT_EQ(r.birth_date.day, 0);
  EXPECT_EQ(r.gender, Gender::kMale);
}

TEST(MatchRecord, VehiclesAndWalletsCarryTheirIdentifiers) {
  core::Entity car;
  car.id = 5;
  car.case_id = 1;
  car.schema = "Vehicle";
  car.properties["registrationNumber"] = {"AB 123 CD"};
  car.properties["country"] = {"it"};
  auto r = to_match_record(car, "DE");
  EXPECT_FALSE(r.is_person());
  EXPECT_TRUE(has(r, normalize::Kind::kPlate, "IT:AB123CD"));
}

TEST(PartialDate, ParsesFtmDatePrefixes) {
  EXPECT_EQ(parse_partial_date("1990").year, 1990);
  EXPECT_EQ(parse_partial_date("1990-13-01").month, 0);
  EXPECT_EQ(parse_partial_date("1990-02-30").day, 30 > 31 ? 0 : 30);
  EXPECT_EQ(parse_partial_date("about 1990").year, 0);
}

}  // namespace
}  // namespace crossroads::match
