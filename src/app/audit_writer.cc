#include "app/audit_writer.h"

#include <algorithm>
#include <vector>

namespace crossroads::app {

core::Status AuditWriter::append(core::AuditRecord record) {
  Waiter self{std::move(record), core::Status::ok(), false};
  std::unique_lock<std::mutex> lock(mu_);
  pending_.push_back(&self);
  if (gather_.count() > 0) arrived_.notify_one();
  while (!self.done) {
    if (writing_) {
      committed_.wait(lock);
      continue;
    }
    // Lead: take what is waiting (this record among it, since it was not written yet).
    writing_ = true;
    if (gather_.count() > 0 && pending_.size() < max_batch_ &&
        std::chrono::steady_clock::now() - last_end_ < gather_) {
      arrived_.wait_for(lock, gather_, [&] { return pending_.size() >= max_batch_; });
    }
    std::vector<Waiter*> batch;
    batch.reserve(std::min(pending_.size(), max_batch_));
    while (!pending_.empty() && batch.size() < max_batch_) {
      batch.push_back(pending_.front());
      pending_.pop_front();
    }
    lock.unlock();
    const core::Status st = store_.write([&](store::Transaction& tx) -> core::Status {
      for (Waiter* w : batch) {
        auto appended = tx.append_audit(w->record);
        if (!appended) return appended.status();
      }
      return core::Status::ok();
    });
    lock.lock();
    for (Waiter* w : batch) {
      w->status = st;
      w->done = true;
    }
    if (st) {
      ++transactions_;
      records_ += batch.size();
    }
    writing_ = false;
    last_end_ = std::chrono::steady_clock::now();
    committed_.notify_all();
  }
  return self.status;
}

std::uint64_t AuditWriter::transactions() const {
  std::lock_guard<std::mutex> lock(mu_);
  return transactions_;
}

std::uint64_t AuditWriter::records() const {
  std::lock_guard<std::mutex> lock(mu_);
  return records_;
}

std::size_t AuditWriter::waiting() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pending_.size();
}

}  // namespace crossroads::app
