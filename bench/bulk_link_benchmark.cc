// The matcher (src/match) at scale on the synthetic world of src/synth (issue 4's generator, the
// ground truth of the benchmarks): every entity of every case of a world of a million persons
// resolved (names transliterated, identifiers normalised) and indexed, the model estimated by EM,
// and every cross-case link produced; then new persons of another world matched against that
// index one at a time, as a desk's new entity would be.
//
//   CROSSROADS_BULK_BENCH_SCALE   world of the index (default large: 1,000,000 persons)
//   CROSSROADS_BULK_BENCH_QUERIES new persons matched in-process (default 20000)
//   CROSSROADS_BULK_BENCH_LINKS   if set, a file to write every link to, one per line ("a b
//                                 kind weight confirmed"), to compare two builds of the matcher
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "match/matcher.h"
#include "synth_index.h"

namespace {

using crossroads::bench::env_size;
using crossroads::bench::now_s;
using crossroads::bench::peak_rss_mib;
using crossroads::bench::SynthIndexSink;
namespace match = crossroads::match;

// CPU time of the whole process (every thread): with wall time, what tells a slow phase from a
// busy machine.
double process_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string scale() {
  const char* v = std::getenv("CROSSROADS_BULK_BENCH_SCALE");
  return v != nullptr ? v : "large";
}

struct World {
  std::unique_ptr<match::Matcher> matcher = std::make_unique<match::Matcher>();
  std::size_t entities = 0, persons = 0;
  double generate_s = 0, resolve_s = 0, resolve_cpu_s = 0, index_s = 0, em_s = 0, links_s = 0;
  double index_cpu_s = 0, em_cpu_s = 0, links_cpu_s = 0;
  std::size_t person_links = 0, identifier_links = 0;
  double rss_after_index = 0, rss_after_links = 0;
};

World& world() {
  static World* w = [] {
    auto* w = new World;
    const double t0 = now_s();
    SynthIndexSink sink([&](std::vector<match::MatchRecord>&& batch) {
      for (const auto& r : batch) w->persons += r.is_person() ? 1 : 0;
      const double c = process_cpu_s();
      w->matcher->add_all(batch);
      w->index_cpu_s += process_cpu_s() - c;
    });
    crossroads::bench::generate_world(scale(), 7, sink);
    sink.flush();
    w->entities = sink.records;
    w->resolve_s = sink.resolve_s;
    w->resolve_cpu_s = sink.resolve_cpu_s;
    w->index_s = sink.batch_s;
    w->generate_s = now_s() - t0 - sink.resolve_s - sink.batch_s;
    w->rss_after_index = peak_rss_mib();
    double t = now_s();
    double c = process_cpu_s();
    w->matcher->estimate_parameters();
    w->em_s = now_s() - t;
    w->em_cpu_s = process_cpu_s() - c;
    t = now_s();
    c = process_cpu_s();
    const std::vector<match::Link> links = w->matcher->links();
    w->links_s = now_s() - t;
    w->links_cpu_s = process_cpu_s() - c;
    for (const auto& l : links) {
      (l.kind == match::Hit::Kind::kPerson ? w->person_links : w->identifier_links)++;
    }
    if (const char* path = std::getenv("CROSSROADS_BULK_BENCH_LINKS")) {
      std::FILE* f = std::fopen(path, "w");
      if (f == nullptr) throw std::runtime_error(std::string("cannot write ") + path);
      for (const auto& l : links) {
        std::fprintf(f, "%lld %lld %d %.9g %d\n", static_cast<long long>(l.a),
                     static_cast<long long>(l.b), static_cast<int>(l.kind), l.weight,
                     l.confirmed ? 1 : 0);
      }
      std::fclose(f);
    }
    w->rss_after_links = peak_rss_mib();
    return w;
  }();
  return *w;
}

void BM_BulkSynthWorld(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(world().person_links);
  World& w = world();
  state.counters["entities"] = static_cast<double>(w.entities);
  state.counters["person_records"] = static_cast<double>(w.persons);
  state.counters["generate_s(not counted)"] = w.generate_s;
  state.counters["resolve_s"] = w.resolve_s;
  state.counters["resolve_cpu_s"] = w.resolve_cpu_s;
  state.counters["index_s"] = w.index_s;
  state.counters["index_cpu_s"] = w.index_cpu_s;
  state.counters["em_s"] = w.em_s;
  state.counters["em_cpu_s"] = w.em_cpu_s;
  state.counters["links_s"] = w.links_s;
  state.counters["links_cpu_s"] = w.links_cpu_s;
  state.counters["total_s"] = w.resolve_s + w.index_s + w.em_s + w.links_s;
  state.counters["person_links"] = static_cast<double>(w.person_links);
  state.counters["identifier_links"] = static_cast<double>(w.identifier_links);
  state.counters["peak_rss_index_MiB"] = w.rss_after_index;
  state.counters["peak_rss_MiB"] = w.rss_after_links;
}
BENCHMARK(BM_BulkSynthWorld)->Iterations(1)->Unit(benchmark::kSecond);

// Person records of another world (seed 99), ids above the index's, matched one at a time.
void BM_IncrementalSynthMatch(benchmark::State& state) {
  World& w = world();
  std::vector<match::MatchRecord> queries;
  const std::size_t wanted = env_size("CROSSROADS_BULK_BENCH_QUERIES", 20000);
  SynthIndexSink sink([&](std::vector<match::MatchRecord>&& batch) {
    for (auto& r : batch) {
      if (!r.is_person() || queries.size() >= wanted) continue;
      r.entity_id += 100000000;
      r.case_id += 100000000;
      queries.push_back(std::move(r));
    }
  });
  crossroads::bench::generate_world("small", 99, sink);
  sink.flush();
  if (queries.empty()) {
    state.SkipWithError("no queries");
    return;
  }
  std::vector<double> us;
  std::size_t i = 0, hits = 0;
  for (auto _ : state) {
    const match::MatchRecord& q = queries[i++ % queries.size()];
    const double t = now_s();
    auto h = w.matcher->match(q);
    us.push_back((now_s() - t) * 1e6);
    hits += h.size();
    benchmark::DoNotOptimize(h);
  }
  std::sort(us.begin(), us.end());
  state.counters["queries"] = static_cast<double>(us.size());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[us.size() * 99 / 100];
  state.counters["max_us"] = us.back();
  state.counters["hits_per_query"] = static_cast<double>(hits) / static_cast<double>(us.size());
}
BENCHMARK(BM_IncrementalSynthMatch)->Iterations(5000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
