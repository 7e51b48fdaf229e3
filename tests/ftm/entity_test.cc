#include "ftm/entity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace crossroads::ftm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

const SchemaRegistry& model() { return SchemaRegistry::builtin(); }

core::Entity make(std::string schema, core::Properties properties, std::string id = "e1") {
  core::Entity entity;
  entity.ftm_id = std::move(id);
  entity.schema = std::move(schema);
  entity.properties = std::move(properties);
  return entity;
}

core::Entity person(core::Properties extra = {}) {
  core::Properties properties = {{"name", {"Ahmed Karimi"}}};
  for (auto& [name, values] : extra) properties[name] = values;
  return make("Person", std::move(properties));
}

// Validates a Person whose `property` holds `value` and returns the outcome.
core::Status person_with(const std::string& property, const std::string& value) {
  core::Entity entity = person({{property, {value}}});
  return validate_entity(model(), entity);
}

// ---- schema and properties ------------------------------------------------------------------

TEST(EntityValidation, AcceptsAndTidiesAPerson) {
  core::Entity entity = person({{"nationality", {" AF ", "af", ""}},
                                {"alias", {"  Ahmad K.  ", "Ahmad K.", "   "}},
                                {"notes", {""}}});
  ASSERT_TRUE(validate_entity(model(), entity).is_ok());
  EXPECT_THAT(entity.properties["nationality"], ElementsAre("af"));
  EXPECT_THAT(entity.properties["alias"], ElementsAre("Ahmad K."));
  EXPECT_FALSE(entity.properties.contains("notes"));
  EXPECT_EQ(entity.caption, "Ahmed Karimi");
}

TEST(EntityValidation, RefusesUnknownSchemaAndSuggestsTheClosest) {
  core::Entity entity = make("Persn", {{"name", {"X"}}});
  core::Status status = validate_entity(model(), entity);
  EXPECT_EQ(status.code(), core::Code::kInvalidArgument);
  EXPECT_EQ(status.field(), "schema");
  EXPECT_EQ(status.message(), "unknown schema 'Persn'; did you mean 'Person'?");
}

TEST(EntityValidation, RefusesUnknownSchemaWithoutWildGuesses) {
  core::Entity entity = make("Spaceship", {{"name", {"X"}}});
  core::Status status = validate_entity(model(), entity);
  EXPECT_EQ(status.message(), "unknown schema 'Spaceship'");
}

TEST(EntityValidation, RefusesMissingSchema) {
  core::Entity entity = make("", {{"name", {"X"}}});
  EXPECT_EQ(validate_entity(model(), entity).field(), "schema");
}

TEST(EntityValidation, RefusesAbstractSchemaAndNamesConcreteOnes) {
  core::Entity entity = make("Thing", {{"name", {"X"}}});
  core::Status status = validate_entity(model(), entity);
  EXPECT_EQ(status.field(), "schema");
  EXPECT_THAT(status.message(), HasSubstr("'Thing' is abstract"));
  EXPECT_THAT(status.message(), HasSubstr("such as"));
}

TEST(EntityValidation, RefusesSchemaACaseCannotHold) {
  core::Entity entity = make("CourtCase", {{"name", {"X"}}});
  core::Status status = validate_entity(model(), entity);
  EXPECT_EQ(status.field(), "schema");
  EXPECT_THAT(status.message(), HasSubstr("not among the schemata a case can hold"));
}

TEST(EntityValidation, RefusesUnknownPropertyAndSuggestsTheClosest) {
  core::Status status = person_with("birthdate", "1990-01-01");
  EXPECT_EQ(status.field(), "properties.birthdate");
  EXPECT_EQ(status.message(), "'Person' has no property 'birthdate'; did you mean 'birthDate'?");
}

TEST(EntityValidation, RefusesPropertyOfAnotherSchema) {
  core::Status status = person_with("imoNumber", "9074729");  // a Vessel property
  EXPECT_EQ(status.field(), "properties.imoNumber");
  EXPECT_THAT(status.message(), HasSubstr("'Person' has no property 'imoNumber'"));
}

TEST(EntityValidation, RefusesMissingRequiredProperty) {
  core::Entity passport = make("Passport", {{"number", {"P1234567"}}});
  core::Status status = validate_entity(model(), passport);
  EXPECT_EQ(status.field(), "properties.holder");
  EXPECT_THAT(status.message(), HasSubstr("'Passport' needs a value for 'holder'"));
}

TEST(EntityValidation, TreatsBlankRequiredValueAsMissing) {
  core::Entity entity = make("Person", {{"name", {"   ", ""}}});
  EXPECT_EQ(validate_entity(model(), entity).field(), "properties.name");
}

TEST(EntityValidation, LeavesEntityUntouchedWhenRefusing) {
  core::Entity entity = person({{"nationality", {" AF "}}, {"birthDate", {"1990-13-01"}}});
  core::Entity before = entity;
  ASSERT_FALSE(validate_entity(model(), entity).is_ok());
  EXPECT_EQ(entity.properties, before.properties);
  EXPECT_EQ(entity.caption, before.caption);
}

TEST(EntityValidation, RefusesIdWithWhitespace) {
  core::Entity entity = person();
  entity.ftm_id = "person one";
  core::Status status = validate_entity(model(), entity);
  EXPECT_EQ(status.field(), "id");
}

// ---- dates ----------------------------------------------------------------------------------

TEST(EntityValidation, RefusesImpossibleBirthDate) {
  core::Status status = person_with("birthDate", "1990-02-31");
  EXPECT_EQ(status.code(), core::Code::kInvalidArgument);
  EXPECT_EQ(status.field(), "properties.birthDate");
  EXPECT_EQ(status.message(),
            "properties.birthDate[0]: '1990-02-31' is not a date; write YYYY, YYYY-MM or "
            "YYYY-MM-DD");
}

TEST(EntityValidation, RefusesDayFirstDates) {
  core::Status status = person_with("birthDate", "31/02/1990");
  EXPECT_EQ(status.message(),
            "properties.birthDate[0]: '31/02/1990' is not a date; write YYYY, YYYY-MM or "
            "YYYY-MM-DD");
}

TEST(EntityValidation, AcceptsPartialDatesAndTimes) {
  for (const char* date : {"1990", "1990-02", "1990-02-28", "2000-02-29", "2024-01-05T10:30",
                           "2024-01-05T10:30:15", "2024-01-05T23:59:59Z"}) {
    EXPECT_TRUE(person_with("birthDate", date).is_ok()) << date;
  }
}

TEST(EntityValidation, RefusesMalformedDates) {
  for (const char* date : {"1900-02-29", "2000-02-30", "1990-13", "1990-00-10", "1990-1-5", "90",
                           "0000", "1990-02T10:00", "2024-01-05T24:00", "2024-01-05T10:60",
                           "2024-01-05T10:30:15+02:00", "2024-01-05 10:30", "1990-02-28Z"}) {
    core::Status status = person_with("birthDate", date);
    EXPECT_EQ(status.field(), "properties.birthDate") << date;
  }
}

TEST(EntityValidation, NamesTheIndexOfTheBadValue) {
  core::Entity entity = person({{"birthDate", {"1990", "1991-04-31"}}});
  core::Status status = validate_entity(model(), entity);
  EXPECT_THAT(status.message(), HasSubstr("properties.birthDate[1]: '1991-04-31'"));
}

// ---- countries, e-mails, URLs, numbers, IBANs, references ---------------------------------

TEST(EntityValidation, StoresCountriesInLowerCaseIncludingFtmSpecialCodes) {
  core::Entity entity = person({{"nationality", {"XK", "eu", "zz", "De"}}});
  ASSERT_TRUE(validate_entity(model(), entity).is_ok());
  EXPECT_THAT(entity.properties["nationality"], ElementsAre("xk", "eu", "zz", "de"));
}

TEST(EntityValidation, RefusesCountryNamesAndUnassignedCodes) {
  for (const char* country : {"Germany", "uk", "xx", "d", "deu"}) {
    core::Status status = person_with("nationality", country);
    EXPECT_EQ(status.field(), "properties.nationality") << country;
    EXPECT_THAT(status.message(), HasSubstr("is not a country code")) << country;
  }
}

TEST(EntityValidation, KeepsEmailAsTypedButTrimmed) {
  core::Entity entity = person({{"email", {"  Ahmed.K@Example.org "}}});
  ASSERT_TRUE(validate_entity(model(), entity).is_ok());
  EXPECT_THAT(entity.properties["email"], ElementsAre("Ahmed.K@Example.org"));
}

TEST(EntityValidation, RefusesMalformedEmail) {
  for (const char* email : {"ahmed", "ahmed@example", "@example.org", "a@b@example.org",
                            "a b@example.org", "a@.org", "a@example."}) {
    core::Status status = person_with("email", email);
    EXPECT_EQ(status.field(), "properties.email") << email;
    EXPECT_THAT(status.message(), HasSubstr("is not an e-mail address")) << email;
  }
}

TEST(EntityValidation, AcceptsOnlyWebUrls) {
  EXPECT_TRUE(person_with("sourceUrl", "https://example.org/case?id=4").is_ok());
  EXPECT_TRUE(person_with("sourceUrl", "HTTP://example.org").is_ok());
  for (const char* url : {"ftp://example.org", "example.org", "https://", "javascript:alert(1)",
                          "https://exa mple.org"}) {
    core::Status status = person_with("sourceUrl", url);
    EXPECT_EQ(status.field(), "properties.sourceUrl") << url;
  }
}

TEST(EntityValidation, AcceptsPlainNumbersOnly) {
  for (const char* number : {"180", "-3", "1250.50", "+2", "1e3", ".5"}) {
    EXPECT_TRUE(person_with("height", number).is_ok()) << number;
  }
  for (const char* number : {"1,250", "abc", "1.2.3", "inf", "nan", "1e999", "-", "12 cm"}) {
    core::Status status = person_with("height", number);
    EXPECT_EQ(status.field(), "properties.height") << number;
    EXPECT_THAT(status.message(), HasSubstr("is not a number")) << number;
  }
}

TEST(EntityValidation, NormalisesIbanAndChecksItsDigits) {
  core::Entity account = make("BankAccount", {{"iban", {"de89 3704 0044 0532 0130 00"}}});
  ASSERT_TRUE(validate_entity(model(), account).is_ok());
  EXPECT_THAT(account.properties["iban"], ElementsAre("DE89370400440532013000"));
  core::Entity wrong = make("BankAccount", {{"iban", {"DE88370400440532013000"}}});
  core::Status status = validate_entity(model(), wrong);
  EXPECT_EQ(status.field(), "properties.iban");
}

TEST(EntityValidation, RefusesReferenceWithWhitespace) {
  core::Entity passport =
      make("Passport", {{"holder", {"person 1"}}, {"number", {"P1234567"}}}, "pp1");
  core::Status status = validate_entity(model(), passport);
  EXPECT_EQ(status.field(), "properties.holder");
  EXPECT_THAT(status.message(), HasSubstr("is not an entity id"));
}

TEST(EntityValidation, RefusesPhoneWithoutDigits) {
  EXPECT_TRUE(person_with("phone", "+39 333 123 4567").is_ok());
  EXPECT_EQ(person_with("phone", "unknown").field(), "properties.phone");
}

// ---- text hygiene and limits ----------------------------------------------------------------

TEST(EntityValidation, KeepsLineBreaksAndTabsInText) {
  core::Entity entity = person({{"notes", {"line one\r\nline two\tend"}}});
  ASSERT_TRUE(validate_entity(model(), entity).is_ok());
  EXPECT_THAT(entity.properties["notes"], ElementsAre("line one\nline two\tend"));
}

TEST(EntityValidation, FoldsLineBreaksInSingleLineValues) {
  core::Entity entity = person({{"alias", {"Ahmed\n  Karimi"}}});
  ASSERT_TRUE(validate_entity(model(), entity).is_ok());
  EXPECT_THAT(entity.properties["alias"], ElementsAre("Ahmed Karimi"));
}

TEST(EntityValidation, RefusesControlCharacters) {
  core::Status status = person_with("notes", std::string("bell\x07"));
  EXPECT_EQ(status.field(), "properties.notes");
  EXPECT_THAT(status.message(), HasSubstr("control character U+0007"));
  EXPECT_EQ(person_with("alias", std::string("nul\0byte", 8)).field(), "properties.alias");
}

TEST(EntityValidation, RefusesInvalidUtf8) {
  core::Status status = person_with("alias", "caf\xC3");
  EXPECT_EQ(status.field(), "properties.alias");
  EXPECT_THAT(status.message(), HasSubstr("not valid UTF-8"));
  EXPECT_EQ(person_with("alias", "\xED\xA0\x80").field(), "properties.alias");  // a surrogate
}

TEST(EntityValidation, LimitsNameLength) {
  EXPECT_TRUE(person_with("alias", std::string(kMaxNameBytes, 'a')).is_ok());
  core::Status status = person_with("alias", std::string(kMaxNameBytes + 1, 'a'));
  EXPECT_EQ(status.field(), "properties.alias");
  EXPECT_EQ(status.message(), "properties.alias[0]: is 1,001 bytes long; the limit is 1,000");
}

TEST(EntityValidation, LimitsTextLength) {
  EXPECT_TRUE(person_with("notes", std::string(kMaxValueBytes, 'a')).is_ok());
  core::Status status = person_with("notes", std::string(kMaxValueBytes + 1, 'a'));
  EXPECT_EQ(status.field(), "properties.notes");
  EXPECT_THAT(status.message(), HasSubstr("65,537 bytes long; the limit is 65,536"));
}

TEST(EntityValidation, LimitsValuesPerProperty) {
  std::vector<std::string> many;
  for (std::size_t i = 0; i <= kMaxValuesPerProperty; ++i)
    many.push_back("alias " + std::to_string(i));
  core::Entity entity = person({{"alias", many}});
  core::Status status = validate_entity(model(), entity);
  EXPECT_EQ(status.field(), "properties.alias");
  EXPECT_THAT(status.message(), HasSubstr("the limit is 1,000"));
}

TEST(EntityValidation, LimitsTheWholeEntity) {
  std::vector<std::string> notes;
  for (int i = 0; i < 20; ++i) notes.push_back(std::string(60000, static_cast<char>('a' + i)));
  core::Entity entity = person({{"notes", notes}});
  core::Status status = validate_entity(model(), entity);
  EXPECT_EQ(status.code(), core::Code::kPayloadTooLarge);
}

TEST(EntityValidation, QuotesOnlyTheStartOfLongValuesInErrors) {
  core::Status status = person_with("birthDate", std::string(5000, '9'));
  EXPECT_EQ(status.field(), "properties.birthDate");
  EXPECT_LT(status.message().size(), 200u);
}

// ---- captions -------------------------------------------------------------------------------

TEST(EntityCaption, UsesFirstFilledCaptionProperty) {
  core::Entity passport = make("Passport", {{"holder", {"p1"}}, {"number", {"YA1234567"}}}, "pp1");
  ASSERT_TRUE(validate_entity(model(), passport).is_ok());
  EXPECT_EQ(passport.caption, "YA1234567");
}

TEST(EntityCaption, FallsBackToSchemaLabel) {
  core::Entity payment = make("Payment", {{"payer", {"p1"}}, {"beneficiary", {"p2"}}}, "pay1");
  ASSERT_TRUE(validate_entity(model(), payment).is_ok());
  EXPECT_EQ(payment.caption, "Payment");
  payment.properties["amount"] = {"2500"};
  ASSERT_TRUE(validate_entity(model(), payment).is_ok());
  EXPECT_EQ(payment.caption, "2500");
}

// ---- JSON -----------------------------------------------------------------------------------

TEST(EntityJson, ParsesAnFtmEntity) {
  auto parsed = entity_from_json(
      R"({"id":"p1","schema":"Person","caption":"A K","datasets":["ds"],"referents":[],)"
      R"("first_seen":"2024-01-01","last_seen":"2024-02-01","target":false,)"
      R"("properties":{"name":["Ahmed Karimi"],"nationality":["af","ir"]}})");
  ASSERT_TRUE(parsed.is_ok()) << parsed.status().to_string();
  EXPECT_EQ(parsed->ftm_id, "p1");
  EXPECT_EQ(parsed->schema, "Person");
  EXPECT_EQ(parsed->caption, "A K");
  EXPECT_EQ(parsed->case_id, 0);
  EXPECT_THAT(parsed->properties["nationality"], ElementsAre("af", "ir"));
}

TEST(EntityJson, AcceptsASingleStringAsPropertyValue) {
  auto parsed = entity_from_json(R"({"id":"p1","schema":"Person","properties":{"name":"A"}})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_THAT(parsed->properties["name"], ElementsAre("A"));
}

TEST(EntityJson, RefusesNonStringValues) {
  auto parsed =
      entity_from_json(R"({"schema":"Person","properties":{"name":["A"],"height":["1",180]}})");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().field(), "properties.height");
  EXPECT_EQ(parsed.status().message(), "properties.height[1]: must be a string, not a number");
}

TEST(EntityJson, RefusesObjectsAsPropertyValues) {
  auto parsed = entity_from_json(R"({"schema":"Person","properties":{"name":{"a":"b"}}})");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().field(), "properties.name");
  EXPECT_THAT(parsed.status().message(), HasSubstr("must be a list of strings, not an object"));
}

TEST(EntityJson, RefusesUnknownTopLevelKeys) {
  auto parsed = entity_from_json(R"({"schema":"Person","propertys":{}})");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().field(), "propertys");
  EXPECT_THAT(parsed.status().message(), HasSubstr("unknown key 'propertys'"));
}

TEST(EntityJson, RefusesWrongTypesOfKnownKeys) {
  EXPECT_EQ(entity_from_json(R"({"schema":"Person","id":7})").status().field(), "id");
  EXPECT_EQ(entity_from_json(R"({"schema":["Person"]})").status().field(), "schema");
  EXPECT_EQ(entity_from_json(R"({"schema":"Person","properties":[]})").status().field(),
            "properties");
  EXPECT_EQ(entity_from_json(R"({"schema":"Person","datasets":"x"})").status().field(), "datasets");
  EXPECT_EQ(entity_from_json(R"({"schema":"Person","target":"yes"})").status().field(), "target");
}

TEST(EntityJson, RefusesMissingSchema) {
  auto parsed = entity_from_json(R"({"id":"x","properties":{}})");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().field(), "schema");
}

TEST(EntityJson, RefusesMalformedJsonSayingWhere) {
  auto parsed = entity_from_json(R"({"schema":"Person",)");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), core::Code::kInvalidArgument);
  EXPECT_THAT(parsed.status().message(), HasSubstr("not valid JSON"));
  EXPECT_THAT(parsed.status().message(), HasSubstr("column"));
  EXPECT_FALSE(entity_from_json("").is_ok());
  EXPECT_FALSE(entity_from_json("\"caf\xC3\"").is_ok());
}

TEST(EntityJson, RefusesNonObjects) {
  auto parsed = entity_from_json(R"(["Person"])");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_THAT(parsed.status().message(), HasSubstr("not a list"));
}

TEST(EntityJson, RefusesDeepNesting) {
  std::string deep =
      R"({"schema":"Person","datasets":)" + std::string(10000, '[') + std::string(10000, ']') + "}";
  auto parsed = entity_from_json(deep);
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_THAT(parsed.status().message(), HasSubstr("nested"));
}

TEST(EntityJson, RefusesOversizedInput) {
  std::string huge = R"({"schema":"Person","properties":{"notes":[")" +
                     std::string(kMaxEntityJsonBytes, 'a') + "\"]}}";
  EXPECT_EQ(entity_from_json(huge).status().code(), core::Code::kPayloadTooLarge);
}

TEST(EntityJson, WritesKeysInStableOrderAndPropertiesSortedByName) {
  core::Entity entity = make("Person", {{"nationality", {"ir", "af"}}, {"name", {"Ahmed \"K\""}}});
  entity.caption = "Ahmed \"K\"";
  EXPECT_EQ(entity_to_json(entity),
            R"({"id":"e1","caption":"Ahmed \"K\"","schema":"Person",)"
            R"("properties":{"name":["Ahmed \"K\""],"nationality":["ir","af"]}})");
}

TEST(EntityJson, RoundTripsByteIdentically) {
  const std::string text =
      R"({"id":"pay-1","caption":"2500","schema":"Payment","properties":{"amount":["2500"],)"
      R"("beneficiary":["p2"],"currency":["EUR"],"date":["2023-06-01"],"payer":["p1"],)"
      R"("purpose":["Überweisung für \"Transport\"\nzweite Zeile"]}})";
  auto parsed = entity_from_json(text);
  ASSERT_TRUE(parsed.is_ok()) << parsed.status().to_string();
  core::Entity entity = std::move(parsed).value();
  ASSERT_TRUE(validate_entity(model(), entity).is_ok());
  EXPECT_EQ(entity_to_json(entity), text);
}

TEST(EntityJson, ParseOfExportGivesTheSameEntity) {
  core::Entity entity = person({{"nationality", {"af"}},
                                {"birthDate", {"1990-05-01"}},
                                {"notes", {"tab\there, quote \" and ünïcödé"}}});
  ASSERT_TRUE(validate_entity(model(), entity).is_ok());
  std::string first = entity_to_json(entity);
  auto again = entity_from_json(first);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->ftm_id, entity.ftm_id);
  EXPECT_EQ(again->schema, entity.schema);
  EXPECT_EQ(again->caption, entity.caption);
  EXPECT_EQ(again->properties, entity.properties);
  EXPECT_EQ(entity_to_json(*again), first);
}

TEST(EntityJson, ExportsUnvalidatedBadUtf8WithoutThrowing) {
  core::Entity entity = make("Person", {{"name", {"caf\xC3"}}});
  std::string out = entity_to_json(entity);
  EXPECT_THAT(out, HasSubstr("caf"));
  EXPECT_TRUE(entity_from_json(out).is_ok());
}

// ---- references -----------------------------------------------------------------------------

TEST(EntityReferences, FindsPassportHolder) {
  core::Entity passport = make("Passport", {{"holder", {"p1"}}, {"number", {"YA1"}}}, "pp1");
  EXPECT_THAT(entity_references(model(), passport), ElementsAre(Pair("holder", "p1")));
}

TEST(EntityReferences, FindsPayerBeneficiaryAndTheirAccounts) {
  core::Entity payment = make("Payment",
                              {{"payer", {"p1"}},
                               {"beneficiary", {"p2", "p3"}},
                               {"payerAccount", {"acc1"}},
                               {"amount", {"100"}},
                               {"purpose", {"p9"}}},
                              "pay1");
  EXPECT_THAT(entity_references(model(), payment),
              UnorderedElementsAre(Pair("payer", "p1"), Pair("beneficiary", "p2"),
                                   Pair("beneficiary", "p3"), Pair("payerAccount", "acc1")));
}

TEST(EntityReferences, IgnoresUnknownSchemaAndProperties) {
  EXPECT_TRUE(entity_references(model(), make("Nothing", {{"holder", {"p1"}}})).empty());
  EXPECT_TRUE(entity_references(model(), make("Person", {{"holder", {"p1"}}})).empty());
}

}  // namespace
}  // namespace crossroads::ftm
