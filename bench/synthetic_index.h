// Helpers shared by the matching benchmarks: the matcher's synthetic person world
// (tests/match/synthetic_persons.h) turned into MatchRecords on two threads, in chunks.
#pragma once

#include <vector>

#include "../tests/match/synthetic_persons.h"
#include "bench_util.h"
#include "core/parallel.h"
#include "match/match_record.h"

namespace crossroads::bench {

using match::MatchRecord;
namespace testing = match::testing;

// FtM entities -> MatchRecords on two threads, in chunks, so the entities never all exist.
template <class Sink>
void generate_records(std::uint64_t seed, std::size_t n, Sink&& sink) {
  std::vector<testing::SyntheticRecord> chunk;
  auto flush = [&] {
    std::vector<MatchRecord> out(chunk.size());
    auto work = [&](std::size_t t) {
      for (std::size_t i = t; i < chunk.size(); i += 2) {
        out[i] = crossroads::match::to_match_record(chunk[i].entity, chunk[i].desk);
      }
    };
    core::on_threads(2, work);
    sink(std::move(out), chunk);
    chunk.clear();
  };
  testing::generate_persons({seed, n, 8}, [&](testing::SyntheticRecord&& r) {
    chunk.push_back(std::move(r));
    if (chunk.size() == 65536) flush();
  });
  if (!chunk.empty()) flush();
}

}  // namespace crossroads::bench
