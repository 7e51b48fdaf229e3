// The command line of the real binary over a fresh data directory: accounts, FtM import and
// export, the audit trail's tamper evidence (tampering done with the SQLite C API, as someone
// with access to the database file would), and backups.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "api_client.h"
#include "server_process.h"

namespace crossroads::integration {
namespace {

constexpr const char* kDemoCase = "RGNR 4471/2025";  // IT desk, 10 entities in the demo
constexpr int kDemoCaseEntities = 10;

// Runs `sql` on the database file; returns the SQLite error message, or "" on success.
std::string sql_exec(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "cannot open " + db_path;
    sqlite3_close(db);
    return message;
  }
  char* error = nullptr;
  std::string message;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    message = error ? error : "failed";
  }
  sqlite3_free(error);
  sqlite3_close(db);
  return message;
}

// The rows of `query`, each column as text ("" for NULL).
std::vector<std::vector<std::string>> sql_rows(const std::string& db_path,
                                               const std::string& query) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    ADD_FAILURE() << "cannot open " << db_path;
    return rows;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << query << ": " << sqlite3_errmsg(db);
    sqlite3_close(db);
    return rows;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* text = sqlite3_column_text(stmt, i);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

std::int64_t sql_count(const std::string& db_path, const std::string& query) {
  const auto rows = sql_rows(db_path, query);
  return rows.empty() || rows[0].empty() ? -1 : std::stoll(rows[0][0]);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The case list line of the demo case, e.g. "1\tIT\tRGNR 4471/2025\t...\t10 entities\t...".
std::string demo_case_line(const ServerProcess& hub) {
  const CommandResult list = hub.cli({"case", "list", "--desk", "IT"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  std::size_t pos = list.out.find(kDemoCase);
  if (pos == std::string::npos) return {};
  const std::size_t begin = list.out.rfind('\n', pos);
  const std::size_t end = list.out.find('\n', pos);
  return list.out.substr(begin == std::string::npos ? 0 : begin + 1,
                         end == std::string::npos
                             ? std::string::npos
                             : end - (begin == std::string::npos ? 0 : begin + 1));
}

std::string entities_text(int count) { return "\t" + std::to_string(count) + " entities\t"; }

class CommandLineTest : public ::testing::Test {
 protected:
  void load_demo() {
    const CommandResult demo = hub_.cli({"demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  }

  CommandResult import_file(const std::string& path, const std::string& as = "it.prosecutor") {
    return hub_.cli({"import", "ftm", path, "--case", kDemoCase, "--desk", "IT", "--as", as});
  }

  ServerProcess hub_;
};

TEST_F(CommandLineTest, InitCreatesAdministratorWhoCanSignIn) {
  const CommandResult init = hub_.cli({"init", "--password-stdin"}, "first-admin-password\n");
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(contains(init.out, "Administrator 'admin' created")) << init.out;
  EXPECT_FALSE(contains(init.out, "first-admin-password")) << init.out;

  const CommandResult list = hub_.cli({"user", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(contains(list.out, "\tadmin\tadministrator\t-\tactive\t")) << list.out;

  const CommandResult again = hub_.cli({"init", "--password-stdin"}, "another-password\n");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out, "exists already")) << again.out;

  std::string error;
  ASSERT_TRUE(hub_.start(&error)) << error;
  ApiClient client(hub_.port());
  EXPECT_EQ(client.login("admin", "another-password").status, 401);
  const ApiReply login = client.login("admin", "first-admin-password");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json()["user"]["role"], "administrator");
}

TEST_F(CommandLineTest, UserAddTakesPasswordFromStdinAndDisableEndsSignIn) {
  ASSERT_EQ(hub_.cli({"init", "--password-stdin"}, "admin-password\n").exit_code, 0);
  const CommandResult add = hub_.cli(
      {"user", "add", "maria.rossi", "--role", "prosecutor", "--desk", "IT", "--password-stdin"},
      "Maria's long password\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_TRUE(contains(add.out, "User 'maria.rossi' created")) << add.out;
  EXPECT_FALSE(contains(add.out, "Maria's long password")) << add.out;

  const CommandResult list = hub_.cli({"user", "list"});
  EXPECT_TRUE(contains(list.out, "\tmaria.rossi\tprosecutor\tIT\tactive\t")) << list.out;

  // Refusals: a role that does not exist, a name that is taken.
  const CommandResult bad_role = hub_.cli(
      {"user", "add", "someone", "--role", "emperor", "--desk", "IT", "--password-stdin"}, "pw\n");
  EXPECT_NE(bad_role.exit_code, 0);
  EXPECT_TRUE(contains(bad_role.err, "emperor")) << bad_role.err;
  const CommandResult taken = hub_.cli(
      {"user", "add", "maria.rossi", "--role", "analyst", "--desk", "IT", "--password-stdin"},
      "other password\n");
  EXPECT_NE(taken.exit_code, 0);
  EXPECT_FALSE(contains(hub_.cli({"user", "list"}).out, "\tsomeone\t"));

  std::string error;
  ASSERT_TRUE(hub_.start(&error)) << error;
  EXPECT_EQ(ApiClient(hub_.port()).login("maria.rossi", "Maria's long password").status, 200);
  ASSERT_NE(hub_.stop(), -1);  // a clean exit code is StopsCleanlyOnSigterm's business

  const CommandResult disable = hub_.cli({"user", "disable", "maria.rossi"});
  ASSERT_EQ(disable.exit_code, 0) << disable.err;
  EXPECT_TRUE(
      contains(hub_.cli({"user", "list"}).out, "\tmaria.rossi\tprosecutor\tIT\tdisabled\t"));
  ASSERT_TRUE(hub_.start(&error)) << error;
  EXPECT_EQ(ApiClient(hub_.port()).login("maria.rossi", "Maria's long password").status, 401);
}

TEST_F(CommandLineTest, ImportFtmReportsCountsAndReimportIsUnchanged) {
  ASSERT_NO_FATAL_FAILURE(load_demo());
  const std::string file = hub_.dir().file("new.ftm.json");
  ASSERT_TRUE(write_file(
      file,
      R"({"id":"cli-p1","schema":"Person","properties":{"name":["Samir Haddad"],"phone":["+39 333 765 4321"]}})"
      "\n"
      R"({"id":"cli-p2","schema":"Person","properties":{"name":["Yusuf Idris"]}})"
      "\n\n"  // blank lines are skipped
      R"({"id":"cli-a1","schema":"Associate","properties":{"person":["cli-p1"],"associate":["cli-p2"]}})"
      "\n"));
  const CommandResult first = import_file(file);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(contains(first.out, "3 created, 0 updated, 0 unchanged")) << first.out;
  EXPECT_TRUE(contains(demo_case_line(hub_), entities_text(kDemoCaseEntities + 3)));

  const CommandResult second = import_file(file);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(contains(second.out, "0 created, 0 updated, 3 unchanged")) << second.out;
  EXPECT_TRUE(contains(demo_case_line(hub_), entities_text(kDemoCaseEntities + 3)));

  // A changed property updates the entity in place.
  ASSERT_TRUE(write_file(
      file,
      R"({"id":"cli-p2","schema":"Person","properties":{"name":["Yusuf Idris"],"nationality":["sd"]}})"
      "\n"));
  const CommandResult third = import_file(file);
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_TRUE(contains(third.out, "0 created, 1 updated, 0 unchanged")) << third.out;
  EXPECT_TRUE(contains(demo_case_line(hub_), entities_text(kDemoCaseEntities + 3)));
}

TEST_F(CommandLineTest, ImportWithOneBadLineNamesItAndImportsNothing) {
  ASSERT_NO_FATAL_FAILURE(load_demo());
  const std::string good1 = R"({"id":"bad-p1","schema":"Person","properties":{"name":["A One"]}})";
  const std::string good2 = R"({"id":"bad-p2","schema":"Person","properties":{"name":["B Two"]}})";
  const std::string good4 = R"({"id":"bad-p4","schema":"Person","properties":{"name":["D Four"]}})";
  const std::vector<std::string> bad_lines = {
      R"({"id":"bad-p3","schema":"Spaceship","properties":{"name":["C Three"]}})",
      R"({"id":"bad-p3","schema":"Person","properties":{"name":["C Three"]})",  // cut short
      R"({"id":"bad-p3","schema":"Person","properties":{"name":[3]}})",
      R"({"id":"bad p3!","schema":"Person","properties":{"name":["C Three"]}})",
      good1,  // the same id twice
  };
  const std::string file = hub_.dir().file("bad.ftm.json");
  for (const auto& bad : bad_lines) {
    SCOPED_TRACE(bad);
    ASSERT_TRUE(write_file(file, good1 + "\n" + good2 + "\n" + bad + "\n" + good4 + "\n"));
    const CommandResult r = import_file(file);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(contains(r.err, "line 3")) << r.err;
    EXPECT_FALSE(contains(r.err, "line 1:")) << r.err;
    EXPECT_TRUE(contains(r.err, "nothing was imported")) << r.err;
    EXPECT_FALSE(contains(r.out, "created")) << r.out;
    EXPECT_TRUE(contains(demo_case_line(hub_), entities_text(kDemoCaseEntities)));
  }
  // A reference to an entity that is neither in the file nor in the case is refused too.
  ASSERT_TRUE(write_file(
      file,
      good1 + "\n" +
          R"({"id":"bad-a1","schema":"Associate","properties":{"person":["bad-p1"],"associate":["nobody"]}})" +
          "\n"));
  EXPECT_NE(import_file(file).exit_code, 0);
  EXPECT_TRUE(contains(demo_case_line(hub_), entities_text(kDemoCaseEntities)));
  // The file is fine, but the user's desk may not write to the case.
  ASSERT_TRUE(write_file(file, good1 + "\n"));
  const CommandResult other_desk = import_file(file, "gr.prosecutor");
  EXPECT_NE(other_desk.exit_code, 0);
  EXPECT_TRUE(contains(demo_case_line(hub_), entities_text(kDemoCaseEntities)));
}

TEST_F(CommandLineTest, ExportThenImportRoundTrips) {
  ASSERT_NO_FATAL_FAILURE(load_demo());
  const std::string first = hub_.dir().file("first.ftm.json");
  const CommandResult exported = hub_.cli(
      {"export", "ftm", "--case", kDemoCase, "--desk", "IT", "--as", "it.prosecutor", "-o", first});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = read_file(first);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), kDemoCaseEntities) << text;
  EXPECT_TRUE(contains(text, R"("id":"it-p1")")) << text;

  const CommandResult reimport = import_file(first);
  ASSERT_EQ(reimport.exit_code, 0) << reimport.err;
  EXPECT_TRUE(contains(reimport.out,
                       "0 created, 0 updated, " + std::to_string(kDemoCaseEntities) + " unchanged"))
      << reimport.out;

  const CommandResult to_stdout =
      hub_.cli({"export", "ftm", "--case", kDemoCase, "--desk", "IT", "--as", "it.prosecutor"});
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  EXPECT_EQ(to_stdout.out, text);

  // A desk the case is not shared with cannot export it; MT, which it is shared with, can.
  EXPECT_NE(
      hub_.cli({"export", "ftm", "--case", kDemoCase, "--desk", "IT", "--as", "gr.prosecutor"})
          .exit_code,
      0);
  const CommandResult shared =
      hub_.cli({"export", "ftm", "--case", kDemoCase, "--desk", "IT", "--as", "mt.prosecutor"});
  EXPECT_EQ(shared.exit_code, 0) << shared.err;
  EXPECT_EQ(shared.out, text);
}

class AuditTamperTest : public CommandLineTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(load_demo());
    const CommandResult verify = hub_.cli({"audit", "verify"});
    ASSERT_EQ(verify.exit_code, 0) << verify.err;
    ASSERT_TRUE(contains(verify.out, "intact")) << verify.out;
    records_ = sql_count(hub_.database_path(), "SELECT count(*) FROM audit_log");
    ASSERT_GE(records_, 10);
  }

  // What an attacker with the file does first: remove the append-only triggers.
  void drop_triggers() {
    ASSERT_EQ(sql_exec(hub_.database_path(),
                       "DROP TRIGGER audit_log_no_update; "
                       "DROP TRIGGER audit_log_no_delete;"),
              "");
  }

  CommandResult verify() const { return hub_.cli({"audit", "verify"}); }

  std::int64_t records_ = 0;
};

TEST_F(AuditTamperTest, IntactTrailVerifies) {
  const CommandResult r = verify();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, std::to_string(records_) + " records")) << r.out;
}

TEST_F(AuditTamperTest, AppendOnlyTriggersRefuseChangesThroughSql) {
  EXPECT_NE(sql_exec(hub_.database_path(), "UPDATE audit_log SET detail = 'x' WHERE seq = 5"), "");
  EXPECT_NE(sql_exec(hub_.database_path(), "DELETE FROM audit_log WHERE seq = 5"), "");
  EXPECT_EQ(sql_count(hub_.database_path(), "SELECT count(*) FROM audit_log"), records_);
  EXPECT_EQ(verify().exit_code, 0);
}

TEST_F(AuditTamperTest, EditedRecordIsReportedByNumber) {
  ASSERT_NO_FATAL_FAILURE(drop_triggers());
  ASSERT_EQ(
      sql_exec(hub_.database_path(), "UPDATE audit_log SET user = 'someone.else' WHERE seq = 5"),
      "");
  const CommandResult r = verify();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "BROKEN at record 5")) << r.err;
  EXPECT_TRUE(contains(r.err, "altered")) << r.err;
}

TEST_F(AuditTamperTest, EditedTimeOfLastRecordIsDetected) {
  ASSERT_NO_FATAL_FAILURE(drop_triggers());
  ASSERT_EQ(
      sql_exec(hub_.database_path(), "UPDATE audit_log SET time = time - 86400000 WHERE seq = " +
                                         std::to_string(records_)),
      "");
  const CommandResult r = verify();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "record " + std::to_string(records_))) << r.err;
}

TEST_F(AuditTamperTest, DeletedMiddleRecordIsDetected) {
  ASSERT_NO_FATAL_FAILURE(drop_triggers());
  const std::int64_t middle = records_ / 2;
  ASSERT_EQ(
      sql_exec(hub_.database_path(), "DELETE FROM audit_log WHERE seq = " + std::to_string(middle)),
      "");
  const CommandResult r = verify();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "BROKEN at record " + std::to_string(middle + 1))) << r.err;
}

TEST_F(AuditTamperTest, ForgedCopyOfRecordIsDetected) {
  ASSERT_NO_FATAL_FAILURE(drop_triggers());
  ASSERT_EQ(sql_exec(hub_.database_path(),
                     "INSERT INTO audit_log SELECT (SELECT max(seq) + 1 FROM audit_log), time, "
                     "user, desk, action, object, case_id, outcome, request_id, detail, "
                     "prev_hash, hash FROM audit_log WHERE seq = 3"),
            "");
  const CommandResult r = verify();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "BROKEN at record " + std::to_string(records_ + 1))) << r.err;
}

TEST_F(AuditTamperTest, ForgedRecordBeforeTheFirstIsDetected) {
  ASSERT_NO_FATAL_FAILURE(drop_triggers());
  ASSERT_EQ(sql_exec(hub_.database_path(),
                     "INSERT INTO audit_log SELECT 0, time, user, desk, action, object, case_id, "
                     "outcome, request_id, detail, prev_hash, hash FROM audit_log WHERE seq = 1"),
            "");
  const CommandResult r = verify();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "BROKEN at record 0")) << r.err;
}

TEST_F(AuditTamperTest, SwappedRecordsAreDetected) {
  ASSERT_NO_FATAL_FAILURE(drop_triggers());
  // Each row keeps its seq but takes the other's contents, hashes included.
  ASSERT_EQ(sql_exec(hub_.database_path(),
                     "CREATE TEMP TABLE pair AS SELECT * FROM audit_log WHERE seq IN (4, 5);"
                     "UPDATE audit_log SET (time, user, desk, action, object, case_id, outcome, "
                     "request_id, detail, prev_hash, hash) = (SELECT time, user, desk, action, "
                     "object, case_id, outcome, request_id, detail, prev_hash, hash FROM pair "
                     "WHERE pair.seq = 9 - audit_log.seq) WHERE seq IN (4, 5);"),
            "");
  ASSERT_NE(sql_rows(hub_.database_path(), "SELECT hash FROM audit_log WHERE seq = 4"),
            sql_rows(hub_.database_path(), "SELECT hash FROM audit_log WHERE seq = 5"));
  const CommandResult r = verify();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "BROKEN at record 4")) << r.err;
}

TEST_F(CommandLineTest, BackupHoldsTheSameCasesAndAnIntactTrail) {
  ASSERT_NO_FATAL_FAILURE(load_demo());
  const std::string backup = hub_.dir().file("backup.db");
  const CommandResult r = hub_.cli({"backup", backup});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(std::filesystem::exists(backup));

  const std::string cases = "SELECT desk, reference, title, stage FROM cases ORDER BY id";
  const auto original = sql_rows(hub_.database_path(), cases);
  EXPECT_EQ(original.size(), 7u);
  EXPECT_EQ(sql_rows(backup, cases), original);
  const std::string entities = "SELECT case_id, ftm_id, properties FROM entities ORDER BY id";
  EXPECT_EQ(sql_rows(backup, entities), sql_rows(hub_.database_path(), entities));

  // The backup is a working data directory of its own.
  TempDir restored;
  std::filesystem::create_directories(restored.file("data"));
  std::filesystem::copy_file(backup, restored.file("data/crossroads.db"));
  const CommandResult verify =
      run_program(crossroads_binary(), {"--data-dir", restored.file("data"), "audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  const CommandResult list =
      run_program(crossroads_binary(), {"--data-dir", restored.file("data"), "case", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out, hub_.cli({"case", "list"}).out);

  // An existing file is never overwritten.
  const CommandResult again = hub_.cli({"backup", backup});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_EQ(sql_rows(backup, cases), original);
}

TEST(CommandLine, VersionAndHelpExitZero) {
  const CommandResult version = run_program(crossroads_binary(), {"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_TRUE(contains(version.out, "crossroads 0.")) << version.out;
  const CommandResult help = run_program(crossroads_binary(), {"--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  for (const char* command :
       {"serve", "init", "demo", "user", "import", "export", "audit", "backup"}) {
    EXPECT_TRUE(contains(help.out, command)) << command;
  }
  for (const std::vector<std::string>& args : {std::vector<std::string>{"serve", "--help"},
                                               {"import", "ftm", "--help"},
                                               {"audit", "verify", "--help"}}) {
    EXPECT_EQ(run_program(crossroads_binary(), args).exit_code, 0) << args[0];
  }
}

// `crossroads normalize`: identifiers and person names as JSON; garbage is refused with a reason.
TEST(CommandLine, NormalizePrintsIdentifiersAndNamesAsJson) {
  const CommandResult phone =
      run_program(crossroads_binary(), {"normalize", "phone", "091 234 5678", "--country", "LY"});
  EXPECT_EQ(phone.exit_code, 0) << phone.err;
  EXPECT_TRUE(contains(phone.out, "+218912345678")) << phone.out;
  const CommandResult name =
      run_program(crossroads_binary(), {"normalize", "name", "محمد عبد الرحمن"});
  EXPECT_EQ(name.exit_code, 0) << name.err;
  EXPECT_TRUE(contains(name.out, "\"kind\":\"name\"")) << name.out;
  EXPECT_TRUE(contains(name.out, "\"script\":\"Arab\"")) << name.out;
  EXPECT_TRUE(contains(name.out, "\"keys\":[")) << name.out;
  const CommandResult bad = run_program(crossroads_binary(), {"normalize", "iban", "DE00 1234"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(bad.err.empty());
  const CommandResult unknown = run_program(crossroads_binary(), {"normalize", "shoe", "42"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_TRUE(contains(unknown.err, "name, phone")) << unknown.err;
}

TEST(CommandLine, UnknownSubcommandFails) {
  TempDir dir;
  const CommandResult unknown =
      run_program(crossroads_binary(), {"--data-dir", dir.file("data"), "frobnicate"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_FALSE(unknown.err.empty());
  EXPECT_NE(run_program(crossroads_binary(), {}).exit_code, 0);
  EXPECT_NE(run_program(crossroads_binary(), {"user"}).exit_code, 0);
  EXPECT_NE(run_program(crossroads_binary(), {"user", "add"}).exit_code, 0);
}

// `crossroads trends`: an import names the rows it could not read and keeps the others; a newer
// file of the same kind replaces the older one's figures; shifts print as a table.
TEST(CommandLine, TrendsImportReportsBadRowsReplacesAndShiftsPrintATable) {
  TempDir dir;
  const std::string data = dir.file("data");
  std::string csv = "Web ID,Reported Date,Number Dead,Migration Route\n";
  for (int m = 1; m <= 12; ++m) {  // 2018: 2 dead a month; 2019: 40 a month
    for (int y : {2018, 2019}) {
      csv += std::to_string(y * 100 + m) + ",1" + "-" +
             std::string("JanFebMarAprMayJunJulAugSepOctNovDec").substr((m - 1) * 3, 3) + "-" +
             std::to_string(y % 100) + "," + (y == 2018 ? "2" : "40") + ",Central Mediterranean\n";
    }
  }
  csv += "999,31/02/2019,1,Central Mediterranean\n";
  ASSERT_TRUE(write_file(dir.file("iom.csv"), csv));
  const CommandResult first = run_program(
      crossroads_binary(), {"--data-dir", data, "trends", "import", "iom", dir.file("iom.csv")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(contains(first.err, "row 26, column 'Reported Date': not a date: '31/02/2019'"))
      << first.err;
  EXPECT_TRUE(contains(first.out, "24 incidents, 1 rows rejected")) << first.out;
  const CommandResult again = run_program(
      crossroads_binary(), {"--data-dir", data, "trends", "import", "iom", dir.file("iom.csv")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out, "24 incidents of the previous iom file replaced")) << again.out;
  const CommandResult shifts =
      run_program(crossroads_binary(), {"--data-dir", data, "trends", "shifts", "--measure", "dead",
                                        "--route", "central_mediterranean"});
  ASSERT_EQ(shifts.exit_code, 0) << shifts.err;
  EXPECT_TRUE(contains(shifts.out, "central_mediterranean")) << shifts.out;
  EXPECT_TRUE(contains(shifts.out, "2019-01  up")) << shifts.out;
  const CommandResult bad = run_program(
      crossroads_binary(), {"--data-dir", data, "trends", "shifts", "--penalty", "lots"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_TRUE(contains(bad.err, "not a penalty")) << bad.err;
}

}  // namespace
}  // namespace crossroads::integration
