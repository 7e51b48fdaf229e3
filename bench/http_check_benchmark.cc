// Checks through the HTTP API against a million-person index: POST /api/v1/match/check over
// loopback, with the load generator started here. The hub is a real one (SQLite store in a
// temporary directory, every check audited in it); its match index is filled straight from the
// synthetic world of src/synth (the benchmark measures the API, not an import of a million
// persons' entities), then the server is started on a free loopback port and client threads with
// keep-alive connections send checks of persons the index has not seen for a fixed time.
//
//   CROSSROADS_HTTP_BENCH_SCALE     synthetic world of the index (default large: 1M persons)
//   CROSSROADS_HTTP_BENCH_SECONDS   how long the load runs (default 20)
//   CROSSROADS_HTTP_BENCH_CLIENTS   concurrent client connections (default 8)
//   CROSSROADS_HTTP_BENCH_CLIENT    "raw" (default): a lean client on plain loopback sockets
//                                   with the request bytes built beforehand; "httplib": the
//                                   cpp-httplib client (heavier: more of the 2 cores go to it)
//
// Both clients check every response (status 200 and a JSON object with "hits") and count
// failures. Besides checks/s and latency the benchmark reports the process's CPU time per
// 1,000 checks (getrusage: server and client threads together, and the clients' share), which
// stays comparable when other work shares the machine.
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/api.h"
#include "api/server.h"
#include "app/hub.h"
#include "bench_util.h"
#include "ftm/entity.h"
#include "ftm/schema.h"
#include "synth/world.h"
#include "synth_index.h"

namespace {

using crossroads::bench::env_size;
using crossroads::bench::now_s;
using crossroads::bench::peak_rss_mib;
using crossroads::bench::thread_cpu_s;
namespace app = crossroads::app;
namespace api = crossroads::api;
namespace core = crossroads::core;

// A directory under $TMPDIR, removed at the end.
struct TempDir {
  std::string path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/crossroads-http-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("cannot create " + tmpl);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

template <class T>
T check(crossroads::core::Result<T> r) {
  if (!r) throw std::runtime_error(r.status().to_string());
  return std::move(r).value();
}

// Keeps the person records of a world as check bodies (FtM JSON).
class QuerySink final : public crossroads::synth::Sink {
 public:
  QuerySink(std::vector<std::string>& bodies, std::vector<core::Entity>& entities)
      : bodies_(bodies), entities_(entities) {}
  core::Status on_case(const crossroads::synth::GeneratedCase& generated) override {
    for (const auto& e : generated.entities) {
      if (e.schema != "Person") continue;
      bodies_.push_back("{\"entity\":" + crossroads::ftm::entity_to_json(e) + "}");
      if (entities_.size() < 2000) entities_.push_back(e);
    }
    return core::Status::ok();
  }
  core::Status on_line(crossroads::synth::Stream, std::string_view) override {
    return core::Status::ok();
  }
  core::Status on_file(std::string_view, std::string_view) override { return core::Status::ok(); }

 private:
  std::vector<std::string>& bodies_;
  std::vector<core::Entity>& entities_;
};

double process_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// A keep-alive HTTP/1.1 client on one loopback socket that sends prebuilt requests and reads
// each response just far enough to judge it: status line, Content-Length, Connection, body.
class RawClient {
 public:
  explicit RawClient(int port) : port_(port) {}
  ~RawClient() { disconnect(); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Sends `request` and reads its response; returns "" when it was a 200 with a JSON object
  // holding "hits", otherwise what went wrong.
  std::string exchange(const std::string& request) {
    if (fd_ < 0 && !connect_socket()) return std::string("cannot connect: ") + std::strerror(errno);
    if (!send_all(request)) {
      disconnect();
      return "send failed";
    }
    std::string error = read_response();
    if (!error.empty() || close_after_) disconnect();
    return error;
  }

 private:
  bool connect_socket() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
      disconnect();
      return false;
    }
    buffer_.clear();
    return true;
  }

  void disconnect() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
  }

  bool send_all(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  bool fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  std::string read_response() {
    close_after_ = false;
    std::size_t head_end;
    while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return "connection closed before the response";
    }
    const std::string_view head(buffer_.data(), head_end);
    if (head.size() < 12 || head.substr(0, 9) != "HTTP/1.1 ") return "not an HTTP/1.1 response";
    const std::string status(head.substr(9, 3));  // head points into buffer_, which may move
    std::size_t length = 0;
    bool have_length = false;
    std::size_t pos = head.find("\r\n");
    while (pos != std::string_view::npos && pos < head.size()) {
      const std::size_t next = head.find("\r\n", pos + 2);
      std::string_view line = head.substr(
          pos + 2, next == std::string_view::npos ? std::string_view::npos : next - pos - 2);
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (name == "content-length") {
          length = std::strtoull(std::string(value).c_str(), nullptr, 10);
          have_length = true;
        } else if (name == "connection" && value == "close") {
          close_after_ = true;
        }
      }
      pos = next;
    }
    if (!have_length) return "response without Content-Length";
    // From here on `head` is not used: filling the buffer may move its bytes.
    const std::size_t total = head_end + 4 + length;
    while (buffer_.size() < total) {
      if (!fill()) return "connection closed in the response body";
    }
    const std::string_view body(buffer_.data() + head_end + 4, length);
    std::string error;
    if (status != "200") {
      error = status + " " + std::string(body);
    } else if (body.size() < 2 || body.front() != '{' || body.back() != '}' ||
               body.find("\"hits\":[") == std::string_view::npos) {
      error = "200 without the JSON answer: " + std::string(body.substr(0, 200));
    }
    buffer_.erase(0, total);
    return error;
  }

  int port_;
  int fd_ = -1;
  bool close_after_ = false;
  std::string buffer_;
};

void BM_HttpCheck(benchmark::State& state) {
  const char* scale_env = std::getenv("CROSSROADS_HTTP_BENCH_SCALE");
  const std::string scale = scale_env != nullptr ? scale_env : "large";
  const double seconds = static_cast<double>(env_size("CROSSROADS_HTTP_BENCH_SECONDS", 20));
  const int clients = static_cast<int>(env_size("CROSSROADS_HTTP_BENCH_CLIENTS", 8));
  const char* client_env = std::getenv("CROSSROADS_HTTP_BENCH_CLIENT");
  const bool raw_client = client_env == nullptr || std::string(client_env) != "httplib";

  TempDir dir;
  app::AccountPolicy policy;
  policy.password_cost = crossroads::auth::PasswordCost::minimum();
  app::Hub hub = check(app::Hub::open(dir.path, policy));
  core::User op;
  op.username = "bench-setup";
  const core::User user = check(hub.accounts->create_user_unchecked(
      app::command_line_actor(op),
      {"it.analyst", "IT analyst", "bench password 1234", core::Role::kAnalyst, "IT"}));
  const app::Actor actor{user, "bench", "127.0.0.1"};
  const std::string token = check(hub.accounts->create_token(actor, "bench", 1)).secret;
  if (auto st = hub.build_index(); !st) throw std::runtime_error(st.to_string());

  // The index: the synthetic world of a million persons (issue 4's generator), every entity of
  // every case as the hub would index it. Queries: person records of another seed's world.
  double t = now_s();
  auto& matcher = hub.linker->matcher();
  crossroads::bench::SynthIndexSink index_sink(
      [&](std::vector<crossroads::match::MatchRecord>&& batch) { matcher.add_all(batch); });
  crossroads::bench::generate_world(scale, 7, index_sink);
  index_sink.flush();
  matcher.estimate_parameters();
  const double index_s = now_s() - t;
  const std::size_t records = matcher.size();

  std::vector<std::string> bodies;
  std::vector<core::Entity> entities;
  QuerySink query_sink(bodies, entities);
  crossroads::bench::generate_world("small", 99, query_sink);
  // The same checks in-process, without HTTP, JSON and the audit: what the index costs.
  std::vector<double> in_process;
  std::size_t in_process_hits = 0;
  for (std::size_t i = 0; i < 2000 && i < entities.size(); ++i) {
    auto rec = crossroads::match::to_match_record(entities[i], "IT");
    rec.case_id = -1;
    const double t0 = now_s();
    const auto hits = matcher.match(rec);
    in_process.push_back((now_s() - t0) * 1e3);
    in_process_hits += hits.size();
  }
  std::sort(in_process.begin(), in_process.end());

  // The audit writer's gather time (CROSSROADS_HTTP_BENCH_GATHER_US) to compare settings.
  if (const char* gather = std::getenv("CROSSROADS_HTTP_BENCH_GATHER_US")) {
    hub.audit_writer = std::make_unique<app::AuditWriter>(
        *hub.store, 256, std::chrono::microseconds(std::strtoll(gather, nullptr, 10)));
  }
  api::Api http_api(hub, {});
  api::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  api::Server server(http_api, options);
  const int port = check(server.bind());
  std::thread serving([&] { (void)server.serve(); });

  // The raw client's requests, byte for byte, built before the clock starts.
  std::vector<std::string> requests;
  if (raw_client) {
    requests.reserve(bodies.size());
    for (const auto& body : bodies) {
      requests.push_back(
          "POST /api/v1/match/check HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
          "\r\nAuthorization: Bearer " + token +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n\r\n" + body);
    }
  }

  std::atomic<bool> stop{false};
  std::atomic<std::size_t> failures{0};
  std::vector<std::vector<double>> latencies(clients);
  std::vector<double> client_cpu(clients, 0.0);
  std::vector<std::thread> pool;
  double elapsed = 0;
  double cpu = 0;
  auto report_failure = [&](const std::string& what) {
    if (failures.fetch_add(1) == 0) std::fprintf(stderr, "first failure: %s\n", what.c_str());
  };
  for (auto _ : state) {
    const double started = now_s();
    const double cpu_started = process_cpu_s();
    for (int c = 0; c < clients; ++c) {
      pool.emplace_back([&, c] {
        const double cpu0 = thread_cpu_s();
        latencies[c].reserve(static_cast<std::size_t>(seconds * 2000));
        std::size_t i = static_cast<std::size_t>(c) * 997;
        if (raw_client) {
          RawClient client(port);
          while (!stop.load(std::memory_order_relaxed)) {
            const std::string& request = requests[i++ % requests.size()];
            const double t0 = now_s();
            const std::string error = client.exchange(request);
            latencies[c].push_back((now_s() - t0) * 1e3);
            if (!error.empty()) report_failure(error);
          }
        } else {
          httplib::Client client("127.0.0.1", port);
          client.set_keep_alive(true);
          client.set_tcp_nodelay(true);
          const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
          while (!stop.load(std::memory_order_relaxed)) {
            const std::string& body = bodies[i++ % bodies.size()];
            const double t0 = now_s();
            auto res = client.Post("/api/v1/match/check", headers, body, "application/json");
            latencies[c].push_back((now_s() - t0) * 1e3);
            if (!res || res->status != 200) {
              report_failure(res ? std::to_string(res->status) + " " + res->body
                                 : httplib::to_string(res.error()));
            }
          }
        }
        client_cpu[c] = thread_cpu_s() - cpu0;
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& th : pool) th.join();
    elapsed = now_s() - started;
    cpu = process_cpu_s() - cpu_started;
  }
  server.stop();
  serving.join();

  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  const double n = static_cast<double>(all.size());
  state.counters["index_records"] = static_cast<double>(records);
  state.counters["index_build_s"] = index_s;
  state.counters["clients"] = clients;
  state.counters["checks"] = n;
  state.counters["failures"] = static_cast<double>(failures.load());
  state.counters["checks_per_s"] = n / elapsed;
  state.counters["p50_ms"] = all.empty() ? 0 : all[all.size() / 2];
  state.counters["p99_ms"] = all.empty() ? 0 : all[all.size() * 99 / 100];
  state.counters["max_ms"] = all.empty() ? 0 : all.back();
  state.counters["peak_rss_MiB"] = peak_rss_mib();
  double clients_cpu = 0;
  for (double c : client_cpu) clients_cpu += c;
  const double per_1000 = n > 0 ? cpu / n * 1000 : 0;
  const double client_per_1000 = n > 0 ? clients_cpu / n * 1000 : 0;
  state.counters["cpu_s_per_1000"] = per_1000;
  state.counters["client_cpu_s_per_1000"] = client_per_1000;
  if (!in_process.empty()) {
    state.counters["in_process_p50_ms"] = in_process[in_process.size() / 2];
    state.counters["in_process_p99_ms"] = in_process[in_process.size() * 99 / 100];
    double sum = 0;
    for (double v : in_process) sum += v;
    state.counters["in_process_mean_ms"] = sum / static_cast<double>(in_process.size());
    state.counters["hits_per_check"] =
        static_cast<double>(in_process_hits) / static_cast<double>(in_process.size());
  }
  const double audit_tx = static_cast<double>(hub.audit_writer->transactions());
  state.counters["audit_records_per_transaction"] =
      audit_tx > 0 ? static_cast<double>(hub.audit_writer->records()) / audit_tx : 0;
  std::printf(
      "http check (%s client): %.0f checks/s over %d connections, p50 %.2f ms, p99 %.2f ms, "
      "%zu failures, index of %zu records; CPU %.3f s per 1,000 checks (%.0f us per check: "
      "server %.0f us, client %.0f us)\n",
      raw_client ? "raw" : "httplib", n / elapsed, clients, all.empty() ? 0 : all[all.size() / 2],
      all.empty() ? 0 : all[all.size() * 99 / 100], failures.load(), records, per_1000,
      per_1000 * 1000, (per_1000 - client_per_1000) * 1000, client_per_1000 * 1000);
  std::printf("audit: %.1f records per transaction; in-process match mean %.3f ms\n",
              state.counters["audit_records_per_transaction"].value,
              in_process.empty() ? 0.0 : state.counters["in_process_mean_ms"].value);
}
BENCHMARK(BM_HttpCheck)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
