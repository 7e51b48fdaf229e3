#include "app/links.h"

#include <gtest/gtest.h>

#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Code;
using core::Role;

class LinksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    de_ = fx_.actor("de.prosecutor", Role::kProsecutor, "DE");
    gr_ = fx_.actor("gr.prosecutor", Role::kProsecutor, "GR");
    it_case_ = fx_.open_case(it_, "IT-1");
    de_case_ = fx_.open_case(de_, "DE-1");
    it_phone_ = add(it_, it_case_.id, "+218912345678");
    de_phone_ = add(de_, de_case_.id, "00218912345678");
  }

  core::Entity add(const Actor& who, core::Id case_id, const std::string& phone) {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {"Person with " + phone};
    e.properties["phone"] = {phone};
    auto made = fx_.hub.cases->create_entity(who, case_id, e);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return *made;
  }

  core::LinkHit hit() const {
    core::LinkHit h;
    h.entity_a = it_phone_.id;
    h.entity_b = de_phone_.id;
    h.kind = "identifier";
    h.strength = 0.999;
    h.evidence =
        R"({"kinds":["phone number"],"explanation":[{"field":"phone","text":"same phone number","weight":12.5}]})";
    return h;
  }

  Links& links() { return *fx_.hub.links; }

  testing::HubFixture fx_;
  Actor it_, de_, gr_;
  core::Case it_case_, de_case_;
  core::Entity it_phone_, de_phone_;
};

TEST_F(LinksTest, BothDesksAreToldOnceEach) {
  auto created = links().record({hit()});
  ASSERT_TRUE(created.is_ok());
  EXPECT_EQ(*created, 2);
  EXPECT_EQ(*links().record({hit()}), 0);  // found again: nobody is told twice
  auto it_inbox = links().inbox(it_, false, {50, 0});
  auto de_inbox = links().inbox(de_, false, {50, 0});
  auto gr_inbox = links().inbox(gr_, false, {50, 0});
  ASSERT_EQ(it_inbox->items.size(), 1u);
  ASSERT_EQ(de_inbox->items.size(), 1u);
  EXPECT_EQ(gr_inbox->items.size(), 0u);
  const auto& for_it = it_inbox->items[0];
  EXPECT_EQ(for_it.own_entity_id, it_phone_.id);
  EXPECT_EQ(for_it.own_case_id, it_case_.id);
  EXPECT_EQ(for_it.other_desk, "DE");
  EXPECT_FALSE(for_it.other_visible);
  EXPECT_EQ(de_inbox->items[0].own_entity_id, de_phone_.id);
}

TEST_F(LinksTest, NoticeOfAnotherDeskIsNotFound) {
  ASSERT_TRUE(links().record({hit()}).is_ok());
  const auto id = links().inbox(it_, false, {50, 0})->items[0].id;
  EXPECT_EQ(links().open_notice(de_, id).status().code(), Code::kNotFound);
  EXPECT_EQ(links().open_notice(gr_, id).status().code(), Code::kNotFound);
  auto opened = links().open_notice(it_, id);
  ASSERT_TRUE(opened.is_ok());
  EXPECT_NE(opened->read_at, 0);
  EXPECT_EQ(links().inbox(it_, true, {50, 0})->total, 0);
}

TEST_F(LinksTest, GrantedAccessSharesTheCaseAndRevealsTheOtherSide) {
  ASSERT_TRUE(links().record({hit()}).is_ok());
  const auto it_notice = links().inbox(it_, false, {50, 0})->items[0].id;
  auto request = links().request_access(it_, it_notice, "same Libyan number in our case");
  ASSERT_TRUE(request.is_ok()) << request.status().to_string();
  EXPECT_EQ(request->owning_desk, "DE");
  EXPECT_EQ(links().request_access(it_, it_notice, "again").status().code(), Code::kConflict);
  EXPECT_EQ(fx_.hub.cases->get_case(it_, de_case_.id).status().code(), Code::kNotFound);

  // Only the owning desk decides.
  EXPECT_EQ(links().decide_access(it_, request->id, true, "").status().code(), Code::kNotFound);
  EXPECT_EQ(links().decide_access(gr_, request->id, true, "").status().code(), Code::kNotFound);
  auto incoming = links().access_requests(de_, true);
  ASSERT_EQ(incoming->size(), 1u);
  auto granted = links().decide_access(de_, request->id, true, "go ahead");
  ASSERT_TRUE(granted.is_ok()) << granted.status().to_string();
  EXPECT_EQ(granted->status, "granted");
  EXPECT_TRUE(fx_.hub.cases->get_case(it_, de_case_.id).is_ok());
  EXPECT_TRUE(links().open_notice(it_, it_notice)->other_visible);
  EXPECT_EQ(links().decide_access(de_, request->id, false, "").status().code(), Code::kConflict);
}

TEST_F(LinksTest, DecisionsPersistAndReachTheListener) {
  ASSERT_TRUE(links().record({hit()}).is_ok());
  std::vector<core::LinkDecision> heard;
  links().on_decision([&](const core::LinkDecision& d) { heard.push_back(d); });
  const auto it_notice = links().inbox(it_, false, {50, 0})->items[0].id;
  auto observer = fx_.actor("it.observer", Role::kObserver, "IT");
  EXPECT_EQ(links().decide(observer, it_notice, false).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(links().decide(it_, it_notice, false).is_ok());
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_FALSE(heard[0].confirmed);
  (void)fx_.hub.store->read([&](store::Transaction& tx) {
    auto decisions = tx.list_link_decisions();
    EXPECT_EQ(decisions->size(), 1u);
    return core::Status::ok();
  });
  // A decided link survives pruning; an undecided one does not.
  ASSERT_TRUE(links().prune({{it_phone_.id, {}}}));
  (void)fx_.hub.store->read([&](store::Transaction& tx) {
    EXPECT_EQ(tx.link_hits_of_entity(it_phone_.id)->size(), 1u);
    return core::Status::ok();
  });
}

TEST_F(LinksTest, AHitShownAgainCarriesTheEarlierDecisionWithWhoWhenAndWhy) {
  ASSERT_TRUE(links().record({hit()}).is_ok());
  const auto it_notice = links().inbox(it_, false, {50, 0})->items[0].id;
  const auto de_notice = links().inbox(de_, false, {50, 0})->items[0].id;
  EXPECT_FALSE(links().open_notice(it_, it_notice)->decision.has_value());
  EXPECT_EQ(links().decide(it_, it_notice, false, std::string(2001, 'x')).status().field(), "note");
  fx_.clock->advance_ms(60'000);
  ASSERT_TRUE(
      links().decide(it_, it_notice, false, "Different person: born 20 years apart.").is_ok());
  // New evidence on the same link: the notice comes up again with the decision.
  fx_.clock->advance_ms(60'000);
  core::LinkHit again = hit();
  again.strength = 0.9999;
  ASSERT_TRUE(links().record({again}).is_ok());
  auto reopened = links().open_notice(it_, it_notice);
  ASSERT_TRUE(reopened.is_ok());
  ASSERT_TRUE(reopened->decision.has_value());
  EXPECT_FALSE(reopened->decision->confirmed);
  EXPECT_EQ(reopened->decision->note, "Different person: born 20 years apart.");
  EXPECT_EQ(reopened->decision->decided_by, it_.user.id);
  EXPECT_EQ(reopened->decision->decided_by_desk, "IT");
  EXPECT_FALSE(reopened->decision->decided_by_name.empty());
  EXPECT_GT(reopened->hit.updated_at, reopened->decision->decided_at);
  // The other desk's notice carries it too (the API shows that desk only the outcome).
  auto for_de = links().open_notice(de_, de_notice);
  ASSERT_TRUE(for_de->decision.has_value());
  EXPECT_EQ(for_de->decision->decided_by_desk, "IT");
  auto listed = links().inbox(it_, false, {50, 0});
  ASSERT_TRUE(listed->items[0].decision.has_value());
}

TEST_F(LinksTest, DeletingAnEntityRemovesItsLinksAndNotices) {
  ASSERT_TRUE(links().record({hit()}).is_ok());
  ASSERT_TRUE(fx_.hub.cases->delete_entity(de_, de_phone_.id));
  EXPECT_EQ(links().inbox(it_, false, {50, 0})->total, 0);
}

}  // namespace
}  // namespace crossroads::app
