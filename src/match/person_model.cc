#include "match/person_model.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace crossroads::match::model {

const char* field_name(int field) {
  static const char* const kNames[] = {"name",        "birth_date", "nationality", "gender",
                                       "identifiers", "addresses",  "cases"};
  return kNames[field];
}

const char* level_text(int field, int level) {
  static const char* const kName[] = {"name parts identical",
                                      "name parts agree after transliteration",
                                      "name parts agree, given and family name swapped",
                                      "name parts agree, some parts missing",
                                      "name parts agree allowing a typo or an initial",
                                      "only one name part recorded, it agrees",
                                      "some name parts agree, others differ",
                                      "names differ"};
  static const char* const kBirth[] = {"birth date identical",
                                       "birth year agrees, day and month swapped",
                                       "birth year agrees (only the year recorded)",
                                       "same birth year, different day",
                                       "birth years one apart",
                                       "birth dates differ"};
  static const char* const kNat[] = {"nationality agrees", "nationality differs"};
  static const char* const kGender[] = {"gender agrees", "gender differs"};
  static const char* const kIdent[] = {"share an identifier", "no identifier in common"};
  static const char* const kAddr[] = {"share an address", "no address in common"};
  static const char* const kCases[] = {
      "their cases share another identifier (the same network?)",
      "their cases share another identifier, the names agree only in part",
      "their cases share no identifier"};
  switch (field) {
    case 0:
      return kName[level];
    case 1:
      return kBirth[level];
    case 2:
      return kNat[level];
    case 3:
      return kGender[level];
    case 4:
      return kIdent[level];
    case 5:
      return kAddr[level];
    default:
      return kCases[level];
  }
}

ModelParameters default_parameters() {
  ModelParameters p;
  p.lambda = 0.05;
  p.m[0] = {0.30, 0.30, 0.06, 0.14, 0.08, 0.06, 0.01, 0.005};
  p.u[0] = {0.02, 0.02, 0.003, 0.05, 0.03, 0.12, 0.45, 0.307};
  p.m[1] = {0.60, 0.04, 0.25, 0.03, 0.03, 0.05};
  p.u[1] = {0.002, 0.0005, 0.04, 0.03, 0.06, 0.8675};
  p.m[2] = {0.92, 0.08};
  p.u[2] = {0.30, 0.70};
  p.m[3] = {0.98, 0.02};
  p.u[3] = {0.60, 0.40};
  p.m[4] = {0.50, 0.50};
  p.u[4] = {0.005, 0.995};
  p.m[5] = {0.30, 0.70};
  p.u[5] = {0.01, 0.99};
  p.m[6] = {0.30, 0.01, 0.69};
  p.u[6] = {0.03, 0.03, 0.94};
  return p;
}

double level_weight(const ModelParameters& p, int field, int level) {
  return std::log2(std::max(p.m[field][level], 1e-9) / std::max(p.u[field][level], 1e-9));
}

double prior_weight(const ModelParameters& p) {
  const double l = std::clamp(p.lambda, 1e-9, 1 - 1e-9);
  return std::log2(l / (1 - l));
}

void estimate_u(const std::vector<Levels>& random_pairs, ModelParameters& p) {
  for (int f = 0; f < kFieldCount; ++f) {
    std::array<double, kMaxLevels> counts{};
    double total = 0;
    for (const auto& l : random_pairs) {
      if (l[f] == kNull) continue;
      counts[l[f]] += 1;
      total += 1;
    }
    if (total < 100) continue;  // too little to say: keep the defaults
    for (int l = 0; l < kLevelCount[f]; ++l) {
      // Add-half smoothing: a level never seen among random pairs is rare, not impossible.
      p.u[f][l] = (counts[l] + 0.5) / (total + 0.5 * kLevelCount[f]);
    }
  }
}

ModelParameters run_em(const std::vector<Levels>& pairs, const ModelParameters& start,
                       int max_iterations, const std::array<bool, kFieldCount>& fixed_u) {
  // Identical comparison vectors are counted once: EM runs over patterns, not pairs.
  std::map<Levels, double> counts;
  for (const auto& l : pairs) counts[l] += 1;
  std::vector<std::pair<Levels, double>> patterns(counts.begin(), counts.end());

  ModelParameters p = start;
  p.pairs = pairs.size();
  p.iterations = 0;
  p.converged = false;
  if (patterns.empty()) return p;
  constexpr double kFloor = 1e-5;
  for (int it = 0; it < max_iterations; ++it) {
    std::array<std::array<double, kMaxLevels>, kFieldCount> mm{}, uu{};
    double match_total = 0, total = 0;
    const double lw = p.lambda, lu = 1 - p.lambda;
    for (const auto& [lv, c] : patterns) {
      double pm = lw, pu = lu;
      for (int f = 0; f < kFieldCount; ++f) {
        if (lv[f] == kNull) continue;
        pm *= p.m[f][lv[f]];
        pu *= p.u[f][lv[f]];
      }
      const double g = pm / std::max(pm + pu, 1e-300);
      match_total += c * g;
      total += c;
      for (int f = 0; f < kFieldCount; ++f) {
        if (lv[f] == kNull) continue;
        mm[f][lv[f]] += c * g;
        uu[f][lv[f]] += c * (1 - g);
      }
    }
    double change = 0;
    ModelParameters next = p;
    next.lambda = std::clamp(match_total / total, 1e-6, 1 - 1e-6);
    change = std::max(change, std::abs(next.lambda - p.lambda));
    for (int f = 0; f < kFieldCount; ++f) {
      double sm = 0, su = 0;
      for (int l = 0; l < kLevelCount[f]; ++l) {
        sm += mm[f][l] + kFloor;
        su += uu[f][l] + kFloor;
      }
      for (int l = 0; l < kLevelCount[f]; ++l) {
        next.m[f][l] = (mm[f][l] + kFloor) / sm;
        if (!fixed_u[f]) next.u[f][l] = (uu[f][l] + kFloor) / su;
        change = std::max(
            {change, std::abs(next.m[f][l] - p.m[f][l]), std::abs(next.u[f][l] - p.u[f][l])});
      }
    }
    // No level is impossible among matches: data-entry errors happen (a nationality recorded
    // differently, a gender mistyped). Without this floor a level never seen among the
    // estimated matches would veto a link on its own.
    for (int f = 0; f < kFieldCount; ++f) {
      double sum = 0;
      for (int l = 0; l < kLevelCount[f]; ++l) sum += next.m[f][l] = std::max(next.m[f][l], 0.01);
      for (int l = 0; l < kLevelCount[f]; ++l) next.m[f][l] /= sum;
    }
    change = std::abs(next.lambda - p.lambda);
    for (int f = 0; f < kFieldCount; ++f) {
      for (int l = 0; l < kLevelCount[f]; ++l) {
        change = std::max(
            {change, std::abs(next.m[f][l] - p.m[f][l]), std::abs(next.u[f][l] - p.u[f][l])});
      }
    }
    p = next;
    p.iterations = it + 1;
    if (change < 1e-4) {
      p.converged = true;
      break;
    }
  }
  return p;
}

}  // namespace crossroads::match::model
