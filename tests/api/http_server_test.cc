// The HTTP/1.1 transport over loopback sockets, byte for byte: pipelining, keep-alive and its
// ends, bodies (Content-Length, chunked, 100-continue), the limits and error answers, the
// timeouts, stop() and many clients at once. The request parser is also tested on its own.
#include "api/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "raw_http.h"

namespace crossroads::api {
namespace {

using testing::RawConnection;
using testing::RawResponse;
using namespace std::chrono_literals;

// Answers with what it was asked: "GET /path q[a]=1 body=..." and counts its calls.
HttpResponse echo(HttpRequest& request) {
  HttpResponse response;
  response.content_type = "text/plain";
  response.body = request.method + " " + request.path;
  for (const auto& [key, value] : request.query) response.body += " q[" + key + "]=" + value;
  if (!request.header("x-test").empty()) response.body += " x-test=" + request.header("x-test");
  if (!request.body.empty()) response.body += " body=" + request.body;
  response.headers.emplace_back("X-Remote", request.remote_addr);
  return response;
}

// A transport on a free loopback port, serving on its own thread until the end of the test.
class TestServer {
 public:
  explicit TestServer(HttpServerOptions options = {}, HttpHandler handler = echo) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.response_headers = {{"X-Frame-Options", "DENY"}};
    server_ = std::make_unique<HttpServer>(
        options,
        [this, handler](HttpRequest& request) {
          ++calls;
          return handler(request);
        },
        [this](const HttpRequest&, int status, std::chrono::steady_clock::duration) {
          std::lock_guard<std::mutex> lock(mu_);
          statuses_.push_back(status);
        });
    auto bound = server_->bind();
    EXPECT_TRUE(bound.is_ok()) << bound.status().to_string();
    port = bound.is_ok() ? *bound : 0;
    serving_ = std::thread([this] { served = server_->serve(); });
  }
  ~TestServer() { stop(); }

  void stop() {
    server_->stop();
    if (serving_.joinable()) serving_.join();
  }
  HttpServer& http() { return *server_; }
  std::vector<int> statuses() {
    std::lock_guard<std::mutex> lock(mu_);
    return statuses_;
  }

  int port = 0;
  std::atomic<int> calls{0};
  core::Status served;

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread serving_;
  std::mutex mu_;
  std::vector<int> statuses_;
};

std::string get(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + extra + "\r\n";
}

std::string post(const std::string& path, const std::string& body, const std::string& extra = "") {
  return "POST " + path +
         " HTTP/1.1\r\nHost: test\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         extra + "\r\n" + body;
}

TEST(HttpServer, AnswersTwoPipelinedRequestsInOneSendInOrder) {
  TestServer server;
  RawConnection c(server.port);
  ASSERT_TRUE(c.send(post("/first", "one") + get("/second?x=1")));
  const RawResponse first = c.read_response();
  const RawResponse second = c.read_response();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "POST /first body=one");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "GET /second q[x]=1");
  EXPECT_EQ(first.header("x-remote"), "127.0.0.1");
  EXPECT_EQ(first.header("x-frame-options"), "DENY");
  EXPECT_EQ(first.header("connection"), "");  // kept open
}

TEST(HttpServer, KeepsTheConnectionForFurtherRequests) {
  TestServer server;
  RawConnection c(server.port);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.send(get("/n" + std::to_string(i))));
    const RawResponse r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "GET /n" + std::to_string(i));
  }
  EXPECT_EQ(server.http().connections_served(), 1u);
  EXPECT_EQ(server.calls.load(), 5);
}

TEST(HttpServer, ClosesAfterAnsweringConnectionClose) {
  TestServer server;
  RawConnection c(server.port);
  ASSERT_TRUE(c.send(get("/bye", "Connection: close\r\n")));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(HttpServer, ClosesHttp10UnlessAskedToKeepAlive) {
  TestServer server;
  {
    RawConnection c(server.port);
    ASSERT_TRUE(c.send("GET /old HTTP/1.0\r\n\r\n"));
    const RawResponse r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "GET /old");
    EXPECT_EQ(r.header("connection"), "close");
    EXPECT_TRUE(c.closed_by_peer());
  }
  RawConnection c(server.port);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(c.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    const RawResponse r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("connection"), "keep-alive");
  }
}

TEST(HttpServer, SendsContinueBeforeReadingAnExpectedBody) {
  TestServer server;
  RawConnection c(server.port);
  ASSERT_TRUE(c.send(
      "POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  EXPECT_EQ(c.read_until("\r\n\r\n"), "HTTP/1.1 100 Continue\r\n\r\n");
  ASSERT_TRUE(c.send("hello"));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /upload body=hello");
}

TEST(HttpServer, RefusesAnExpectedBodyOverTheLimitAtOnce) {
  HttpServerOptions options;
  options.max_body = 100;
  TestServer server(options);
  RawConnection c(server.port);
  ASSERT_TRUE(c.send(
      "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\nExpect: 100-continue\r\n\r\n"));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 413);  // and no 100 Continue before it
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_EQ(server.calls.load(), 0);
}

TEST(HttpServer, DecodesAChunkedBodyArrivingInPieces) {
  TestServer server;
  RawConnection c(server.port);
  ASSERT_TRUE(
      c.send("POST /chunks HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhe"));
  std::this_thread::sleep_for(20ms);
  ASSERT_TRUE(c.send("llo\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n"));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /chunks body=hello world");
  ASSERT_TRUE(c.send(get("/after")));  // the connection goes on
  EXPECT_EQ(c.read_response().body, "GET /after");
}

TEST(HttpServer, RefusesMalformedAndOversizedChunkedBodies) {
  HttpServerOptions options;
  options.max_body = 10;
  TestServer server(options);
  {
    RawConnection c(server.port);
    ASSERT_TRUE(
        c.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: "
               "chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"));
    EXPECT_EQ(c.read_response().status, 400);
  }
  {
    RawConnection c(server.port);
    // The decoded size counts: two chunks of 6 bytes pass 10.
    ASSERT_TRUE(
        c.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
               "6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n"));
    EXPECT_EQ(c.read_response().status, 413);
  }
  EXPECT_EQ(server.calls.load(), 0);
}

TEST(HttpServer, ReadsALargeBodyInPiecesAndSendsALargeAnswer) {
  TestServer server;
  RawConnection c(server.port);
  std::string body(300 * 1024, 'b');
  for (std::size_t i = 0; i < body.size(); i += 4096) body[i] = static_cast<char>('a' + i % 26);
  const std::string request = post("/large", body);
  // In pieces, so that the body arrives over many reads.
  for (std::size_t at = 0; at < request.size(); at += 50000) {
    ASSERT_TRUE(c.send(request.substr(at, 50000)));
    std::this_thread::sleep_for(5ms);
  }
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /large body=" + body);
  ASSERT_TRUE(c.send(get("/after")));  // nothing of the body was left over
  EXPECT_EQ(c.read_response().body, "GET /after");
}

TEST(HttpServer, AnswersTooLargeHeadersWith431) {
  TestServer server;
  RawConnection c(server.port);
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nX-Big: " + std::string(70 * 1024, 'a') + "\r\n\r\n"));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_EQ(server.calls.load(), 0);
}

TEST(HttpServer, AnswersTooLargeBodyWith413WithoutWaitingForIt) {
  HttpServerOptions options;
  options.max_body = 1000;
  options.request_timeout = 60s;  // waiting for the body would outlast the client's patience
  TestServer server(options);
  RawConnection c(server.port, /*timeout_s=*/10);
  // Only the head: a server that read the body before answering would never answer.
  ASSERT_TRUE(c.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n"));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_EQ(server.calls.load(), 0);
}

TEST(HttpServer, AnswersMalformedRequestsWith400AndCloses) {
  TestServer server;
  const std::vector<std::string> bad = {
      "GARBAGE\r\n\r\n",
      "GET /\r\n\r\n",
      "GET  / HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
      "GET / HTTP/1.1\r\nX: 1\r\n folded\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
      "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "GET /a%zz HTTP/1.1\r\n\r\n",
      "GET /a%00b HTTP/1.1\r\n\r\n",
      "GET /a%0d%0aforged HTTP/1.1\r\n\r\n",
      "GET /?q=%4 HTTP/1.1\r\n\r\n",
      "GET relative HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nX: a\x01z\r\n\r\n",
  };
  for (const auto& request : bad) {
    RawConnection c(server.port);
    ASSERT_TRUE(c.send(request));
    const RawResponse r = c.read_response();
    EXPECT_EQ(r.status, 400) << request;
    EXPECT_EQ(r.header("connection"), "close") << request;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << request;
    EXPECT_FALSE(r.body.empty()) << request;
    EXPECT_TRUE(c.closed_by_peer()) << request;
  }
  EXPECT_EQ(server.calls.load(), 0);
}

TEST(HttpServer, AnswersUnknownMethods501AndOtherVersions505) {
  TestServer server;
  {
    RawConnection c(server.port);
    ASSERT_TRUE(c.send("BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n"));
    EXPECT_EQ(c.read_response().status, 501);
  }
  {
    RawConnection c(server.port);
    ASSERT_TRUE(c.send("GET / HTTP/2.0\r\nHost: t\r\n\r\n"));
    EXPECT_EQ(c.read_response().status, 505);
  }
  {
    RawConnection c(server.port);
    ASSERT_TRUE(c.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n"));
    EXPECT_EQ(c.read_response().status, 501);
  }
  {
    RawConnection c(server.port);  // OPTIONS goes to the handler like the others
    ASSERT_TRUE(c.send("OPTIONS /api HTTP/1.1\r\nHost: t\r\n\r\n"));
    const RawResponse r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "OPTIONS /api");
  }
  EXPECT_EQ(server.calls.load(), 1);
}

TEST(HttpServer, DecodesThePathAndTheQuery) {
  TestServer server;
  RawConnection c(server.port);
  ASSERT_TRUE(c.send(get("/caf%C3%A9/a+b?name=Khaled+Ben%20Salem&x=%2B1&flag&name=second&e=")));
  const RawResponse r = c.read_response();
  EXPECT_EQ(r.body, "GET /caf\xC3\xA9/a+b q[e]= q[flag]= q[name]=Khaled Ben Salem q[x]=+1");
  ASSERT_TRUE(c.send(get("http://example.org/abs?y=2")));  // absolute form
  EXPECT_EQ(c.read_response().body, "GET /abs q[y]=2");
  ASSERT_TRUE(c.send(get("/h", "X-TEST:   spaced value  \r\n")));
  EXPECT_EQ(c.read_response().body, "GET /h x-test=spaced value");
}

TEST(HttpServer, AnswersHeadWithTheLengthOfTheBodyButNoBody) {
  TestServer server;
  RawConnection c(server.port);
  // The GET after the HEAD is read right after the HEAD's head: a body sent for HEAD would
  // garble it.
  ASSERT_TRUE(c.send("HEAD /thing HTTP/1.1\r\nHost: t\r\n\r\n" + get("/next")));
  const RawResponse head = c.read_response(/*head_only=*/true);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(std::string("HEAD /thing").size()));
  const RawResponse next = c.read_response();
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "GET /next");
}

TEST(HttpServer, Answers204WithoutBodyOrLengthAndGoesOn) {
  TestServer server({}, [](HttpRequest& request) {
    HttpResponse response = echo(request);
    if (request.path == "/empty") {
      response.status = 204;
      response.body.clear();
    }
    return response;
  });
  RawConnection c(server.port);
  ASSERT_TRUE(c.send(get("/empty") + get("/next")));
  const std::string head = c.read_until("\r\n\r\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 204 No Content\r\n", 0), 0u) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
  const RawResponse next = c.read_response();
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "GET /next");
}

TEST(HttpServer, ClosesAKeepAliveConnectionIdleForTheIdleTimeout) {
  HttpServerOptions options;
  options.idle_timeout = 200ms;
  TestServer server(options);
  RawConnection c(server.port, /*timeout_s=*/20);
  ASSERT_TRUE(c.send(get("/once")));
  EXPECT_EQ(c.read_response().status, 200);
  // Nothing more is sent: the server ends the connection (the read would time out otherwise).
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(HttpServer, CutsARequestTricklingInSlowerThanTheRequestTimeout) {
  HttpServerOptions options;
  options.request_timeout = 300ms;
  options.idle_timeout = 10s;
  TestServer server(options);
  RawConnection c(server.port);
  std::atomic<bool> done{false};
  // One byte every 20 ms: each arrives well within the idle timeout, the whole head would take
  // 4 s.
  std::thread trickle([&] {
    const std::string request = get("/slow", "X-Pad: " + std::string(180, 'p') + "\r\n");
    for (char ch : request) {
      if (done || !c.send(std::string(1, ch))) return;
      std::this_thread::sleep_for(20ms);
    }
  });
  const RawResponse r = c.read_response();
  done = true;
  trickle.join();
  EXPECT_EQ(r.status, 408);
  EXPECT_EQ(server.calls.load(), 0);
}

TEST(HttpServer, StopEndsIdleKeepAliveConnectionsAtOnce) {
  HttpServerOptions options;
  options.idle_timeout = 120s;
  TestServer server(options);
  RawConnection c(server.port, /*timeout_s=*/60);
  ASSERT_TRUE(c.send(get("/x")));
  EXPECT_EQ(c.read_response().status, 200);
  const auto started = std::chrono::steady_clock::now();
  server.stop();  // returns once serve() did, i.e. every worker finished
  const auto took = std::chrono::steady_clock::now() - started;
  // Not a speed target: only that stop() did not wait for the 120 s idle timeout.
  EXPECT_LT(took, 30s);
  EXPECT_TRUE(server.served.is_ok());
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(HttpServer, StopLetsARequestInProgressFinish) {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false;
  bool release = false;
  TestServer server({}, [&](HttpRequest& request) {
    std::unique_lock<std::mutex> lock(mu);
    entered = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return echo(request);
  });
  RawConnection c(server.port);
  ASSERT_TRUE(c.send(get("/busy")));
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return entered; });
  }
  std::thread stopping([&] { server.stop(); });
  std::this_thread::sleep_for(50ms);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  const RawResponse r = c.read_response();
  stopping.join();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "GET /busy");
  EXPECT_EQ(r.header("connection"), "close");
}

TEST(HttpServer, StopBeforeServeStillStops) {
  HttpServer server({}, echo);
  ASSERT_TRUE(server.bind().is_ok());
  server.stop();
  std::thread serving([&] { EXPECT_TRUE(server.serve().is_ok()); });
  serving.join();  // would hang if serve() missed the earlier stop()
}

TEST(HttpServer, AnswersNewConnectionsWith503WhenTheQueueIsFull) {
  HttpServerOptions options;
  options.threads = 1;
  options.max_queued_connections = 1;
  TestServer server(options);
  RawConnection busy(server.port);  // holds the only worker (keep-alive)
  ASSERT_TRUE(busy.send(get("/a")));
  ASSERT_EQ(busy.read_response().status, 200);
  RawConnection waiting(server.port);  // accepted, queued
  ASSERT_TRUE(waiting.send(get("/b")));
  RawConnection refused(server.port);  // the queue is full
  const RawResponse r = refused.read_response();
  EXPECT_EQ(r.status, 503);
  EXPECT_TRUE(refused.closed_by_peer());
  // The queued one is served once the worker is free.
  ASSERT_TRUE(busy.send(get("/a", "Connection: close\r\n")));
  EXPECT_EQ(busy.read_response().status, 200);
  EXPECT_EQ(waiting.read_response().body, "GET /b");
}

TEST(HttpServer, ClosesAfterTheMaximumRequestsPerConnection) {
  HttpServerOptions options;
  options.max_requests_per_connection = 3;
  TestServer server(options);
  RawConnection c(server.port);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send(get("/r")));
    const RawResponse r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("connection"), i == 2 ? "close" : "");
  }
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(HttpServer, AnswersManyConcurrentClientsAll) {
  TestServer server;
  constexpr int kClients = 16;
  constexpr int kRequests = 200;
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      RawConnection c(server.port);
      for (int i = 0; i < kRequests; ++i) {
        const std::string body = std::to_string(t) + ":" + std::to_string(i);
        if (!c.send(post("/check", body))) return;
        const RawResponse r = c.read_response();
        if (r.status == 200 && r.body == "POST /check body=" + body) ++answered;
      }
    });
  }
  for (auto& th : clients) th.join();
  EXPECT_EQ(answered.load(), kClients * kRequests);
  EXPECT_EQ(server.calls.load(), kClients * kRequests);
}

TEST(HttpServer, TellsTheObserverOfEveryAnswerIncludingErrors) {
  TestServer server;
  {
    RawConnection c(server.port);
    ASSERT_TRUE(c.send(get("/ok")));
    EXPECT_EQ(c.read_response().status, 200);
    ASSERT_TRUE(c.send("BAD\r\n\r\n"));
    EXPECT_EQ(c.read_response().status, 400);
  }
  server.stop();
  EXPECT_EQ(server.statuses(), (std::vector<int>{200, 400}));
}

// ---- The parser on its own ----

TEST(HttpRequestParser, FindsTheEndOfTheHeadAcrossPieces) {
  const std::string head = "GET / HTTP/1.1\r\nA: b\r\n\r\nbody";
  EXPECT_EQ(find_head_end(head), head.size() - 4);
  EXPECT_EQ(find_head_end(head, 17), head.size() - 4);
  EXPECT_EQ(find_head_end("GET / HTTP/1.1\r\nA: b\r\n"), std::string_view::npos);
  EXPECT_EQ(find_head_end("GET / HTTP/1.1\nA: b\n\nx"), 21u);
}

TEST(HttpRequestParser, ReadsMethodPathHeadersAndBodyFraming) {
  HttpRequestHead head;
  const auto r = parse_request_head(
      "PUT /api/v1/x%20y?a=%C3%A9 HTTP/1.1\r\nContent-Type: text/csv\r\nCookie: a=1\r\n"
      "cookie: b=2\r\nContent-Length: 12\r\nConnection: Keep-Alive, Upgrade\r\n\r\n",
      head);
  ASSERT_EQ(r.status, 0) << r.message;
  EXPECT_EQ(head.request.method, "PUT");
  EXPECT_EQ(head.request.path, "/api/v1/x y");
  EXPECT_EQ(head.request.query.at("a"), "\xC3\xA9");
  EXPECT_EQ(head.request.header("content-type"), "text/csv");
  EXPECT_EQ(head.request.header("cookie"), "a=1; b=2");
  EXPECT_TRUE(head.has_content_length);
  EXPECT_EQ(head.content_length, 12u);
  EXPECT_TRUE(head.keep_alive);
  EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", head).status, 0);
  EXPECT_FALSE(head.keep_alive);
  EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n", head).status, 0);
  EXPECT_TRUE(head.expect_continue);
  EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nExpect: magic\r\n\r\n", head).status, 417);
  EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", head).status, 400);
}

TEST(ChunkedDecoder, DecodesByteByByte) {
  const std::string wire =
      "4\r\nWiki\r\n5;x=y\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\nNEXT";
  ChunkedDecoder decoder(1000);
  std::string body;
  std::size_t used = 0;
  for (std::size_t i = 0; i < wire.size() && !decoder.finished(); ++i) {
    used += decoder.feed(std::string_view(wire).substr(i, 1), body);
  }
  EXPECT_TRUE(decoder.finished());
  EXPECT_EQ(body, "Wikipedia in\r\n\r\nchunks.");
  EXPECT_EQ(wire.substr(used), "NEXT");  // bytes after the body are left alone
}

TEST(ChunkedDecoder, RefusesBadSizesAndMissingLineEnds) {
  std::string body;
  ChunkedDecoder bad_size(1000);
  bad_size.feed("-1\r\n", body);
  EXPECT_EQ(bad_size.state(), ChunkedDecoder::State::kInvalid);
  ChunkedDecoder no_crlf(1000);
  no_crlf.feed("3\r\nabcX\r\n", body);
  EXPECT_EQ(no_crlf.state(), ChunkedDecoder::State::kInvalid);
  ChunkedDecoder huge(1000);
  huge.feed("ffffffffffffffffff\r\n", body);
  EXPECT_TRUE(huge.failed());
  ChunkedDecoder long_line(1000, 16);
  long_line.feed("1;" + std::string(100, 'e'), body);
  EXPECT_EQ(long_line.state(), ChunkedDecoder::State::kInvalid);
}

}  // namespace
}  // namespace crossroads::api
