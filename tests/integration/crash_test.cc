// A server killed (SIGKILL) in the middle of a large FtM import: after a restart the case holds
// the whole import or none of it, the database is sound and the audit trail verifies.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api_client.h"
#include "server_process.h"

namespace crossroads::integration {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kEntities = 60'000;
constexpr const char* kUser = "it.crash";
constexpr const char* kPassword = "a password for the crash test";

std::string import_body() {
  std::string out;
  out.reserve(static_cast<std::size_t>(kEntities) * 120);
  for (int i = 0; i < kEntities; ++i) {
    const std::string n = std::to_string(i);
    out += R"({"id":"crash-)" + n + R"(","schema":"Person","properties":{"name":["Crash Person )" +
           n + R"("],"birthDate":["1980-01-01"],"phone":["+39 333 )" +
           std::to_string(1'000'000 + i) + R"("]}})" + "\n";
  }
  return out;
}

std::uintmax_t wal_size(const ServerProcess& hub) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(hub.database_path() + "-wal", ec);
  return ec ? 0 : size;
}

std::string integrity_check(const std::string& db_path) {
  sqlite3* db = nullptr;
  std::string out = "cannot open";
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

// When the kill lands during an import.
struct KillPlan {
  milliseconds delay{0};          // after the request is sent
  std::uintmax_t wal_growth = 0;  // or: once the WAL grew by this many bytes
};

struct ImportRun {
  int status = -1;  // the import's HTTP status (-1: no answer)
  bool answered_before_kill = false;
  std::uintmax_t wal_growth_at_kill = 0;
  std::int64_t entities_after = -1;
};

class CrashRecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult add =
        hub_.cli({"user", "add", kUser, "--role", "prosecutor", "--desk", "IT", "--password-stdin"},
                 std::string(kPassword) + "\n");
    ASSERT_EQ(add.exit_code, 0) << add.err;
  }

  void TearDown() override {
    if (importer_.joinable()) importer_.join();
  }

  // Starts the server, signs in and opens an empty case; returns its id.
  std::int64_t start_with_new_case(const std::string& reference) {
    std::string error;
    EXPECT_TRUE(hub_.start(&error)) << error;
    if (!hub_.running()) return 0;
    client_ = std::make_unique<ApiClient>(hub_.port());
    EXPECT_EQ(client_->login(kUser, kPassword).status, 200);
    const ApiReply made = client_->post(
        "/api/v1/cases",
        {{"reference", reference}, {"title", "Crash test"}, {"offences", {"migrant_smuggling"}}});
    EXPECT_EQ(made.status, 201) << made.body;
    return made.status == 201 ? made.json()["id"].get<std::int64_t>() : 0;
  }

  // Sends the import from another thread and SIGKILLs the server as `plan` says.
  ImportRun import_and_kill(std::int64_t case_id, const KillPlan& plan) {
    ImportRun run;
    std::atomic<bool> answered{false};
    std::atomic<int> status{-1};
    const std::string url = "/api/v1/cases/" + std::to_string(case_id) + "/import/ftm";
    const std::uintmax_t wal_before = wal_size(hub_);
    ApiClient& client = *client_;
    importer_ = std::thread([&] {
      status = client.send("POST", url, body_, "application/x-ndjson").status;
      answered = true;
    });
    const auto sent = Clock::now();
    const auto give_up = sent + std::chrono::seconds(20);
    while (Clock::now() < give_up && !answered) {
      if (plan.wal_growth > 0 ? wal_size(hub_) >= wal_before + plan.wal_growth
                              : Clock::now() >= sent + plan.delay) {
        break;
      }
      std::this_thread::sleep_for(milliseconds(1));
    }
    run.answered_before_kill = answered;
    const std::uintmax_t wal_at_kill = wal_size(hub_);
    run.wal_growth_at_kill = wal_at_kill > wal_before ? wal_at_kill - wal_before : 0;
    hub_.kill_hard();
    importer_.join();
    run.status = status;
    return run;
  }

  // Restarts after the crash and counts the case's entities.
  std::int64_t entities_after_restart(std::int64_t case_id) {
    std::string error;
    EXPECT_TRUE(hub_.start(&error)) << error;
    if (!hub_.running()) return -1;
    ApiClient client(hub_.port());
    EXPECT_EQ(client.login(kUser, kPassword).status, 200);
    const ApiReply c = client.get("/api/v1/cases/" + std::to_string(case_id));
    EXPECT_EQ(c.status, 200) << c.body;
    const std::int64_t count = c.status == 200 ? c.json()["entity_count"].get<std::int64_t>() : -1;
    const ApiReply listing =
        client.get("/api/v1/cases/" + std::to_string(case_id) + "/entities?limit=1");
    EXPECT_EQ(listing.status, 200);
    if (listing.status == 200) {
      EXPECT_EQ(listing.json()["total"].get<std::int64_t>(), count);
    }
    EXPECT_NE(hub_.stop(), -1) << hub_.log();
    return count;
  }

  void expect_sound_database() {
    EXPECT_EQ(integrity_check(hub_.database_path()), "ok");
    const CommandResult verify = hub_.cli({"audit", "verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  }

  ServerProcess hub_;
  std::unique_ptr<ApiClient> client_;
  std::thread importer_;
  const std::string body_ = import_body();
};

TEST_F(CrashRecoveryTest, ImportKilledMidwayLeavesAllOrNothing) {
  ASSERT_GT(body_.size(), 5u << 20);

  // Control: undisturbed, the import takes all entities; its duration sets the kill times.
  const std::int64_t control = start_with_new_case("CRASH-0");
  ASSERT_GT(control, 0);
  const auto started = Clock::now();
  const ApiReply whole =
      client_->send("POST", "/api/v1/cases/" + std::to_string(control) + "/import/ftm", body_,
                    "application/x-ndjson");
  const auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  ASSERT_EQ(whole.status, 200) << whole.body;
  ASSERT_EQ(whole.json()["created"], kEntities);
  ASSERT_NE(hub_.stop(), -1);  // exited in time; the exit code is StopsCleanlyOnSigterm's business
  ASSERT_EQ(entities_after_restart(control), kEntities);
  std::printf("[ info     ] an undisturbed import of %d entities took %lld ms\n", kEntities,
              static_cast<long long>(took.count()));

  const std::vector<KillPlan> plans = {
      {milliseconds(30), 0},
      {took * 35 / 100, 0},
      {milliseconds(0), 512u << 10},  // as soon as the transaction spills into the WAL
      {took * 70 / 100, 0},
  };
  int killed_while_writing = 0;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    SCOPED_TRACE("run " + std::to_string(i + 1));
    const std::int64_t id = start_with_new_case("CRASH-" + std::to_string(i + 1));
    ASSERT_GT(id, 0);
    ImportRun run = import_and_kill(id, plans[i]);
    run.entities_after = entities_after_restart(id);
    std::printf(
        "[ info     ] run %zu: kill after %lld ms / WAL +%ju bytes; answered first: %s; "
        "entities after restart: %lld\n",
        i + 1, static_cast<long long>(plans[i].delay.count()), run.wal_growth_at_kill,
        run.answered_before_kill ? "yes" : "no", static_cast<long long>(run.entities_after));
    EXPECT_TRUE(run.entities_after == 0 || run.entities_after == kEntities)
        << run.entities_after << " of " << kEntities << " entities survived the crash";
    if (run.answered_before_kill) {
      // The server said the import succeeded: it must survive the crash in full.
      EXPECT_EQ(run.status, 200);
      EXPECT_EQ(run.entities_after, kEntities);
    }
    if (!run.answered_before_kill && run.wal_growth_at_kill > 0) ++killed_while_writing;
    expect_sound_database();
    if (HasFatalFailure()) return;
  }
  // The test means something only if at least one kill hit an import that was writing.
  EXPECT_GE(killed_while_writing, 1);
}

}  // namespace
}  // namespace crossroads::integration
