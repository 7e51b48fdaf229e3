// Routes and trends as a service: imports of published sources (Frontex, IOM, the synthetic
// world's events), series, shifts, top nationalities, country pages and the hub's annual
// statistics. Trend data of published sources is readable by every signed-in user; figures
// from incidents recorded in cases (FtM Event entities) count only the cases the caller may read
// (auth::case_access), and such reads are audited. Imports are audited with their outcome.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "store/store.h"
#include "trends/change_points.h"
#include "trends/series.h"
#include "trends/taxonomy.h"

namespace crossroads::app {

// Source kinds: "frontex", "iom", "synth" are imported; "cases" are read from the cases.
bool is_trend_source_kind(std::string_view kind);

struct TrendImportReport {
  store::TrendSource source;
  std::int64_t rows_imported = 0;  // incidents written
  std::int64_t rows_replaced = 0;  // incidents of the previous file of that kind, removed
  std::vector<trends::RowError> errors;
};

struct TrendQuery {
  trends::IncidentFilter filter;
  std::string source;  // empty: every imported kind (frontex, iom, synth); "cases" on request
};

struct ShiftSeriesRef {
  std::string route;        // empty for a nationality across every route
  std::string nationality;  // empty for a route's total
};
struct ShiftFound {
  ShiftSeriesRef series;
  std::string period;
  trends::ChangePoint change;
};
struct AlertFound {
  ShiftSeriesRef series;
  std::string period;
  trends::Alert alert;
};
struct DisplacementFound {
  std::string period;
  std::string falling_route;
  double falling_change = 0;
  std::string rising_route;
  double rising_change = 0;
};
struct ShiftReport {
  std::vector<ShiftFound> shifts;
  std::vector<AlertFound> alerts;
  std::vector<DisplacementFound> displacements;
  std::vector<trends::NationalityMove> nationality_moves;
};

struct YearCases {
  int year = 0;
  std::int64_t opened = 0;   // "new"
  std::int64_t ongoing = 0;  // open at some time in the year (new ones included)
};

struct CountryPage {
  std::string country;
  std::vector<std::string> routes;
  std::int64_t detections = 0;
  std::int64_t dead = 0;
  std::int64_t missing = 0;
  std::vector<trends::Series> series;
  std::vector<YearCases> cases_per_year;  // empty when the caller may not see the desk's counts
  bool cases_visible = false;
};

struct AnnualStatistics {
  int year = 0;
  std::int64_t cases_new = 0;
  std::int64_t cases_ongoing = 0;
  struct Desk {
    std::string desk;
    std::int64_t opened = 0;
    std::int64_t ongoing = 0;
  };
  std::vector<Desk> by_desk;
  std::vector<std::pair<std::string, std::int64_t>> by_stage;  // stage at the end of the year
  std::int64_t jits_new = 0;
  std::int64_t jits_ongoing = 0;
  std::int64_t coordination_meetings = 0;
};

class Trends {
 public:
  Trends(store::Store& store, const core::Clock& clock, const trends::Taxonomy& taxonomy)
      : store_(store), clock_(clock), taxonomy_(taxonomy) {}
  Trends(const Trends&) = delete;
  Trends& operator=(const Trends&) = delete;

  const trends::Taxonomy& taxonomy() const { return taxonomy_; }
  // Replaces the route taxonomy (a file given by the configuration); call before serving.
  void set_taxonomy(trends::Taxonomy taxonomy) { taxonomy_ = std::move(taxonomy); }

  // Reads the file and replaces the figures of its kind in one transaction. Rows that cannot be
  // read are reported and left out; a file of which no row can be read changes nothing.
  core::Result<TrendImportReport> import(const Actor& actor, const std::string& kind,
                                         std::string_view bytes, const std::string& file_name);
  core::Result<std::vector<store::TrendSource>> sources(const Actor& actor);

  core::Result<std::vector<trends::Series>> series(const Actor& actor, const TrendQuery& query,
                                                   const trends::SeriesOptions& options);
  core::Result<ShiftReport> shifts(const Actor& actor, const TrendQuery& query,
                                   trends::Measure measure, const trends::ShiftOptions& options);
  core::Result<std::vector<trends::NationalityShare>> top_nationalities(const Actor& actor,
                                                                        const TrendQuery& query,
                                                                        trends::Measure measure,
                                                                        std::size_t limit);
  core::Result<CountryPage> country(const Actor& actor, const std::string& country,
                                    const TrendQuery& query, bool quarterly);
  core::Result<AnnualStatistics> annual(const Actor& actor, int year);

 private:
  // The incidents a query covers that the actor may see; audits the read of case-derived ones.
  core::Result<std::vector<trends::Incident>> load(const Actor& actor, const TrendQuery& query,
                                                   const char* action);
  core::Status check_reader(const Actor& actor, const char* action);

  store::Store& store_;
  const core::Clock& clock_;
  trends::Taxonomy taxonomy_;
};

// Year-by-year new and ongoing counts of the given cases (opening date and stages), from the
// first year any was opened to `last_year`.
std::vector<YearCases> cases_per_year(const std::vector<store::CaseTimeline>& cases, int last_year);

}  // namespace crossroads::app
