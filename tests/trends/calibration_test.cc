// Are the confidences of detected shifts and the probabilities of online alerts calibrated?
// Series are generated with breaks at the rate the model assumes (one per 24 months on average,
// at least 3 months apart), break sizes from +-10% to x3.3 either way, levels from 5 to 5,000 a
// month and overdispersion (variance / mean) of 1, 3, 10 or 30: negative binomial counts, not
// the quasi-Poisson model itself. Among the changes reported with confidence around p, about p
// must be real (a true break within two months); among the alerts, about p must have a true
// break among the newest `recent` months.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>

#include "trends/change_points.h"

namespace crossroads::trends {
namespace {

struct Generated {
  std::vector<double> y;
  std::vector<int> breaks;
  double phi = 1;
};

Generated generate(std::mt19937_64& rng, int n, double phi, double hazard = 1.0 / 24) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Generated g;
  g.phi = phi;
  double level = std::exp(std::log(5.0) + unit(rng) * (std::log(5000.0) - std::log(5.0)));
  int last = 0;
  for (int t = 0; t < n; ++t) {
    if (t - last >= 3 && unit(rng) < hazard) {
      const double size = 0.1 + 1.1 * unit(rng);  // |log ratio|
      level *= std::exp(unit(rng) < 0.5 ? -size : size);
      level = std::clamp(level, 2.0, 20000.0);
      g.breaks.push_back(t);
      last = t;
    }
    double mean = level;
    if (phi > 1) {
      std::gamma_distribution<double> gamma(level / (phi - 1), phi - 1);
      mean = gamma(rng);
    }
    std::poisson_distribution<long> draw(std::max(mean, 1e-9));
    g.y.push_back(static_cast<double>(draw(rng)));
  }
  return g;
}

struct Bin {
  int count = 0;
  double predicted = 0;
  int real = 0;
};

// Reliability bins of width 0.2; each bin with at least `min_count` items must have an observed
// rate within 0.1 plus two standard errors of its mean predicted probability.
void expect_reliable(const std::vector<std::pair<double, bool>>& items, int min_count,
                     const std::string& what) {
  std::vector<Bin> bins(5);
  double brier = 0;
  double base = 0;
  for (const auto& [p, real] : items) {
    auto& b = bins[static_cast<std::size_t>(std::min(4, static_cast<int>(p * 5)))];
    ++b.count;
    b.predicted += p;
    b.real += real ? 1 : 0;
    brier += (p - (real ? 1 : 0)) * (p - (real ? 1 : 0));
    base += real ? 1 : 0;
  }
  base /= static_cast<double>(items.size());
  brier /= static_cast<double>(items.size());
  std::cerr << what << ": " << items.size() << " items, " << base * 100 << "% real, Brier score "
            << brier << " (base rate alone " << base * (1 - base) << ")\n";
  int checked = 0;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const Bin& b = bins[i];
    if (b.count == 0) continue;
    const double predicted = b.predicted / b.count;
    const double observed = static_cast<double>(b.real) / b.count;
    std::cerr << "  confidence " << i * 20 << "-" << i * 20 + 20 << "%: " << b.count
              << " items, mean confidence " << predicted << ", real " << observed << "\n";
    if (b.count < min_count) continue;
    ++checked;
    const double se = std::sqrt(std::max(predicted * (1 - predicted), 0.01) / b.count);
    EXPECT_NEAR(observed, predicted, 0.1 + 2 * se) << what << ", bin " << i;
  }
  EXPECT_GE(checked, 3) << what << ": too few bins filled to judge calibration";
  EXPECT_LT(brier, base * (1 - base)) << what << ": no better than the base rate";
}

TEST(Calibration, ShiftConfidencesMatchHowOftenShiftsAreReal) {
  std::mt19937_64 rng(20261122);
  const double dispersions[] = {1, 3, 10, 30};
  std::vector<std::pair<double, bool>> items;
  for (int s = 0; s < 800; ++s) {
    const int n = 48 + static_cast<int>(rng() % 97);
    const auto g = generate(rng, n, dispersions[s % 4]);
    for (const auto& c : detect_changes(g.y, {})) {
      bool real = false;
      for (int b : g.breaks) real = real || std::abs(b - c.index) <= 2;
      items.emplace_back(c.confidence, real);
    }
  }
  expect_reliable(items, 40, "shift confidences");
}

TEST(Calibration, AlertProbabilitiesMatchHowOftenTheNewestMonthsChanged) {
  std::mt19937_64 rng(7);
  const double dispersions[] = {1, 3, 10, 30};
  BocpdOptions o;
  o.season = 0;  // the generated series have no seasons
  o.threshold = 0;
  std::vector<std::pair<double, bool>> items;
  for (int s = 0; s < 3000; ++s) {
    const int n = 36 + static_cast<int>(rng() % 85);
    const auto g = generate(rng, n, dispersions[s % 4]);
    const auto alert = online_alert(g.y, o);  // threshold 0: always an answer
    ASSERT_TRUE(alert.has_value());
    bool real = false;
    for (int b : g.breaks) real = real || b >= n - o.recent;
    items.emplace_back(alert->probability, real);
  }
  expect_reliable(items, 40, "alert probabilities");
}

// Mean confidence of the detections within two months of the break at 36 of a 72-month series.
double confidence_at_break(double before, double after, double phi, int seeds, int* detected) {
  double sum = 0;
  *detected = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
    std::vector<double> y;
    for (int t = 0; t < 72; ++t) {
      const double level = t < 36 ? before : after;
      double mean = level;
      if (phi > 1) mean = std::gamma_distribution<double>(level / (phi - 1), phi - 1)(rng);
      y.push_back(static_cast<double>(std::poisson_distribution<long>(mean)(rng)));
    }
    for (const auto& c : detect_changes(y, {})) {
      if (std::abs(c.index - 36) > 2) continue;
      sum += c.confidence;
      ++*detected;
      break;
    }
  }
  return *detected > 0 ? sum / *detected : 0;
}

TEST(Calibration, SmallBreaksInNoisySeriesGetLowerConfidenceThanLargeCleanOnes) {
  int clean_found = 0;
  int noisy_found = 0;
  const double clean = confidence_at_break(500, 1000, 1, 40, &clean_found);
  const double noisy = confidence_at_break(100, 145, 10, 200, &noisy_found);
  std::cerr << "x2 break, Poisson: found " << clean_found << "/40, mean confidence " << clean
            << "; +45% break, dispersion 10: found " << noisy_found << "/200, mean confidence "
            << noisy << "\n";
  EXPECT_EQ(clean_found, 40);
  EXPECT_GT(clean, 0.99);
  ASSERT_GE(noisy_found, 20);  // enough detections to compare
  EXPECT_LT(noisy, 0.85);
  EXPECT_GT(clean - noisy, 0.15);
}

TEST(Calibration, SeriesWithoutBreaksRarelyAlertOrShiftConfidently) {
  std::mt19937_64 rng(99);
  const double dispersions[] = {1, 3, 10, 30};
  int alerts = 0;
  int confident_shifts = 0;
  int shifts = 0;
  const int series = 200;
  for (int s = 0; s < series; ++s) {
    const int n = 36 + static_cast<int>(rng() % 85);
    const auto g = generate(rng, n, dispersions[s % 4], 0.0);
    ASSERT_TRUE(g.breaks.empty());
    if (auto a = online_alert(g.y, {}); a && a->probability > 0.5) ++alerts;
    for (const auto& c : detect_changes(g.y, {})) {
      ++shifts;
      if (c.confidence > 0.5) ++confident_shifts;
    }
  }
  std::cerr << series << " series without breaks: " << alerts << " alerts above 0.5, " << shifts
            << " shifts detected, " << confident_shifts << " of them with confidence above 0.5\n";
  EXPECT_LE(alerts, series / 20);
  // The penalty lets about one flat series in ten through with a spurious shift (short series,
  // heavy-tailed counts at dispersion 30); most of those must not look confident. Measured: 13
  // of 200 above 0.5.
  EXPECT_LE(confident_shifts, series / 10);
}

}  // namespace
}  // namespace crossroads::trends
