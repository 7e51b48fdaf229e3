#include "app/linker.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "core/parallel.h"

namespace crossroads::app {

using core::Result;
using core::Status;

core::LinkHit to_link_hit(const match::Hit& hit) {
  core::LinkHit out;
  out.entity_a = std::min(hit.entity_id, hit.other_entity_id);
  out.entity_b = std::max(hit.entity_id, hit.other_entity_id);
  out.kind = match::hit_kind_name(hit.kind);
  out.strength = hit.probability;
  nlohmann::json explanation = nlohmann::json::array();
  for (const auto& e : hit.evidence) {
    explanation.push_back({{"field", e.field}, {"text", e.text}, {"weight", e.weight}});
  }
  out.evidence = nlohmann::json{{"kinds", hit.evidence_kinds}, {"explanation", explanation}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  return out;
}

Linker::Linker(store::Store& store, Links& links, match::MatcherOptions options)
    : store_(store), links_(links), matcher_(options) {
  links_.on_decision([this](const core::LinkDecision& d) {
    matcher_.apply_decision({d.entity_a, d.entity_b, d.confirmed});
  });
}

Status Linker::record(const std::vector<match::Hit>& hits, LinkSummary* summary) {
  std::vector<core::LinkHit> rows;
  rows.reserve(hits.size());
  for (const auto& h : hits) rows.push_back(to_link_hit(h));
  CR_ASSIGN_OR_RETURN(int notices, links_.record(rows));
  if (summary) {
    summary->hits += static_cast<std::int64_t>(hits.size());
    summary->notices += notices;
  }
  return Status::ok();
}

Linker::~Linker() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Linker::enqueue(Work work) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!accepting_ || stopping_) return;  // not built: the next build() reads the store
    queue_.push_back(std::move(work));
  }
  wake_.notify_one();
}

void Linker::flush() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [&] { return (queue_.empty() && !busy_) || !worker_.joinable(); });
}

void Linker::run_worker() {
  for (;;) {
    Work work;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {
        idle_.notify_all();
        return;  // stopping, and nothing left to do
      }
      work = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    for (auto id : work.removed) matcher_.remove(id);
    if (!work.written.empty()) {
      auto done = reindex(work.written, work.desk);
      if (!done) {
        // The write itself is committed; links are derived and found again at the next
        // start-up. Say so rather than lose it silently.
        std::fprintf(stderr, "crossroads: could not record links after a write: %s\n",
                     done.status().to_string().c_str());
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      busy_ = false;
      if (queue_.empty()) idle_.notify_all();
    }
  }
}

Status Linker::build(const std::function<void(std::size_t, std::size_t)>& progress,
                     Recording recording) {
  {
    // Writes committed from now on are queued, so none falls between the scan and the worker.
    std::lock_guard<std::mutex> lock(mu_);
    if (built_) return Status::ok();
    accepting_ = true;
  }
  // Entities are read in slices; each slice is resolved (names transliterated, identifiers
  // normalised: most of the start-up's work) on every thread of the matcher's options.
  std::vector<match::MatchRecord> records;
  std::vector<std::pair<core::Entity, std::string>> slice;
  const int threads = std::max(1, matcher_.options().threads);
  auto resolve_slice = [&] {
    const std::size_t base = records.size();
    records.resize(base + slice.size());
    auto work = [&](int t) {
      for (std::size_t i = t; i < slice.size(); i += threads) {
        records[base + i] = match::to_match_record(slice[i].first, slice[i].second);
      }
    };
    core::on_threads(threads, work);
    slice.clear();
    if (progress) progress(records.size(), 0);
  };
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) {
    return tx.scan_entities([&](const core::Entity& e, const std::string& desk) {
      slice.emplace_back(e, desk);
      if (slice.size() == 16384) resolve_slice();
      return true;
    });
  }));
  if (!slice.empty()) resolve_slice();
  std::vector<core::LinkDecision> decisions;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(decisions, tx.list_link_decisions());
    return Status::ok();
  }));
  matcher_.add_all(records, progress);
  const std::size_t indexed = records.size();
  std::vector<match::MatchRecord>().swap(records);
  std::vector<match::Decision> ds;
  ds.reserve(decisions.size());
  for (const auto& d : decisions) ds.push_back({d.entity_a, d.entity_b, d.confirmed});
  matcher_.set_decisions(ds);
  if (indexed >= 1000) matcher_.estimate_parameters();
  if (recording == Recording::kNow) {
    CR_RETURN_IF_ERROR(record_all_links());
    std::lock_guard<std::mutex> lock(mu_);
    built_ = true;
    worker_ = std::thread([this] { run_worker(); });
    return Status::ok();
  }
  std::lock_guard<std::mutex> lock(mu_);
  built_ = true;
  busy_ = true;  // flush() waits for the links as for any queued write
  worker_ = std::thread([this] {
    if (auto st = record_all_links(); !st) {
      std::fprintf(stderr,
                   "crossroads: could not record the links found at start-up (they are found "
                   "again at the next start): %s\n",
                   st.to_string().c_str());
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      busy_ = false;
      if (queue_.empty()) idle_.notify_all();
    }
    run_worker();
  });
  return Status::ok();
}

// Links found while the server was down (or by an import at the command line) reach the desks;
// links they were told of already are not told again. In slices, each explained only when it is
// recorded: the compact links of a large store fit in memory where all their explanations at
// once would not.
Status Linker::record_all_links() {
  const std::vector<match::Link> links = matcher_.links();
  constexpr std::size_t kSlice = 20000;
  std::vector<match::Hit> hits;
  for (std::size_t begin = 0; begin < links.size(); begin += kSlice) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return Status::ok();  // the rest is found again at the next start
    }
    hits.clear();
    const std::size_t end = std::min(links.size(), begin + kSlice);
    for (std::size_t i = begin; i < end; ++i) {
      if (auto h = matcher_.explain_link(links[i].a, links[i].b)) hits.push_back(std::move(*h));
    }
    CR_RETURN_IF_ERROR(record(hits, nullptr));
  }
  return Status::ok();
}

Result<LinkSummary> Linker::reindex(const std::vector<core::Entity>& entities,
                                    const std::string& desk) {
  for (const auto& e : entities) matcher_.update(match::to_match_record(e, desk));
  // One transaction to record the links of the whole write, one to drop stale ones.
  std::vector<match::Hit> hits;
  Links::KeptLinks kept;
  kept.reserve(entities.size());
  for (const auto& e : entities) {
    auto found = matcher_.match(e.id);
    std::vector<std::pair<core::Id, core::Id>> pairs;
    pairs.reserve(found.size());
    for (const auto& h : found) {
      pairs.emplace_back(std::min(h.entity_id, h.other_entity_id),
                         std::max(h.entity_id, h.other_entity_id));
    }
    kept.emplace_back(e.id, std::move(pairs));
    hits.insert(hits.end(), std::make_move_iterator(found.begin()),
                std::make_move_iterator(found.end()));
  }
  LinkSummary summary;
  CR_RETURN_IF_ERROR(record(hits, &summary));
  CR_RETURN_IF_ERROR(links_.prune(kept));
  return summary;
}

void Linker::entities_written(const std::vector<core::Entity>& entities, const std::string& desk) {
  enqueue({entities, desk, {}});
}

void Linker::entities_removed(const std::vector<core::Id>& entity_ids) {
  // Their links and notices went with them in the store (ON DELETE CASCADE).
  enqueue({{}, {}, entity_ids});
}

}  // namespace crossroads::app
