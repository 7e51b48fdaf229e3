#include "app/cases.h"

#include <gtest/gtest.h>

#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Code;
using core::Role;

class CasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    de_ = fx_.actor("de.prosecutor", Role::kProsecutor, "DE");
    admin_ = fx_.actor("root", Role::kAdministrator, "");
  }
  Cases& cases() { return *fx_.hub.cases; }

  std::vector<core::AuditRecord> audit_of(core::Id case_id) {
    store::AuditQuery q;
    q.case_id = case_id;
    q.limit = 1000;
    auto records = fx_.hub.audit->list(admin_, q);
    EXPECT_TRUE(records.is_ok());
    return records.is_ok() ? *records : std::vector<core::AuditRecord>{};
  }

  testing::HubFixture fx_;
  Actor it_, de_, admin_;
};

TEST_F(CasesTest, CreatesACaseWithDefaultsAndAFirstStage) {
  CaseFields f;
  f.reference = " RGNR 1/2026 ";
  f.title = "Zuwara departures";
  f.offences = std::vector<std::string>{"migrant_smuggling", "migrant_smuggling"};
  auto c = cases().create_case(it_, f);
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  EXPECT_EQ(c->reference, "RGNR 1/2026");
  EXPECT_EQ(c->desk, "IT");
  EXPECT_EQ(c->stage, "opened");
  EXPECT_EQ(c->offences.size(), 1u);
  EXPECT_EQ(c->sensitivity, "restricted");
  EXPECT_EQ(c->retention_review, "2029-11-22");
  ASSERT_EQ(c->stage_history.size(), 1u);
}

TEST_F(CasesTest, RefusesInvalidFieldsNamingThem) {
  CaseFields f;
  f.reference = "R";
  f.title = "T";
  f.offences = std::vector<std::string>{"jaywalking"};
  EXPECT_EQ(cases().create_case(it_, f).status().field(), "offences");
  f.offences = std::vector<std::string>{"migrant_smuggling"};
  f.stage = "arrested";
  EXPECT_EQ(cases().create_case(it_, f).status().field(), "stage");
  f.stage.reset();
  f.retention_review = "2029-02-30";
  EXPECT_EQ(cases().create_case(it_, f).status().field(), "retention_review");
  f.retention_review.reset();
  f.title = std::string("tab\x01");
  EXPECT_EQ(cases().create_case(it_, f).status().field(), "title");
}

TEST_F(CasesTest, StageChangesAreRecordedInHistory) {
  auto c = fx_.open_case(it_, "S-1");
  CaseFields f;
  f.stage = "investigation";
  f.version = c.version;
  auto updated = cases().update_case(it_, c.id, f);
  ASSERT_TRUE(updated.is_ok()) << updated.status().to_string();
  ASSERT_EQ(updated->stage_history.size(), 2u);
  EXPECT_EQ(updated->stage_history.back().stage, "investigation");
  f.version = c.version;  // stale
  f.stage = "trial";
  EXPECT_EQ(cases().update_case(it_, c.id, f).status().code(), Code::kConflict);
}

TEST_F(CasesTest, ForeignDeskSeesNothingUntilShared) {
  auto c = fx_.open_case(it_, "N-1");
  EXPECT_EQ(cases().get_case(de_, c.id).status().code(), Code::kNotFound);
  store::CaseQuery q;
  EXPECT_EQ(cases().list_cases(de_, q)->total, 0);
  ASSERT_TRUE(cases().share_case(it_, c.id, "DE").is_ok());
  EXPECT_TRUE(cases().get_case(de_, c.id).is_ok());
  EXPECT_EQ(cases().list_cases(de_, q)->total, 1);
  CaseFields f;
  f.title = "changed by the German desk";
  f.version = c.version;
  EXPECT_EQ(cases().update_case(de_, c.id, f).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(cases().unshare_case(it_, c.id, "DE").is_ok());
  EXPECT_EQ(cases().get_case(de_, c.id).status().code(), Code::kNotFound);
}

TEST_F(CasesTest, EveryReadAndRefusalIsAudited) {
  auto c = fx_.open_case(it_, "A-1");
  ASSERT_TRUE(cases().get_case(it_, c.id).is_ok());
  EXPECT_FALSE(cases().get_case(de_, c.id).is_ok());
  auto records = audit_of(c.id);
  int reads = 0;
  int denied = 0;
  for (const auto& r : records) {
    if (r.action == "case.read" && r.outcome == "ok" && r.user == "it.prosecutor") ++reads;
    if (r.action == "case.read" && r.outcome == "denied" && r.user == "de.prosecutor") ++denied;
  }
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(denied, 1);
}

TEST_F(CasesTest, EntityReferencesMustStayWithinTheCase) {
  auto c = fx_.open_case(it_, "E-1");
  core::Entity passport;
  passport.schema = "Passport";
  passport.properties["number"] = {"N012345678"};
  passport.properties["holder"] = {"someone-elsewhere"};
  auto refused = cases().create_entity(it_, c.id, passport);
  EXPECT_EQ(refused.status().field(), "properties.holder");

  core::Entity person;
  person.ftm_id = "p1";
  person.schema = "Person";
  person.properties["name"] = {"Mohamed Abdelrahman"};
  ASSERT_TRUE(cases().create_entity(it_, c.id, person).is_ok());
  passport.properties["holder"] = {"p1"};
  auto made = cases().create_entity(it_, c.id, passport);
  ASSERT_TRUE(made.is_ok()) << made.status().to_string();

  // The person cannot be deleted while the passport points at it.
  auto listing = cases().list_entities(it_, {c.id, "Person"});
  ASSERT_EQ(listing->items.size(), 1u);
  EXPECT_EQ(cases().delete_entity(it_, listing->items[0].id).code(), Code::kConflict);
  ASSERT_TRUE(cases().delete_entity(it_, made->id));
  EXPECT_TRUE(cases().delete_entity(it_, listing->items[0].id));
}

TEST_F(CasesTest, ImportIsAllOrNothingAndIdempotent) {
  auto c = fx_.open_case(it_, "I-1");
  const std::string good =
      R"({"id":"p1","schema":"Person","properties":{"name":["Khaled Ben Salem"],"birthDate":["1991"]}})"
      "\n"
      R"({"id":"pp1","schema":"Passport","properties":{"number":["TN1234567"],"holder":["p1"]}})"
      "\n";
  const std::string bad =
      good +
      R"({"id":"p2","schema":"Person","properties":{"birthDate":["31/02/1990"],"name":["X"]}})"
      "\n";
  auto refused = cases().import_ftm(it_, c.id, bad, "test");
  ASSERT_TRUE(refused.is_ok());
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_NE(refused->errors[0].find("line 3"), std::string::npos) << refused->errors[0];
  EXPECT_EQ(cases().list_entities(it_, {c.id})->total, 0);

  auto first = cases().import_ftm(it_, c.id, good, "test");
  ASSERT_TRUE(first.is_ok());
  EXPECT_TRUE(first->errors.empty());
  EXPECT_EQ(first->created, 2);
  auto again = cases().import_ftm(it_, c.id, good, "test");
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 2);
}

TEST_F(CasesTest, ExportThenImportRoundTripsExactly) {
  auto a = fx_.open_case(it_, "RT-1");
  const std::string lines =
      R"({"id":"p1","schema":"Person","properties":{"name":["محمد عبد الرحمن","Mohamed Abdelrahman"],"phone":["+218912345678"]}})"
      "\n"
      R"({"id":"v1","schema":"Vessel","properties":{"name":["Al Amal"],"imoNumber":["9074729"]}})"
      "\n";
  ASSERT_TRUE(cases().import_ftm(it_, a.id, lines, "test")->errors.empty());
  auto exported = cases().export_ftm(it_, a.id);
  ASSERT_TRUE(exported.is_ok());
  auto b = fx_.open_case(it_, "RT-2");
  ASSERT_TRUE(cases().import_ftm(it_, b.id, *exported, "test")->errors.empty());
  EXPECT_EQ(*cases().export_ftm(it_, b.id), *exported);
}

TEST_F(CasesTest, SecretariatReadsStatisticsButNoCase) {
  auto sec = fx_.actor("sec", Role::kSecretariat, "IT");
  auto c = fx_.open_case(it_, "ST-1");
  EXPECT_EQ(cases().get_case(sec, c.id).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(cases().list_cases(sec, {}).status().code(), Code::kPermissionDenied);
  auto stats = cases().statistics(sec);
  ASSERT_TRUE(stats.is_ok());
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ(stats->front().desk, "IT");
  EXPECT_EQ(stats->front().count, 1);
  EXPECT_EQ(stats->front().year, 2026);
}

}  // namespace
}  // namespace crossroads::app
