// The HTTP API of the real server, started on a free loopback port over a fresh data directory
// with the demo users: desks, sharing, sign-in, strict bodies, restart, tokens, FtM, headers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "api_client.h"
#include "server_process.h"

namespace crossroads::integration {
namespace {

using json = nlohmann::json;

constexpr const char* kDemoPassword = "crossroads-demo";

class ServerApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult demo = server_.cli({"demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
    std::string error;
    ASSERT_TRUE(server_.start(&error)) << error;
  }

  // A client signed in as one of the demo users; fails the test when the login fails.
  ApiClient signed_in(const std::string& username) {
    ApiClient client(server_.port());
    const ApiReply r = client.login(username, kDemoPassword);
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    EXPECT_FALSE(client.session_cookie().empty()) << username;
    EXPECT_FALSE(client.csrf_token().empty()) << username;
    return client;
  }

  // Opens a case for the client's desk and returns its id (0 on failure, with a test failure).
  static std::int64_t open_case(ApiClient& client, const std::string& reference) {
    const ApiReply r = client.post("/api/v1/cases", {{"reference", reference},
                                                     {"title", "Boats from Zuwara"},
                                                     {"offences", {"migrant_smuggling"}}});
    EXPECT_EQ(r.status, 201) << r.body;
    const json j = r.json();
    return j.is_object() && j.contains("id") ? j["id"].get<std::int64_t>() : 0;
  }

  static std::string case_path(std::int64_t id) { return "/api/v1/cases/" + std::to_string(id); }

  // The number of entities the owner sees in a case, or -1.
  static std::int64_t entity_total(ApiClient& client, std::int64_t case_id) {
    const ApiReply r = client.get(case_path(case_id) + "/entities?limit=1");
    if (r.status != 200) return -1;
    return r.json()["total"].get<std::int64_t>();
  }

  // The number of cases the client's desk sees, or -1.
  static std::int64_t case_total(ApiClient& client) {
    const ApiReply r = client.get("/api/v1/cases?limit=1");
    if (r.status != 200) return -1;
    return r.json()["total"].get<std::int64_t>();
  }

  static bool listing_has_case(ApiClient& client, std::int64_t case_id) {
    const ApiReply r = client.get("/api/v1/cases?limit=500");
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return false;
    const json listing = r.json();
    for (const auto& c : listing["items"]) {
      if (c["id"].get<std::int64_t>() == case_id) return true;
    }
    return false;
  }

  // Asserts the error envelope {"error": {"code", "message", "field"}}.
  static void expect_error(const ApiReply& r, int status, const std::string& code,
                           const json& field) {
    EXPECT_EQ(r.status, status) << r.body;
    const json j = r.json();
    ASSERT_TRUE(j.is_object() && j.contains("error")) << r.body;
    const json& e = j["error"];
    EXPECT_EQ(e.value("code", ""), code) << r.body;
    ASSERT_TRUE(e.contains("message") && e["message"].is_string()) << r.body;
    EXPECT_FALSE(e["message"].get<std::string>().empty()) << r.body;
    ASSERT_TRUE(e.contains("field")) << r.body;
    EXPECT_EQ(e["field"], field) << r.body;
  }

  ServerProcess server_;
};

TEST_F(ServerApiTest, SharedCaseIsReadableByPartnerDeskAndInvisibleToOthers) {
  ApiClient it = signed_in("it.prosecutor");
  ApiClient de = signed_in("de.prosecutor");
  ApiClient gr = signed_in("gr.prosecutor");

  const std::int64_t id = open_case(it, "RGNR 9001/2025");
  ASSERT_GT(id, 0);
  const std::string path = case_path(id);
  ApiReply person = it.post(
      path + "/entities",
      {{"schema", "Person"},
       {"properties", {{"name", {"Abdul Karim Haddad"}}, {"phone", {"+218 91 555 0101"}}}}});
  ASSERT_EQ(person.status, 201) << person.body;
  ApiReply company = it.post(
      path + "/entities",
      {{"schema", "Company"},
       {"properties", {{"name", {"Zuwara Marine Services"}}, {"phone", {"+218 21 444 0202"}}}}});
  ASSERT_EQ(company.status, 201) << company.body;
  const std::int64_t person_id = person.json()["id"].get<std::int64_t>();

  // Before sharing, DE does not see the case at all.
  EXPECT_EQ(de.get(path).status, 404);
  EXPECT_FALSE(listing_has_case(de, id));

  const ApiReply shared = it.put(path + "/shares/DE");
  ASSERT_EQ(shared.status, 200) << shared.body;
  EXPECT_EQ(shared.json()["shared_with"], json::array({"DE"}));

  // DE reads the case, its listing and its entities.
  const ApiReply de_read = de.get(path);
  ASSERT_EQ(de_read.status, 200) << de_read.body;
  EXPECT_EQ(de_read.json()["reference"], "RGNR 9001/2025");
  EXPECT_EQ(de_read.json()["desk"], "IT");
  EXPECT_TRUE(listing_has_case(de, id));
  EXPECT_EQ(entity_total(de, id), 2);
  EXPECT_EQ(de.get("/api/v1/entities/" + std::to_string(person_id)).status, 200);

  // GR neither sees nor lists it, and its writes find nothing.
  expect_error(gr.get(path), 404, "not_found", nullptr);
  EXPECT_FALSE(listing_has_case(gr, id));
  EXPECT_EQ(gr.get(path + "/entities").status, 404);
  EXPECT_EQ(gr.get(path + "/export/ftm").status, 404);
  EXPECT_EQ(gr.get("/api/v1/entities/" + std::to_string(person_id)).status, 404);
  EXPECT_EQ(
      gr.post(path + "/entities", {{"schema", "Person"}, {"properties", {{"name", {"X"}}}}}).status,
      404);
  EXPECT_EQ(gr.patch(path, {{"title", "mine now"}, {"version", 1}}).status, 404);
  EXPECT_EQ(gr.put(path + "/shares/GR").status, 404);
  EXPECT_EQ(gr.del(path).status, 404);

  // DE may read but not change.
  expect_error(
      de.post(path + "/entities", {{"schema", "Person"}, {"properties", {{"name", {"Y"}}}}}), 403,
      "permission_denied", nullptr);
  const std::int64_t version = de_read.json()["version"].get<std::int64_t>();
  EXPECT_EQ(de.patch(path, {{"title", "changed by DE"}, {"version", version}}).status, 403);
  EXPECT_EQ(de.put(path + "/shares/GR").status, 403);
  EXPECT_EQ(de.del("/api/v1/entities/" + std::to_string(person_id)).status, 403);
  EXPECT_EQ(de.del(path).status, 403);

  // Nothing of the refused writes landed.
  const ApiReply after = it.get(path);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json()["title"], "Boats from Zuwara");
  EXPECT_EQ(after.json()["shared_with"], json::array({"DE"}));
  EXPECT_EQ(entity_total(it, id), 2);
  EXPECT_EQ(gr.get(path).status, 404);
}

TEST_F(ServerApiTest, ImportIntoCaseOfAnotherDeskAnswersNotFoundEvenForBrokenFile) {
  ApiClient it = signed_in("it.prosecutor");
  ApiClient gr = signed_in("gr.prosecutor");
  const std::int64_t id = open_case(it, "RGNR 9002/2025");
  ASSERT_GT(id, 0);
  const std::string url = case_path(id) + "/import/ftm";
  const std::string good = R"({"id":"gr-1","schema":"Person","properties":{"name":["A B"]}})";
  EXPECT_EQ(gr.send("POST", url, good + "\n", "application/x-ndjson").status, 404);
  // A case the caller cannot see answers 404 whatever the body holds: the body is not
  // examined for a case the caller may not write to.
  const ApiReply broken = gr.send("POST", url, good + "\n{not json\n", "application/x-ndjson");
  EXPECT_EQ(broken.status, 404) << broken.body;
  EXPECT_EQ(entity_total(it, id), 0);
}

TEST_F(ServerApiTest, ObserverCannotOpenCase) {
  ApiClient observer = signed_in("de.observer");
  ApiClient de = signed_in("de.prosecutor");
  const std::int64_t before = case_total(de);
  ASSERT_GE(before, 0);
  expect_error(observer.post("/api/v1/cases", {{"reference", "OBS-1"},
                                               {"title", "Not allowed"},
                                               {"offences", {"migrant_smuggling"}}}),
               403, "permission_denied", nullptr);
  EXPECT_EQ(case_total(de), before);
  // The same request from a prosecutor of the desk succeeds, so the refusal is about the role.
  EXPECT_GT(open_case(de, "OBS-1"), 0);
  EXPECT_EQ(case_total(de), before + 1);
}

TEST_F(ServerApiTest, ChangeWithoutCsrfTokenIsRefused) {
  ApiClient it = signed_in("it.prosecutor");
  const std::int64_t before = case_total(it);
  const json body = {{"reference", "CSRF-1"},
                     {"title", "Forged from another site"},
                     {"offences", {"migrant_smuggling"}}};
  it.send_csrf(false);
  expect_error(it.post("/api/v1/cases", body), 403, "permission_denied", nullptr);
  // A wrong token is as bad as none.
  const std::string real_token = it.csrf_token();
  it.set_session(it.session_cookie(), std::string(real_token.size(), '0'));
  it.send_csrf(true);
  EXPECT_EQ(it.post("/api/v1/cases", body).status, 403);
  EXPECT_EQ(case_total(it), before);
  // Reads need no token; with the right one the change goes through.
  it.set_session(it.session_cookie(), real_token);
  EXPECT_EQ(it.post("/api/v1/cases", body).status, 201);
  EXPECT_EQ(case_total(it), before + 1);
}

TEST_F(ServerApiTest, WrongPasswordIsUnauthorizedWithoutSession) {
  ApiClient client(server_.port());
  const ApiReply wrong = client.login("it.prosecutor", "not-the-password");
  expect_error(wrong, 401, "unauthenticated", "password");
  EXPECT_TRUE(wrong.header("Set-Cookie").empty());
  // An unknown user gets the same answer, so user names cannot be probed.
  const ApiReply unknown = client.login("nobody.here", "not-the-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.json()["error"]["message"], wrong.json()["error"]["message"]);
  // Without a session the API refuses with 401.
  EXPECT_EQ(client.get("/api/v1/cases").status, 401);
  EXPECT_EQ(client.get("/api/v1/auth/session").status, 401);
}

TEST_F(ServerApiTest, RepeatedWrongPasswordsAreThrottled) {
  ApiClient client(server_.port());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(client.login("gr.prosecutor", "guess-" + std::to_string(i)).status, 401) << i;
  }
  // The next attempt, even with the right password, waits (the doubling back-off starts at
  // one second after the fifth failure; this request comes well within it).
  const ApiReply throttled = client.login("gr.prosecutor", kDemoPassword);
  expect_error(throttled, 429, "too_many_requests", nullptr);
  EXPECT_FALSE(throttled.header("Retry-After").empty());
  EXPECT_TRUE(throttled.header("Set-Cookie").empty());
}

TEST_F(ServerApiTest, BadBodiesAreRefusedWithErrorEnvelopeAndWriteNothing) {
  ApiClient it = signed_in("it.prosecutor");
  const std::int64_t id = open_case(it, "RGNR 9003/2025");
  ASSERT_GT(id, 0);
  const std::string entities = case_path(id) + "/entities";
  const std::int64_t cases_before = case_total(it);
  ASSERT_GT(cases_before, 0);

  expect_error(
      it.send("POST", "/api/v1/cases", R"({"reference": "BAD-1", "title": )", "application/json"),
      400, "invalid_argument", nullptr);
  expect_error(it.post("/api/v1/cases", {{"reference", "BAD-2"},
                                         {"title", "Unknown field"},
                                         {"offences", {"migrant_smuggling"}},
                                         {"colour", "red"}}),
               400, "invalid_argument", "colour");
  expect_error(
      it.post("/api/v1/cases",
              {{"reference", "BAD-3"}, {"title", 42}, {"offences", {"migrant_smuggling"}}}),
      400, "invalid_argument", "title");
  expect_error(it.post("/api/v1/cases", {{"reference", "BAD-4"},
                                         {"title", "Offences not a list"},
                                         {"offences", "migrant_smuggling"}}),
               400, "invalid_argument", "offences");
  expect_error(it.post("/api/v1/cases", json::array({"reference", "BAD-5"})), 400,
               "invalid_argument", nullptr);
  expect_error(it.send("POST", "/api/v1/cases",
                       R"({"reference":"BAD-6","title":"x","offences":["migrant_smuggling"]})",
                       "text/plain"),
               400, "invalid_argument", "content-type");
  const std::string huge_title(2 << 20, 'a');  // twice the 1 MiB limit on JSON bodies
  expect_error(
      it.post("/api/v1/cases",
              {{"reference", "BAD-7"}, {"title", huge_title}, {"offences", {"migrant_smuggling"}}}),
      413, "payload_too_large", nullptr);
  EXPECT_EQ(case_total(it), cases_before);

  expect_error(it.post(entities, {{"schema", "Person"}, {"properties", {{"name", 5}}}}), 400,
               "invalid_argument", "properties.name");
  expect_error(
      it.post(entities,
              {{"schema", "Person"}, {"properties", {{"name", {"Ali"}}}}, {"notes", "unknown"}}),
      400, "invalid_argument", "notes");
  expect_error(it.send("POST", entities, "{\"schema\": \"Person\", ", "application/json"), 400,
               "invalid_argument", nullptr);
  const ApiReply no_schema = it.post(entities, {{"properties", {{"name", {"Ali"}}}}});
  expect_error(no_schema, 400, "invalid_argument", "schema");
  const ApiReply bad_schema =
      it.post(entities, {{"schema", "Spaceship"}, {"properties", {{"name", {"Ali"}}}}});
  EXPECT_EQ(bad_schema.status, 400) << bad_schema.body;
  EXPECT_EQ(bad_schema.error_code(), "invalid_argument");
  const ApiReply bad_import = it.send(
      "POST", case_path(id) + "/import/ftm",
      "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Ali\"]}}\n{broken\n",
      "application/x-ndjson");
  EXPECT_EQ(bad_import.status, 400) << bad_import.body;
  EXPECT_EQ(bad_import.error_code(), "invalid_argument");
  EXPECT_EQ(entity_total(it, id), 0);
  EXPECT_EQ(case_total(it), cases_before);
}

TEST_F(ServerApiTest, CasesEntitiesSharesAndSessionsSurviveRestart) {
  ApiClient it = signed_in("it.prosecutor");
  const std::int64_t id = open_case(it, "RGNR 9004/2025");
  ASSERT_GT(id, 0);
  const std::string path = case_path(id);
  ASSERT_EQ(
      it.post(path + "/entities",
              {{"schema", "Person"},
               {"properties", {{"name", {"Tesfay Gebremedhin"}}, {"phone", {"+39 320 1234567"}}}}})
          .status,
      201);
  ASSERT_EQ(it.put(path + "/shares/DE").status, 200);
  const ApiReply before = it.get(path + "/export/ftm");
  ASSERT_EQ(before.status, 200);
  const std::string cookie = it.session_cookie();
  const std::string csrf = it.csrf_token();

  const int first_port = server_.port();
  ASSERT_NE(server_.stop(), -1) << server_.log();
  EXPECT_EQ(ApiClient(first_port).get("/api/v1/health").status, -1);  // really gone
  std::string error;
  ASSERT_TRUE(server_.start(&error)) << error;

  // The session made before the restart still works, reads and changes alike.
  ApiClient again(server_.port());
  again.set_session(cookie, csrf);
  const ApiReply read = again.get(path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["reference"], "RGNR 9004/2025");
  EXPECT_EQ(read.json()["shared_with"], json::array({"DE"}));
  EXPECT_EQ(read.json()["entity_count"], 1);
  const ApiReply after = again.get(path + "/export/ftm");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body, before.body);
  EXPECT_EQ(
      again.post(path + "/entities", {{"schema", "Person"}, {"properties", {{"name", {"Two"}}}}})
          .status,
      201);

  // Without a session it still takes a login, and the share still lets DE read.
  EXPECT_EQ(ApiClient(server_.port()).get(path).status, 401);
  ApiClient de = signed_in("de.prosecutor");
  EXPECT_EQ(de.get(path).status, 200);
  ApiClient gr = signed_in("gr.prosecutor");
  EXPECT_EQ(gr.get(path).status, 404);
}

TEST_F(ServerApiTest, PersonalApiTokenWorksAsBearerWithoutCsrf) {
  ApiClient it = signed_in("it.prosecutor");
  const ApiReply made = it.post("/api/v1/tokens", {{"name", "nightly import"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string secret = made.json()["secret"].get<std::string>();
  ASSERT_EQ(secret.rfind("crt_", 0), 0u) << secret;
  const std::int64_t token_id = made.json()["id"].get<std::int64_t>();

  ApiClient script(server_.port());
  script.use_token(secret);
  EXPECT_EQ(script.get("/api/v1/cases").status, 200);
  const std::int64_t id = open_case(script, "TOKEN-1");  // a change, with no CSRF header
  ASSERT_GT(id, 0);
  EXPECT_EQ(it.get(case_path(id)).status, 200);

  ApiClient forged(server_.port());
  forged.use_token(secret.substr(0, secret.size() - 1) + (secret.back() == 'a' ? "b" : "a"));
  EXPECT_EQ(forged.get("/api/v1/cases").status, 401);

  ASSERT_EQ(it.del("/api/v1/tokens/" + std::to_string(token_id)).status, 204);
  EXPECT_EQ(script.get("/api/v1/cases").status, 401);
}

TEST_F(ServerApiTest, FtmExportThenImportRoundTripsIdentically) {
  ApiClient it = signed_in("it.prosecutor");
  const std::int64_t source = open_case(it, "RGNR 9005/2025");
  ASSERT_GT(source, 0);
  const std::string lines =
      R"({"id":"p-1","schema":"Person","properties":{"name":["Ahmed Al-Masri"],"phone":["+218 91 234 5678"],"alias":["Abu Omar"]}})"
      "\n"
      R"({"id":"p-2","schema":"Person","properties":{"name":["Ελένη Παπαδάκη"],"nationality":["gr"]}})"
      "\n"
      R"({"id":"o-1","schema":"Organization","properties":{"name":["Zuwara \"Marine\" Group"]}})"
      "\n"
      R"({"id":"m-1","schema":"Membership","properties":{"member":["p-1"],"organization":["o-1"]}})"
      "\n";
  const ApiReply imported =
      it.send("POST", case_path(source) + "/import/ftm", lines, "application/x-ndjson");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json()["created"], 4);

  const ApiReply first = it.get(case_path(source) + "/export/ftm");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("Content-Type").rfind("application/x-ndjson", 0), 0u);
  ASSERT_EQ(std::count(first.body.begin(), first.body.end(), '\n'), 4) << first.body;

  const std::int64_t copy = open_case(it, "RGNR 9006/2025");
  ASSERT_GT(copy, 0);
  const ApiReply into_copy =
      it.send("POST", case_path(copy) + "/import/ftm", first.body, "application/x-ndjson");
  ASSERT_EQ(into_copy.status, 200) << into_copy.body;
  EXPECT_EQ(into_copy.json()["created"], 4);
  const ApiReply second = it.get(case_path(copy) + "/export/ftm");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.body, first.body);

  // Importing the export again changes nothing.
  const ApiReply again =
      it.send("POST", case_path(copy) + "/import/ftm", second.body, "application/x-ndjson");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["created"], 0);
  EXPECT_EQ(again.json()["updated"], 0);
  EXPECT_EQ(again.json()["unchanged"], 4);
}

TEST_F(ServerApiTest, ResponsesCarrySecurityHeaders) {
  ApiClient anonymous(server_.port());
  for (const char* path : {"/api/v1/health", "/api/v1/cases", "/api/v1/no-such-route", "/"}) {
    const ApiReply r = anonymous.get(path);
    ASSERT_NE(r.status, -1) << path;
    const std::string csp = r.header("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path << ": " << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path << ": " << csp;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << path << ": " << csp;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << path;
  }
  ApiClient it = signed_in("it.prosecutor");
  const ApiReply login_page = it.get("/api/v1/auth/session");
  EXPECT_EQ(login_page.header("Cache-Control"), "no-store");
}

TEST_F(ServerApiTest, StopsCleanlyOnSigterm) {
  // On one CPU the signal-watching thread and the main thread take turns, so a shutdown that
  // depends on their order fails here rather than now and then on a busy CI machine.
  server_.pin_to_one_cpu(true);
  for (int i = 0; i < 5; ++i) {
    SCOPED_TRACE("restart " + std::to_string(i));
    ASSERT_EQ(server_.stop(), 0) << "the server did not exit with 0 on SIGTERM (128 + N means "
                                    "signal N ended it)\n"
                                 << server_.log();
    std::string error;
    ASSERT_TRUE(server_.start(&error)) << error;
    EXPECT_EQ(ApiClient(server_.port()).get("/api/v1/health").status, 200);
  }
}

TEST_F(ServerApiTest, SessionCookieIsHttpOnlyAndSameSiteStrict) {
  ApiClient client(server_.port());
  const ApiReply r = client.login("it.prosecutor", kDemoPassword);
  ASSERT_EQ(r.status, 200);
  const std::string cookie = r.header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("crossroads_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  // Signing out ends the session on the server, not just in the browser.
  ASSERT_EQ(client.post("/api/v1/auth/logout", json::object()).status, 204);
  EXPECT_EQ(client.get("/api/v1/auth/session").status, 401);
}

}  // namespace
}  // namespace crossroads::integration
