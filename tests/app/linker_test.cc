// The linker end to end over a real store: writes are matched, both desks are told once, a
// notice carries nothing of the other desk's entity, decisions hold, and a rebuilt index
// (a restart) tells nobody twice.
#include "app/linker.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Role;

class LinkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    de_ = fx_.actor("de.prosecutor", Role::kProsecutor, "DE");
    it_case_ = fx_.open_case(it_, "RGNR 4471/2025");
    de_case_ = fx_.open_case(de_, "114 Js 20871/25");
    ASSERT_TRUE(fx_.hub.build_index());
  }

  core::Entity person(const Actor& who, core::Id case_id, const std::string& name,
                      const std::string& birth, const std::string& phone) {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {name};
    if (!birth.empty()) e.properties["birthDate"] = {birth};
    if (!phone.empty()) e.properties["phone"] = {phone};
    auto made = fx_.hub.cases->create_entity(who, case_id, e);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return *made;
  }

  std::vector<core::HitNotice> inbox(const Actor& who) {
    fx_.hub.linker->flush();
    auto listing = fx_.hub.links->inbox(who, false, {100, 0});
    EXPECT_TRUE(listing.is_ok());
    return listing->items;
  }

  testing::HubFixture fx_;
  Actor it_, de_;
  core::Case it_case_, de_case_;
};

TEST_F(LinkerTest, ASharedPhoneWrittenTwoWaysReachesBothDesksOnce) {
  auto a = person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  auto b = person(de_, de_case_.id, "Walid Haddad", "", "00218912345678");
  auto for_it = inbox(it_);
  auto for_de = inbox(de_);
  ASSERT_EQ(for_it.size(), 1u);
  ASSERT_EQ(for_de.size(), 1u);
  EXPECT_EQ(for_it[0].own_entity_id, a.id);
  EXPECT_EQ(for_it[0].other_desk, "DE");
  EXPECT_EQ(for_de[0].own_entity_id, b.id);
  EXPECT_NE(for_it[0].hit.evidence.find("phone"), std::string::npos) << for_it[0].hit.evidence;
}

TEST_F(LinkerTest, NamesAcrossTransliterationsLinkAsAPerson) {
  person(it_, it_case_.id, "Mohamed Abdelrahman", "1984-03-12", "");
  person(de_, de_case_.id, "Muhammad Abd al-Rahman", "1984-03-12", "");
  auto for_it = inbox(it_);
  ASSERT_EQ(for_it.size(), 1u);
  EXPECT_EQ(for_it[0].hit.kind, "person");
}

TEST_F(LinkerTest, NoticeJsonCarriesNothingOfTheOtherDesksEntity) {
  person(it_, it_case_.id, "Zuhair Qassab", "1977-06-02", "+218 92 765 4321");
  auto other = person(de_, de_case_.id, "Suhayr Kassab", "1977-06-02", "00218927654321");
  fx_.hub.linker->flush();
  api::Api api(fx_.hub, {});
  auto login = fx_.hub.accounts->login("it.prosecutor", testing::kTestPassword, "127.0.0.1", "t");
  ASSERT_TRUE(login.is_ok());
  api::HttpRequest req;
  req.method = "GET";
  req.path = "/api/v1/hits";
  req.headers["cookie"] = "crossroads_session=" + login->session_token;
  const auto res = api.handle(req);
  ASSERT_EQ(res.status, 200) << res.body;
  const auto body = nlohmann::json::parse(res.body);
  ASSERT_EQ(body["items"].size(), 1u);
  const std::string text = body.dump();
  for (const std::string& secret :
       {std::string("Suhayr"), std::string("Kassab"), std::string("114 Js"),
        std::string("\"other_entity_id\""), std::string("\"other_case_id\""),
        std::string("\"explanation\"")}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked: " << text;
  }
  EXPECT_EQ(body["items"][0]["other_desk"], "DE");
  EXPECT_EQ(text.find(std::to_string(other.id) + ","), std::string::npos);
}

TEST_F(LinkerTest, ARejectedLinkIsNeverSuggestedAgain) {
  auto a = person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  person(de_, de_case_.id, "Walid Haddad", "", "00218912345678");
  auto for_it = inbox(it_);
  ASSERT_EQ(for_it.size(), 1u);
  ASSERT_TRUE(fx_.hub.links->decide(it_, for_it[0].id, false).is_ok());
  // Editing the entity re-matches it: the rejected pair does not come back as a hit.
  core::Entity edit = a;
  edit.properties["alias"] = {"Abu Yassin"};
  ASSERT_TRUE(fx_.hub.cases->update_entity(it_, a.id, edit).is_ok());
  fx_.hub.linker->flush();
  EXPECT_TRUE(fx_.hub.linker->hits_of(a.id).empty());
}

TEST_F(LinkerTest, RebuildingTheIndexTellsNobodyTwice) {
  person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  person(de_, de_case_.id, "Walid Haddad", "", "00218912345678");
  ASSERT_EQ(inbox(it_).size(), 1u);
  // A second hub over the same database, as after a restart.
  app::AccountPolicy policy;
  policy.password_cost = auth::PasswordCost::minimum();
  auto again = Hub::open(fx_.dir.path(), policy);
  ASSERT_TRUE(again.is_ok());
  ASSERT_TRUE(again->build_index());
  auto listing = again->links->inbox(it_, false, {100, 0});
  EXPECT_EQ(listing->total, 1);
}

TEST_F(LinkerTest, AServerRecordsTheLinksFoundAtStartInTheBackground) {
  app::AccountPolicy policy;
  policy.password_cost = auth::PasswordCost::minimum();
  // Written through a hub whose index is never built (as by a command-line tool): no hits yet.
  auto writer = Hub::open(fx_.dir.path(), policy);
  ASSERT_TRUE(writer.is_ok());
  core::Entity e;
  e.schema = "Person";
  e.properties["name"] = {"Khaled Mansour"};
  e.properties["phone"] = {"+218 91 234 5678"};
  ASSERT_TRUE(writer->cases->create_entity(it_, it_case_.id, e).is_ok());
  e.properties["name"] = {"Walid Haddad"};
  e.properties["phone"] = {"00218912345678"};
  ASSERT_TRUE(writer->cases->create_entity(de_, de_case_.id, e).is_ok());
  ASSERT_EQ(writer->links->inbox(it_, false, {100, 0})->total, 0);
  // A server starting on that store answers at once and records the link in the background,
  // before the writes that come after the start.
  auto server = Hub::open(fx_.dir.path(), policy);
  ASSERT_TRUE(server.is_ok());
  ASSERT_TRUE(server->build_index({}, Linker::Recording::kInBackground));
  e.properties["name"] = {"Walid Haddad"};
  e.properties["phone"] = {"+218 91 234 5678"};
  ASSERT_TRUE(server->cases->create_entity(de_, de_case_.id, e).is_ok());
  server->linker->flush();
  auto listing = server->links->inbox(it_, false, {100, 0});
  ASSERT_TRUE(listing.is_ok());
  EXPECT_EQ(listing->total, 2);  // the Italian person's phone, held by both German entities
}

TEST_F(LinkerTest, EntitiesOfOneCaseDoNotLinkToEachOther) {
  person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  person(it_, it_case_.id, "Khaled Mansur", "1991", "+218 91 234 5678");
  EXPECT_TRUE(inbox(it_).empty());
}

}  // namespace
}  // namespace crossroads::app
