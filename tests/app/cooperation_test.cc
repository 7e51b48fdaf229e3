#include "app/cooperation.h"

#include <gtest/gtest.h>

#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Code;
using core::Role;

class CooperationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    it_observer_ = fx_.actor("it.observer", Role::kObserver, "IT");
    de_ = fx_.actor("de.prosecutor", Role::kProsecutor, "DE");
    fr_ = fx_.actor("fr.prosecutor", Role::kProsecutor, "FR");
    admin_ = fx_.actor("root", Role::kAdministrator, "");
    case_ = fx_.open_case(it_, "RGNR 1/2026");
    ASSERT_TRUE(fx_.hub.cases->share_case(it_, case_.id, "DE").is_ok());
  }
  Cooperation& coop() { return *fx_.hub.cooperation; }

  static CooperationFields jit() {
    CooperationFields f;
    f.kind = "jit";
    f.title = "JIT Zuwara";
    f.started_on = "2025-02-01";
    f.partner_desks = std::vector<std::string>{"FR", "ES", "FR"};
    return f;
  }

  std::vector<core::AuditRecord> audit_of(core::Id case_id) {
    store::AuditQuery q;
    q.case_id = case_id;
    q.limit = 1000;
    auto records = fx_.hub.audit->list(admin_, q);
    EXPECT_TRUE(records.is_ok());
    return records.is_ok() ? *records : std::vector<core::AuditRecord>{};
  }

  std::size_t stored_records() {
    std::size_t n = 0;
    EXPECT_TRUE(fx_.hub.store
                    ->read([&](store::Transaction& tx) {
                      auto all = tx.list_cooperation(case_.id);
                      n = all ? all->size() : 0;
                      return all.status();
                    })
                    .is_ok());
    return n;
  }

  testing::HubFixture fx_;
  Actor it_, it_observer_, de_, fr_, admin_;
  core::Case case_;
};

TEST_F(CooperationTest, OwningDeskRecordsAJitThatSharedDesksReadAndPartnersDoNot) {
  auto made = coop().add(it_, case_.id, jit());
  ASSERT_TRUE(made.is_ok()) << made.status().to_string();
  EXPECT_EQ(made->partner_desks, (std::vector<std::string>{"FR", "ES"}));
  EXPECT_TRUE(made->ended_on.empty());
  EXPECT_EQ(made->created_by, it_.user.id);

  auto seen_by_de = coop().list(de_, case_.id);
  ASSERT_TRUE(seen_by_de.is_ok());
  ASSERT_EQ(seen_by_de->size(), 1u);
  EXPECT_EQ((*seen_by_de)[0].title, "JIT Zuwara");
  // France is a partner in the JIT but the case is not shared with it.
  auto seen_by_fr = coop().list(fr_, case_.id);
  EXPECT_EQ(seen_by_fr.status().code(), Code::kNotFound);
  EXPECT_EQ(coop().update(fr_, made->id, {}).status().code(), Code::kNotFound);
  // A shared desk reads but does not write; the observer neither.
  EXPECT_EQ(coop().add(de_, case_.id, jit()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(coop().add(it_observer_, case_.id, jit()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(coop().remove(de_, made->id).code(), Code::kPermissionDenied);
  EXPECT_EQ(stored_records(), 1u);

  int created = 0, listed = 0, denied = 0;
  for (const auto& r : audit_of(case_.id)) {
    if (r.action == "cooperation.create" && r.outcome == "ok") ++created;
    if (r.action == "cooperation.list" && r.outcome == "ok") ++listed;
    if (r.action.rfind("cooperation.", 0) == 0 && r.outcome == "denied") ++denied;
    EXPECT_EQ(r.detail.find("Zuwara"), std::string::npos) << "audit holds no case contents";
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(listed, 1);
  EXPECT_EQ(denied, 5);
}

TEST_F(CooperationTest, RefusesBadInputWithTheFieldAtFaultAndWritesNothing) {
  struct Bad {
    std::function<void(CooperationFields&)> change;
    std::string field;
  };
  const std::vector<Bad> bad = {
      {[](CooperationFields& f) { f.kind = "mla"; }, "kind"},
      {[](CooperationFields& f) { f.kind.reset(); }, "kind"},
      {[](CooperationFields& f) { f.title = "  "; }, "title"},
      {[](CooperationFields& f) { f.started_on = "2025-02-30"; }, "started_on"},
      {[](CooperationFields& f) { f.ended_on = "2025-01-31"; }, "ended_on"},
      {[](CooperationFields& f) { f.ended_on = "31/12/2025"; }, "ended_on"},
      {[](CooperationFields& f) { f.partner_desks = std::vector<std::string>{"XX"}; },
       "partner_desks"},
      {[](CooperationFields& f) { f.partner_desks = std::vector<std::string>{"IT"}; },
       "partner_desks"},
      {[](CooperationFields& f) { f.partner_desks = std::vector<std::string>{}; }, "partner_desks"},
      {[](CooperationFields& f) { f.notes = std::string("a\x01") + "b"; }, "notes"},
  };
  for (const auto& b : bad) {
    CooperationFields f = jit();
    b.change(f);
    auto made = coop().add(it_, case_.id, f);
    ASSERT_FALSE(made.is_ok()) << b.field;
    EXPECT_EQ(made.status().code(), Code::kInvalidArgument) << b.field;
    EXPECT_EQ(made.status().field(), b.field) << made.status().message();
    EXPECT_FALSE(made.status().message().empty());
  }
  EXPECT_EQ(stored_records(), 0u);
  // An EAW may be recorded before the executing country is known.
  CooperationFields eaw;
  eaw.kind = "eaw";
  eaw.title = "EAW against the organiser";
  eaw.started_on = "2025-05-05";
  EXPECT_TRUE(coop().add(it_, case_.id, eaw).is_ok());
}

TEST_F(CooperationTest, AStaleChangeOrRemovalIsRefusedAndChangesNothing) {
  auto made = coop().add(it_, case_.id, jit());
  ASSERT_TRUE(made.is_ok());
  EXPECT_EQ(made->version, 1);
  // Two prosecutors read version 1; the first one's change wins.
  CooperationFields first;
  first.title = "JIT Zuwara II";
  first.version = 1;
  auto saved = coop().update(it_, made->id, first);
  ASSERT_TRUE(saved.is_ok()) << saved.status().to_string();
  EXPECT_EQ(saved->version, 2);
  CooperationFields second;
  second.notes = "Agreement signed in Rome.";
  second.version = 1;
  auto stale = coop().update(it_, made->id, second);
  EXPECT_EQ(stale.status().code(), Code::kConflict);
  EXPECT_EQ(stale.status().field(), "version");
  EXPECT_NE(stale.status().message().find("load the latest version"), std::string::npos);
  // Without a version, the change is refused too.
  second.version.reset();
  EXPECT_EQ(coop().update(it_, made->id, second).status().field(), "version");
  auto listed = coop().list(it_, case_.id);
  ASSERT_TRUE(listed.is_ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().title, "JIT Zuwara II");
  EXPECT_TRUE(listed->front().notes.empty());
  EXPECT_EQ(listed->front().version, 2);
  // A removal that names an old version is refused; with the current one it goes through.
  EXPECT_EQ(coop().remove(it_, made->id, 1).code(), Code::kConflict);
  EXPECT_EQ(stored_records(), 1u);
  EXPECT_TRUE(coop().remove(it_, made->id, 2).is_ok());
  EXPECT_EQ(stored_records(), 0u);
}

TEST_F(CooperationTest, EndsReopensAndRemovesRecordsAndGoesWithItsCase) {
  auto made = coop().add(it_, case_.id, jit());
  ASSERT_TRUE(made.is_ok());
  CooperationFields end;
  end.ended_on = "2026-01-31";
  end.version = 1;
  auto ended = coop().update(it_, made->id, end);
  ASSERT_TRUE(ended.is_ok()) << ended.status().to_string();
  EXPECT_EQ(ended->ended_on, "2026-01-31");
  EXPECT_EQ(ended->title, "JIT Zuwara");
  CooperationFields reopen;
  reopen.ended_on = std::string();
  reopen.version = 2;
  EXPECT_TRUE(coop().update(it_, made->id, reopen)->ended_on.empty());
  CooperationFields early;
  early.started_on = "2026-03-01";
  early.ended_on = "2026-02-01";
  early.version = 3;
  EXPECT_EQ(coop().update(it_, made->id, early).status().field(), "ended_on");

  EXPECT_TRUE(coop().remove(it_, made->id).is_ok());
  EXPECT_EQ(coop().remove(it_, made->id).code(), Code::kNotFound);
  ASSERT_TRUE(coop().add(it_, case_.id, jit()).is_ok());
  EXPECT_EQ(stored_records(), 1u);
  ASSERT_TRUE(fx_.hub.cases->delete_case(it_, case_.id).is_ok());
  EXPECT_EQ(stored_records(), 0u);
}

}  // namespace
}  // namespace crossroads::app
