#include "app/trends.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/accounts.h"
#include "auth/access.h"
#include "core/crypto.h"
#include "trends/events.h"
#include "trends/frontex.h"
#include "trends/iom.h"

namespace crossroads::app {

using core::Result;
using core::Status;

bool is_trend_source_kind(std::string_view kind) {
  return kind == "frontex" || kind == "iom" || kind == "synth" || kind == "cases";
}

namespace {

int year_of(const std::string& date) {
  if (date.size() < 4) return 0;
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return 0;
    y = y * 10 + (date[i] - '0');
  }
  return y;
}

std::string year_start(int y) { return std::to_string(y) + "-01-01"; }
std::string year_end(int y) { return std::to_string(y) + "-12-31"; }

// The stage a case was in on `date` (its latest stage change on or before it).
std::string stage_on(const store::CaseTimeline& c, const std::string& date) {
  std::string stage = "opened";
  for (const auto& s : c.stages) {
    if (s.date <= date) stage = s.stage;
  }
  return stage;
}

bool open_during(const store::CaseTimeline& c, int year) {
  if (c.opened.empty() || c.opened > year_end(year)) return false;
  // Closed before the year began: its stage on 31 December of the year before is "closed".
  return stage_on(c, year_end(year - 1)) != "closed" || c.opened >= year_start(year);
}

}  // namespace

std::vector<YearCases> cases_per_year(const std::vector<store::CaseTimeline>& cases,
                                      int last_year) {
  int first = last_year + 1;
  for (const auto& c : cases) {
    const int y = year_of(c.opened);
    if (y > 0) first = std::min(first, y);
  }
  std::vector<YearCases> out;
  for (int y = first; y <= last_year; ++y) {
    YearCases row;
    row.year = y;
    for (const auto& c : cases) {
      if (year_of(c.opened) == y) ++row.opened;
      if (open_during(c, y)) ++row.ongoing;
    }
    out.push_back(row);
  }
  return out;
}

Status Trends::check_reader(const Actor& actor, const char* action) {
  if (!auth::can_read_trends(actor.user)) {
    return audit_refusal(store_, clock_, actor, action, "trends", 0,
                         core::denied("this account is disabled"));
  }
  return Status::ok();
}

Result<TrendImportReport> Trends::import(const Actor& actor, const std::string& kind,
                                         std::string_view bytes, const std::string& file_name) {
  const std::string action = "trends.import";
  const std::string object = "trend_source:" + kind;
  if (!auth::can_import_trend_sources(actor.user)) {
    return audit_refusal(store_, clock_, actor, action, object, 0,
                         core::denied(std::string("the ") + core::role_name(actor.user.role) +
                                      " role does not import trend sources; national members, "
                                      "analysts, the secretariat and administrators do"));
  }
  if (kind != "frontex" && kind != "iom" && kind != "synth") {
    return audit_refusal(
        store_, clock_, actor, action, object, 0,
        core::invalid("'" + kind + "' is not a source to import; use frontex, iom or synth",
                      "kind"));
  }
  if (bytes.empty()) {
    return audit_refusal(store_, clock_, actor, action, object, 0,
                         core::invalid("the file is empty; send the file's bytes as the body"));
  }
  Result<trends::ImportResult> parsed = core::invalid("unreachable");
  if (kind == "frontex") {
    parsed = trends::import_frontex(bytes, taxonomy_);
  } else if (kind == "iom") {
    parsed = trends::import_iom(bytes, taxonomy_);
  } else {
    parsed = trends::import_synth_events(bytes, taxonomy_);
  }
  if (!parsed) {
    return audit_refusal(store_, clock_, actor, action, object, 0,
                         core::invalid(file_name + ": " + parsed.status().message()));
  }
  if (parsed->incidents.empty() && !parsed->errors.empty()) {
    std::string first;
    for (std::size_t i = 0; i < parsed->errors.size() && i < 3; ++i) {
      const auto& e = parsed->errors[i];
      first += "; row " + std::to_string(e.row) + (e.column.empty() ? "" : " (" + e.column + ")") +
               ": " + e.reason;
    }
    return audit_refusal(
        store_, clock_, actor, action, object, 0,
        core::invalid(file_name + ": no row could be read, nothing was imported" + first));
  }
  TrendImportReport report;
  report.source.kind = kind;
  report.source.file_name = file_name.substr(0, 200);
  report.source.file_hash = core::sha256_hex(bytes);
  report.source.imported_at = clock_.now_ms();
  report.source.imported_by = actor.user.username;
  report.source.rows = parsed->rows;
  std::set<std::int64_t> bad_rows;
  for (const auto& e : parsed->errors) bad_rows.insert(e.row);
  report.source.rejected = static_cast<std::int64_t>(bad_rows.size());
  report.rows_imported = static_cast<std::int64_t>(parsed->incidents.size());
  report.errors = std::move(parsed->errors);
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto done, tx.replace_trend_source(report.source, parsed->incidents));
    report.source.id = done.first;
    report.rows_replaced = done.second;
    return audit(tx, clock_, actor, action, object, 0, "ok",
                 report.source.file_name + " (sha256 " + report.source.file_hash.substr(0, 16) +
                     "): " + std::to_string(report.rows_imported) + " incidents from " +
                     std::to_string(report.source.rows) + " rows, " +
                     std::to_string(report.source.rejected) + " rows rejected, " +
                     std::to_string(report.rows_replaced) + " incidents replaced");
  }));
  return report;
}

Result<std::vector<store::TrendSource>> Trends::sources(const Actor& actor) {
  CR_RETURN_IF_ERROR(check_reader(actor, "trends.sources"));
  std::vector<store::TrendSource> out;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_trend_sources());
    return Status::ok();
  }));
  return out;
}

Result<std::vector<trends::Incident>> Trends::load(const Actor& actor, const TrendQuery& query,
                                                   const char* action) {
  CR_RETURN_IF_ERROR(check_reader(actor, action));
  if (!query.source.empty() && !is_trend_source_kind(query.source)) {
    return core::invalid("'" + query.source + "' is not a source; use frontex, iom, synth or cases",
                         "source");
  }
  if (!query.filter.route.empty() && !taxonomy_.find(query.filter.route)) {
    return core::invalid(
        "'" + query.filter.route + "' is not a route; see GET /api/v1/trends/routes", "route");
  }
  std::vector<trends::Incident> out;
  std::set<core::Id> cases_read;
  std::int64_t from_cases = 0;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    if (query.source != "cases") {
      store::IncidentScan scan;
      scan.kind = query.source;
      scan.route = query.filter.route;
      // A year before the window too, for year-on-year changes.
      if (query.filter.from) scan.from = *query.filter.from - 12;
      scan.to = query.filter.to;
      CR_RETURN_IF_ERROR(
          tx.scan_incidents(scan, [&](const trends::Incident& i, const std::string&) {
            if (query.filter.matches_but_time(i)) out.push_back(i);
          }));
    }
    // Case incidents only when asked for: the synthetic world records the same landings both as
    // its events and in its cases, and a case read is audited.
    if (query.source == "cases") {
      CR_RETURN_IF_ERROR(tx.scan_case_events([&](const core::Entity& e, const core::Case& c) {
        if (!auth::at_least(auth::case_access(actor.user, c), auth::CaseAccess::kRead)) return;
        auto inc = trends::incident_from_event(e, taxonomy_);
        if (!inc || !query.filter.matches_but_time(*inc)) return;
        cases_read.insert(c.id);
        ++from_cases;
        out.push_back(std::move(*inc));
      }));
    }
    return Status::ok();
  }));
  if (!cases_read.empty()) {
    // Figures derived from case data: the read is on record, naming the cases.
    std::string ids;
    std::size_t listed = 0;
    for (core::Id id : cases_read) {
      if (listed++ == 50) {
        ids += ", ...";
        break;
      }
      ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    }
    CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) {
      return audit(tx, clock_, actor, std::string(action) + ".cases", "trends",
                   cases_read.size() == 1 ? *cases_read.begin() : 0, "ok",
                   std::to_string(from_cases) + " incidents from " +
                       std::to_string(cases_read.size()) + " cases: " + ids);
    }));
  }
  return out;
}

Result<std::vector<trends::Series>> Trends::series(const Actor& actor, const TrendQuery& query,
                                                   const trends::SeriesOptions& options) {
  CR_ASSIGN_OR_RETURN(auto incidents, load(actor, query, "trends.series"));
  return trends::build_series(incidents, query.filter, options, taxonomy_);
}

Result<ShiftReport> Trends::shifts(const Actor& actor, const TrendQuery& query,
                                   trends::Measure measure, const trends::ShiftOptions& options) {
  CR_RETURN_IF_ERROR(trends::validate(options));
  // Every route is loaded: displacements pair a route with the others.
  TrendQuery all_routes = query;
  all_routes.filter.route.clear();
  CR_ASSIGN_OR_RETURN(auto incidents, load(actor, all_routes, "trends.shifts"));
  ShiftReport report;
  trends::SeriesOptions by_route;
  by_route.measure = measure;
  auto route_series = trends::build_series(incidents, all_routes.filter, by_route, taxonomy_);
  std::vector<trends::LabeledChange> route_changes;
  auto analyse = [&](const trends::Series& s, const ShiftSeriesRef& ref) {
    if (s.points.empty() || s.total <= 0) return;
    std::vector<double> y;
    for (const auto& p : s.points) y.push_back(p.value);
    trends::ShiftOptions o = options;
    o.phase = s.points.front().index % 12;
    for (const auto& c : trends::detect_changes(y, o)) {
      report.shifts.push_back({ref, s.points[static_cast<std::size_t>(c.index)].period, c});
      if (ref.nationality.empty()) route_changes.push_back({ref.route, "", c});
    }
    trends::BocpdOptions online;
    online.phase = o.phase;
    if (auto alert = trends::online_alert(y, online)) {
      report.alerts.push_back(
          {ref, s.points[static_cast<std::size_t>(alert->index)].period, *alert});
    }
  };
  for (const auto& s : route_series) {
    const bool wanted = query.filter.route.empty() || s.key == query.filter.route;
    if (query.filter.nationality.empty()) {
      if (wanted) {
        analyse(s, {s.key, ""});
      } else {
        // Other routes' changes are still needed for displacements.
        std::vector<double> y;
        for (const auto& p : s.points) y.push_back(p.value);
        trends::ShiftOptions o = options;
        o.phase = s.points.empty() ? 0 : s.points.front().index % 12;
        for (const auto& c : trends::detect_changes(y, o)) route_changes.push_back({s.key, "", c});
      }
    } else if (wanted) {
      analyse(s, {s.key, query.filter.nationality});
    }
  }
  if (!query.filter.nationality.empty() && query.filter.route.empty()) {
    // The nationality across every route, besides its series on each route.
    trends::SeriesOptions by_nationality = by_route;
    by_nationality.group_by = trends::GroupBy::kNationality;
    for (const auto& s :
         trends::build_series(incidents, all_routes.filter, by_nationality, taxonomy_)) {
      analyse(s, {"", query.filter.nationality});
    }
  }
  const std::vector<trends::Point>* periods =
      route_series.empty() ? nullptr : &route_series.front().points;
  for (const auto& d : trends::find_displacements(route_changes)) {
    if (!query.filter.route.empty() && d.falling.route != query.filter.route &&
        d.rising.route != query.filter.route) {
      continue;
    }
    DisplacementFound f;
    f.period = periods && d.index < static_cast<int>(periods->size())
                   ? (*periods)[static_cast<std::size_t>(d.index)].period
                   : std::string();
    f.falling_route = d.falling.route;
    f.falling_change = d.falling.change.change;
    f.rising_route = d.rising.route;
    f.rising_change = d.rising.change.change;
    report.displacements.push_back(std::move(f));
  }
  report.nationality_moves = trends::nationality_moves(incidents, query.filter, measure);
  return report;
}

Result<std::vector<trends::NationalityShare>> Trends::top_nationalities(const Actor& actor,
                                                                        const TrendQuery& query,
                                                                        trends::Measure measure,
                                                                        std::size_t limit) {
  CR_ASSIGN_OR_RETURN(auto incidents, load(actor, query, "trends.top_nationalities"));
  return trends::top_nationalities(incidents, query.filter, measure, limit);
}

Result<CountryPage> Trends::country(const Actor& actor, const std::string& raw_country,
                                    const TrendQuery& query, bool quarterly) {
  std::string cc = raw_country;
  for (char& c : cc) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (cc.size() != 2 || !std::isupper(static_cast<unsigned char>(cc[0])) ||
      !std::isupper(static_cast<unsigned char>(cc[1]))) {
    return core::invalid(
        "'" + raw_country + "' is not a country code; use ISO 3166-1 alpha-2, e.g. IT", "cc");
  }
  CountryPage page;
  page.country = cc;
  page.routes = taxonomy_.routes_of_country(cc);
  TrendQuery q = query;
  q.filter.route.clear();
  CR_ASSIGN_OR_RETURN(auto incidents, load(actor, q, "trends.country"));
  std::vector<trends::Incident> on_routes;
  for (auto& i : incidents) {
    if (std::find(page.routes.begin(), page.routes.end(), i.route) == page.routes.end()) continue;
    if (q.filter.matches(i)) {
      page.detections += i.detected;
      page.dead += i.dead;
      page.missing += i.missing;
    }
    on_routes.push_back(std::move(i));
  }
  trends::SeriesOptions o;
  o.quarterly = quarterly;
  page.series = trends::build_series(on_routes, q.filter, o, taxonomy_);
  page.cases_visible = auth::can_read_desk_case_counts(actor.user, cc);
  if (page.cases_visible) {
    std::vector<store::CaseTimeline> cases;
    CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
      CR_ASSIGN_OR_RETURN(auto all, tx.list_case_timelines());
      for (auto& c : all) {
        if (c.desk == cc) cases.push_back(std::move(c));
      }
      return audit(tx, clock_, actor, "statistics.read", "desk:" + cc, 0, "ok",
                   "case counts per year for the country page");
    }));
    const int this_year = year_of(core::format_iso8601(clock_.now_ms()));
    page.cases_per_year = cases_per_year(cases, this_year);
  }
  return page;
}

Result<AnnualStatistics> Trends::annual(const Actor& actor, int year) {
  const std::string action = "statistics.annual";
  if (!auth::can_read_statistics(actor.user)) {
    return audit_refusal(store_, clock_, actor, action, "statistics", 0,
                         core::denied(std::string("the ") + core::role_name(actor.user.role) +
                                      " role does not read the hub's statistics"));
  }
  if (year < 1990 || year > 2200) {
    return core::invalid("'" + std::to_string(year) + "' is not a year to report on", "year");
  }
  AnnualStatistics out;
  out.year = year;
  std::vector<store::CaseTimeline> cases;
  std::vector<store::CooperationDates> cooperation;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(cases, tx.list_case_timelines());
    CR_ASSIGN_OR_RETURN(cooperation, tx.list_cooperation_dates());
    return audit(tx, clock_, actor, action, "statistics", 0, "ok", "year " + std::to_string(year));
  }));
  std::map<std::string, AnnualStatistics::Desk> desks;
  std::map<std::string, std::int64_t> stages;
  for (const auto& c : cases) {
    const bool opened = year_of(c.opened) == year;
    const bool ongoing = open_during(c, year);
    if (!opened && !ongoing) continue;
    auto& d = desks[c.desk];
    d.desk = c.desk;
    if (opened) {
      ++out.cases_new;
      ++d.opened;
    }
    if (ongoing) {
      ++out.cases_ongoing;
      ++d.ongoing;
      ++stages[stage_on(c, year_end(year))];
    }
  }
  for (auto& [code, d] : desks) out.by_desk.push_back(d);
  for (const auto& stage : core::case_stages()) {
    auto it = stages.find(std::string(stage));
    if (it != stages.end()) out.by_stage.emplace_back(it->first, it->second);
  }
  for (const auto& r : cooperation) {
    if (r.kind == "jit") {
      if (year_of(r.started_on) == year) ++out.jits_new;
      if (r.started_on <= year_end(year) &&
          (r.ended_on.empty() || r.ended_on >= year_start(year))) {
        ++out.jits_ongoing;
      }
    } else if (r.kind == "coordination_meeting" && year_of(r.started_on) == year) {
      ++out.coordination_meetings;
    }
  }
  return out;
}

}  // namespace crossroads::app
