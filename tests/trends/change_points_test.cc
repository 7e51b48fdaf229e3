// Change points on generated Poisson series with known breaks, scored by F1 with a margin of
// two months; the online detector on a series whose newest months jump.
#include <gtest/gtest.h>

#include <random>

#include "trends/change_points.h"

namespace crossroads::trends {
namespace {

struct Generated {
  std::vector<double> y;
  std::vector<int> breaks;
};

// Piecewise-constant Poisson means; `levels[i]` holds from `starts[i]`.
Generated poisson_series(std::uint64_t seed, int n, const std::vector<int>& starts,
                         const std::vector<double>& levels) {
  std::mt19937_64 rng(seed);
  Generated g;
  for (int t = 0; t < n; ++t) {
    std::size_t seg = 0;
    while (seg + 1 < starts.size() && t >= starts[seg + 1]) ++seg;
    std::poisson_distribution<int> draw(levels[seg]);
    g.y.push_back(draw(rng));
  }
  g.breaks.assign(starts.begin() + 1, starts.end());
  return g;
}

std::vector<int> indices(const std::vector<ChangePoint>& cps) {
  std::vector<int> out;
  for (const auto& c : cps) out.push_back(c.index);
  return out;
}

TEST(ChangePoints, PeltFindsKnownBreaksInPoissonSeries) {
  double f1_sum = 0;
  int runs = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed * 7919);
    // Three to five segments of at least 8 months, levels between 20 and 400.
    const int segments = 3 + static_cast<int>(rng() % 3);
    std::vector<int> starts = {0};
    std::vector<double> levels = {20.0 + static_cast<double>(rng() % 380)};
    for (int s = 1; s < segments; ++s) {
      starts.push_back(starts.back() + 8 + static_cast<int>(rng() % 20));
      double next = 0;
      do {
        next = 20.0 + static_cast<double>(rng() % 380);
      } while (std::abs(next - levels.back()) < 0.3 * levels.back());  // a real shift
      levels.push_back(next);
    }
    const int n = starts.back() + 8 + static_cast<int>(rng() % 20);
    auto g = poisson_series(seed, n, starts, levels);
    auto found = detect_changes(g.y, {});
    const Score s = score_changes(g.breaks, indices(found), 2);
    f1_sum += s.f1;
    ++runs;
  }
  EXPECT_GE(f1_sum / runs, 0.9);
}

TEST(ChangePoints, BinarySegmentationAgreesOnAClearBreak) {
  auto g = poisson_series(11, 60, {0, 30}, {100, 40});
  ShiftOptions o;
  o.method = Method::kBinseg;
  auto found = detect_changes(g.y, o);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].index, 30, 2);
  EXPECT_LT(found[0].change, -0.5);
  EXPECT_NEAR(found[0].before, 100, 10);
  EXPECT_NEAR(found[0].after, 40, 6);
  EXPECT_GT(found[0].confidence, 0.99);
}

TEST(ChangePoints, AFlatSeriesHasNoShiftsAndPenaltiesMatter) {
  auto g = poisson_series(3, 120, {0}, {250});
  EXPECT_TRUE(detect_changes(g.y, {}).empty());
  ShiftOptions tiny;
  tiny.penalty.kind = Penalty::Kind::kValue;
  tiny.penalty.value = 0.01;
  tiny.min_size = 1;
  EXPECT_GT(detect_changes(g.y, tiny).size(), 5u);  // no penalty: every wiggle is a shift
}

TEST(ChangePoints, OverdispersedSeriesDoNotBreakEveryMonth) {
  // Negative binomial noise (variance 20x the mean) around one break.
  std::mt19937_64 rng(5);
  std::vector<double> y;
  for (int t = 0; t < 100; ++t) {
    const double mean = t < 50 ? 5000 : 1500;
    std::gamma_distribution<double> g(mean / 20.0, 20.0);
    std::poisson_distribution<long> p(g(rng));
    y.push_back(static_cast<double>(p(rng)));
  }
  EXPECT_GT(dispersion(y), 10);
  auto found = detect_changes(y, {});
  const Score s = score_changes({50}, indices(found), 2);
  EXPECT_GE(s.f1, 0.66) << found.size() << " changes found";
}

TEST(ChangePoints, ParsesPenaltiesAndMethods) {
  EXPECT_EQ(parse_penalty("bic")->kind, Penalty::Kind::kBic);
  EXPECT_EQ(parse_penalty("aic")->kind, Penalty::Kind::kAic);
  EXPECT_EQ(parse_penalty("12.5")->value, 12.5);
  EXPECT_FALSE(parse_penalty("-1").is_ok());
  EXPECT_FALSE(parse_penalty("large").is_ok());
  EXPECT_EQ(*parse_method("binseg"), Method::kBinseg);
  EXPECT_FALSE(parse_method("magic").is_ok());
  ShiftOptions o;
  o.min_size = 0;
  EXPECT_FALSE(validate(o).is_ok());
  o.min_size = 3;
  EXPECT_TRUE(validate(o).is_ok());
  o.hazard_periods = 1;
  EXPECT_FALSE(validate(o).is_ok());
  o.hazard_periods = 24;
  o.confidence_margin = -1;
  EXPECT_FALSE(validate(o).is_ok());
}

TEST(OnlineDetection, AlertsWhenTheNewestMonthsJump) {
  auto g = poisson_series(9, 48, {0, 46}, {200, 600});
  auto alert = online_alert(g.y, {});
  ASSERT_TRUE(alert.has_value());
  EXPECT_TRUE(alert->up);
  EXPECT_NEAR(alert->index, 46, 1);
  EXPECT_GT(alert->probability, 0.5);
  auto flat = poisson_series(9, 48, {0}, {200});
  EXPECT_FALSE(online_alert(flat.y, {}).has_value());
}

TEST(Displacement, PairsAFallWithARiseInTheSameWindow) {
  std::vector<LabeledChange> changes = {{"western_balkans", "", {30, 1000, 300, -0.7, 0.99}},
                                        {"eastern_mediterranean", "", {31, 500, 1200, 1.4, 0.99}},
                                        {"central_mediterranean", "", {60, 500, 1200, 1.4, 0.99}},
                                        {"western_balkans", "Syria", {30, 500, 100, -0.8, 0.99}}};
  auto pairs = find_displacements(changes);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].falling.route, "western_balkans");
  EXPECT_EQ(pairs[0].rising.route, "eastern_mediterranean");
}

TEST(Score, CountsHitsWithinTheMargin) {
  auto s = score_changes({10, 30}, {11, 25, 30}, 2);
  EXPECT_DOUBLE_EQ(s.precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
}

}  // namespace
}  // namespace crossroads::trends
