// The synthetic world generator (src/synth): persons per second into a sink that discards
// (generation and serialisation of the ground truth) and into FtM JSON lines in memory.
#include <benchmark/benchmark.h>

#include "ftm/entity.h"
#include "synth/file_sink.h"
#include "synth/world.h"

namespace {

using namespace crossroads;

class CountingSink : public synth::Sink {
 public:
  core::Status on_case(const synth::GeneratedCase& g) override {
    for (const auto& e : g.entities) bytes += ftm::entity_to_json(e).size() + 1;
    return core::Status::ok();
  }
  core::Status on_line(synth::Stream, std::string_view line) override {
    bytes += line.size() + 1;
    return core::Status::ok();
  }
  core::Status on_file(std::string_view, std::string_view content) override {
    bytes += content.size();
    return core::Status::ok();
  }
  std::size_t bytes = 0;
};

void BM_GenerateWorld(benchmark::State& state) {
  synth::Config config = synth::scale_config("small", 7).value();
  config.persons = state.range(0);
  std::int64_t persons = 0;
  for (auto _ : state) {
    synth::NullSink sink;
    auto summary = synth::generate(config, sink);
    persons += summary->persons;
  }
  state.counters["persons/s"] =
      benchmark::Counter(static_cast<double>(persons), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateWorld)->Arg(20000)->Unit(benchmark::kMillisecond);

void BM_GenerateAndSerialise(benchmark::State& state) {
  synth::Config config = synth::scale_config("small", 7).value();
  config.persons = state.range(0);
  std::int64_t persons = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    CountingSink sink;
    auto summary = synth::generate(config, sink);
    persons += summary->persons;
    bytes += sink.bytes;
  }
  state.counters["persons/s"] =
      benchmark::Counter(static_cast<double>(persons), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_GenerateAndSerialise)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
