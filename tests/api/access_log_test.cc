// The buffered access log and the server that writes it: lines reach the log at least once per
// interval, at once past the size limit, and all of them when the server stops; one write()
// carries many lines; every response keeps its security headers.
#include "api/access_log.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "api/api.h"
#include "api/server.h"
#include "hub_fixture.h"

namespace crossroads::api {
namespace {

using namespace std::chrono_literals;

// A pipe whose read end is drained into a string.
class Pipe {
 public:
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    read_fd_ = fds[0];
    write_fd_ = fds[1];
    ::fcntl(read_fd_, F_SETFL, O_NONBLOCK);
  }
  ~Pipe() {
    ::close(read_fd_);
    if (write_fd_ >= 0) ::close(write_fd_);
  }
  int write_fd() const { return write_fd_; }

  // What arrived within `wait` (returns as soon as something has, or `until` is contained).
  std::string read(std::chrono::milliseconds wait, const std::string& until = {}) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (true) {
      char buf[65536];
      const ssize_t n = ::read(read_fd_, buf, sizeof buf);
      if (n > 0) {
        got_.append(buf, static_cast<std::size_t>(n));
        if (until.empty() || got_.find(until) != std::string::npos) return got_;
        continue;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return got_;
      pollfd p{read_fd_, POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 50)));
    }
  }

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
  std::string got_;
};

TEST(AccessLog, LinesWaitInTheBufferAndGoOutTogetherInOneWrite) {
  Pipe pipe;
  AccessLog log(pipe.write_fd(), /*interval=*/std::chrono::hours(1));
  for (int i = 0; i < 100; ++i) log.write("GET /api/v1/health 200 " + std::to_string(i));
  EXPECT_EQ(pipe.read(0ms), "");  // nothing written yet: below the size, before the interval
  EXPECT_EQ(log.writes(), 0u);
  log.flush();
  const std::string out = pipe.read(1000ms);
  EXPECT_EQ(log.writes(), 1u);
  std::string expected;
  for (int i = 0; i < 100; ++i) expected += "GET /api/v1/health 200 " + std::to_string(i) + "\n";
  EXPECT_EQ(out, expected);
}

TEST(AccessLog, TheFlusherWritesWithinTheInterval) {
  Pipe pipe;
  AccessLog log(pipe.write_fd(), /*interval=*/20ms);
  log.write("POST /api/v1/match/check 200");
  // Generous bound: only that it comes without a flush() or a full buffer.
  EXPECT_EQ(pipe.read(10000ms, "\n"), "POST /api/v1/match/check 200\n");
}

TEST(AccessLog, AFullBufferIsWrittenWithoutWaitingForTheInterval) {
  Pipe pipe;
  AccessLog log(pipe.write_fd(), /*interval=*/std::chrono::hours(1), /*flush_bytes=*/256);
  std::string expected;
  for (int i = 0; i < 20; ++i) {
    const std::string line = "line " + std::to_string(i) + std::string(20, 'x');
    log.write(line);
    expected += line + "\n";
  }
  const std::string out = pipe.read(10000ms, "line 10");
  EXPECT_EQ(expected.rfind(out.substr(0, out.size()), 0), 0u) << "in order, nothing lost";
  EXPECT_GE(out.size(), 256u);
}

TEST(AccessLog, DestructionWritesWhatIsLeft) {
  Pipe pipe;
  {
    AccessLog log(pipe.write_fd(), std::chrono::hours(1));
    log.write("last line");
  }
  EXPECT_EQ(pipe.read(1000ms, "\n"), "last line\n");
}

TEST(Server, LogsEachRequestAndFlushesWhenItStops) {
  testing::HubFixture fx;
  Api api(fx.hub, {});
  Pipe pipe;
  ServerOptions options;
  options.port = 0;
  options.access_log_fd = pipe.write_fd();
  Server server(api, options);
  auto port = server.bind();
  ASSERT_TRUE(port.is_ok()) << port.status().to_string();
  std::thread serving([&] { (void)server.serve(); });
  httplib::Client client("127.0.0.1", *port);
  for (int i = 0; i < 3; ++i) {
    auto res = client.Get("/api/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
  }
  auto missing = client.Get("/api/v1/no-such-route");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("X-Frame-Options"), "DENY");
  server.stop();
  serving.join();
  const std::string log = pipe.read(1000ms, "no-such-route");
  std::size_t health = 0;
  for (auto at = log.find(" GET /api/v1/health 200 "); at != std::string::npos;
       at = log.find(" GET /api/v1/health 200 ", at + 1)) {
    ++health;
  }
  EXPECT_EQ(health, 3u) << log;
  EXPECT_NE(log.find(" GET /api/v1/no-such-route 404 "), std::string::npos) << log;
  EXPECT_NE(log.find("ms 127.0.0.1\n"), std::string::npos) << log;
}

}  // namespace
}  // namespace crossroads::api
