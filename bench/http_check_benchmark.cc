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
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
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

void BM_HttpCheck(benchmark::State& state) {
  const char* scale_env = std::getenv("CROSSROADS_HTTP_BENCH_SCALE");
  const std::string scale = scale_env != nullptr ? scale_env : "large";
  const double seconds = static_cast<double>(env_size("CROSSROADS_HTTP_BENCH_SECONDS", 20));
  const int clients = static_cast<int>(env_size("CROSSROADS_HTTP_BENCH_CLIENTS", 8));

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

  api::Api http_api(hub, {});
  api::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  api::Server server(http_api, options);
  const int port = check(server.bind());
  std::thread serving([&] { (void)server.serve(); });

  std::atomic<bool> stop{false};
  std::atomic<std::size_t> failures{0};
  std::vector<std::vector<double>> latencies(clients);
  std::vector<std::thread> pool;
  double elapsed = 0;
  for (auto _ : state) {
    const double started = now_s();
    for (int c = 0; c < clients; ++c) {
      pool.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", port);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
        std::size_t i = static_cast<std::size_t>(c) * 997;
        while (!stop.load(std::memory_order_relaxed)) {
          const std::string& body = bodies[i++ % bodies.size()];
          const double t0 = now_s();
          auto res = client.Post("/api/v1/match/check", headers, body, "application/json");
          latencies[c].push_back((now_s() - t0) * 1e3);
          if (!res || res->status != 200) {
            if (failures.fetch_add(1) == 0) {
              std::fprintf(stderr, "first failure: %s\n",
                           res ? (std::to_string(res->status) + " " + res->body).c_str()
                               : httplib::to_string(res.error()).c_str());
            }
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& th : pool) th.join();
    elapsed = now_s() - started;
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
  if (!in_process.empty()) {
    state.counters["in_process_p50_ms"] = in_process[in_process.size() / 2];
    state.counters["in_process_p99_ms"] = in_process[in_process.size() * 99 / 100];
    state.counters["hits_per_check"] =
        static_cast<double>(in_process_hits) / static_cast<double>(in_process.size());
  }
  std::printf(
      "http check: %.0f checks/s over %d connections, p50 %.2f ms, p99 %.2f ms, %zu "
      "failures, index of %zu records\n",
      n / elapsed, clients, all.empty() ? 0 : all[all.size() / 2],
      all.empty() ? 0 : all[all.size() * 99 / 100], failures.load(), records);
}
BENCHMARK(BM_HttpCheck)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
