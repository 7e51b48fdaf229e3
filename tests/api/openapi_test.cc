#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "api/api.h"
#include "hub_fixture.h"

namespace crossroads::api {
namespace {

TEST(OpenApi, DocumentsExactlyTheRegisteredRoutes) {
  testing::HubFixture fx;
  Api api(fx.hub, {});
  auto doc = nlohmann::json::parse(Api::openapi_document());
  ASSERT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented;
  for (auto path = doc["paths"].begin(); path != doc["paths"].end(); ++path) {
    for (auto op = path.value().begin(); op != path.value().end(); ++op) {
      if (op.key() == "parameters") continue;
      std::string method = op.key();
      for (auto& ch : method) ch = static_cast<char>(std::toupper(ch));
      documented.insert(method + " " + path.key());
    }
  }
  std::set<std::string> registered;
  for (const auto& r : api.routes()) registered.insert(r.method + " " + r.pattern);
  for (const auto& r : registered) EXPECT_TRUE(documented.count(r)) << r << " is not documented";
  for (const auto& d : documented) EXPECT_TRUE(registered.count(d)) << d << " is not a route";
}

TEST(OpenApi, IsServedWithoutSigningIn) {
  testing::HubFixture fx;
  Api api(fx.hub, {});
  HttpRequest req;
  req.method = "GET";
  req.path = "/api/v1/openapi.json";
  auto res = api.handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, Api::openapi_document());
}

}  // namespace
}  // namespace crossroads::api

namespace crossroads::api {
namespace {

TEST(BodyLimits, NormalizeAndCompareRefuseOversizedBodies) {
  testing::HubFixture fx;
  fx.actor("anna", core::Role::kProsecutor, "IT");
  ApiOptions options;
  options.max_json_body = 1024;
  Api api(fx.hub, options);
  auto login = fx.hub.accounts->login("anna", testing::kTestPassword, "127.0.0.1", "t");
  ASSERT_TRUE(login.is_ok());
  for (const char* path : {"/api/v1/normalize", "/api/v1/match/compare"}) {
    HttpRequest req;
    req.method = "POST";
    req.path = path;
    req.headers["cookie"] = "crossroads_session=" + login->session_token;
    req.headers["x-csrf-token"] = login->csrf_token;
    req.headers["content-type"] = "application/json";
    req.body = R"({"kind":"name","value":")" + std::string(2000, 'a') + R"("})";
    EXPECT_EQ(api.handle(req).status, 413) << path;
  }
}

}  // namespace
}  // namespace crossroads::api
