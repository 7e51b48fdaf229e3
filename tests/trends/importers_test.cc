// The importers on the real published files (skipped when ../shared/data is absent), checked
// against figures Frontex announced, and on small files with bad rows.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "trends/events.h"
#include "trends/frontex.h"
#include "trends/iom.h"

namespace crossroads::trends {
namespace {

std::filesystem::path shared_data() {
  const char* src = std::getenv("CROSSROADS_SOURCE_DIR");
  return std::filesystem::path(src ? src : ".") / ".." / "shared" / "data";
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path frontex_file() {
  return shared_data() / "frontex" / "monthly-detections-ibc-2009-2025.xlsx";
}

std::filesystem::path iom_file() {
  return shared_data() / "iom-missing-migrants" / "MissingMigrants-Global-2019-11-04.csv";
}

std::int64_t year_total(const ImportResult& r, const std::string& route, int year) {
  std::int64_t sum = 0;
  for (const auto& i : r.incidents) {
    if (i.route == route && month_year(i.month) == year) sum += i.detected;
  }
  return sum;
}

TEST(FrontexImport, MatchesTheFiguresFrontexAnnounced) {
  if (!std::filesystem::exists(frontex_file())) {
    GTEST_SKIP() << "the Frontex workbook is not at " << frontex_file();
  }
  const std::string bytes = read_all(frontex_file());
  auto r = import_frontex(bytes, Taxonomy::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(year_total(*r, "western_balkans", 2022), 144118);
  EXPECT_EQ(year_total(*r, "central_mediterranean", 2023), 158026);
  EXPECT_EQ(year_total(*r, "western_african", 2024), 46820);
  EXPECT_EQ(r->rows, 885);
  EXPECT_TRUE(r->errors.empty()) << r->errors.front().row << " " << r->errors.front().reason;
  // Every route of the workbook lands on a taxonomy route; nationalities and border types kept.
  std::map<std::string, std::int64_t> by_route;
  bool syria = false;
  bool sea = false;
  for (const auto& i : r->incidents) {
    by_route[i.route] += i.detected;
    syria |= i.nationality == "Syria";
    sea |= i.border_type == "sea";
    EXPECT_GE(i.month, 2009 * 12);
    EXPECT_LE(i.month, 2025 * 12 + 3);
  }
  EXPECT_EQ(by_route.size(), 9u);
  EXPECT_TRUE(syria);
  EXPECT_TRUE(sea);
}

TEST(IomImport, ReadsTheRealExportAndMapsRoutes) {
  if (!std::filesystem::exists(iom_file()))
    GTEST_SKIP() << "the IOM export is not at " << iom_file();
  auto r = import_iom(read_all(iom_file()), Taxonomy::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->rows, 6090);
  // Every row is readable, including "1,022" written with a thousands separator.
  EXPECT_EQ(r->incidents.size(), 6090u);
  EXPECT_TRUE(r->errors.empty()) << r->errors.front().row << ": " << r->errors.front().reason;
  std::map<std::string, std::int64_t> incidents_by_route;
  std::int64_t dead = 0;
  for (const auto& i : r->incidents) {
    ++incidents_by_route[i.route];
    dead += i.dead;
  }
  // The export's own counts of "Migration Route" values.
  EXPECT_EQ(incidents_by_route["central_mediterranean"], 521);
  EXPECT_EQ(incidents_by_route["western_balkans"], 77);
  EXPECT_EQ(incidents_by_route["channel"], 54);  // "Calais to United Kingdom"
  EXPECT_GT(incidents_by_route["other"], 4000);  // Central America to US, empty, ...
  EXPECT_GT(dead, 10000);
  const auto& first = r->incidents.front();  // 52519, 29-Oct-19, Western African
  EXPECT_EQ(first.source_ref, "52519");
  EXPECT_EQ(first.date, "2019-10-29");
  EXPECT_EQ(first.route, "western_african");
  EXPECT_EQ(first.dead, 4);
  EXPECT_EQ(first.missing, 1);
  EXPECT_EQ(first.survivors, 29);
  ASSERT_TRUE(first.latitude.has_value());
  EXPECT_NEAR(*first.latitude, 23.6129, 1e-3);
}

TEST(IomImport, ToleratesReorderedAndExtraColumnsAndReportsBadRows) {
  const std::string csv =
      "Extra,Migration Route,Number Dead,Reported Date,Minimum Estimated Number of Missing,Web ID\n"
      "x,Central Mediterranean,3,12-Jan-18,2,1\n"
      "y,Western Balkans,1,31/02/2019,,2\n"
      "z,Somewhere new,two,2018-05-01,,3\n"
      "w,,1,2018-05-02,,4\n";
  auto r = import_iom(csv, Taxonomy::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->rows, 4);
  ASSERT_EQ(r->incidents.size(), 2u);
  EXPECT_EQ(r->incidents[0].route, "central_mediterranean");
  EXPECT_EQ(r->incidents[0].dead, 3);
  EXPECT_EQ(r->incidents[0].missing, 2);
  EXPECT_EQ(r->incidents[1].route, "other");
  ASSERT_EQ(r->errors.size(), 2u);
  EXPECT_EQ(r->errors[0].row, 3);
  EXPECT_EQ(r->errors[0].column, "Reported Date");
  EXPECT_EQ(r->errors[0].reason, "not a date: '31/02/2019'");
  EXPECT_EQ(r->errors[1].row, 4);
  EXPECT_EQ(r->errors[1].column, "Number Dead");
}

TEST(IomImport, ReadsThousandsSeparatorsButNotOtherCommas) {
  const std::string csv =
      "Reported Date,Number Dead\n1-Jan-18,\"1,022\"\n2-Jan-18,\"1,02\"\n3-Jan-18,\"12,3456\"\n";
  auto r = import_iom(csv, Taxonomy::builtin());
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->incidents.size(), 1u);
  EXPECT_EQ(r->incidents[0].dead, 1022);
  EXPECT_EQ(r->errors.size(), 2u);
}

TEST(IomImport, RefusesAFileWithoutDatesOrCounts) {
  auto r = import_iom("Name,Value\na,1\n", Taxonomy::builtin());
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("Reported Date"), std::string::npos);
}

TEST(FrontexImport, RefusesFilesThatAreNotWorkbooks) {
  auto r = import_frontex("this is not a zip", Taxonomy::builtin());
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find(".xlsx"), std::string::npos);
}

TEST(MonthHeaders, ReadTheSpellingsOfExports) {
  EXPECT_EQ(parse_month_header("JAN2009"), 2009 * 12);
  EXPECT_EQ(parse_month_header("Dec 2024"), 2024 * 12 + 11);
  EXPECT_EQ(parse_month_header("September 2023"), 2023 * 12 + 8);
  EXPECT_EQ(parse_month_header("2023-02"), 2023 * 12 + 1);
  EXPECT_EQ(parse_month_header("02/2023"), 2023 * 12 + 1);
  EXPECT_FALSE(parse_month_header("Marseille 2023").has_value());
  EXPECT_FALSE(parse_month_header("Nationality").has_value());
  EXPECT_FALSE(parse_month_header("2023-13").has_value());
}

TEST(Days, ParseTheDateFormatsOfExports) {
  EXPECT_EQ(format_day(*parse_day("29-Oct-19")), "2019-10-29");
  EXPECT_EQ(format_day(*parse_day("2019-10-29")), "2019-10-29");
  EXPECT_EQ(format_day(*parse_day("29/10/2019")), "2019-10-29");
  EXPECT_EQ(format_day(*parse_day("Oct 29, 2019")), "2019-10-29");
  EXPECT_FALSE(parse_day("31/02/2019").has_value());
  EXPECT_FALSE(parse_day("yesterday").has_value());
}

TEST(SynthEvents, ReadsTheEventsFileOfTheSyntheticWorld) {
  const std::string csv =
      "event_id,date,route,place,country,latitude,longitude,migrants,dead,missing,conveyance,"
      "fee_per_person,currency,payment_channel,unaccompanied_minors\n"
      "E0000001,2023-02-11,central_mediterranean,Lampedusa,IT,35.5080,12.6000,45,1,2,rubber "
      "boat,3500,EUR,hawala,6\n"
      "E0000002,2023-13-11,western_african_atlantic,Arguineguin,ES,27.7,-15.6,40,0,0,cayuco,"
      "1000,EUR,cash,1\n"
      "E0000003,2022-07-01,western_african_atlantic,Arguineguin,ES,27.7,-15.6,40,0,0,cayuco,"
      "1000,EUR,cash,1\n";
  auto r = import_synth_events(csv, Taxonomy::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_EQ(r->incidents.size(), 2u);
  EXPECT_EQ(r->incidents[0].detected, 45);
  EXPECT_EQ(r->incidents[0].unaccompanied_minors, 6);
  EXPECT_EQ(r->incidents[0].payment_channel, "hawala");
  EXPECT_EQ(r->incidents[0].border_type, "sea");
  EXPECT_EQ(r->incidents[1].route, "western_african");
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].row, 3);
}

TEST(CaseEvents, AnEventEntityBecomesAnIncidentOfItsCase) {
  core::Entity e;
  e.schema = "Event";
  e.case_id = 42;
  e.ftm_id = "ev-1";
  e.properties["date"] = {"2024-03-05"};
  e.properties["country"] = {"it"};
  e.properties["location"] = {"Lampedusa"};
  e.properties["description"] = {
      "120 migrants on a fishing vessel, 3 dead, 2 missing, 7 unaccompanied minors; fee 2500 "
      "EUR per person paid by hawala"};
  auto inc = incident_from_event(e, Taxonomy::builtin());
  ASSERT_TRUE(inc.has_value());
  EXPECT_EQ(inc->route, "central_mediterranean");
  EXPECT_EQ(inc->case_id, 42);
  EXPECT_EQ(inc->detected, 120);
  EXPECT_EQ(inc->dead, 3);
  EXPECT_EQ(inc->missing, 2);
  EXPECT_EQ(inc->unaccompanied_minors, 7);
  EXPECT_EQ(inc->payment_channel, "hawala");
  EXPECT_EQ(inc->vessel_type, "fishing vessel");
  ASSERT_TRUE(inc->fee.has_value());
  EXPECT_EQ(*inc->fee, 2500);
  e.schema = "Person";
  EXPECT_FALSE(incident_from_event(e, Taxonomy::builtin()).has_value());
}

TEST(Taxonomy, MapsSourceNamesAndRefusesBadFiles) {
  const auto& t = Taxonomy::builtin();
  EXPECT_EQ(t.routes().size(), 10u);
  EXPECT_EQ(t.route_for_name("Western Balkan Route"), "western_balkans");
  EXPECT_EQ(t.route_for_name("Circular Route from Albania to Greece"), "circular_albania_greece");
  EXPECT_EQ(t.route_for_name("Eastern Borders Route"), "eastern_land_borders");
  EXPECT_EQ(t.route_for_name("Atlantis"), "");
  EXPECT_EQ(t.nationality_name("sy"), "Syria");
  EXPECT_FALSE(Taxonomy::parse(R"({"routes":[{"id":"Bad Id","name":"x"}]})", "f.json").is_ok());
  EXPECT_FALSE(Taxonomy::parse(R"({"routes":[{"id":"a","name":"A"}]})", "f.json").is_ok());
}

}  // namespace
}  // namespace crossroads::trends
