#include "app/linker.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>
#include <optional>

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
    if (!work.removed.empty()) {
      std::vector<core::Id> cases;
      for (auto id : work.removed) {
        if (auto c = matcher_.case_with_identifiers(id)) cases.push_back(*c);
        matcher_.remove(id);
      }
      // The cases that lost identifiers may no longer share one with others: evidence their
      // persons lost.
      if (auto st = relink(matcher_.case_persons(std::move(cases)), nullptr); !st) {
        std::fprintf(stderr, "crossroads: could not update links after a removal: %s\n",
                     st.to_string().c_str());
      }
    }
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

namespace {

// A bounded queue between two stages of the start-up: push() waits while it holds `capacity`
// items, pop() while it is empty; once closed, pop() hands out what is left, then nothing.
template <class T>
class StageQueue {
 public:
  explicit StageQueue(std::size_t capacity) : capacity_(capacity) {}

  void push(T item) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  std::optional<T> pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;  // guarded by mu_
  bool closed_ = false;  // guarded by mu_
};

struct ScannedEntity {
  core::Entity entity;
  std::string desk;
};

}  // namespace

Status Linker::build(const std::function<void(std::size_t, std::size_t)>& progress,
                     Recording recording) {
  {
    // Writes committed from now on are queued, so none falls between the scan and the worker.
    std::lock_guard<std::mutex> lock(mu_);
    if (built_) return Status::ok();
    accepting_ = true;
  }
  // A pipeline of three stages, each on its own thread: the scan reads and parses the store's
  // entities (one read transaction: one snapshot), resolution turns each slice into
  // MatchRecords (names transliterated, identifiers normalised) on the matcher's threads, and
  // this thread indexes the records in id order, batch by batch, while the next ones are read
  // and resolved.
  // Entities travel from the scan to resolution in slices; resolved records are indexed
  // (Matcher::add_all) in batches of at least index_batch_: each call sorts the blocks it
  // touched, so many small calls would sort the large blocks again and again. Resolution runs
  // ahead of indexing by up to two batches (it goes on while add_all runs), the scan ahead of
  // resolution by a few slices: the records of the store never all exist at once.
  const std::size_t scan_slice = scan_slice_;
  const std::size_t index_batch = index_batch_;
  StageQueue<std::vector<ScannedEntity>> scanned(4);
  StageQueue<std::vector<match::MatchRecord>> resolved(
      std::max<std::size_t>(2, 2 * index_batch / scan_slice));
  Status scan_status;
  std::thread scanner([&] {
    std::vector<ScannedEntity> slice;
    slice.reserve(scan_slice);
    scan_status = store_.read([&](store::Transaction& tx) {
      return tx.scan_entities([&](core::Entity&& e, const std::string& desk) {
        slice.push_back({std::move(e), desk});
        if (slice.size() == scan_slice) {
          scanned.push(std::move(slice));
          slice = {};
          slice.reserve(scan_slice);
        }
        return true;
      });
    });
    if (scan_status && !slice.empty()) scanned.push(std::move(slice));
    scanned.close();
  });
  const int threads = std::max(1, matcher_.options().threads);
  std::thread resolver([&] {
    // One cache per resolving thread, kept from slice to slice: a phone number met again is a
    // lookup, not a libphonenumber parse.
    std::vector<std::unique_ptr<match::NormalizationCache>> caches(threads);
    for (auto& cache : caches) cache = std::make_unique<match::NormalizationCache>();
    while (auto slice = scanned.pop()) {
      std::vector<match::MatchRecord> records(slice->size());
      core::on_threads(threads, [&](int t) {
        for (std::size_t i = t; i < slice->size(); i += threads) {
          const ScannedEntity& s = (*slice)[i];
          records[i] = match::to_match_record(s.entity, s.desk, caches[t].get());
        }
      });
      resolved.push(std::move(records));
    }
    resolved.close();
  });
  std::size_t indexed = 0;
  std::vector<match::MatchRecord> batch;
  const auto index_records = [&] {
    matcher_.add_all(batch);
    indexed += batch.size();
    batch.clear();
    if (progress) progress(indexed, 0);
  };
  batch.reserve(index_batch + scan_slice);
  while (auto records = resolved.pop()) {
    batch.insert(batch.end(), std::make_move_iterator(records->begin()),
                 std::make_move_iterator(records->end()));
    if (batch.size() >= index_batch) index_records();
  }
  if (!batch.empty()) index_records();
  std::vector<match::MatchRecord>().swap(batch);
  scanner.join();
  resolver.join();
  // A failed scan leaves part of the store indexed: not built, so nothing is answered from it,
  // and the next build() replaces what was indexed (add_all replaces an id already indexed).
  CR_RETURN_IF_ERROR(scan_status);
  std::vector<core::LinkDecision> decisions;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(decisions, tx.list_link_decisions());
    return Status::ok();
  }));
  if (progress) progress(indexed, indexed);
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
  std::vector<core::Id> ids;
  std::vector<core::Id> cases;  // that gain or lose an identifier with these writes
  ids.reserve(entities.size());
  for (const auto& e : entities) {
    match::MatchRecord r = match::to_match_record(e, desk);
    if (!r.identifiers.empty()) cases.push_back(e.case_id);
    // What the entity held before (an edit may take identifiers away, or move it to another case).
    if (auto before = matcher_.case_with_identifiers(e.id)) cases.push_back(*before);
    matcher_.update(r);
    ids.push_back(e.id);
  }
  LinkSummary summary;  // of the entities written
  CR_RETURN_IF_ERROR(relink(ids, &summary));
  // The other persons of the cases given or deprived of an identifier: whether their cases share
  // one with others is evidence for their links (Field::kCases).
  std::vector<core::Id> others = matcher_.case_persons(std::move(cases));
  std::vector<core::Id> written = ids;
  std::sort(written.begin(), written.end());
  std::erase_if(
      others, [&](core::Id id) { return std::binary_search(written.begin(), written.end(), id); });
  CR_RETURN_IF_ERROR(relink(others, nullptr));
  return summary;
}

Status Linker::relink(const std::vector<core::Id>& entity_ids, LinkSummary* summary) {
  if (entity_ids.empty()) return Status::ok();
  // One transaction to record the links of the whole write, one to drop stale ones.
  std::vector<match::Hit> hits;
  Links::KeptLinks kept;
  kept.reserve(entity_ids.size());
  for (core::Id id : entity_ids) {
    auto found = matcher_.match(id);
    std::vector<std::pair<core::Id, core::Id>> pairs;
    pairs.reserve(found.size());
    for (const auto& h : found) {
      pairs.emplace_back(std::min(h.entity_id, h.other_entity_id),
                         std::max(h.entity_id, h.other_entity_id));
    }
    kept.emplace_back(id, std::move(pairs));
    hits.insert(hits.end(), std::make_move_iterator(found.begin()),
                std::make_move_iterator(found.end()));
  }
  CR_RETURN_IF_ERROR(record(hits, summary));
  return links_.prune(kept);
}

void Linker::entities_written(const std::vector<core::Entity>& entities, const std::string& desk) {
  enqueue({entities, desk, {}});
}

void Linker::entities_removed(const std::vector<core::Id>& entity_ids) {
  // Their links and notices went with them in the store (ON DELETE CASCADE).
  enqueue({{}, {}, entity_ids});
}

}  // namespace crossroads::app
