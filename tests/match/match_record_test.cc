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

// Entities of several schemata whose phones, e-mails, accounts and wallets recur written in
// different ways, with invalid values among them, as a store holds them.
std::vector<std::pair<core::Entity, std::string>> recurring_identifiers() {
  const std::vector<std::string> phones = {"+39 347 123 4567",
                                           "0039 347 1234567",
                                           "347 123 4567",
                                           "(347) 123-4567",
                                           "+49 151 23456789",
                                           "0151 2345 6789",
                                           "0049151/23456789",
                                           "+218 91 234 5678",
                                           "00218912345678",
                                           "091 234 5678",
                                           "+1 202 555 0173",
                                           "202-555-0173",
                                           "٠٠٩٦٣ ٩٤٤ ١٢٣ ٤٥٦",
                                           "+963 944 123 456",
                                           "0 034 62 439 2378",
                                           "+34 624 39 23 78",
                                           "12",
                                           "call me",
                                           "+999 123 456 789",
                                           "0039 06 1234 5678 ext. 12",
                                           "",
                                           "  +39 347 123 4567  ",
                                           "+39 347 123 4567x89",
                                           "06 1234 5678"};
  const std::vector<std::string> desks = {"IT", "DE", "LY", "US", "ES", "ZZ", ""};
  std::vector<std::pair<core::Entity, std::string>> out;
  core::Id id = 0;
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < phones.size(); ++i) {
      for (const auto& desk : desks) {
        core::Entity call;
        call.id = ++id;
        call.case_id = 1 + static_cast<core::Id>(i % 5);
        call.schema = "Call";
        call.properties["callerNumber"] = {phones[i]};
        call.properties["receiverNumber"] = {phones[(i + 3) % phones.size()], phones[i]};
        out.emplace_back(call, desk);
        core::Entity p = testing::person(++id, call.case_id, "Khaled Mansour", "1991", "ly",
                                         {{"phone", phones[(i * 7) % phones.size()]},
                                          {"email", i % 2 ? "K.Mansour@Example.com" : "k@"},
                                          {"passportNumber", "N 1234567"}});
        out.emplace_back(p, desk);
        core::Entity account;
        account.id = ++id;
        account.case_id = call.case_id;
        account.schema = "UserAccount";
        account.properties["service"] = {i % 2 ? "telegram" : "facebook"};
        account.properties["username"] = {"@khaled_" + std::to_string(i % 4)};
        out.emplace_back(account, desk);
        core::Entity wallet;
        wallet.id = ++id;
        wallet.case_id = call.case_id;
        wallet.schema = "CryptoWallet";
        wallet.properties["publicKey"] = {i % 2 ? "0xDF530e0713F8DA8feC27b04ED3aaf5cC09efB855"
                                                : "TGSnkXrbwku9rui7WbFqiftAbxw9wZXEeW"};
        out.emplace_back(wallet, desk);
      }
    }
  }
  return out;
}

TEST(NormalizationCache, ResolvesTheSameRecordsAsWithoutIt) {
  const auto entities = recurring_identifiers();
  // A roomy cache, and one so small that values leave it and come back all the time.
  for (std::size_t capacity : {std::size_t{1} << 16, std::size_t{3}}) {
    NormalizationCache cache(capacity);
    std::size_t identifiers = 0;
    for (const auto& [entity, desk] : entities) {
      const MatchRecord without = to_match_record(entity, desk);
      const MatchRecord with = to_match_record(entity, desk, &cache);
      EXPECT_EQ(with, without) << "entity " << entity.id << " in a " << desk << " case";
      identifiers += without.identifiers.size();
    }
    EXPECT_GT(identifiers, entities.size());  // the values are not all refused
    EXPECT_GT(cache.hits(), capacity > 3 ? cache.misses() : 0) << "capacity " << capacity;
    EXPECT_LE(cache.size(), 2 * capacity);
  }
}

TEST(NormalizationCache, ANumberWrittenAnotherWayIsALookup) {
  NormalizationCache cache;
  const normalize::Context it{"IT", {}};
  const std::string* first = cache.canonical(normalize::Kind::kPhone, "+39 347 123 4567", it);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(*first, "+393471234567");
  for (const char* same : {"0039 347 1234567", "+39-347-123-45-67"}) {
    const std::string* again = cache.canonical(normalize::Kind::kPhone, same, it);
    ASSERT_NE(again, nullptr) << same;
    EXPECT_EQ(*again, "+393471234567") << same;
  }
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 2u);
  // Written nationally it is parsed once more (the key cannot know the country's trunk rules),
  // then found however the separators fall.
  for (const char* same : {"347 123 4567", "(347) 123-4567"}) {
    const std::string* again = cache.canonical(normalize::Kind::kPhone, same, it);
    ASSERT_NE(again, nullptr) << same;
    EXPECT_EQ(*again, "+393471234567") << same;
  }
  EXPECT_EQ(cache.misses(), 2u);
  EXPECT_EQ(cache.hits(), 3u);
  // A national number means another number in another country's case.
  const std::string* german = cache.canonical(normalize::Kind::kPhone, "347 123 4567", {"DE", {}});
  ASSERT_NE(german, nullptr);
  EXPECT_EQ(*german, "+493471234567");
  EXPECT_EQ(cache.canonical(normalize::Kind::kPhone, "347 123 4567", {"XX", {}}), nullptr);
  EXPECT_EQ(cache.canonical(normalize::Kind::kPhone, "call me", it), nullptr);
}

TEST(PartialDate, ParsesFtmDatePrefixes) {
  EXPECT_EQ(parse_partial_date("1990").year, 1990);
  EXPECT_EQ(parse_partial_date("1990-13-01").month, 0);
  EXPECT_EQ(parse_partial_date("1990-02-30").day, 30 > 31 ? 0 : 30);
  EXPECT_EQ(parse_partial_date("about 1990").year, 0);
}

}  // namespace
}  // namespace crossroads::match
