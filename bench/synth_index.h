// Helpers shared by the benchmarks that index the synthetic world of src/synth: a Sink that
// turns every entity of every generated case into a MatchRecord (names transliterated and
// identifiers normalised on two threads, in batches, so the entities never all exist; values
// seen before are looked up in a NormalizationCache per thread) and hands the batches on, with
// the time spent resolving them.
#pragma once

#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bench_util.h"
#include "core/parallel.h"
#include "match/match_record.h"
#include "synth/world.h"

namespace crossroads::bench {

class SynthIndexSink final : public synth::Sink {
 public:
  using Batch = std::function<void(std::vector<match::MatchRecord>&&)>;
  explicit SynthIndexSink(Batch batch) : batch_(std::move(batch)) {}

  core::Status on_case(const synth::GeneratedCase& generated) override {
    const core::Id case_id = ++next_case_;
    for (const auto& e : generated.entities) {
      pending_.push_back({e, generated.info.desk, ++next_entity_, case_id});
    }
    if (pending_.size() >= 65536) flush();
    return core::Status::ok();
  }
  core::Status on_line(synth::Stream, std::string_view) override { return core::Status::ok(); }
  core::Status on_file(std::string_view, std::string_view) override { return core::Status::ok(); }

  // Resolves what is pending and hands it on; call once more after generate().
  void flush() {
    if (pending_.empty()) return;
    const double t = now_s();
    std::vector<match::MatchRecord> out(pending_.size());
    double cpu[2] = {0, 0};
    auto work = [&](std::size_t first) {
      const double c0 = thread_cpu_s();
      for (std::size_t i = first; i < pending_.size(); i += 2) {
        const Pending& p = pending_[i];
        out[i] = match::to_match_record(p.entity, p.desk, use_cache_ ? &caches_[first] : nullptr);
        out[i].entity_id = p.entity_id;
        out[i].case_id = p.case_id;
        out[i].desk = p.desk;
      }
      cpu[first] = thread_cpu_s() - c0;
    };
    core::on_threads(2, work);
    pending_.clear();
    resolve_s += now_s() - t;
    resolve_cpu_s += cpu[0] + cpu[1];
    records += out.size();
    const double b = now_s();
    batch_(std::move(out));
    batch_s += now_s() - b;
  }

  std::size_t cache_hits() const { return caches_[0].hits() + caches_[1].hits(); }
  std::size_t cache_misses() const { return caches_[0].misses() + caches_[1].misses(); }

  double resolve_s = 0;      // resolving entities into MatchRecords
  double resolve_cpu_s = 0;  // the same in CPU time of both threads
  double batch_s = 0;        // in the batch callback (e.g. Matcher::add_all)
  std::size_t records = 0;

 private:
  struct Pending {
    core::Entity entity;
    std::string desk;
    core::Id entity_id;
    core::Id case_id;
  };
  Batch batch_;
  // CROSSROADS_BENCH_NO_CACHE=1 resolves without them, for paired runs.
  bool use_cache_ = std::getenv("CROSSROADS_BENCH_NO_CACHE") == nullptr;
  // One per resolving thread, kept from batch to batch (as Linker::build keeps them).
  match::NormalizationCache caches_[2];
  std::vector<Pending> pending_;
  core::Id next_case_ = 0;
  core::Id next_entity_ = 0;
};

// Generates the world of `scale` (demo, small, medium, large or a number of persons) and seed
// into the sink, without chat files.
inline void generate_world(const std::string& scale, std::uint64_t seed, synth::Sink& sink) {
  auto config = synth::scale_config(scale, seed);
  if (!config) throw std::runtime_error(config.status().to_string());
  config->max_chat_files = 0;
  auto done = synth::generate(*config, sink);
  if (!done) throw std::runtime_error(done.status().to_string());
}

}  // namespace crossroads::bench
