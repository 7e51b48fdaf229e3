// api::Server over loopback: the web application's files (types, HEAD, directories) and never a
// file outside the web root, whatever the path's disguise; the security headers on every
// answer, the transport's own errors included; /api/* goes to the API.
#include "api/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "api/api.h"
#include "hub_fixture.h"
#include "raw_http.h"

namespace crossroads::api {
namespace {

using testing::RawConnection;
using testing::RawResponse;

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class ServerFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    root = fx.dir.file("web");
    std::filesystem::create_directories(root + "/assets");
    write_file(root + "/index.html", "<!doctype html><title>app</title>");
    write_file(root + "/assets/app.js", "console.log('app');");
    write_file(root + "/assets/app.css", "body{}");
    write_file(fx.dir.file("secret.txt"), "TOP SECRET");
    std::filesystem::create_symlink(fx.dir.file("secret.txt"), root + "/assets/link.txt");
    start(root);
  }
  void TearDown() override { stop(); }

  void start(const std::string& web_root) {
    ServerOptions options;
    options.port = 0;
    options.web_root = web_root;
    options.access_log_fd = -1;
    server = std::make_unique<Server>(api, options);
    auto bound = server->bind();
    ASSERT_TRUE(bound.is_ok()) << bound.status().to_string();
    port = *bound;
    serving = std::thread([this] { (void)server->serve(); });
  }
  void stop() {
    if (server) server->stop();
    if (serving.joinable()) serving.join();
    server.reset();
  }

  RawResponse request(const std::string& method, const std::string& target) {
    RawConnection c(port);
    EXPECT_TRUE(c.send(method + " " + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    return c.read_response(method == "HEAD");
  }

  static void expect_security_headers(const RawResponse& r, const std::string& what) {
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << what;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << what;
    EXPECT_EQ(r.header("referrer-policy"), "no-referrer") << what;
    EXPECT_NE(r.header("content-security-policy").find("default-src 'self'"), std::string::npos)
        << what;
  }

  crossroads::testing::HubFixture fx;
  Api api{fx.hub, {}};
  std::string root;
  std::unique_ptr<Server> server;
  std::thread serving;
  int port = 0;
};

TEST_F(ServerFiles, ServesTheApplicationWithItsTypes) {
  const RawResponse index = request("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  expect_security_headers(index, "/");
  const RawResponse js = request("GET", "/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log('app');");
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(request("GET", "/assets/app.css").header("content-type"), "text/css; charset=utf-8");
  const RawResponse head = request("HEAD", "/assets/app.js");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), "19");
}

TEST_F(ServerFiles, NeverServesAFileOutsideTheWebRoot) {
  const char* const attempts[] = {
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "//etc/passwd",
      "/assets/link.txt",
      "/..\\secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "http://t/../secret.txt",
  };
  for (const char* target : attempts) {
    const RawResponse r = request("GET", target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("TOP SECRET"), std::string::npos) << target;
    expect_security_headers(r, target);
  }
  const RawResponse nul = request("GET", "/index.html%00.js");
  EXPECT_EQ(nul.status, 400);
  expect_security_headers(nul, "NUL");
}

TEST_F(ServerFiles, AnswersDirectoriesAndMissingFilesWith404) {
  EXPECT_EQ(request("GET", "/assets").status, 404);
  EXPECT_EQ(request("GET", "/assets/").status, 404);
  EXPECT_EQ(request("GET", "/nothing.js").status, 404);
  EXPECT_EQ(request("POST", "/assets/app.js").status, 404);
}

TEST_F(ServerFiles, SendsApiPathsToTheApi) {
  const RawResponse health = request("GET", "/api/v1/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.header("content-type"), "application/json");
  EXPECT_FALSE(health.header("x-request-id").empty());
  expect_security_headers(health, "health");
  const RawResponse missing = request("GET", "/api/v1/no-such-route");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("\"error\""), std::string::npos);
}

TEST_F(ServerFiles, TransportErrorsCarryTheSecurityHeadersToo) {
  RawConnection c(port);
  ASSERT_TRUE(c.send("POST /api/v1/match/check HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n"));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 413);
  expect_security_headers(r, "413");
}

TEST_F(ServerFiles, WithoutAWebRootTheHomePageSaysSo) {
  stop();
  start("");
  const RawResponse r = request("GET", "/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("The server is running"), std::string::npos);
  EXPECT_EQ(request("GET", "/assets/app.js").status, 404);
}

}  // namespace
}  // namespace crossroads::api
