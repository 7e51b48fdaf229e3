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
