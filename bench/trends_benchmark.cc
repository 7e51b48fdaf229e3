// Routes and trends (src/trends) on the real Frontex workbook
// (../shared/data/frontex/monthly-detections-ibc-2009-2025.xlsx, 885 rows x 196 months):
//   - reading the workbook (unzip, XML, columns, route mapping)       target: at most 2 s
//   - importing it through app::Trends into a fresh SQLite store        target: at most 2 s
//   - shift detection (PELT, seasonal adjustment, confidence, BOCPD) over every route series
//     and every route x nationality series of the workbook             target: at most 2 s
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/hub.h"
#include "trends/change_points.h"
#include "trends/frontex.h"
#include "trends/series.h"

namespace {

using namespace crossroads;

std::string workbook_path() {
  return std::string(CROSSROADS_SHARED_DATA) + "/frontex/monthly-detections-ibc-2009-2025.xlsx";
}

const std::string& workbook() {
  static const std::string bytes = [] {
    std::ifstream in(workbook_path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  return bytes;
}

void peak_memory(benchmark::State& state) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_FrontexRead(benchmark::State& state) {
  if (workbook().empty()) {
    state.SkipWithError(("the workbook is not at " + workbook_path()).c_str());
    return;
  }
  std::size_t incidents = 0;
  for (auto _ : state) {
    auto r = trends::import_frontex(workbook(), trends::Taxonomy::builtin());
    if (!r) state.SkipWithError(r.status().message().c_str());
    incidents = r->incidents.size();
  }
  state.counters["incidents"] = static_cast<double>(incidents);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(workbook().size()) / 1e6,
                                              benchmark::Counter::kIsIterationInvariantRate);
  peak_memory(state);
}
BENCHMARK(BM_FrontexRead)->Unit(benchmark::kMillisecond);

void BM_FrontexImportIntoStore(benchmark::State& state) {
  if (workbook().empty()) {
    state.SkipWithError(("the workbook is not at " + workbook_path()).c_str());
    return;
  }
  const auto dir = std::filesystem::temp_directory_path() / "crossroads-trends-bench";
  std::filesystem::remove_all(dir);
  auto hub = app::Hub::open(dir.string(), {});
  if (!hub) {
    state.SkipWithError(hub.status().message().c_str());
    return;
  }
  core::User operator_user;
  operator_user.username = "bench";
  operator_user.role = core::Role::kAdministrator;
  const app::Actor actor = app::command_line_actor(operator_user);
  for (auto _ : state) {
    // Every round replaces the previous round's figures, as a re-import of a newer file does.
    auto r = hub->trends->import(actor, "frontex", workbook(), "monthly-detections.xlsx");
    if (!r) state.SkipWithError(r.status().message().c_str());
  }
  peak_memory(state);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_FrontexImportIntoStore)->Unit(benchmark::kMillisecond);

void BM_ShiftsEveryRouteAndNationality(benchmark::State& state) {
  auto r = trends::import_frontex(workbook(), trends::Taxonomy::builtin());
  if (!r) {
    state.SkipWithError(r.status().message().c_str());
    return;
  }
  // Monthly series over the workbook's whole span: each route, each route x nationality.
  std::map<std::pair<std::string, std::string>, std::map<int, double>> cells;
  int lo = 1 << 30;
  int hi = 0;
  for (const auto& i : r->incidents) {
    cells[{i.route, ""}][i.month] += static_cast<double>(i.detected);
    cells[{i.route, i.nationality}][i.month] += static_cast<double>(i.detected);
    lo = std::min(lo, i.month);
    hi = std::max(hi, i.month);
  }
  std::vector<std::vector<double>> series;
  for (const auto& [key, months] : cells) {
    std::vector<double> y;
    for (int m = lo; m <= hi; ++m) {
      auto it = months.find(m);
      y.push_back(it == months.end() ? 0.0 : it->second);
    }
    series.push_back(std::move(y));
  }
  trends::ShiftOptions options;
  options.phase = lo % 12;
  trends::BocpdOptions online;
  online.phase = lo % 12;
  std::size_t changes = 0;
  std::size_t alerts = 0;
  std::size_t confident = 0;
  for (auto _ : state) {
    changes = 0;
    alerts = 0;
    confident = 0;
    for (const auto& y : series) {
      for (const auto& c : trends::detect_changes(y, options)) {
        ++changes;
        if (c.confidence >= 0.9) ++confident;
      }
      alerts += trends::online_alert(y, online).has_value() ? 1 : 0;
    }
  }
  state.counters["series"] = static_cast<double>(series.size());
  state.counters["months"] = hi - lo + 1;
  state.counters["changes"] = static_cast<double>(changes);
  state.counters["changes_conf90"] = static_cast<double>(confident);
  state.counters["alerts"] = static_cast<double>(alerts);
  peak_memory(state);
}
BENCHMARK(BM_ShiftsEveryRouteAndNationality)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
