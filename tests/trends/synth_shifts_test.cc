// Shift detection on the synthetic world's route calendar (src/synth): each route's intensity
// changes at the dates its ground truth records (route_shift), with a summer peak on the sea
// routes that is not a shift. Counts are drawn as Poisson around that calendar with fixed
// seeds; the detector must find the shift months within two months.
#include <gtest/gtest.h>

#include <random>

#include "synth/countries.h"
#include "trends/change_points.h"
#include "trends/incident.h"

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

}  // namespace
}  // namespace crossroads::trends
