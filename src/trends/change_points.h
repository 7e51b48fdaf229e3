// Shift detection on count series.
//
// Offline: PELT (Killick, Fearnhead & Eckley 2012) or binary segmentation over a piecewise
// constant Poisson mean. Published border figures are overdispersed (variance far above the
// mean), so the Poisson cost is divided by a dispersion factor estimated robustly from
// month-to-month differences (quasi-Poisson); with true Poisson counts the factor is 1. The
// penalty per change is BIC (2 ln n: a location and a mean), AIC (4) or a number.
//
// Each change gets the means before and after, the relative change, and a confidence: the
// posterior probability that the series really changes within two months of the reported date.
// It is computed on the months between the neighbouring changes, comparing "one mean
// throughout" with "one change at month j" for every j, under the same quasi-Poisson likelihood
// (counts scaled by the fitted dispersion), a prior of one change per 24 months (constant
// hazard, as BOCPD) and Gamma priors on the means. On generated negative binomial series with
// breaks at that rate, changes reported at confidence p are real about p of the time
// (tests/trends/calibration_test.cc); with changes much rarer than the prior assumes the
// confidences are too high, with changes more frequent too low (docs/benchmarks.md).
//
// Online: Bayesian online change-point detection (Adams & MacKay 2007) with a Poisson-Gamma
// model on the seasonally adjusted, dispersion-scaled counts (the dispersion of the offline
// fit): the alert's probability is the posterior probability that the run length is shorter
// than `recent`, i.e. that a new regime started among the newest `recent` periods.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace crossroads::trends {

enum class Method { kPelt, kBinseg };
core::Result<Method> parse_method(std::string_view text);

struct Penalty {
  enum class Kind { kBic, kAic, kValue } kind = Kind::kBic;
  double value = 0;
  double for_length(std::size_t n) const;
};
core::Result<Penalty> parse_penalty(std::string_view text);  // "bic", "aic" or a number >= 0

struct ShiftOptions {
  Method method = Method::kPelt;
  Penalty penalty;
  int min_size = 3;           // shortest segment, in periods
  double min_confidence = 0;  // changes below are dropped
  // Seasonal adjustment before segmentation: a summer peak on a sea route is not a shift.
  // `season` periods per year (12 for months, 4 for quarters, 0 for none); `phase` is the
  // position in the year of the first period (0 = January / Q1). Needs three years of data.
  int season = 12;
  int phase = 0;
  // Confidence of a change: the posterior probability of a change within `confidence_margin`
  // periods of it (see detect_changes), with a prior of one change per `hazard_periods`.
  double hazard_periods = 24;
  int confidence_margin = 2;
};
core::Status validate(const ShiftOptions& options);

struct ChangePoint {
  int index = 0;      // first period of the new segment
  double before = 0;  // mean of the segment before (seasonally adjusted)
  double after = 0;   // mean of the segment after (seasonally adjusted)
  double change = 0;  // after / before - 1 (after > 0 with before == 0: 1)
  double confidence = 0;
};

// Robust dispersion factor (>= 1) of a count series.
double dispersion(const std::vector<double>& y);
// Multiplicative seasonal factors (mean 1), one per period of `y`, by ratio to a centred
// moving average and the median per position in the year; all 1 with fewer than three years.
std::vector<double> seasonal_factors(const std::vector<double>& y, int season, int phase);
std::vector<ChangePoint> detect_changes(const std::vector<double>& y, const ShiftOptions& options);

struct BocpdOptions {
  double hazard_periods = 24;  // expected periods between changes (constant hazard 1/this)
  int recent = 3;              // alert on a change among the newest this many periods
  double threshold = 0.5;      // ... with at least this probability
  int season = 12;             // seasonal adjustment, as ShiftOptions
  int phase = 0;
};
struct Alert {
  int index = 0;  // the period the new regime starts
  double probability = 0;
  bool up = true;
};
// The run-length posterior after the last observation: P(r) for r = 0, 1, ... (r = 0: the last
// observation starts a new regime).
std::vector<double> bocpd_run_length(const std::vector<double>& y, const BocpdOptions& options);
std::optional<Alert> online_alert(const std::vector<double>& y, const BocpdOptions& options);

// A change on one series, with the series it belongs to.
struct LabeledChange {
  std::string route;
  std::string nationality;
  ChangePoint change;
};
struct Displacement {
  int index = 0;  // period of the fall
  LabeledChange falling;
  LabeledChange rising;
};
// Pairs of route-level changes (no nationality) where one route falls by at least `min_change`
// and another rises by at least as much within `window` periods.
std::vector<Displacement> find_displacements(const std::vector<LabeledChange>& changes,
                                             int window = 3, double min_change = 0.3);

struct Score {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};
// Detected against true change indices: a detection within `margin` of an unmatched true change
// is a hit (each true change matched at most once).
Score score_changes(const std::vector<int>& truth, const std::vector<int>& found, int margin);

}  // namespace crossroads::trends
