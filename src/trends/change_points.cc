#include "trends/change_points.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace crossroads::trends {

core::Result<Method> parse_method(std::string_view text) {
  if (text.empty() || text == "pelt") return Method::kPelt;
  if (text == "binseg") return Method::kBinseg;
  return core::invalid("'" + std::string(text) + "' is not a method; use pelt or binseg", "method");
}

double Penalty::for_length(std::size_t n) const {
  switch (kind) {
    case Kind::kBic:
      return 2.0 * std::log(std::max<double>(2.0, static_cast<double>(n)));
    case Kind::kAic:
      return 4.0;
    case Kind::kValue:
      return value;
  }
  return value;
}

core::Result<Penalty> parse_penalty(std::string_view text) {
  Penalty p;
  if (text.empty() || text == "bic") return p;
  if (text == "aic") {
    p.kind = Penalty::Kind::kAic;
    return p;
  }
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v) || v < 0) {
    return core::invalid("'" + s + "' is not a penalty; use bic, aic or a number >= 0", "penalty");
  }
  p.kind = Penalty::Kind::kValue;
  p.value = v;
  return p;
}

core::Status validate(const ShiftOptions& o) {
  if (o.min_size < 1 || o.min_size > 60) {
    return core::invalid("must be between 1 and 60 periods", "min_size");
  }
  if (!(o.hazard_periods >= 2 && o.hazard_periods <= 1200)) {
    return core::invalid("must be between 2 and 1200 periods (expected time between changes)",
                         "hazard_periods");
  }
  if (o.confidence_margin < 0 || o.confidence_margin > 12) {
    return core::invalid("must be between 0 and 12 periods", "confidence_margin");
  }
  return core::Status::ok();
}

double dispersion(const std::vector<double>& y) {
  std::vector<double> ratios;
  for (std::size_t t = 1; t < y.size(); ++t) {
    const double s = y[t] + y[t - 1];
    if (s > 0) ratios.push_back((y[t] - y[t - 1]) * (y[t] - y[t - 1]) / s);
  }
  if (ratios.size() < 3) return 1.0;
  auto mid = ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2);
  std::nth_element(ratios.begin(), mid, ratios.end());
  // For Poisson counts the ratio is about chi-square(1), whose median is 0.4549.
  return std::max(1.0, *mid / 0.4549);
}

std::vector<double> seasonal_factors(const std::vector<double>& y, int season, int phase) {
  const int n = static_cast<int>(y.size());
  std::vector<double> out(y.size(), 1.0);
  if (season < 2 || n < 3 * season) return out;
  // Centred moving average over one year (2 x season for an even season).
  const int half = season / 2;
  std::vector<std::vector<double>> ratios(static_cast<std::size_t>(season));
  for (int t = half; t + half < n; ++t) {
    double sum = 0;
    double weight = 0;
    for (int k = -half; k <= half; ++k) {
      const double w = (season % 2 == 0 && (k == -half || k == half)) ? 0.5 : 1.0;
      const int at = t + k;
      sum += w * y[static_cast<std::size_t>(at)];
      weight += w;
    }
    const double ma = sum / weight;
    if (ma <= 0) continue;
    const int pos = ((t + phase) % season + season) % season;
    ratios[static_cast<std::size_t>(pos)].push_back(y[static_cast<std::size_t>(t)] / ma);
  }
  std::vector<double> factor(static_cast<std::size_t>(season), 1.0);
  double mean = 0;
  for (int p = 0; p < season; ++p) {
    auto& r = ratios[static_cast<std::size_t>(p)];
    if (r.size() >= 2) {
      auto mid = r.begin() + static_cast<std::ptrdiff_t>(r.size() / 2);
      std::nth_element(r.begin(), mid, r.end());
      factor[static_cast<std::size_t>(p)] = std::clamp(*mid, 0.2, 5.0);
    }
    mean += factor[static_cast<std::size_t>(p)];
  }
  mean /= season;
  std::vector<double> candidate(y.size());
  for (int t = 0; t < n; ++t) {
    const int pos = ((t + phase) % season + season) % season;
    candidate[static_cast<std::size_t>(t)] = factor[static_cast<std::size_t>(pos)] / mean;
  }
  // Keep the factors only when they explain clearly more than noise: Pearson statistics of the
  // counts around the moving average without and with them, against season - 1 degrees of
  // freedom scaled by the residual dispersion.
  double without = 0;
  double with = 0;
  int used = 0;
  for (int t = half; t + half < n; ++t) {
    double sum = 0;
    double weight = 0;
    for (int k = -half; k <= half; ++k) {
      const double w = (season % 2 == 0 && (k == -half || k == half)) ? 0.5 : 1.0;
      const int at = t + k;
      sum += w * y[static_cast<std::size_t>(at)];
      weight += w;
    }
    const double ma = sum / weight;
    if (ma <= 0) continue;
    const double v = y[static_cast<std::size_t>(t)];
    const double expected = ma * candidate[static_cast<std::size_t>(t)];
    without += (v - ma) * (v - ma) / ma;
    with += (v - expected) * (v - expected) / expected;
    ++used;
  }
  if (used <= season) return out;
  const double phi = std::max(1.0, with / (used - season));
  if ((without - with) / phi > 3.0 * (season - 1)) out = std::move(candidate);
  return out;
}

namespace {

// Shape of the Gamma prior on a segment's mean (scaled counts), centred on the mean of the
// months at hand: a standard deviation of about 1.3 on the log scale, so a change to a third or
// to three times the level is a priori ordinary.
constexpr double kPriorShape = 1.0;

// -2 log-likelihood of Poisson segments (up to terms that do not depend on the segmentation),
// divided by the dispersion factor, from cumulative sums.
class PoissonCost {
 public:
  PoissonCost(const std::vector<double>& y, double phi) : phi_(phi), cum_(y.size() + 1, 0.0) {
    for (std::size_t i = 0; i < y.size(); ++i) cum_[i + 1] = cum_[i] + y[i];
  }
  // Segment [a, b).
  double operator()(int a, int b) const {
    const double s = cum_[static_cast<std::size_t>(b)] - cum_[static_cast<std::size_t>(a)];
    if (s <= 0) return 0;
    const double n = b - a;
    return 2.0 * (s - s * std::log(s / n)) / phi_;
  }
  double mean(int a, int b) const {
    return (cum_[static_cast<std::size_t>(b)] - cum_[static_cast<std::size_t>(a)]) / (b - a);
  }

 private:
  double phi_;
  std::vector<double> cum_;
};

// Pearson dispersion of the counts around the means of the segments cut at `cps`.
double residual_dispersion(const std::vector<double>& y, const std::vector<int>& cps) {
  double sum = 0;
  int a = 0;
  const int n = static_cast<int>(y.size());
  for (std::size_t i = 0; i <= cps.size(); ++i) {
    const int b = i < cps.size() ? cps[i] : n;
    double mean = 0;
    for (int t = a; t < b; ++t) mean += y[static_cast<std::size_t>(t)];
    mean /= std::max(1, b - a);
    if (mean > 0) {
      for (int t = a; t < b; ++t) {
        const double d = y[static_cast<std::size_t>(t)] - mean;
        sum += d * d / mean;
      }
    }
    a = b;
  }
  const int dof = n - static_cast<int>(cps.size()) - 1;
  return dof > 0 ? std::max(1.0, sum / dof) : 1.0;
}

std::vector<int> pelt(const PoissonCost& cost, int n, double beta, int min_size) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> f(static_cast<std::size_t>(n) + 1, inf);
  std::vector<int> last(static_cast<std::size_t>(n) + 1, 0);
  f[0] = -beta;
  std::vector<int> candidates = {0};
  for (int t = min_size; t <= n; ++t) {
    double best = inf;
    int arg = 0;
    for (int s : candidates) {
      if (t - s < min_size) continue;
      const double v = f[static_cast<std::size_t>(s)] + cost(s, t) + beta;
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    f[static_cast<std::size_t>(t)] = best;
    last[static_cast<std::size_t>(t)] = arg;
    std::vector<int> kept;
    for (int s : candidates) {
      if (t - s < min_size || f[static_cast<std::size_t>(s)] + cost(s, t) <= best)
        kept.push_back(s);
    }
    const int fresh = t - min_size + 1;
    if (fresh >= min_size && std::isfinite(f[static_cast<std::size_t>(fresh)]) &&
        std::find(kept.begin(), kept.end(), fresh) == kept.end()) {
      kept.push_back(fresh);
    }
    candidates = std::move(kept);
  }
  std::vector<int> cps;
  for (int t = n; t > 0;) {
    const int s = last[static_cast<std::size_t>(t)];
    if (s > 0) cps.push_back(s);
    t = s;
  }
  std::reverse(cps.begin(), cps.end());
  return cps;
}

void binseg(const PoissonCost& cost, int a, int b, double beta, int min_size,
            std::vector<int>& out) {
  if (b - a < 2 * min_size) return;
  const double whole = cost(a, b);
  double best = 0;
  int arg = -1;
  for (int k = a + min_size; k <= b - min_size; ++k) {
    const double gain = whole - cost(a, k) - cost(k, b);
    if (gain > best) {
      best = gain;
      arg = k;
    }
  }
  if (arg < 0 || best <= beta) return;
  out.push_back(arg);
  binseg(cost, a, arg, beta, min_size, out);
  binseg(cost, arg, b, beta, min_size, out);
}

// Log marginal likelihood of the scaled counts of [a, b) (up to terms every segmentation of the
// same months shares) under one Poisson mean with a Gamma(shape, rate) prior.
class GammaPoissonEvidence {
 public:
  GammaPoissonEvidence(const std::vector<double>& x, double shape, double rate)
      : shape_(shape), rate_(rate), cum_(x.size() + 1, 0.0) {
    for (std::size_t i = 0; i < x.size(); ++i) cum_[i + 1] = cum_[i] + x[i];
  }
  double operator()(int a, int b) const {
    const double s = cum_[static_cast<std::size_t>(b)] - cum_[static_cast<std::size_t>(a)];
    const double n = b - a;
    return std::lgamma(shape_ + s) - std::lgamma(shape_) + shape_ * std::log(rate_) -
           (shape_ + s) * std::log(rate_ + n);
  }

 private:
  double shape_;
  double rate_;
  std::vector<double> cum_;
};

// Posterior probability of a change within `margin` periods of `k`, for the months [a, b)
// between the neighbouring detected changes: either one mean throughout, or one change at some
// j (segments of at least `min_size`), with the product-partition prior of a constant hazard
// (odds h / (1 - h) per position) and independent Gamma priors on the segment means (shape
// kPriorShape, centred on the window's mean). `x` holds the dispersion-scaled counts, so the
// likelihood is the quasi-Poisson one the segmentation used.
double local_change_posterior(const std::vector<double>& x, int a, int k, int b, int min_size,
                              double hazard, int margin) {
  double total = 0;
  for (int t = a; t < b; ++t) total += x[static_cast<std::size_t>(t)];
  const double mean = std::max(total / (b - a), 1e-3);
  const GammaPoissonEvidence ev(x, kPriorShape, kPriorShape / mean);
  const double log_odds = std::log(hazard / (1.0 - hazard));
  const double none = ev(a, b);
  std::vector<double> logw;
  std::vector<int> at;
  for (int j = a + min_size; j <= b - min_size; ++j) {
    logw.push_back(log_odds + ev(a, j) + ev(j, b) - none);
    at.push_back(j);
  }
  if (logw.empty()) return 0;
  double mx = 0;  // the no-change hypothesis has log weight 0
  for (double w : logw) mx = std::max(mx, w);
  double denominator = std::exp(-mx);
  double near = 0;
  for (std::size_t i = 0; i < logw.size(); ++i) {
    const double w = std::exp(logw[i] - mx);
    denominator += w;
    if (std::abs(at[i] - k) <= margin) near += w;
  }
  return std::clamp(near / denominator, 0.0, 1.0);
}

// Seasonal adjustment, quasi-likelihood dispersion and segmentation of one series.
struct Fit {
  std::vector<double> y;  // seasonally adjusted
  double phi = 1;
  std::vector<int> cps;
};

Fit fit_segments(const std::vector<double>& raw, const ShiftOptions& options) {
  Fit fit;
  const int n = static_cast<int>(raw.size());
  const int min_size = std::max(1, options.min_size);
  fit.y = raw;
  const auto factors = seasonal_factors(raw, options.season, options.phase);
  for (std::size_t t = 0; t < fit.y.size(); ++t) fit.y[t] /= factors[t];
  if (n < 2 * min_size) {
    fit.phi = dispersion(fit.y);
    return fit;
  }
  const double beta = options.penalty.for_length(fit.y.size());
  auto segment = [&](const PoissonCost& c) {
    std::vector<int> found;
    if (options.method == Method::kPelt) {
      found = pelt(c, n, beta, min_size);
    } else {
      binseg(c, 0, n, beta, min_size, found);
      std::sort(found.begin(), found.end());
    }
    return found;
  };
  // Quasi-likelihood: the dispersion is what the counts show around the fitted segments. The
  // first guess (from month-to-month differences) is too small for series that drift rather
  // than step, as published border figures do, and would cut them into many short "shifts";
  // refit with the dispersion of the residuals until it settles (pure Poisson counts keep 1).
  fit.phi = dispersion(fit.y);
  fit.cps = segment(PoissonCost(fit.y, fit.phi));
  for (int round = 0; round < 4; ++round) {
    const double fitted = residual_dispersion(fit.y, fit.cps);
    if (fitted <= fit.phi * 1.05) break;
    fit.phi = fitted;
    fit.cps = segment(PoissonCost(fit.y, fit.phi));
  }
  return fit;
}

}  // namespace

std::vector<ChangePoint> detect_changes(const std::vector<double>& raw,
                                        const ShiftOptions& options) {
  const int n = static_cast<int>(raw.size());
  const int min_size = std::max(1, options.min_size);
  std::vector<ChangePoint> out;
  if (n < 2 * min_size) return out;
  const Fit fit = fit_segments(raw, options);
  const PoissonCost cost(fit.y, fit.phi);
  std::vector<double> scaled(fit.y.size());
  for (std::size_t t = 0; t < scaled.size(); ++t) scaled[t] = fit.y[t] / fit.phi;
  const double hazard = 1.0 / std::max(2.0, options.hazard_periods);
  const auto& cps = fit.cps;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const int a = i == 0 ? 0 : cps[i - 1];
    const int k = cps[i];
    const int b = i + 1 < cps.size() ? cps[i + 1] : n;
    ChangePoint c;
    c.index = k;
    c.before = cost.mean(a, k);
    c.after = cost.mean(k, b);
    if (c.before > 0) {
      c.change = c.after / c.before - 1.0;
    } else {
      c.change = c.after > 0 ? 1.0 : 0.0;
    }
    c.confidence =
        local_change_posterior(scaled, a, k, b, min_size, hazard, options.confidence_margin);
    if (c.confidence < options.min_confidence) continue;
    out.push_back(c);
  }
  return out;
}

std::vector<double> bocpd_run_length(const std::vector<double>& raw, const BocpdOptions& options) {
  if (raw.empty()) return {};
  // The same seasonal adjustment and quasi-likelihood dispersion as the offline detector: a
  // summer peak is not a new regime, and overdispersed counts must not look like one either.
  ShiftOptions shape;
  shape.season = options.season;
  shape.phase = options.phase;
  const Fit fit = fit_segments(raw, shape);
  const double phi = fit.phi;
  const double h = 1.0 / std::max(2.0, options.hazard_periods);
  // Prior of a regime's mean: Gamma(kPriorShape) centred on the series' mean, as offline.
  double m0 = 0;
  for (double v : fit.y) m0 += v / phi;
  m0 = std::max(1e-3, m0 / static_cast<double>(fit.y.size()));
  const double a0 = kPriorShape;
  const double b0 = kPriorShape / m0;
  std::vector<double> r = {1.0};
  std::vector<double> alpha = {a0};
  std::vector<double> beta = {b0};
  for (double v : fit.y) {
    const double x = v / phi;
    std::vector<double> logpred(r.size());
    double mx = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < r.size(); ++k) {
      // Negative binomial predictive of the Poisson-Gamma model (the lgamma(x + 1) term is the
      // same for every run length and cancels).
      const double a = alpha[k];
      const double b = beta[k];
      logpred[k] =
          std::lgamma(a + x) - std::lgamma(a) + a * std::log(b / (1 + b)) - x * std::log(1 + b);
      if (r[k] > 0) mx = std::max(mx, logpred[k]);
    }
    std::vector<double> next(r.size() + 1, 0.0);
    double total = 0;
    for (std::size_t k = 0; k < r.size(); ++k) {
      const double w = r[k] * std::exp(logpred[k] - mx);
      next[k + 1] = w * (1 - h);
      next[0] += w * h;
    }
    for (double w : next) total += w;
    if (!(total > 0)) {  // every run length impossible: start afresh
      next.assign(next.size(), 0.0);
      next[0] = 1.0;
      total = 1.0;
    }
    for (double& w : next) w /= total;
    std::vector<double> na = {a0};
    std::vector<double> nb = {b0};
    for (std::size_t k = 0; k < r.size(); ++k) {
      na.push_back(alpha[k] + x);
      nb.push_back(beta[k] + 1);
    }
    // Run lengths with negligible mass are dropped to keep the work linear.
    while (next.size() > 2 && next.back() < 1e-12) {
      next.pop_back();
      na.pop_back();
      nb.pop_back();
    }
    r = std::move(next);
    alpha = std::move(na);
    beta = std::move(nb);
  }
  return r;
}

std::optional<Alert> online_alert(const std::vector<double>& y, const BocpdOptions& options) {
  const int n = static_cast<int>(y.size());
  if (n < options.recent + 6) return std::nullopt;
  const auto r = bocpd_run_length(y, options);
  double prob = 0;
  double best = -1;
  int best_r = 0;
  for (int k = 0; k < options.recent && k < static_cast<int>(r.size()); ++k) {
    prob += r[static_cast<std::size_t>(k)];
    if (r[static_cast<std::size_t>(k)] > best) {
      best = r[static_cast<std::size_t>(k)];
      best_r = k;
    }
  }
  if (prob < options.threshold) return std::nullopt;
  Alert a;
  a.index = n - 1 - best_r;
  a.probability = std::min(1.0, prob);
  double after = 0;
  for (int t = a.index; t < n; ++t) after += y[static_cast<std::size_t>(t)];
  after /= n - a.index;
  double before = 0;
  const int from = std::max(0, a.index - 12);
  for (int t = from; t < a.index; ++t) before += y[static_cast<std::size_t>(t)];
  before /= std::max(1, a.index - from);
  a.up = after >= before;
  return a;
}

std::vector<Displacement> find_displacements(const std::vector<LabeledChange>& changes, int window,
                                             double min_change) {
  std::vector<Displacement> out;
  for (const auto& fall : changes) {
    if (!fall.nationality.empty() || fall.change.change > -min_change) continue;
    const LabeledChange* best = nullptr;
    for (const auto& rise : changes) {
      if (!rise.nationality.empty() || rise.route == fall.route ||
          rise.change.change < min_change ||
          std::abs(rise.change.index - fall.change.index) > window) {
        continue;
      }
      if (!best || std::abs(rise.change.index - fall.change.index) <
                       std::abs(best->change.index - fall.change.index)) {
        best = &rise;
      }
    }
    if (best) out.push_back({fall.change.index, fall, *best});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.index < b.index; });
  return out;
}

Score score_changes(const std::vector<int>& truth, const std::vector<int>& found, int margin) {
  Score s;
  std::vector<bool> used(truth.size(), false);
  int hits = 0;
  for (int f : found) {
    int best = -1;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      if (used[i] || std::abs(truth[i] - f) > margin) continue;
      if (best < 0 ||
          std::abs(truth[i] - f) < std::abs(truth[static_cast<std::size_t>(best)] - f)) {
        best = static_cast<int>(i);
      }
    }
    if (best >= 0) {
      used[static_cast<std::size_t>(best)] = true;
      ++hits;
    }
  }
  s.precision =
      found.empty() ? (truth.empty() ? 1.0 : 0.0) : static_cast<double>(hits) / found.size();
  s.recall = truth.empty() ? 1.0 : static_cast<double>(hits) / truth.size();
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

}  // namespace crossroads::trends
