// Group commit of audit records for high-rate audited reads (checks against the match index):
// a request hands its record to the writer and waits until the transaction that holds it has
// committed, so no answer leaves before its audit record is on disk. Records that arrive while
// a transaction is being written wait for the next one, which takes them all: at thousands of
// checks per second one SQLite transaction carries tens of records instead of one each.
//
// There is no writer thread: the first waiting request writes the batch (leader), the others
// wait on a condition variable. The chain order is the order in which records joined. Under
// steady load (the previous transaction ended less than `gather` ago) a leader first waits up
// to `gather` for more records to join, trading that much latency for fewer transactions; a
// record arriving on an idle writer is written at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "core/domain.h"
#include "core/status.h"
#include "store/store.h"

namespace crossroads::app {

class AuditWriter {
 public:
  explicit AuditWriter(store::Store& store, std::size_t max_batch = 256,
                       std::chrono::microseconds gather = std::chrono::microseconds(0))
      : store_(store), max_batch_(max_batch), gather_(gather) {}
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Appends `record` (seq and hashes are assigned by the store) and returns once it is
  // committed, or the error of the transaction that should have held it (nothing of that
  // transaction is kept then).
  core::Status append(core::AuditRecord record);

  // Transactions written and records they held, and records waiting for a transaction (not
  // yet taken by a leader), for tests and benchmarks.
  std::uint64_t transactions() const;
  std::uint64_t records() const;
  std::size_t waiting() const;

 private:
  struct Waiter {
    core::AuditRecord record;
    core::Status status;
    bool done = false;
  };

  store::Store& store_;
  const std::size_t max_batch_;
  const std::chrono::microseconds gather_;
  mutable std::mutex mu_;
  std::condition_variable committed_;
  std::condition_variable arrived_;                   // a record joined pending_
  std::chrono::steady_clock::time_point last_end_{};  // guarded by mu_
  std::deque<Waiter*> pending_;     // guarded by mu_; records not yet taken by a leader
  bool writing_ = false;            // guarded by mu_; a leader is writing a batch
  std::uint64_t transactions_ = 0;  // guarded by mu_
  std::uint64_t records_ = 0;       // guarded by mu_
};

}  // namespace crossroads::app
