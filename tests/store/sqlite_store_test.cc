#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/audit_chain.h"
#include "core/crypto.h"
#include "store/migrations.h"
#include "store/store.h"
#include "temp_dir.h"

namespace crossroads::store {
namespace {

using core::Status;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::init_crypto();
    store_ = open();
    ASSERT_TRUE(store_->write([](Transaction& tx) {
      CR_RETURN_IF_ERROR(tx.upsert_desk({"IT", "Italy", "EU"}));
      CR_RETURN_IF_ERROR(tx.upsert_desk({"DE", "Germany", "EU"}));
      return tx.upsert_desk({"GR", "Greece", "EU"});
    }));
  }

  std::unique_ptr<Store> open() {
    auto s = open_sqlite_store({dir_.file("db.sqlite")});
    EXPECT_TRUE(s.is_ok()) << s.status().to_string();
    return std::move(s).value();
  }

  core::Id add_case(const std::string& desk, const std::string& ref) {
    core::Id id = 0;
    EXPECT_TRUE(store_->write([&](Transaction& tx) -> Status {
      core::Case c;
      c.desk = desk;
      c.reference = ref;
      c.title = "Case " + ref;
      c.offences = {"migrant_smuggling"};
      c.stage_date = "2026-01-01";
      c.retention_review = "2029-01-01";
      CR_ASSIGN_OR_RETURN(id, tx.insert_case(c));
      return Status::ok();
    }));
    return id;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, RollsBackEverythingWhenWorkFails) {
  Status st = store_->write([&](Transaction& tx) -> Status {
    core::Case c;
    c.desk = "IT";
    c.reference = "R1";
    c.title = "t";
    c.stage_date = "2026-01-01";
    c.retention_review = "2029-01-01";
    CR_RETURN_IF_ERROR(tx.insert_case(c).status());
    return core::invalid("something later was wrong");
  });
  EXPECT_FALSE(st.is_ok());
  ASSERT_TRUE(store_->read([](Transaction& tx) -> Status {
    CaseQuery q;
    q.unrestricted = true;
    CR_ASSIGN_OR_RETURN(auto listing, tx.list_cases(q));
    EXPECT_EQ(listing.total, 0);
    return Status::ok();
  }));
}

TEST_F(SqliteStoreTest, RefusesDuplicateReferenceWithinADeskOnly) {
  add_case("IT", "RGNR 1/2025");
  EXPECT_NE(add_case("DE", "RGNR 1/2025"), 0);
  Status st = store_->write([&](Transaction& tx) -> Status {
    core::Case c;
    c.desk = "IT";
    c.reference = "RGNR 1/2025";
    c.title = "again";
    c.stage_date = "2026-01-01";
    c.retention_review = "2029-01-01";
    return tx.insert_case(c).status();
  });
  EXPECT_EQ(st.code(), core::Code::kConflict);
  EXPECT_EQ(st.field(), "reference");
}

TEST_F(SqliteStoreTest, ListsOnlyCasesOwnedByOrSharedWithTheDesk) {
  const auto it_case = add_case("IT", "A");
  add_case("DE", "B");
  add_case("GR", "C");
  ASSERT_TRUE(store_->write([&](Transaction& tx) { return tx.add_share(it_case, "GR", 1, 5); }));
  ASSERT_TRUE(store_->read([](Transaction& tx) -> Status {
    CaseQuery q;
    q.visible_to_desk = "GR";
    q.sort = "reference";
    q.descending = false;
    CR_ASSIGN_OR_RETURN(auto listing, tx.list_cases(q));
    EXPECT_EQ(listing.total, 2);
    EXPECT_EQ(listing.items.at(0).reference, "A");
    EXPECT_EQ(listing.items.at(0).shared_with, std::vector<std::string>{"GR"});
    EXPECT_EQ(listing.items.at(1).reference, "C");
    q.visible_to_desk = "";  // no desk, no rights: nothing
    CR_ASSIGN_OR_RETURN(listing, tx.list_cases(q));
    EXPECT_EQ(listing.total, 0);
    return Status::ok();
  }));
}

TEST_F(SqliteStoreTest, FiltersTextWithoutTreatingPercentAsWildcard) {
  add_case("IT", "100% match");
  add_case("IT", "1000 other");
  ASSERT_TRUE(store_->read([](Transaction& tx) -> Status {
    CaseQuery q;
    q.visible_to_desk = "IT";
    q.text = "100%";
    CR_ASSIGN_OR_RETURN(auto listing, tx.list_cases(q));
    EXPECT_EQ(listing.total, 1);
    return Status::ok();
  }));
}

TEST_F(SqliteStoreTest, RefusesUnknownSortField) {
  Status st = store_->read([](Transaction& tx) -> Status {
    CaseQuery q;
    q.unrestricted = true;
    q.sort = "title; DROP TABLE cases";
    return tx.list_cases(q).status();
  });
  EXPECT_EQ(st.code(), core::Code::kInvalidArgument);
  EXPECT_EQ(st.field(), "sort");
}

TEST_F(SqliteStoreTest, StaleVersionIsAConflict) {
  const auto id = add_case("IT", "V");
  core::Case c;
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(c, tx.get_case(id));
    return Status::ok();
  }));
  c.title = "first edit";
  ASSERT_TRUE(store_->write([&](Transaction& tx) { return tx.update_case(c); }));
  c.title = "second edit from the same stale copy";
  Status st = store_->write([&](Transaction& tx) { return tx.update_case(c); });
  EXPECT_EQ(st.code(), core::Code::kConflict);
}

TEST_F(SqliteStoreTest, DeletingACaseDeletesItsEntitiesAndShares) {
  const auto id = add_case("IT", "D");
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(tx.add_share(id, "DE", 1, 1));
    core::Entity e;
    e.case_id = id;
    e.ftm_id = "p1";
    e.schema = "Person";
    e.properties["name"] = {"Ali"};
    return tx.insert_entity(e).status();
  }));
  ASSERT_TRUE(store_->write([&](Transaction& tx) { return tx.delete_case(id); }));
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    EXPECT_EQ(tx.count_entities(id).value(), 0);
    EXPECT_EQ(tx.get_case(id).status().code(), core::Code::kNotFound);
    return Status::ok();
  }));
}

TEST_F(SqliteStoreTest, KeepsEntityPropertiesExactly) {
  const auto id = add_case("IT", "E");
  core::Entity e;
  e.case_id = id;
  e.ftm_id = "p1";
  e.schema = "Person";
  e.properties["name"] = {"محمد عبد الرحمن", "Mohamed \"Abu\" Abdelrahman"};
  e.properties["phone"] = {"+218912345678"};
  core::Id eid = 0;
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(eid, tx.insert_entity(e));
    return Status::ok();
  }));
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto back, tx.get_entity(eid));
    EXPECT_EQ(back.properties, e.properties);
    return Status::ok();
  }));
}

TEST_F(SqliteStoreTest, ScansEveryEntityInIdOrderWithItsDeskAndProperties) {
  const auto it_case = add_case("IT", "S1");
  const auto de_case = add_case("DE", "S2");
  std::vector<core::Entity> written;
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 6; ++i) {
      core::Entity e;
      e.case_id = i % 2 == 0 ? it_case : de_case;
      e.ftm_id = "e" + std::to_string(i);
      e.schema = i % 3 == 0 ? "Person" : "Call";
      e.caption = "caption " + std::to_string(i);
      e.source = "manual";
      e.properties["name"] = {"محمد \"Abu\" " + std::to_string(i), "tab\there\\", "\u00e9\u2028"};
      e.properties["phone"] = {"+218 91 234 567" + std::to_string(i)};
      if (i == 4) e.properties["empty"] = {};
      CR_ASSIGN_OR_RETURN(e.id, tx.insert_entity(e));
      written.push_back(e);
    }
    return Status::ok();
  }));
  std::vector<std::pair<core::Entity, std::string>> seen;
  ASSERT_TRUE(store_->read([&](Transaction& tx) {
    return tx.scan_entities([&](core::Entity&& e, const std::string& desk) {
      seen.emplace_back(std::move(e), desk);
      return true;
    });
  }));
  ASSERT_EQ(seen.size(), written.size());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].first.id, written[i].id);
    EXPECT_EQ(seen[i].first.case_id, written[i].case_id);
    EXPECT_EQ(seen[i].first.ftm_id, written[i].ftm_id);
    EXPECT_EQ(seen[i].first.schema, written[i].schema);
    EXPECT_EQ(seen[i].first.caption, written[i].caption);
    EXPECT_EQ(seen[i].first.properties, written[i].properties);
    EXPECT_EQ(seen[i].second, i % 2 == 0 ? "IT" : "DE");
  }
  // A visitor that answers false stops the scan there.
  int visited = 0;
  ASSERT_TRUE(store_->read([&](Transaction& tx) {
    return tx.scan_entities([&](core::Entity&&, const std::string&) { return ++visited < 2; });
  }));
  EXPECT_EQ(visited, 2);
}

// Properties written by another tool (or an older version) that are not arrays of strings read
// as they always did: what is not a string value is skipped, never a reason to fail the read.
TEST_F(SqliteStoreTest, ReadsPropertiesOfAnotherShapeWithoutFailing) {
  const auto case_id = add_case("IT", "P1");
  core::Entity e;
  e.case_id = case_id;
  e.ftm_id = "p1";
  e.schema = "Person";
  e.properties["name"] = {"x"};
  core::Id eid = 0;
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(eid, tx.insert_entity(e));
    return Status::ok();
  }));
  const auto read_back = [&](const std::string& json) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir_.file("db.sqlite").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "UPDATE entities SET properties = ? WHERE id = ?", -1, &stmt,
                                 nullptr),
              SQLITE_OK);
    sqlite3_bind_text(stmt, 1, json.c_str(), static_cast<int>(json.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, eid);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    core::Properties props;
    EXPECT_TRUE(store_->read([&](Transaction& tx) -> Status {
      CR_ASSIGN_OR_RETURN(auto back, tx.get_entity(eid));
      props = back.properties;
      return Status::ok();
    }));
    return props;
  };
  using P = core::Properties;
  EXPECT_EQ(read_back(R"({"name":["a",1,null,["b"],{"c":"d"},"e"],"n":3,"o":{"k":["v"]}})"),
            (P{{"name", {"a", "e"}}, {"n", {}}, {"o", {}}}));
  EXPECT_EQ(read_back(R"({"name":["first"],"name":["second"]})"), (P{{"name", {"second"}}}));
  EXPECT_EQ(read_back(R"({"name":["\u0645\ud83d\ude00 \"q\""]})"),
            (P{{"name", {"\u0645\U0001F600 \"q\""}}}));
  EXPECT_EQ(read_back(R"(["name"])"), P{});
  EXPECT_EQ(read_back(R"("name")"), P{});
  EXPECT_EQ(read_back(R"({"name":["a"]} trailing)"), P{});
  EXPECT_EQ(read_back(R"({"name":["a")"), P{});
  EXPECT_EQ(read_back(""), P{});
}

TEST_F(SqliteStoreTest, AppendsAChainedAuditTrailThatSurvivesReopening) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
      core::AuditRecord r;
      r.time = 1000 + i;
      r.user = "anna";
      r.action = "case.read";
      r.object = "case:1";
      r.outcome = "ok";
      return tx.append_audit(r).status();
    }));
  }
  store_.reset();
  store_ = open();
  core::AuditChainVerifier verifier;
  ASSERT_TRUE(store_->read([&](Transaction& tx) {
    return tx.scan_audit([&](const core::AuditRecord& r) { return verifier.add(r); });
  }));
  EXPECT_TRUE(verifier.finish().intact);
  EXPECT_EQ(verifier.finish().records, 3);
}

TEST_F(SqliteStoreTest, DatabaseRefusesToChangeOrDeleteAuditRecords) {
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    core::AuditRecord r;
    r.user = "anna";
    r.action = "case.read";
    return tx.append_audit(r).status();
  }));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.file("db.sqlite").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET user = 'mallory'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, BackupIsAConsistentCopy) {
  add_case("IT", "B1");
  ASSERT_TRUE(store_->backup(dir_.file("backup.sqlite")));
  auto copy = open_sqlite_store({dir_.file("backup.sqlite")});
  ASSERT_TRUE(copy.is_ok());
  ASSERT_TRUE((*copy)->read([](Transaction& tx) -> Status {
    CaseQuery q;
    q.unrestricted = true;
    CR_ASSIGN_OR_RETURN(auto listing, tx.list_cases(q));
    EXPECT_EQ(listing.total, 1);
    return Status::ok();
  }));
  // An existing file is never overwritten.
  EXPECT_FALSE(store_->backup(dir_.file("backup.sqlite")));
}

TEST_F(SqliteStoreTest, ReopeningAppliesNoMigrationTwice) {
  store_.reset();
  store_ = open();
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.file("db.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM schema_migrations", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), static_cast<int>(sqlite_migrations().size()));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace
}  // namespace crossroads::store
