// POST /api/v1/cases/{id}/import/csv and PUT /api/v1/desks/{code} through the API: query
// parameters, the answer's shape, the refusal of a bad file (error.rows) and the audit trail.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "hub_fixture.h"

namespace crossroads::api {
namespace {

using json = nlohmann::json;

class CsvImportApi : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = fx_.actor("it.prosecutor", core::Role::kProsecutor, "IT");
    fx_.actor("admin", core::Role::kAdministrator, "");
    case_ = fx_.open_case(owner_, "CSV-API-1");
    api_ = std::make_unique<Api>(fx_.hub, ApiOptions{});
  }

  HttpRequest as(const std::string& user, const std::string& method, const std::string& path,
                 std::string body = {}) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.body = std::move(body);
    r.remote_addr = "127.0.0.1";
    auto login = fx_.hub.accounts->login(user, testing::kTestPassword, "127.0.0.1", "t");
    EXPECT_TRUE(login.is_ok());
    r.headers["cookie"] = "crossroads_session=" + login->session_token;
    r.headers["x-csrf-token"] = login->csrf_token;
    return r;
  }

  HttpResponse import(const std::string& csv, std::map<std::string, std::string> query) {
    HttpRequest r = as("it.prosecutor", "POST",
                       "/api/v1/cases/" + std::to_string(case_.id) + "/import/csv", csv);
    r.headers["content-type"] = "text/csv";
    r.query = std::move(query);
    return api_->handle(r);
  }

  testing::HubFixture fx_;
  app::Actor owner_;
  core::Case case_;
  std::unique_ptr<Api> api_;
};

constexpr const char* kCsv =
    "Ref,Full name,DOB,Mobile\n"
    "p1,Khaled Mansour,1991-03-12,+218 91 555 0101\n"
    "p2,Yusuf Demir,1985-13-01,\n";
constexpr const char* kMapping =
    R"({"Ref":"id","Full name":"name","DOB":"birthDate","Mobile":"phone"})";

TEST_F(CsvImportApi, SaysHowTheFileWasReadAndTakesTheUsersChoice) {
  const std::string cp1252 = "Nom;Pr\xE9nom\r\nLEF\xC8VRE;J\xE9r\xF4me\r\n";
  const std::string mapping = "{\"Nom\":\"name\",\"Pr\xC3\xA9nom\":\"firstName\"}";
  auto res = import(cp1252, {{"schema", "Person"}, {"mapping", mapping}, {"dry_run", "true"}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto body = json::parse(res.body);
  EXPECT_EQ(body["format"], "semicolon-separated, Windows-1252");
  EXPECT_EQ(body["delimiter"], "semicolon");
  EXPECT_EQ(body["encoding"], "windows-1252");
  EXPECT_EQ(body["encoding_detected"], true);
  EXPECT_EQ(body["preview"][0]["properties"]["firstName"][0], "J\xC3\xA9r\xC3\xB4me");
  // Given as ISO-8859-1 and semicolon, the same file reads the same (no byte in 0x80-0x9F).
  res = import(cp1252, {{"schema", "Person"},
                        {"mapping", mapping},
                        {"dry_run", "true"},
                        {"delimiter", "semicolon"},
                        {"encoding", "iso-8859-1"}});
  ASSERT_EQ(res.status, 200) << res.body;
  body = json::parse(res.body);
  EXPECT_EQ(body["format"], "semicolon-separated, ISO-8859-1");
  EXPECT_EQ(body["delimiter_detected"], false);
  // An unknown choice is refused, naming the parameter.
  res = import(cp1252, {{"schema", "Person"}, {"mapping", mapping}, {"encoding", "ebcdic"}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(json::parse(res.body)["error"]["field"], "encoding");
  res = import(cp1252, {{"schema", "Person"}, {"mapping", mapping}, {"delimiter", ":"}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(json::parse(res.body)["error"]["field"], "delimiter");
}

TEST_F(CsvImportApi, DryRunAnswersCountsErrorsAndPreviewAndWritesNothing) {
  auto res = import(kCsv, {{"schema", "Person"}, {"mapping", kMapping}, {"dry_run", "true"}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto body = json::parse(res.body);
  EXPECT_EQ(body["dry_run"], true);
  EXPECT_EQ(body["written"], false);
  EXPECT_EQ(body["rows"], 2);
  EXPECT_EQ(body["created"], 1);
  EXPECT_EQ(body["rejected"], 1);
  ASSERT_EQ(body["errors"].size(), 1u);
  EXPECT_EQ(body["errors"][0]["line"], 3);
  EXPECT_EQ(body["errors"][0]["row"], 2);
  EXPECT_EQ(body["errors"][0]["column"], "DOB");
  EXPECT_EQ(body["errors"][0]["property"], "birthDate");
  ASSERT_EQ(body["preview"].size(), 1u);
  EXPECT_EQ(body["preview"][0]["action"], "create");
  EXPECT_EQ(body["preview"][0]["ftm_id"], "p1");
  EXPECT_EQ(body["preview"][0]["properties"]["phone"][0], "+218 91 555 0101");
  auto listed = api_->handle(
      as("it.prosecutor", "GET", "/api/v1/cases/" + std::to_string(case_.id) + "/entities"));
  EXPECT_EQ(json::parse(listed.body)["total"], 0);
}

TEST_F(CsvImportApi, RefusesABadFileWithItsRowsUnlessBadRowsAreSkipped) {
  auto refused = import(kCsv, {{"schema", "Person"}, {"mapping", kMapping}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  auto error = json::parse(refused.body)["error"];
  EXPECT_EQ(error["code"], "invalid_argument");
  EXPECT_EQ(error["message"], "1 of 2 rows could not be read; nothing was imported");
  ASSERT_EQ(error["rows"].size(), 1u);
  EXPECT_EQ(error["rows"][0]["column"], "DOB");
  EXPECT_EQ(error["lines"][0].get<std::string>().rfind(
                "line 3 (row 2), column 'DOB' (birthDate): '1985-13-01' is not a date", 0),
            0u)
      << error["lines"][0];

  auto skipped = import(kCsv, {{"schema", "Person"},
                               {"mapping", kMapping},
                               {"skip_invalid", "true"},
                               {"filename", "people.csv"}});
  ASSERT_EQ(skipped.status, 200) << skipped.body;
  auto body = json::parse(skipped.body);
  EXPECT_EQ(body["written"], true);
  EXPECT_EQ(body["created"], 1);
  EXPECT_EQ(body["rejected"], 1);
  auto listed = api_->handle(
      as("it.prosecutor", "GET", "/api/v1/cases/" + std::to_string(case_.id) + "/entities"));
  auto items = json::parse(listed.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["source"], "import:csv:people.csv");
}

TEST_F(CsvImportApi, NamesTheParameterAtFault) {
  auto field = [&](std::map<std::string, std::string> q) {
    auto res = import(kCsv, std::move(q));
    EXPECT_EQ(res.status, 400) << res.body;
    return json::parse(res.body)["error"]["field"].get<std::string>();
  };
  EXPECT_EQ(field({{"mapping", kMapping}}), "schema");
  EXPECT_EQ(field({{"schema", "Person"}}), "mapping");
  EXPECT_EQ(field({{"schema", "Person"}, {"mapping", "[1]"}}), "mapping");
  EXPECT_EQ(field({{"schema", "Person"}, {"mapping", R"({"Ref":1})"}}), "mapping");
  EXPECT_EQ(field({{"schema", "Person"}, {"mapping", kMapping}, {"dry_run", "yes"}}), "dry_run");
  EXPECT_EQ(field({{"schema", "Person"}, {"mapping", kMapping}, {"dryrun", "true"}}), "dryrun");
}

TEST_F(CsvImportApi, AdministratorsAddAndChangeDesksWithAnAuditRecord) {
  auto put = [&](const std::string& code, const std::string& body) {
    HttpRequest r = as("admin", "PUT", "/api/v1/desks/" + code, body);
    r.headers["content-type"] = "application/json";
    return api_->handle(r);
  };
  auto created = put("QZ", R"({"name":" Testland ","group":"Other partner"})");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(json::parse(created.body)["name"], "Testland");
  ASSERT_EQ(put("QZ", R"({"name":"Testland*","group":"Other partner"})").status, 200);
  auto bad_code = put("xk", R"({"name":"Kosovo","group":"Western Balkans"})");
  EXPECT_EQ(bad_code.status, 400);
  EXPECT_EQ(json::parse(bad_code.body)["error"]["field"], "code");
  auto comma = put("XK", R"({"name":"Kosovo, Republic","group":"Western Balkans"})");
  EXPECT_EQ(json::parse(comma.body)["error"]["field"], "name");
  EXPECT_EQ(put("XK", R"({"name":"","group":"x"})").status, 400);

  HttpRequest audit_request = as("admin", "GET", "/api/v1/audit");
  audit_request.query = {{"action", "desk."}, {"limit", "1000"}};
  auto audit = api_->handle(audit_request);
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::vector<std::string> seen;
  const json records = json::parse(audit.body)["items"];
  for (const auto& r : records) {
    const std::string action = r["action"];
    if (action.rfind("desk.", 0) == 0)
      seen.push_back(action + " " + r["outcome"].get<std::string>());
  }
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "desk.create ok"), 1);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "desk.update ok"), 1);
  EXPECT_GE(std::count(seen.begin(), seen.end(), "desk.update invalid"), 2);
}

}  // namespace
}  // namespace crossroads::api
