// Group commit of audit records: a record is acknowledged only once the transaction holding it
// committed; records arriving during a commit share the next transaction; a failed commit fails
// every record it held and keeps none; the hash chain stays whole under concurrency.
#include "app/audit_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.h"
#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Status;

// Delegates to a real store; write() can be held at its start (so that a batch gathers behind
// it) or made to fail, as a full disk would.
class GateStore final : public store::Store {
 public:
  explicit GateStore(store::Store& inner) : inner_(inner) {}

  Status read(const Work& work) override { return inner_.read(work); }
  Status write(const Work& work) override {
    {
      std::unique_lock<std::mutex> lock(mu_);
      ++writes_started_;
      changed_.notify_all();
      changed_.wait(lock, [&] { return open_; });
      if (fail_) return Status(core::Code::kUnavailable, "the disk is full");
    }
    return inner_.write(work);
  }
  Status backup(const std::string& path) override { return inner_.backup(path); }
  std::string describe() const override { return inner_.describe(); }

  void set_open(bool open) {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = open;
    changed_.notify_all();
  }
  void set_fail(bool fail) {
    std::lock_guard<std::mutex> lock(mu_);
    fail_ = fail;
  }
  void wait_for_writes(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait(lock, [&] { return writes_started_ >= n; });
  }

 private:
  store::Store& inner_;
  std::mutex mu_;
  std::condition_variable changed_;
  bool open_ = true;
  bool fail_ = false;
  int writes_started_ = 0;
};

class AuditWriterTest : public ::testing::Test {
 protected:
  core::AuditRecord record(const std::string& request_id) {
    Actor actor{core::User{}, request_id, "127.0.0.1"};
    actor.user.username = "it.analyst";
    actor.user.desk = "IT";
    return audit_record(*fx_.hub.clock, actor, "match.check", "match", 0, "ok", "0 hits");
  }

  // request id -> how often it is in the trail
  std::multiset<std::string> trail() {
    std::multiset<std::string> ids;
    EXPECT_TRUE(fx_.hub.store->read([&](store::Transaction& tx) {
      return tx.scan_audit([&](const core::AuditRecord& r) {
        if (r.action == "match.check") ids.insert(r.request_id);
        return true;
      });
    }));
    return ids;
  }

  void expect_intact_chain() {
    auto verified = fx_.hub.audit->verify_unchecked();
    ASSERT_TRUE(verified.is_ok()) << verified.status().to_string();
    EXPECT_TRUE(verified->intact) << verified->problem;
  }

  testing::HubFixture fx_;
};

TEST_F(AuditWriterTest, RecordsArrivingDuringACommitShareTheNextTransaction) {
  GateStore gate(*fx_.hub.store);
  AuditWriter writer(gate);
  gate.set_open(false);
  Status first_status;
  std::thread first([&] { first_status = writer.append(record("first")); });
  gate.wait_for_writes(1);  // the first record's transaction is being written (held)
  constexpr int kFollowers = 10;
  std::vector<Status> statuses(kFollowers);
  std::vector<std::thread> followers;
  for (int i = 0; i < kFollowers; ++i) {
    followers.emplace_back(
        [&, i] { statuses[i] = writer.append(record("r" + std::to_string(i))); });
  }
  while (writer.waiting() < kFollowers) std::this_thread::yield();
  EXPECT_EQ(trail().size(), 0u);  // nothing acknowledged, nothing committed yet
  gate.set_open(true);
  first.join();
  for (auto& t : followers) t.join();
  EXPECT_TRUE(first_status) << first_status.to_string();
  for (const auto& st : statuses) EXPECT_TRUE(st) << st.to_string();
  EXPECT_EQ(writer.transactions(), 2u);
  EXPECT_EQ(writer.records(), kFollowers + 1u);
  const auto ids = trail();
  EXPECT_EQ(ids.size(), kFollowers + 1u);
  EXPECT_EQ(ids.count("first"), 1u);
  for (int i = 0; i < kFollowers; ++i) EXPECT_EQ(ids.count("r" + std::to_string(i)), 1u);
  expect_intact_chain();
}

TEST_F(AuditWriterTest, UnderLoadALeaderGathersRecordsIntoOneTransaction) {
  // A long gather time, ended early once max_batch records have joined.
  AuditWriter writer(*fx_.hub.store, /*max_batch=*/6, std::chrono::seconds(2));
  ASSERT_TRUE(writer.append(record("alone")));  // idle writer: written at once, alone
  EXPECT_EQ(writer.transactions(), 1u);
  std::vector<std::thread> threads;
  std::vector<Status> statuses(6);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] { statuses[i] = writer.append(record("g" + std::to_string(i))); });
  }
  for (auto& t : threads) t.join();
  for (const auto& st : statuses) EXPECT_TRUE(st) << st.to_string();
  EXPECT_EQ(writer.records(), 7u);
  EXPECT_EQ(writer.transactions(), 2u);
  EXPECT_EQ(trail().size(), 7u);
  expect_intact_chain();
}

TEST_F(AuditWriterTest, AFailedCommitFailsItsRecordsAndKeepsNone) {
  GateStore gate(*fx_.hub.store);
  AuditWriter writer(gate);
  gate.set_fail(true);
  const Status failed = writer.append(record("lost"));
  EXPECT_EQ(failed.code(), core::Code::kUnavailable);
  EXPECT_EQ(trail().count("lost"), 0u);
  gate.set_fail(false);
  EXPECT_TRUE(writer.append(record("kept")));
  EXPECT_EQ(trail().count("kept"), 1u);
  EXPECT_EQ(writer.transactions(), 1u);
}

TEST_F(AuditWriterTest, EveryRecordOfManyThreadsIsCommittedOnceInAWholeChain) {
  AuditWriter writer(*fx_.hub.store, /*max_batch=*/16);
  constexpr int kThreads = 8;
  constexpr int kEach = 100;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!writer.append(record(std::to_string(t) + "-" + std::to_string(i)))) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(writer.records(), static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_LE(writer.transactions(), writer.records());
  const auto ids = trail();
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  expect_intact_chain();
}

}  // namespace
}  // namespace crossroads::app
