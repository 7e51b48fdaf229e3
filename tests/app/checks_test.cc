// Checking a record that is not stored against the hub: hits come back at once, say only what a
// notice would about cases the caller may not read, more about cases it may, and every check
// is audited.
#include "app/checks.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Role;

class ChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    de_ = fx_.actor("de.prosecutor", Role::kProsecutor, "DE");
    de_case_ = fx_.open_case(de_, "114 Js 20871/25");
    ASSERT_TRUE(fx_.hub.build_index());
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {"Walid Haddad"};
    e.properties["phone"] = {"00218912345678"};
    auto made = fx_.hub.cases->create_entity(de_, de_case_.id, e);
    ASSERT_TRUE(made.is_ok()) << made.status().to_string();
    de_entity_ = made->id;
    fx_.hub.linker->flush();
  }

  core::Result<CheckResult> check(const Actor& who, const std::string& name,
                                  const std::string& phone) {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {name};
    if (!phone.empty()) e.properties["phone"] = {phone};
    return check_record(*fx_.hub.store, *fx_.hub.audit_writer, *fx_.hub.clock,
                        fx_.hub.linker->matcher(), who, e);
  }

  std::size_t audit_count(const std::string& action) {
    std::size_t n = 0;
    auto admin = fx_.actor("admin" + std::to_string(++admins_), Role::kAdministrator, "");
    store::AuditQuery query;
    query.action_prefix = action;
    query.limit = 1000;
    auto records = fx_.hub.audit->list(admin, query);
    EXPECT_TRUE(records.is_ok());
    for (const auto& r : *records) n += r.action == action ? 1 : 0;
    return n;
  }

  testing::HubFixture fx_;
  Actor it_, de_;
  core::Case de_case_;
  core::Id de_entity_ = 0;
  int admins_ = 0;
};

TEST_F(ChecksTest, AForeignDeskLearnsOnlyTheDeskStrengthAndKinds) {
  auto r = check(it_, "Khaled Mansour", "+218 91 234 5678");
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_EQ(r->hits.size(), 1u);
  const CheckHit& h = r->hits[0];
  EXPECT_EQ(h.desk, "DE");
  EXPECT_FALSE(h.visible);
  EXPECT_EQ(h.entity_id, 0);
  EXPECT_EQ(h.case_id, 0);
  EXPECT_TRUE(h.explanation.empty());
  ASSERT_FALSE(h.kinds.empty());
  EXPECT_EQ(h.kinds[0], "phone number");
  EXPECT_GE(h.strength, 0.9);
  EXPECT_EQ(r->index_size, 1u);
}

TEST_F(ChecksTest, TheOwningDeskSeesItsEntityAndWhy) {
  auto r = check(de_, "Walid HADDAD", "+218912345678");
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_TRUE(r->hits[0].visible);
  EXPECT_EQ(r->hits[0].entity_id, de_entity_);
  EXPECT_EQ(r->hits[0].case_id, de_case_.id);
  EXPECT_NE(r->hits[0].explanation.find("phone"), std::string::npos) << r->hits[0].explanation;
}

TEST_F(ChecksTest, NoMatchNoHitsAndEveryCheckIsAudited) {
  const std::size_t before = audit_count("match.check");
  auto r = check(it_, "Giovanni Rossi", "+39 333 123 4567");
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_TRUE(r->hits.empty());
  ASSERT_TRUE(check(it_, "Khaled Mansour", "+218 91 234 5678").is_ok());
  EXPECT_EQ(audit_count("match.check"), before + 2);
}

TEST_F(ChecksTest, AdministratorsAndInvalidRecordsAreRefusedAndAudited) {
  auto admin = fx_.actor("root", Role::kAdministrator, "");
  auto refused = check(admin, "Khaled Mansour", "+218 91 234 5678");
  EXPECT_EQ(refused.status().code(), core::Code::kPermissionDenied);
  auto bad = check(it_, "Khaled Mansour", "");
  ASSERT_TRUE(bad.is_ok());  // a name alone is a valid record
  core::Entity e;
  e.schema = "NoSuchSchema";
  auto invalid = check_record(*fx_.hub.store, *fx_.hub.audit_writer, *fx_.hub.clock,
                              fx_.hub.linker->matcher(), it_, e);
  EXPECT_EQ(invalid.status().code(), core::Code::kInvalidArgument);
  EXPECT_GE(audit_count("match.check"), 3u);
}

TEST_F(ChecksTest, EveryCheckOfAConcurrentBurstIsInTheAuditTrail) {
  const std::size_t before = audit_count("match.check");
  constexpr int kThreads = 8;
  constexpr int kChecks = 40;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kChecks; ++i) {
        Actor who = t % 2 == 0 ? it_ : de_;
        who.request_id = "burst-" + std::to_string(t) + "-" + std::to_string(i);
        auto r = check(who, i % 2 == 0 ? "Khaled Mansour" : "Giovanni Rossi",
                       i % 2 == 0 ? "+218 91 234 5678" : "");
        if (!r.is_ok()) failed.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(audit_count("match.check"), before + kThreads * kChecks);
  // Each check by its own request id, and the chain is whole.
  auto admin = fx_.actor("burst.admin", Role::kAdministrator, "");
  store::AuditQuery query;
  query.action_prefix = "match.check";
  query.limit = 1000;
  auto records = fx_.hub.audit->list(admin, query);
  ASSERT_TRUE(records.is_ok()) << records.status().to_string();
  std::set<std::string> ids;
  for (const auto& r : *records) {
    if (r.request_id.rfind("burst-", 0) == 0) ids.insert(r.request_id);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kChecks));
  auto verified = fx_.hub.audit->verify(admin);
  ASSERT_TRUE(verified.is_ok()) << verified.status().to_string();
  EXPECT_TRUE(verified->intact);
}

}  // namespace
}  // namespace crossroads::app
