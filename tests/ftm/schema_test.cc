#include "ftm/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace crossroads::ftm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const SchemaRegistry& model() { return SchemaRegistry::builtin(); }

const SchemaSpec& schema(std::string_view name) {
  const SchemaSpec* spec = model().find(name);
  if (spec == nullptr) ADD_FAILURE() << "missing schema " << name;
  static const SchemaSpec kEmpty;
  return spec != nullptr ? *spec : kEmpty;
}

TEST(SchemaModel, PersonInheritsNameFromThingAndPhoneFromLegalEntity) {
  const SchemaSpec& person = schema("Person");
  const PropertySpec* name = person.property("name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->schema, "Thing");
  EXPECT_EQ(name->type, "name");
  const PropertySpec* phone = person.property("phone");
  ASSERT_NE(phone, nullptr);
  EXPECT_EQ(phone->schema, "LegalEntity");
  EXPECT_EQ(phone->type, "phone");
  const PropertySpec* birth = person.property("birthDate");
  ASSERT_NE(birth, nullptr);
  EXPECT_EQ(birth->schema, "Person");
  EXPECT_EQ(birth->type, "date");
  EXPECT_EQ(birth->label, "Birth date");
}

TEST(SchemaModel, ListsAncestorsNearestFirst) {
  EXPECT_THAT(schema("Person").extends, ElementsAre("LegalEntity", "Thing"));
  EXPECT_THAT(schema("Passport").extends, ElementsAre("Identification", "Interval"));
  EXPECT_THAT(schema("Payment").extends, ElementsAre("Interval", "Value"));
}

TEST(SchemaModel, PassportIsAnIdentificationButNotAPerson) {
  const SchemaSpec& passport = schema("Passport");
  EXPECT_TRUE(passport.is_a("Passport"));
  EXPECT_TRUE(passport.is_a("Identification"));
  EXPECT_TRUE(passport.is_a("Interval"));
  EXPECT_FALSE(passport.is_a("Person"));
  EXPECT_FALSE(passport.is_a("Thing"));
  const PropertySpec* number = passport.property("number");
  ASSERT_NE(number, nullptr);
  EXPECT_EQ(number->schema, "Identification");
}

TEST(SchemaModel, UntypedPropertiesAreStrings) {
  const PropertySpec* first_name = schema("Person").property("firstName");
  ASSERT_NE(first_name, nullptr);
  EXPECT_EQ(first_name->type, "string");
  EXPECT_TRUE(first_name->range.empty());
}

TEST(SchemaModel, EntityPropertiesNameTheirRange) {
  const PropertySpec* holder = schema("Passport").property("holder");
  ASSERT_NE(holder, nullptr);
  EXPECT_EQ(holder->type, "entity");
  EXPECT_EQ(holder->range, "LegalEntity");
  const PropertySpec* payer = schema("Payment").property("payer");
  ASSERT_NE(payer, nullptr);
  EXPECT_EQ(payer->range, "LegalEntity");
  const PropertySpec* vehicle = schema("Trip").property("vehicle");
  ASSERT_NE(vehicle, nullptr);
  EXPECT_EQ(vehicle->range, "Vehicle");
}

TEST(SchemaModel, NearerDeclarationOverridesInheritedOne) {
  const PropertySpec* jurisdiction = schema("Company").property("jurisdiction");
  ASSERT_NE(jurisdiction, nullptr);
  EXPECT_EQ(jurisdiction->schema, "Company");
}

TEST(SchemaModel, UnknownNamesAreNotFound) {
  EXPECT_EQ(model().find("Persn"), nullptr);
  EXPECT_EQ(model().find("person"), nullptr);
  EXPECT_EQ(schema("Person").property("birthdate"), nullptr);
}

TEST(SchemaModel, KeepsFlagsCaptionRequiredAndFeatured) {
  const SchemaSpec& person = schema("Person");
  EXPECT_EQ(person.label, "Person");
  EXPECT_EQ(person.plural, "People");
  EXPECT_FALSE(person.abstract);
  EXPECT_TRUE(person.matchable);
  EXPECT_FALSE(person.edge);
  EXPECT_THAT(person.caption, ElementsAre("name", "lastName", "email", "phone"));
  EXPECT_THAT(person.required, ElementsAre("name"));
  EXPECT_THAT(person.featured, ElementsAre("name", "nationality", "birthDate"));
  EXPECT_TRUE(schema("Payment").edge);
  EXPECT_TRUE(schema("Membership").edge);
  EXPECT_THAT(schema("Passport").required, ElementsAre("holder", "number"));
  EXPECT_TRUE(schema("Thing").abstract);
  EXPECT_TRUE(schema("Interval").abstract);
}

TEST(SchemaModel, LinksWithoutOwnCaptionUseTheirEdgeCaption) {
  EXPECT_THAT(schema("Associate").caption, ElementsAre("relationship"));
}

TEST(SupportedSchemata, IncludeWhatSmugglingCasesNeed) {
  std::vector<std::string> names;
  for (const SchemaSpec* spec : model().supported()) names.push_back(spec->name);
  for (const char* expected :
       {"Person",     "Organization",   "Company",     "LegalEntity",  "Vehicle",
        "Vessel",     "Airplane",       "BankAccount", "CryptoWallet", "UserAccount",
        "Address",    "Identification", "Passport",    "Payment",      "Call",
        "Membership", "Associate",      "Family",      "UnknownLink",  "Trip",
        "Event",      "Document",       "Note",        "Email",        "Message"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  EXPECT_EQ(std::find(names.begin(), names.end(), "Thing"), names.end());
}

TEST(SupportedSchemata, ExistAreConcreteAndSortedByName) {
  const auto& supported = model().supported();
  ASSERT_FALSE(supported.empty());
  for (const SchemaSpec* spec : supported) {
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(model().find(spec->name), spec) << spec->name;
    EXPECT_FALSE(spec->abstract) << spec->name;
    EXPECT_FALSE(spec->properties.empty()) << spec->name;
  }
  EXPECT_TRUE(std::is_sorted(supported.begin(), supported.end(),
                             [](auto* a, auto* b) { return a->name < b->name; }));
}

TEST(SchemaModel, EveryRangeAndAncestorExists) {
  for (const auto& [name, spec] : model().all()) {
    for (const auto& parent : spec.extends) EXPECT_NE(model().find(parent), nullptr) << name;
    for (const auto& [prop_name, prop] : spec.properties) {
      if (prop.type == "entity") {
        EXPECT_NE(model().find(prop.range), nullptr) << name << "." << prop_name;
      }
      EXPECT_TRUE(spec.is_a(prop.schema)) << name << "." << prop_name;
    }
  }
}

constexpr std::string_view kTinyModel = R"({
"supported":["Person"],
"schemata":{
"Thing":{"label":"Thing","plural":"Things","abstract":true,"matchable":false,"edge":false,
  "extends":[],"caption":["name"],"required":["name"],"featured":[],
  "properties":{"name":{"label":"Name","type":"name","schema":"Thing"}}},
"Person":{"label":"Person","plural":"People","abstract":false,"matchable":true,"edge":false,
  "extends":["Thing"],"caption":["name"],"required":["name"],"featured":["name"],
  "properties":{"name":{"label":"Name","type":"name","schema":"Thing"},
                "friend":{"label":"Friend","type":"entity","range":"Person","schema":"Person"}}}
}})";

TEST(SchemaRegistryJson, LoadsAModelFromText) {
  SchemaRegistry registry = SchemaRegistry::from_json(kTinyModel);
  ASSERT_NE(registry.find("Person"), nullptr);
  EXPECT_TRUE(registry.find("Person")->is_a("Thing"));
  EXPECT_EQ(registry.find("Person")->property("friend")->range, "Person");
  ASSERT_EQ(registry.supported().size(), 1u);
  EXPECT_EQ(registry.supported()[0]->name, "Person");
}

TEST(SchemaRegistryJson, CopiesPointAtTheirOwnSchemata) {
  SchemaRegistry copy;
  {
    SchemaRegistry original = SchemaRegistry::from_json(kTinyModel);
    copy = original;
  }
  ASSERT_EQ(copy.supported().size(), 1u);
  EXPECT_EQ(copy.supported()[0], copy.find("Person"));
  EXPECT_EQ(copy.supported()[0]->name, "Person");
}

TEST(SchemaRegistryJson, ReportsMalformedText) {
  auto broken = SchemaRegistry::parse_json("{\"supported\":[");
  ASSERT_FALSE(broken.is_ok());
  EXPECT_THAT(broken.status().message(), HasSubstr("not valid JSON"));
}

TEST(SchemaRegistryJson, ReportsUnknownAncestorAndAbstractSupportedSchema) {
  std::string unknown_parent(kTinyModel);
  unknown_parent.replace(unknown_parent.find("\"extends\":[\"Thing\"]"), 19,
                         "\"extends\":[\"Thng\"]");
  auto result = SchemaRegistry::parse_json(unknown_parent);
  ASSERT_FALSE(result.is_ok());
  EXPECT_THAT(result.status().message(), HasSubstr("unknown schema 'Thng'"));

  std::string abstract_supported(kTinyModel);
  abstract_supported.replace(abstract_supported.find("[\"Person\"]"), 10, "[\"Thing\"]");
  result = SchemaRegistry::parse_json(abstract_supported);
  ASSERT_FALSE(result.is_ok());
  EXPECT_THAT(result.status().message(), HasSubstr("'Thing' is abstract"));
}

TEST(SchemaRegistryJson, ReportsMissingFieldsWithTheirPlace) {
  std::string no_label(kTinyModel);
  no_label.replace(no_label.find("\"label\":\"Friend\","), 17, "");
  auto result = SchemaRegistry::parse_json(no_label);
  ASSERT_FALSE(result.is_ok());
  EXPECT_THAT(result.status().message(), HasSubstr("schemata.Person.properties.friend"));
  EXPECT_THAT(result.status().message(), HasSubstr("'label' is missing"));
}

}  // namespace
}  // namespace crossroads::ftm
