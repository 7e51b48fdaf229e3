// Shift detection on the synthetic world (src/synth): each route's intensity changes at the
// dates its ground truth records (route_shift), with a summer peak on the sea routes that is not
// a shift. First on Poisson counts drawn around that calendar, then end to end on a generated
// world's events.csv read by the trends importer; the detector must find the shift months
// within two months.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "synth/countries.h"
#include "synth/world.h"
#include "trends/change_points.h"
#include "trends/events.h"
#include "trends/incident.h"
#include "trends/taxonomy.h"

namespace crossroads::trends {
namespace {

TEST(SynthWorldShifts, DetectorFindsTheInjectedRouteShifts) {
  const int first = 2019 * 12;
  const int months = 7 * 12;  // 2019-01 to 2025-12, as synth::Config
  double f1_sum = 0;
  int runs = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<int> truth;
    std::vector<int> found;
    int offset = 0;  // keeps routes apart when pooling
    for (const synth::Route& route : synth::routes()) {
      std::vector<double> y;
      for (int m = 0; m < months; ++m) {
        double lambda = 150 * route.intensity;
        const std::string month = format_month(first + m);
        for (const auto& shift : route.shifts) {
          if (month >= shift.date) lambda *= shift.factor;
        }
        if (route.sea && m % 12 + 1 >= 6 && m % 12 + 1 <= 9) lambda *= 1.4;  // as synth does
        std::poisson_distribution<int> draw(lambda);
        y.push_back(draw(rng));
      }
      for (const auto& shift : route.shifts) {
        truth.push_back(offset + *parse_month(shift.date) - first);
      }
      for (const auto& c : detect_changes(y, {})) found.push_back(offset + c.index);
      offset += 1000;
    }
    ASSERT_GE(truth.size(), 10u);
    const Score s = score_changes(truth, found, 2);
    f1_sum += s.f1;
    ++runs;
  }
  const double f1 = f1_sum / runs;
  std::cerr << "synthetic route calendar: mean F1 " << f1 << " over " << runs << " seeds\n";
  EXPECT_GE(f1, 0.8);
}

TEST(SynthWorldShifts, WithoutSeasonalAdjustmentSummersLookLikeShifts) {
  std::mt19937_64 rng(3);
  std::vector<double> y;
  for (int m = 0; m < 84; ++m) {
    std::poisson_distribution<int> draw(m % 12 + 1 >= 6 && m % 12 + 1 <= 9 ? 280 : 200);
    y.push_back(draw(rng));
  }
  EXPECT_TRUE(detect_changes(y, {}).empty());
  ShiftOptions plain;
  plain.season = 0;
  EXPECT_GE(detect_changes(y, plain).size(), 6u);
}

// events.csv and the route shifts of ground-truth.jsonl, kept in memory.
class EventsSink : public synth::Sink {
 public:
  core::Status on_case(const synth::GeneratedCase&) override { return core::Status::ok(); }
  core::Status on_line(synth::Stream stream, std::string_view line) override {
    if (stream == synth::Stream::kEvents) {
      csv.append(line);
      csv += '\n';
    } else if (stream == synth::Stream::kGroundTruth &&
               line.find("\"route_shift\"") != std::string_view::npos) {
      shifts.push_back(nlohmann::json::parse(line));
    }
    return core::Status::ok();
  }
  core::Status on_file(std::string_view, std::string_view) override { return core::Status::ok(); }
  std::string csv;
  std::vector<nlohmann::json> shifts;
};

struct WorldScore {
  Score events;           // series of event counts, every detected change
  Score confident;        // the same, changes with confidence >= 0.8 only
  Score detections;       // series of migrants detected (the trends pages' default measure)
  std::size_t truth = 0;  // route shifts in the ground truth
  std::size_t incidents = 0;
};

// Generates a world, imports its events.csv through the trends importer, builds the monthly
// series of every route over the world's calendar, runs the detector on each and scores the
// changes against the ground truth's route shifts with a margin of two months.
WorldScore score_world(std::uint64_t seed, std::int64_t persons) {
  synth::Config config = synth::scale_config("small", seed).value();
  config.persons = persons;
  EventsSink sink;
  EXPECT_TRUE(synth::generate(config, sink).is_ok());
  auto imported = import_synth_events(sink.csv, Taxonomy::builtin());
  EXPECT_TRUE(imported.is_ok()) << imported.status().message();
  if (!imported.is_ok()) return {};
  EXPECT_TRUE(imported->errors.empty());
  const int first = config.first_year * 12;
  const int months = (config.last_year - config.first_year + 1) * 12;
  // The synthetic routes under the taxonomy's ids, as the importer files their events.
  const Taxonomy& taxonomy = Taxonomy::builtin();
  std::map<std::string, std::vector<double>> events;
  std::map<std::string, std::vector<double>> detected;
  for (const auto& r : synth::routes()) {
    const std::string id = taxonomy.route_for_name(r.id);
    EXPECT_FALSE(id.empty()) << "synthetic route " << r.id << " is not in the taxonomy";
    EXPECT_FALSE(events.count(id)) << "two synthetic routes are filed under " << id;
    events[id].assign(static_cast<std::size_t>(months), 0.0);
    detected[id].assign(static_cast<std::size_t>(months), 0.0);
  }
  for (const Incident& i : imported->incidents) {
    const int m = i.month - first;
    if (m < 0 || m >= months || !events.count(i.route)) {
      ADD_FAILURE() << "event " << i.source_ref << " on route '" << i.route << "' in "
                    << format_month(i.month) << " is outside the world's routes or calendar";
      continue;
    }
    events[i.route][static_cast<std::size_t>(m)] += 1;
    detected[i.route][static_cast<std::size_t>(m)] += static_cast<double>(i.detected);
  }
  std::map<std::string, int> offset;  // keeps routes apart when pooling
  for (const auto& [route, y] : events) offset[route] = 1000 * static_cast<int>(offset.size());
  std::vector<int> truth;
  for (const auto& shift : sink.shifts) {
    const std::string route = taxonomy.route_for_name(shift["route"].get<std::string>());
    truth.push_back(offset[route] + *parse_month(shift["date"].get<std::string>()) - first);
  }
  std::vector<int> found_events;
  std::vector<int> found_confident;
  std::vector<int> found_detected;
  for (const auto& [route, y] : events) {
    for (const auto& c : detect_changes(y, {})) {
      found_events.push_back(offset[route] + c.index);
      if (c.confidence >= 0.8) found_confident.push_back(offset[route] + c.index);
    }
  }
  for (const auto& [route, y] : detected) {
    for (const auto& c : detect_changes(y, {})) found_detected.push_back(offset[route] + c.index);
  }
  WorldScore out;
  out.incidents = imported->incidents.size();
  out.truth = truth.size();
  out.events = score_changes(truth, found_events, 2);
  out.confident = score_changes(truth, found_confident, 2);
  out.detections = score_changes(truth, found_detected, 2);
  return out;
}

std::ostream& operator<<(std::ostream& out, const Score& s) {
  return out << s.f1 << " (precision " << s.precision << ", recall " << s.recall << ")";
}

// About 17,000 events: a 5,000-person world has some 400, half an event per route and month,
// too few to see any shift in. Two worlds, 4 to 9 s each on the loaded build machine.
TEST(SynthWorldShifts, EventsCsvStepsAtTheInjectedRouteShifts) {
  const std::int64_t persons = 200000;
  const std::uint64_t seeds[] = {7, 11};
  double all = 0;
  double confident = 0;
  double detections = 0;
  for (std::uint64_t seed : seeds) {
    const auto started = std::chrono::steady_clock::now();
    const WorldScore s = score_world(seed, persons);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_GE(s.truth, 10u);
    std::cerr << "synthetic world (seed " << seed << ", " << persons << " persons, " << s.incidents
              << " events, " << seconds << " s): F1 at two months on event "
              << "counts " << s.events << "; with confidence >= 0.8 " << s.confident
              << "; on migrants detected " << s.detections << "\n";
    all += s.events.f1;
    confident += s.confident.f1;
    detections += s.detections.f1;
  }
  all /= std::size(seeds);
  confident /= std::size(seeds);
  detections /= std::size(seeds);
  std::cerr << "mean F1: event counts " << all << ", with confidence >= 0.8 " << confident
            << ", migrants detected " << detections << "\n";
  // Measured (seeds 7 and 11): 0.77, 0.86 and 0.70. Before the events followed the route
  // calendar month by month, event counts reached about 0.15.
  EXPECT_GE(all, 0.65);
  EXPECT_GE(confident, 0.75);
  EXPECT_GE(detections, 0.6);
}

}  // namespace
}  // namespace crossroads::trends
