// Matcher (src/match) at scale on the matcher's synthetic person world
// (tests/match/synthetic_persons.h): identifier resolution + index build, EM, bulk cross-case
// links, incremental match latency (p50/p99) against the full index, accuracy at 100k records.
//
//   CROSSROADS_MATCH_BENCH_RECORDS   records in the big index (default 200000; its name pools are
//                                    small, so at 1M it is a namesake stress test: see
//                                    bulk_link_benchmark.cc for the synthetic world at 1M)
//   CROSSROADS_MATCH_BENCH_ACCURACY  records of the accuracy world (default 100000, 0: skip)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "match/evaluation.h"
#include "match/matcher.h"
#include "synthetic_index.h"

namespace {

using crossroads::match::Hit;
using crossroads::match::Matcher;
using crossroads::match::MatchRecord;
namespace testing = crossroads::match::testing;
using crossroads::bench::env_size;
using crossroads::bench::generate_records;
using crossroads::bench::now_s;
using crossroads::bench::peak_rss_mib;

struct World {
  std::unique_ptr<Matcher> matcher = std::make_unique<Matcher>();
  std::size_t records = 0;
  double resolve_and_index_s = 0, index_s = 0, em_s = 0, links_s = 0;
  std::size_t links = 0, identifier_links = 0, person_links = 0;
  double rss_after_index = 0, rss_after_links = 0;
};

World& world() {
  static World* w = [] {
    auto* w = new World;
    w->records = env_size("CROSSROADS_MATCH_BENCH_RECORDS", 200000);
    const double t0 = now_s();
    generate_records(42, w->records, [&](std::vector<MatchRecord>&& recs, const auto&) {
      const double t = now_s();
      w->matcher->add_all(recs);
      w->index_s += now_s() - t;
    });
    w->resolve_and_index_s = now_s() - t0;
    w->rss_after_index = peak_rss_mib();
    double t = now_s();
    w->matcher->estimate_parameters();
    w->em_s = now_s() - t;
    t = now_s();
    const auto links = w->matcher->links();
    w->links_s = now_s() - t;
    w->links = links.size();
    for (const auto& h : links) {
      (h.kind == Hit::Kind::kPerson ? w->person_links : w->identifier_links)++;
    }
    w->rss_after_links = peak_rss_mib();
    return w;
  }();
  return *w;
}

void BM_BulkResolveIndexAndLink(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(world().links);
  World& w = world();
  state.counters["records"] = static_cast<double>(w.records);
  state.counters["resolve+index_s"] = w.resolve_and_index_s;
  state.counters["index_add_all_s"] = w.index_s;
  state.counters["em_s"] = w.em_s;
  state.counters["all_links_s"] = w.links_s;
  state.counters["total_s"] = w.resolve_and_index_s + w.em_s + w.links_s;
  state.counters["links"] = static_cast<double>(w.links);
  state.counters["person_links"] = static_cast<double>(w.person_links);
  state.counters["identifier_links"] = static_cast<double>(w.identifier_links);
  state.counters["peak_rss_index_MiB"] = w.rss_after_index;
  state.counters["peak_rss_MiB"] = w.rss_after_links;
}
BENCHMARK(BM_BulkResolveIndexAndLink)->Iterations(1)->Unit(benchmark::kSecond);

// New persons (another seed, ids above the index) matched against the full index and added,
// as a desk's new entity would be. Latency of match() per record.
void BM_IncrementalMatch(benchmark::State& state) {
  World& w = world();
  std::vector<MatchRecord> queries;
  generate_records(4242, 20000, [&](std::vector<MatchRecord>&& recs, const auto&) {
    for (auto& r : recs) {
      r.entity_id += 100000000;
      r.case_id += 100000000;
      queries.push_back(std::move(r));
    }
  });
  std::vector<double> us;
  std::size_t i = 0, hits = 0;
  for (auto _ : state) {
    const MatchRecord& q = queries[i++ % queries.size()];
    const double t = now_s();
    auto h = w.matcher->match(q);
    us.push_back((now_s() - t) * 1e6);
    hits += h.size();
    benchmark::DoNotOptimize(h);
  }
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[us.size() * 99 / 100];
  state.counters["max_us"] = us.back();
  state.counters["hits_per_query"] = static_cast<double>(hits) / static_cast<double>(us.size());
}
BENCHMARK(BM_IncrementalMatch)->Iterations(20000)->Unit(benchmark::kMicrosecond);

void BM_IncrementalAdd(benchmark::State& state) {
  World& w = world();
  std::vector<MatchRecord> queries;
  generate_records(777, 5000, [&](std::vector<MatchRecord>&& recs, const auto&) {
    for (auto& r : recs) {
      r.entity_id += 200000000;
      r.case_id += 200000000;
      queries.push_back(std::move(r));
    }
  });
  std::vector<double> us;
  std::size_t i = 0;
  for (auto _ : state) {
    const MatchRecord& q = queries[i++ % queries.size()];
    const double t = now_s();
    w.matcher->add(q);
    auto h = w.matcher->match(q.entity_id);
    us.push_back((now_s() - t) * 1e6);
    benchmark::DoNotOptimize(h);
  }
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[us.size() * 99 / 100];
}
BENCHMARK(BM_IncrementalAdd)->Iterations(5000)->Unit(benchmark::kMicrosecond);

void BM_Accuracy(benchmark::State& state) {
  const std::size_t n = env_size("CROSSROADS_MATCH_BENCH_ACCURACY", 100000);
  if (n == 0) {
    state.SkipWithError("accuracy skipped");
    return;
  }
  crossroads::match::EvalResult r;
  for (auto _ : state) {
    std::vector<MatchRecord> records;
    std::vector<std::pair<crossroads::core::Id, std::string>> truth;
    generate_records(42, n, [&](std::vector<MatchRecord>&& recs, const auto& chunk) {
      for (std::size_t k = 0; k < recs.size(); ++k) {
        truth.emplace_back(chunk[k].entity.id, chunk[k].identity);
        records.push_back(std::move(recs[k]));
      }
    });
    r = crossroads::match::evaluate(records, truth);
  }
  std::printf("%s\n", crossroads::match::summary(r).c_str());
  state.counters["records"] = static_cast<double>(r.records);
  state.counters["precision"] = r.precision;
  state.counters["recall"] = r.recall;
  state.counters["f1"] = r.f1;
  state.counters["identity_precision"] = r.identity_precision;
  state.counters["identity_recall"] = r.identity_recall;
  state.counters["largest_identity"] = static_cast<double>(r.largest_identity);
  state.counters["identifier_recall"] = r.identifier_recall;
  state.counters["identifier_pairs"] = static_cast<double>(r.identifier_pairs);
}
BENCHMARK(BM_Accuracy)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
