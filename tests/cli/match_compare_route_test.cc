// POST /api/v1/match/compare in-process: errors name the side and the property.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "hub_fixture.h"

namespace crossroads::api {
namespace {

using json = nlohmann::json;

class MatchCompareRoute : public ::testing::Test {
 protected:
  HttpResponse post(const json& body) {
    auto login = fx_.hub.accounts->login("analyst.gr", testing::kTestPassword, "127.0.0.1", "t");
    EXPECT_TRUE(login.is_ok()) << login.status().to_string();
    HttpRequest r;
    r.method = "POST";
    r.path = "/api/v1/match/compare";
    r.body = body.dump();
    r.remote_addr = "127.0.0.1";
    r.headers["content-type"] = "application/json";
    if (login) {
      r.headers["cookie"] = "crossroads_session=" + login->session_token;
      r.headers["x-csrf-token"] = login->csrf_token;
    }
    return api_.handle(r);
  }
  static json person(const std::string& name, const std::string& birth) {
    return {{"schema", "Person"}, {"properties", {{"name", {name}}, {"birthDate", {birth}}}}};
  }

  testing::HubFixture fx_;
  app::Actor analyst_ = fx_.actor("analyst.gr", core::Role::kAnalyst, "GR");
  Api api_{fx_.hub, ApiOptions{}};
};

TEST_F(MatchCompareRoute, ExplainsALinkBetweenTransliteratedNames) {
  auto res = post({{"a", person("Mohamed Abdelrahman", "1985-03-12")},
                   {"b", person("Muhammad Abd al-Rahman", "1985-03-12")}});
  ASSERT_EQ(res.status, 200) << res.body;
  const json j = json::parse(res.body);
  EXPECT_TRUE(j["link"].get<bool>());
  EXPECT_GE(j["probability"].get<double>(), 0.9);
  EXPECT_FALSE(j["explanation"].get<std::string>().empty());
  EXPECT_FALSE(j["evidence"].empty());
}

TEST_F(MatchCompareRoute, InvalidPropertyIsNamedUnderItsSide) {
  auto res = post({{"a", person("Mohamed Ali", "1980")}, {"b", person("Mohamed Ali", "soon")}});
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(json::parse(res.body)["error"]["field"], "b.properties.birthDate") << res.body;

  res = post({{"a", {{"schema", "Person"}, {"properties", {{"shoeSize", {"42"}}}}}},
              {"b", person("Mohamed Ali", "1980")}});
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(json::parse(res.body)["error"]["field"].get<std::string>().rfind("a.properties", 0), 0u)
      << res.body;

  res = post({{"a", person("Mohamed Ali", "1980")}});
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(json::parse(res.body)["error"]["field"], "b");
}

}  // namespace
}  // namespace crossroads::api
