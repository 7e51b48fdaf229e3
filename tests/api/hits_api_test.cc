// GET /api/v1/hits/{id} and POST /api/v1/hits/{id}/decision through the API: a hit that comes
// up again shows the earlier decision; who decided and why only to the deciding desk.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "hub_fixture.h"

namespace crossroads::api {
namespace {

using json = nlohmann::json;

class HitsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", core::Role::kProsecutor, "IT");
    de_ = fx_.actor("de.prosecutor", core::Role::kProsecutor, "DE");
    const auto it_case = fx_.open_case(it_, "IT-HITS-1");
    const auto de_case = fx_.open_case(de_, "DE-HITS-1");
    hit_.entity_a = add(it_, it_case.id, "+218912345678").id;
    hit_.entity_b = add(de_, de_case.id, "00218912345678").id;
    hit_.kind = "identifier";
    hit_.strength = 0.99;
    hit_.evidence = R"({"kinds":["phone number"]})";
    EXPECT_TRUE(fx_.hub.links->record({hit_}).is_ok());
    api_ = std::make_unique<Api>(fx_.hub, ApiOptions{});
  }

  core::Entity add(const app::Actor& who, core::Id case_id, const std::string& phone) {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {"Person with " + phone};
    e.properties["phone"] = {phone};
    auto made = fx_.hub.cases->create_entity(who, case_id, e);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return made.is_ok() ? *made : core::Entity{};
  }

  json call(const std::string& user, const std::string& method, const std::string& path,
            const std::string& body = {}, int expect = 200) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.remote_addr = "127.0.0.1";
    if (!body.empty()) r.headers["content-type"] = "application/json";
    auto login = fx_.hub.accounts->login(user, testing::kTestPassword, "127.0.0.1", "t");
    EXPECT_TRUE(login.is_ok());
    r.headers["cookie"] = "crossroads_session=" + login->session_token;
    r.headers["x-csrf-token"] = login->csrf_token;
    HttpResponse res = api_->handle(r);
    EXPECT_EQ(res.status, expect) << method << " " << path << ": " << res.body;
    return res.body.empty() ? json() : json::parse(res.body);
  }

  std::string notice_of(const std::string& user) {
    return "/api/v1/hits/" +
           std::to_string(call(user, "GET", "/api/v1/hits")["items"][0]["id"].get<int>());
  }

  testing::HubFixture fx_;
  app::Actor it_, de_;
  core::LinkHit hit_;
  std::unique_ptr<Api> api_;
};

TEST_F(HitsApi, AHitShownAgainShowsTheEarlierDecisionAndOnlyTheOutcomeToTheOtherDesk) {
  const std::string it_path = notice_of("it.prosecutor");
  const std::string de_path = notice_of("de.prosecutor");
  EXPECT_TRUE(call("it.prosecutor", "GET", it_path)["decision"].is_null());
  const json decided = call("it.prosecutor", "POST", it_path + "/decision",
                            R"({"decision":"reject","note":"Born twenty years apart."})");
  EXPECT_EQ(decided["decision"], "rejected");
  EXPECT_EQ(decided["note"], "Born twenty years apart.");

  // The matcher finds the link again with new evidence.
  fx_.clock->advance_ms(60'000);
  hit_.strength = 0.999;
  ASSERT_TRUE(fx_.hub.links->record({hit_}).is_ok());
  const json mine = call("it.prosecutor", "GET", it_path)["decision"];
  ASSERT_TRUE(mine.is_object());
  EXPECT_EQ(mine["decision"], "rejected");
  EXPECT_EQ(mine["decided_by_desk"], "IT");
  EXPECT_TRUE(mine["decided_by"].is_string());
  EXPECT_FALSE(mine["decided_by"].get<std::string>().empty());
  EXPECT_EQ(mine["note"], "Born twenty years apart.");
  EXPECT_EQ(mine["evidence_since"], true);
  // In the inbox too.
  EXPECT_EQ(call("it.prosecutor", "GET", "/api/v1/hits")["items"][0]["decision"]["decision"],
            "rejected");

  // The other desk learns the outcome, when and which desk; not who nor why.
  const json theirs = call("de.prosecutor", "GET", de_path)["decision"];
  ASSERT_TRUE(theirs.is_object());
  EXPECT_EQ(theirs["decision"], "rejected");
  EXPECT_EQ(theirs["decided_by_desk"], "IT");
  EXPECT_TRUE(theirs["decided_by"].is_null());
  EXPECT_TRUE(theirs["note"].is_null());
  const std::string body = call("de.prosecutor", "GET", de_path).dump();
  EXPECT_EQ(body.find("twenty years"), std::string::npos);

  // A note is at most 2000 characters.
  call("it.prosecutor", "POST", it_path + "/decision",
       json{{"decision", "confirm"}, {"note", std::string(2001, 'x')}}.dump(), 400);
}

}  // namespace
}  // namespace crossroads::api
