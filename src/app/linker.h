// Keeps the matcher's in-memory index in step with the store and turns what it finds into
// hit notices: built from every entity at start-up (with progress), told of every entity
// written or removed, and of every reviewer decision.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "app/entity_listener.h"
#include "app/links.h"
#include "core/status.h"
#include "match/matcher.h"
#include "store/store.h"

namespace crossroads::app {

struct LinkSummary {
  std::int64_t hits = 0;     // links of the written entities
  std::int64_t notices = 0;  // new notices sent to desks
};

// Writes are matched by a background worker, in the order they were committed, so that an
// import of many entities returns at once and its hits follow within moments; flush() waits
// for the worker to catch up.
class Linker final : public EntityListener {
 public:
  Linker(store::Store& store, Links& links, match::MatcherOptions options);
  ~Linker() override;
  Linker(const Linker&) = delete;
  Linker& operator=(const Linker&) = delete;

  // Indexes every entity of the store, applies stored decisions, estimates the model by EM,
  // then records every link (desks are told of links they have not been told of). Calls
  // progress(done, total) as it goes. With kInBackground, build() returns as soon as the index
  // answers queries and the links are recorded by the worker before any write that follows
  // (flush() waits for them): what a server starting on a large store wants.
  enum class Recording { kNow, kInBackground };
  core::Status build(const std::function<void(std::size_t, std::size_t)>& progress = {},
                     Recording recording = Recording::kNow);
  bool built() const { return built_; }
  // How build() cuts its work: entities go from the scan to resolution in slices of
  // `scan_slice`, records are indexed in batches of at least `index_batch` (each add_all sorts
  // the blocks it touched). The defaults suit a store of millions; tests make them small to
  // run the pipeline through many slices and batches.
  void set_build_slices(std::size_t scan_slice, std::size_t index_batch) {
    scan_slice_ = std::max<std::size_t>(scan_slice, 1);
    index_batch_ = std::max<std::size_t>(index_batch, 1);
  }

  // Re-indexes the entities and records their links; links they no longer have are dropped.
  core::Result<LinkSummary> reindex(const std::vector<core::Entity>& entities,
                                    const std::string& desk);

  void entities_written(const std::vector<core::Entity>& entities,
                        const std::string& desk) override;
  void entities_removed(const std::vector<core::Id>& entity_ids) override;
  // Waits until every write told so far has been matched and its links recorded.
  void flush();

  // Hits of one indexed entity, for the API (already filtered by the caller's rights).
  std::vector<match::Hit> hits_of(core::Id entity_id) const { return matcher_.match(entity_id); }
  match::Matcher& matcher() { return matcher_; }
  const match::Matcher& matcher() const { return matcher_; }

 private:
  struct Work {
    std::vector<core::Entity> written;
    std::string desk;
    std::vector<core::Id> removed;
  };
  core::Status record(const std::vector<match::Hit>& hits, LinkSummary* summary);
  // Matches the entities again, records their links and drops the links they lost.
  core::Status relink(const std::vector<core::Id>& entity_ids, LinkSummary* summary);
  core::Status record_all_links();
  void enqueue(Work work);
  void run_worker();

  store::Store& store_;
  Links& links_;
  match::Matcher matcher_;
  std::atomic<bool> built_{false};
  std::size_t scan_slice_ = 8192;
  std::size_t index_batch_ = 65536;

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Work> queue_;  // guarded by mu_
  bool accepting_ = false;  // guarded by mu_: writes are queued from the start of build()
  bool busy_ = false;       // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  std::thread worker_;
};

// The stored form of a matcher hit: entity_a < entity_b, evidence as JSON.
core::LinkHit to_link_hit(const match::Hit& hit);

}  // namespace crossroads::app
