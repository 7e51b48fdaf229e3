#include "trends/series.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace crossroads::trends {

core::Result<GroupBy> parse_group_by(std::string_view text) {
  if (text.empty() || text == "route") return GroupBy::kRoute;
  if (text == "nationality") return GroupBy::kNationality;
  if (text == "border_type") return GroupBy::kBorderType;
  if (text == "none") return GroupBy::kNone;
  return core::invalid(
      "'" + std::string(text) + "' cannot group series; use route, nationality or border_type",
      "group_by");
}

bool IncidentFilter::matches_but_time(const Incident& i) const {
  if (!route.empty() && i.route != route) return false;
  if (!border_type.empty() && i.border_type != border_type) return false;
  if (!nationality.empty() && ascii_lower(i.nationality) != ascii_lower(nationality)) return false;
  return true;
}

bool IncidentFilter::matches(const Incident& i) const {
  if (from && i.month < *from) return false;
  if (to && i.month > *to) return false;
  return matches_but_time(i);
}

namespace {

std::string group_key(const Incident& i, GroupBy g) {
  switch (g) {
    case GroupBy::kRoute:
      return i.route;
    case GroupBy::kNationality:
      return i.nationality.empty() ? "unknown" : i.nationality;
    case GroupBy::kBorderType:
      return i.border_type.empty() ? "unknown" : i.border_type;
    case GroupBy::kNone:
      return "all";
  }
  return {};
}

}  // namespace

std::vector<Series> build_series(const std::vector<Incident>& incidents,
                                 const IncidentFilter& filter, const SeriesOptions& options,
                                 const Taxonomy& taxonomy) {
  // Values per group and period over all time (a year before the window is needed for yoy).
  std::map<std::string, std::unordered_map<int, double>> values;
  int lo = 1 << 30;
  int hi = -1;
  for (const auto& inc : incidents) {
    if (!filter.matches_but_time(inc)) continue;
    const int period = options.quarterly ? quarter_of(inc.month) : inc.month;
    values[group_key(inc, options.group_by)][period] +=
        static_cast<double>(measure_value(inc, options.measure));
    lo = std::min(lo, inc.month);
    hi = std::max(hi, inc.month);
  }
  std::vector<Series> out;
  if (values.empty()) return out;
  const int from_month = filter.from.value_or(lo);
  const int to_month = filter.to.value_or(hi);
  const int first = options.quarterly ? quarter_of(from_month) : from_month;
  const int last = options.quarterly ? quarter_of(to_month) : to_month;
  const int year = options.quarterly ? 4 : 12;
  double grand = 0;
  for (auto& [key, by_period] : values) {
    Series s;
    s.key = key;
    s.label = key;
    if (options.group_by == GroupBy::kRoute) {
      if (const RouteInfo* info = taxonomy.find(key)) s.label = info->name;
    }
    for (int p = first; p <= last; ++p) {
      auto it = by_period.find(p);
      const double v = it == by_period.end() ? 0.0 : it->second;
      s.points.push_back({options.quarterly ? format_quarter_number(p) : format_month(p), p, v});
      s.total += v;
      auto prev = by_period.find(p - year);
      const bool known = (p - year) >= (options.quarterly ? quarter_of(lo) : lo);
      if (known && prev != by_period.end() && prev->second > 0) {
        s.yoy.emplace_back(v / prev->second - 1.0);
      } else {
        s.yoy.emplace_back(std::nullopt);
      }
    }
    grand += s.total;
    out.push_back(std::move(s));
  }
  for (auto& s : out) s.share = grand > 0 ? s.total / grand : 0;
  std::stable_sort(out.begin(), out.end(),
                   [](const Series& a, const Series& b) { return a.total > b.total; });
  return out;
}

std::vector<NationalityShare> top_nationalities(const std::vector<Incident>& incidents,
                                                const IncidentFilter& filter, Measure measure,
                                                std::size_t limit) {
  std::map<std::string, double> by;
  double total = 0;
  for (const auto& inc : incidents) {
    if (!filter.matches(inc)) continue;
    const auto v = static_cast<double>(measure_value(inc, measure));
    by[inc.nationality.empty() ? "unknown" : inc.nationality] += v;
    total += v;
  }
  std::vector<NationalityShare> out;
  for (const auto& [n, v] : by) {
    if (v > 0) out.push_back({n, v, total > 0 ? v / total : 0});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.value > b.value; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<NationalityMove> nationality_moves(const std::vector<Incident>& incidents,
                                               const IncidentFilter& filter, Measure measure,
                                               std::size_t top, double min_count) {
  IncidentFilter any_route = filter;
  any_route.route.clear();
  // nationality -> quarter -> route -> value
  std::map<std::string, std::map<int, std::map<std::string, double>>> by;
  std::map<std::string, double> totals;
  for (const auto& inc : incidents) {
    if (inc.nationality.empty() || !any_route.matches(inc)) continue;
    const auto v = static_cast<double>(measure_value(inc, measure));
    by[inc.nationality][quarter_of(inc.month)][inc.route] += v;
    totals[inc.nationality] += v;
  }
  std::vector<std::pair<std::string, double>> ranked(totals.begin(), totals.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (ranked.size() > top) ranked.resize(top);
  std::vector<NationalityMove> out;
  for (const auto& [nationality, total] : ranked) {
    std::string previous;
    for (const auto& [quarter, routes] : by[nationality]) {
      double sum = 0;
      double best = 0;
      std::string best_route;
      for (const auto& [route, v] : routes) {
        sum += v;
        if (v > best) {
          best = v;
          best_route = route;
        }
      }
      if (best < min_count || best < 0.5 * sum) continue;  // no clear main route this quarter
      if (!previous.empty() && best_route != previous &&
          (filter.route.empty() || filter.route == best_route || filter.route == previous)) {
        out.push_back({nationality, previous, best_route, format_quarter_number(quarter)});
      }
      previous = best_route;
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.period < b.period; });
  return out;
}

}  // namespace crossroads::trends
