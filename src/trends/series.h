// Series of incidents: per route, nationality or border type, monthly or quarterly, with
// totals, shares of the grand total, year-on-year change, top nationalities of a route and the
// quarters in which a nationality's main route changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "trends/incident.h"
#include "trends/taxonomy.h"

namespace crossroads::trends {

enum class GroupBy { kRoute, kNationality, kBorderType, kNone };
core::Result<GroupBy> parse_group_by(std::string_view text);

struct IncidentFilter {
  std::string route;
  std::string nationality;  // a name ("Syria"), compared without case
  std::string border_type;
  std::optional<int> from;  // month numbers, inclusive
  std::optional<int> to;
  bool matches(const Incident& i) const;           // every condition
  bool matches_but_time(const Incident& i) const;  // all but from/to
};

struct SeriesOptions {
  Measure measure = Measure::kDetections;
  bool quarterly = false;
  GroupBy group_by = GroupBy::kRoute;
};

struct Point {
  std::string period;  // "2023-01" or "2023-Q1"
  int index = 0;       // month or quarter number
  double value = 0;
};

struct Series {
  std::string key;    // route id, nationality or border type
  std::string label;  // route name, nationality, border type
  std::vector<Point> points;
  double total = 0;
  double share = 0;                        // of the grand total in the window
  std::vector<std::optional<double>> yoy;  // per point; nullopt when a year earlier is 0 or unknown
};

// One series per group over the window (every period from `from` to `to`, zeros included; the
// window defaults to the span of the data). Sorted by total, largest first.
std::vector<Series> build_series(const std::vector<Incident>& incidents,
                                 const IncidentFilter& filter, const SeriesOptions& options,
                                 const Taxonomy& taxonomy);

struct NationalityShare {
  std::string nationality;
  double value = 0;
  double share = 0;  // of the route's total in the window
};
std::vector<NationalityShare> top_nationalities(const std::vector<Incident>& incidents,
                                                const IncidentFilter& filter, Measure measure,
                                                std::size_t limit);

struct NationalityMove {
  std::string nationality;
  std::string from_route;
  std::string to_route;
  std::string period;  // the quarter in which the new route first carries most of them
};
// For the `top` nationalities by total: quarters where the route carrying most (at least half,
// and at least `min_count`) of a nationality changes from one quarter to the next.
std::vector<NationalityMove> nationality_moves(const std::vector<Incident>& incidents,
                                               const IncidentFilter& filter, Measure measure,
                                               std::size_t top = 15, double min_count = 100);

}  // namespace crossroads::trends
