#include "cli/trends_command.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace crossroads::cli {

namespace {

struct TrendsOptions {
  std::string kind;
  std::string file;
  std::string as_user;
  std::string route;
  std::string nationality;
  std::string from;
  std::string to;
  std::string method = "pelt";
  std::string penalty = "bic";
  int min_size = 3;
  std::string measure = "detections";
  std::string source;
};

int fail(const core::Status& st) {
  std::cerr << "crossroads trends: " << (st.field().empty() ? "" : st.field() + ": ")
            << st.message() << "\n";
  return 1;
}

core::Result<app::Actor> actor_for(app::Hub& hub, const std::string& as_user) {
  if (as_user.empty()) {
    core::User u;
    const char* os = std::getenv("USER");
    u.username = std::string("cli:") + (os && *os ? os : "operator");
    u.role = core::Role::kAdministrator;
    return app::command_line_actor(u);
  }
  core::User user;
  CR_RETURN_IF_ERROR(hub.store->read([&](store::Transaction& tx) -> core::Status {
    auto found = tx.get_user_by_name(as_user);
    if (!found) {
      return found.status().code() == core::Code::kNotFound
                 ? core::invalid("there is no user '" + as_user + "'; see 'crossroads user list'",
                                 "--as")
                 : found.status();
    }
    user = std::move(found).value();
    return core::Status::ok();
  }));
  return app::command_line_actor(user);
}

core::Status run_import(const TrendsOptions& o, app::Hub& hub) {
  CR_ASSIGN_OR_RETURN(app::Actor actor, actor_for(hub, o.as_user));
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return core::invalid("cannot read '" + o.file + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  const auto start = std::chrono::steady_clock::now();
  std::cerr << "crossroads trends: reading " << o.file << " (" << bytes.size() / 1024
            << " KiB) as a " << o.kind << " source...\n";
  const std::string name = std::filesystem::path(o.file).filename().string();
  CR_ASSIGN_OR_RETURN(auto report, hub.trends->import(actor, o.kind, bytes, name));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& e : report.errors) {
    std::cerr << o.file << ": row " << e.row
              << (e.column.empty() ? "" : ", column '" + e.column + "'") << ": " << e.reason
              << "\n";
  }
  std::cout << "Imported " << o.kind << " source " << name << ": " << report.source.rows
            << " rows read, " << report.rows_imported << " incidents, " << report.source.rejected
            << " rows rejected" << (report.errors.empty() ? "" : " (listed above)") << "; "
            << report.rows_replaced << " incidents of the previous " << o.kind
            << " file replaced. ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", seconds);
  std::cout << buf << " s.\n";
  return core::Status::ok();
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.0f%%", v * 100);
  return buf;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

core::Status run_shifts(const TrendsOptions& o, app::Hub& hub) {
  CR_ASSIGN_OR_RETURN(app::Actor actor, actor_for(hub, o.as_user));
  app::TrendQuery q;
  q.filter.route = o.route;
  if (!o.nationality.empty())
    q.filter.nationality = hub.trends->taxonomy().nationality_name(o.nationality);
  if (!o.from.empty()) {
    auto m = trends::parse_month(o.from);
    if (!m) return core::invalid(m.status().message(), "--from");
    q.filter.from = *m;
  }
  if (!o.to.empty()) {
    auto m = trends::parse_month(o.to);
    if (!m) return core::invalid(m.status().message(), "--to");
    q.filter.to = *m;
  }
  q.source = o.source;
  CR_ASSIGN_OR_RETURN(auto measure, trends::parse_measure(o.measure));
  trends::ShiftOptions options;
  CR_ASSIGN_OR_RETURN(options.method, trends::parse_method(o.method));
  CR_ASSIGN_OR_RETURN(options.penalty, trends::parse_penalty(o.penalty));
  options.min_size = o.min_size;
  CR_ASSIGN_OR_RETURN(auto report, hub.trends->shifts(actor, q, measure, options));
  print_shift_report(report, std::cout);
  return core::Status::ok();
}

core::Status run_sources(app::Hub& hub) {
  CR_ASSIGN_OR_RETURN(app::Actor actor, actor_for(hub, ""));
  CR_ASSIGN_OR_RETURN(auto sources, hub.trends->sources(actor));
  if (sources.empty()) {
    std::cout << "No trend source imported yet; see 'crossroads trends import --help'.\n";
  }
  for (const auto& s : sources) {
    std::cout << pad(s.kind, 8) << pad(s.file_name, 44) << core::format_iso8601(s.imported_at)
              << "  " << s.rows << " rows, " << s.rejected << " rejected, by " << s.imported_by
              << "\n";
  }
  return core::Status::ok();
}

}  // namespace

void print_shift_report(const app::ShiftReport& report, std::ostream& out) {
  auto series_name = [](const app::ShiftSeriesRef& r) {
    return r.nationality.empty() ? r.route : r.route + " / " + r.nationality;
  };
  out << pad("series", 40) << pad("period", 9) << pad("dir", 5) << pad("before", 10)
      << pad("after", 10) << pad("change", 8) << "confidence\n";
  for (const auto& s : report.shifts) {
    out << pad(series_name(s.series), 40) << pad(s.period, 9)
        << pad(s.change.change >= 0 ? "up" : "down", 5) << pad(number(s.change.before), 10)
        << pad(number(s.change.after), 10) << pad(percent(s.change.change), 8)
        << number(s.change.confidence * 100) << "%\n";
  }
  if (report.shifts.empty()) out << "(no shifts)\n";
  if (!report.alerts.empty()) {
    out << "\nAlerts on the newest months (online detection):\n";
    for (const auto& a : report.alerts) {
      out << "  " << pad(series_name(a.series), 40) << pad(a.period, 9)
          << pad(a.alert.up ? "up" : "down", 5) << "p=" << number(a.alert.probability * 100)
          << "%\n";
    }
  }
  if (!report.displacements.empty()) {
    out << "\nDisplacements (one route falls, another rises):\n";
    for (const auto& d : report.displacements) {
      out << "  " << pad(d.period, 9) << d.falling_route << " " << percent(d.falling_change)
          << "  ->  " << d.rising_route << " " << percent(d.rising_change) << "\n";
    }
  }
  if (!report.nationality_moves.empty()) {
    out << "\nNationalities changing route:\n";
    for (const auto& m : report.nationality_moves) {
      out << "  " << pad(m.period, 9) << pad(m.nationality, 24) << m.from_route << " -> "
          << m.to_route << "\n";
    }
  }
}

void add_trends_command(CLI::App& app, const std::function<core::Result<app::Hub>()>& open_hub) {
  auto o = std::make_shared<TrendsOptions>();
  auto* trends_cmd = app.add_subcommand("trends", "Routes and trends: import sources, find shifts");
  trends_cmd->require_subcommand(1);

  auto* import = trends_cmd->add_subcommand(
      "import", "Import a published source (replaces the previous file of its kind)");
  import
      ->add_option("kind", o->kind,
                   "frontex (.xlsx workbook), iom (CSV export) or synth (events.csv)")
      ->required()
      ->check(CLI::IsMember({"frontex", "iom", "synth"}));
  import->add_option("file", o->file, "The file as downloaded")->required();
  import->add_option("--as", o->as_user, "Import as this user (rights checked and audited)");
  import->callback([o, open_hub] {
    auto hub = open_hub();
  if (!hub) throw CLI::RuntimeError(fail(hub.status()));
  if (auto st = run_import(*o, *hub); !st) throw CLI::RuntimeError(fail(st));
});

auto* sources = trends_cmd->add_subcommand("sources", "List the imported trend sources");
sources->callback([open_hub] {
  auto hub = open_hub();
  if (!hub) throw CLI::RuntimeError(fail(hub.status()));
  if (auto st = run_sources(*hub); !st) throw CLI::RuntimeError(fail(st));
});

auto* shifts = trends_cmd->add_subcommand(
    "shifts", "Shifts between and within routes: change points, alerts, displacements");
shifts->add_option("--route", o->route, "Route id (see GET /api/v1/trends/routes)");
shifts->add_option("--nationality", o->nationality, "Nationality (ISO code or name)");
shifts->add_option("--from", o->from, "First month, YYYY-MM");
shifts->add_option("--to", o->to, "Last month, YYYY-MM");
shifts->add_option("--method", o->method, "pelt or binseg")->capture_default_str();
shifts->add_option("--penalty", o->penalty, "bic, aic or a number")->capture_default_str();
shifts->add_option("--min-size", o->min_size, "Shortest segment in months")->capture_default_str();
shifts
    ->add_option("--measure", o->measure,
                 "detections, dead, missing, dead_and_missing, survivors or minors")
    ->capture_default_str();
shifts->add_option("--source", o->source, "Only frontex, iom, synth or cases");
shifts->add_option("--as", o->as_user, "Run as this user (figures from cases follow its rights)");
shifts->callback([o, open_hub] {
  auto hub = open_hub();
  if (!hub) throw CLI::RuntimeError(fail(hub.status()));
  if (auto st = run_shifts(*o, *hub); !st) throw CLI::RuntimeError(fail(st));
});
}  // namespace crossroads::cli

}  // namespace crossroads::cli
