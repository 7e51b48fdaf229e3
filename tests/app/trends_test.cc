// The trends service: who may import, re-imports replace instead of doubling, a bad file changes
// nothing, figures from cases count only readable cases (and the read is audited), the annual
// statistics.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "app/trends.h"
#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Role;

const char* kIomFirst =
    "Web ID,Reported Date,Number Dead,Minimum Estimated Number of Missing,Migration Route\n"
    "1,12-Jan-18,3,2,Central Mediterranean\n"
    "2,20-Jan-18,1,,Western Balkans\n";
const char* kIomSecond =
    "Web ID,Reported Date,Number Dead,Minimum Estimated Number of Missing,Migration Route\n"
    "1,12-Jan-18,4,2,Central Mediterranean\n"
    "3,02-Feb-18,7,,Central Mediterranean\n"
    "4,31/02/2018,1,,Central Mediterranean\n";

double total(const std::vector<trends::Series>& series, const std::string& key) {
  for (const auto& s : series) {
    if (s.key == key) return s.total;
  }
  return 0;
}

std::vector<core::AuditRecord> audit_records(testing::HubFixture& fx, const std::string& action) {
  std::vector<core::AuditRecord> out;
  (void)fx.hub.store->read([&](store::Transaction& tx) {
    store::AuditQuery q;
    q.action_prefix = action;
    q.limit = 100;
    out = tx.list_audit(q).value();
    return core::Status::ok();
  });
  return out;
}

TEST(TrendsService, ReimportReplacesTheSameSourceInsteadOfDoubling) {
  testing::HubFixture fx;
  auto analyst = fx.actor("it.analyst", Role::kAnalyst, "IT");
  auto first = fx.hub.trends->import(analyst, "iom", kIomFirst, "first.csv");
  ASSERT_TRUE(first.is_ok()) << first.status().to_string();
  EXPECT_EQ(first->rows_imported, 2);
  EXPECT_EQ(first->rows_replaced, 0);
  auto second = fx.hub.trends->import(analyst, "iom", kIomSecond, "second.csv");
  ASSERT_TRUE(second.is_ok()) << second.status().to_string();
  EXPECT_EQ(second->rows_imported, 2);
  EXPECT_EQ(second->rows_replaced, 2);
  ASSERT_EQ(second->errors.size(), 1u);
  EXPECT_EQ(second->errors[0].row, 4);
  EXPECT_EQ(second->source.rejected, 1);

  trends::SeriesOptions o;
  o.measure = trends::Measure::kDead;
  auto series = fx.hub.trends->series(analyst, {}, o);
  ASSERT_TRUE(series.is_ok());
  EXPECT_EQ(total(*series, "central_mediterranean"), 11);  // 4 + 7, not 3 + 4 + 7
  EXPECT_EQ(total(*series, "western_balkans"), 0);
  auto sources = fx.hub.trends->sources(analyst);
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].file_name, "second.csv");
  EXPECT_EQ(audit_records(fx, "trends.import").size(), 2u);
}

TEST(TrendsService, AFileWithoutReadableRowsChangesNothing) {
  testing::HubFixture fx;
  auto analyst = fx.actor("it.analyst", Role::kAnalyst, "IT");
  ASSERT_TRUE(fx.hub.trends->import(analyst, "iom", kIomFirst, "first.csv").is_ok());
  auto bad =
      fx.hub.trends->import(analyst, "iom", "Reported Date,Number Dead\nnot a date,1\n", "bad.csv");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("row 2 (Reported Date): not a date"), std::string::npos);
  EXPECT_FALSE(fx.hub.trends->import(analyst, "frontex", "not a workbook", "x.xlsx").is_ok());
  auto sources = fx.hub.trends->sources(analyst);
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].file_name, "first.csv");
}

TEST(TrendsService, OnlyImportingRolesImportAndRefusalsAreAudited) {
  testing::HubFixture fx;
  auto prosecutor = fx.actor("it.prosecutor", Role::kProsecutor, "IT");
  auto observer = fx.actor("it.observer", Role::kObserver, "IT");
  auto secretariat = fx.actor("secretariat", Role::kSecretariat, "IT");
  auto refused = fx.hub.trends->import(prosecutor, "iom", kIomFirst, "x.csv");
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), core::Code::kPermissionDenied);
  EXPECT_FALSE(fx.hub.trends->import(observer, "iom", kIomFirst, "x.csv").is_ok());
  EXPECT_TRUE(fx.hub.trends->import(secretariat, "iom", kIomFirst, "x.csv").is_ok());
  auto records = audit_records(fx, "trends.import");
  int denied = 0;
  for (const auto& r : records) denied += r.outcome == "denied";
  EXPECT_EQ(denied, 2);
  // Everyone reads the published figures.
  EXPECT_TRUE(fx.hub.trends->series(observer, {}, {}).is_ok());
}

TEST(TrendsService, CaseIncidentsCountOnlyForDesksThatMayReadTheCase) {
  testing::HubFixture fx;
  auto owner = fx.actor("it.prosecutor", Role::kProsecutor, "IT");
  auto it_analyst = fx.actor("it.analyst", Role::kAnalyst, "IT");
  auto de_prosecutor = fx.actor("de.prosecutor", Role::kProsecutor, "DE");
  auto secretariat = fx.actor("secretariat", Role::kSecretariat, "IT");
  auto c = fx.open_case(owner, "RGNR 1/2025");
  core::Entity e;
  e.schema = "Event";
  e.properties["name"] = {"Landing at Lampedusa"};
  e.properties["date"] = {"2025-06-03"};
  e.properties["country"] = {"it"};
  e.properties["description"] = {"52 migrants on a rubber boat, 1 dead, 0 missing"};
  ASSERT_TRUE(fx.hub.cases->create_entity(owner, c.id, e).is_ok());

  TrendQuery q;
  q.source = "cases";
  auto mine = fx.hub.trends->series(it_analyst, q, {});
  ASSERT_TRUE(mine.is_ok()) << mine.status().to_string();
  EXPECT_EQ(total(*mine, "central_mediterranean"), 52);
  auto reads = audit_records(fx, "trends.series.cases");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].case_id, c.id);

  auto theirs = fx.hub.trends->series(de_prosecutor, q, {});
  ASSERT_TRUE(theirs.is_ok());
  EXPECT_TRUE(theirs->empty());
  EXPECT_TRUE(fx.hub.trends->series(secretariat, q, {})->empty());
  ASSERT_TRUE(fx.hub.cases->share_case(owner, c.id, "DE").is_ok());
  EXPECT_EQ(total(*fx.hub.trends->series(de_prosecutor, q, {}), "central_mediterranean"), 52);
}

TEST(TrendsService, CountryPageShowsCaseCountsOnlyToItsDeskAndStatisticsReaders) {
  testing::HubFixture fx;
  auto owner = fx.actor("it.prosecutor", Role::kProsecutor, "IT");
  auto de = fx.actor("de.prosecutor", Role::kProsecutor, "DE");
  fx.open_case(owner, "A-1");
  fx.open_case(owner, "A-2");
  auto page = fx.hub.trends->country(owner, "it", {}, false);
  ASSERT_TRUE(page.is_ok()) << page.status().to_string();
  EXPECT_EQ(page->country, "IT");
  EXPECT_NE(std::find(page->routes.begin(), page->routes.end(), "central_mediterranean"),
            page->routes.end());
  ASSERT_FALSE(page->cases_per_year.empty());
  EXPECT_EQ(page->cases_per_year.back().year, 2026);
  EXPECT_EQ(page->cases_per_year.back().opened, 2);
  auto other = fx.hub.trends->country(de, "IT", {}, false);
  ASSERT_TRUE(other.is_ok());
  EXPECT_FALSE(other->cases_visible);
  EXPECT_TRUE(other->cases_per_year.empty());
  EXPECT_FALSE(fx.hub.trends->country(owner, "ITA", {}, false).is_ok());
}

TEST(TrendsService, AnnualStatisticsCountCasesJitsAndMeetings) {
  testing::HubFixture fx;
  auto it = fx.actor("it.prosecutor", Role::kProsecutor, "IT");
  auto de = fx.actor("de.prosecutor", Role::kProsecutor, "DE");
  auto secretariat = fx.actor("secretariat", Role::kSecretariat, "IT");
  auto a = fx.open_case(it, "A-1");
  fx.open_case(it, "A-2");
  fx.open_case(de, "D-1");
  CaseFields close;
  close.stage = "closed";
  close.stage_date = "2026-12-01";
  close.version = a.version;
  ASSERT_TRUE(fx.hub.cases->update_case(it, a.id, close).is_ok());
  ASSERT_TRUE(fx.hub.store
                  ->write([&](store::Transaction& tx) -> core::Status {
                    const std::vector<std::tuple<const char*, const char*, const char*>> records = {
                        {"jit", "2025-05-01", ""},
                        {"jit", "2026-02-01", ""},
                        {"jit", "2024-01-01", "2025-06-30"},
                        {"coordination_meeting", "2026-03-01", ""},
                        {"coordination_meeting", "2025-03-01", ""}};
                    for (const auto& [kind, start, end] : records) {
                      core::Cooperation r;
                      r.case_id = a.id;
                      r.kind = kind;
                      r.title = kind;
                      r.started_on = start;
                      r.ended_on = end;
                      r.created_by = it.user.id;
                      CR_RETURN_IF_ERROR(tx.insert_cooperation(r).status());
                    }
                    return core::Status::ok();
                  })
                  .is_ok());
  auto stats = fx.hub.trends->annual(secretariat, 2026);
  ASSERT_TRUE(stats.is_ok()) << stats.status().to_string();
  EXPECT_EQ(stats->cases_new, 3);
  EXPECT_EQ(stats->cases_ongoing, 3);
  ASSERT_EQ(stats->by_desk.size(), 2u);
  EXPECT_EQ(stats->by_desk[1].desk, "IT");
  EXPECT_EQ(stats->by_desk[1].opened, 2);
  std::map<std::string, std::int64_t> stages(stats->by_stage.begin(), stats->by_stage.end());
  EXPECT_EQ(stages["closed"], 1);
  EXPECT_EQ(stages["opened"], 2);
  EXPECT_EQ(stats->jits_new, 1);
  EXPECT_EQ(stats->jits_ongoing, 2);
  EXPECT_EQ(stats->coordination_meetings, 1);
  auto next = fx.hub.trends->annual(secretariat, 2027);
  EXPECT_EQ(next->cases_ongoing, 2);  // the closed case is not carried into 2027
  EXPECT_EQ(next->cases_new, 0);
  auto refused = fx.hub.trends->annual(it, 2026);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), core::Code::kPermissionDenied);
}

TEST(TrendsService, TheRealFrontexWorkbookRoundTripsThroughTheStore) {
  const char* src = std::getenv("CROSSROADS_SOURCE_DIR");
  const auto path = std::filesystem::path(src ? src : ".") / ".." / "shared" / "data" / "frontex" /
                    "monthly-detections-ibc-2009-2025.xlsx";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "the Frontex workbook is not at " << path;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  testing::HubFixture fx;
  auto analyst = fx.actor("it.analyst", Role::kAnalyst, "IT");
  auto report = fx.hub.trends->import(analyst, "frontex", bytes.str(), path.filename().string());
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->source.rows, 885);
  TrendQuery q;
  q.filter.from = 2022 * 12;
  q.filter.to = 2022 * 12 + 11;
  auto series = fx.hub.trends->series(analyst, q, {});
  ASSERT_TRUE(series.is_ok());
  EXPECT_EQ(total(*series, "western_balkans"), 144118);
  auto shifts = fx.hub.trends->shifts(analyst, {}, trends::Measure::kDetections, {});
  ASSERT_TRUE(shifts.is_ok()) << shifts.status().to_string();
  EXPECT_FALSE(shifts->shifts.empty());
  // One nationality: its series on each route and across every route (route empty).
  TrendQuery syrians;
  syrians.filter.nationality = "Syria";
  auto by_nationality = fx.hub.trends->shifts(analyst, syrians, trends::Measure::kDetections, {});
  ASSERT_TRUE(by_nationality.is_ok());
  bool across = false;
  for (const auto& s : by_nationality->shifts) {
    EXPECT_EQ(s.series.nationality, "Syria");
    across |= s.series.route.empty();
  }
  EXPECT_TRUE(across);
}

}  // namespace
}  // namespace crossroads::app
