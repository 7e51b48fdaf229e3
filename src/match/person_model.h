// The Fellegi-Sunter model of person pairs: comparison levels per field, their m/u
// probabilities, the explanation texts, and EM estimation from unlabelled comparison vectors.
// Internal to src/match (matcher.cc uses it); no index or record knowledge here.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "match/matcher.h"

namespace crossroads::match::model {

// Levels, best first. A field whose level is kNull (missing on either side) adds no weight.
inline constexpr std::int8_t kNull = -1;

enum NameLevel : std::int8_t {
  kNameExact,
  kNameTranslit,
  kNameSwapped,
  kNameSubset,
  kNameFuzzy,
  kNameSingle,
  kNamePartial,
  kNameDiffer,
  kNameLevels
};
enum BirthLevel : std::int8_t {
  kBirthExact,
  kBirthSwapped,
  kBirthYearOnly,
  kBirthSameYear,
  kBirthYearOff1,
  kBirthDiffer,
  kBirthLevels
};
// Whether the two cases share another identifier, split by how far the names agree (relatives
// and namesakes of one network share a family name and a case link).
enum CasesLevel : std::int8_t { kCasesShared, kCasesSharedNamesInPart, kCasesApart, kCasesLevels };
inline std::int8_t cases_shared_level(int name_level) {
  return name_level != kNull && name_level < kNamePartial ? kCasesShared : kCasesSharedNamesInPart;
}
inline constexpr std::array<int, kFieldCount> kLevelCount = {kNameLevels, kBirthLevels, 2, 2, 2,
                                                             2,           kCasesLevels};

using Levels = std::array<std::int8_t, kFieldCount>;

const char* field_name(int field);
const char* level_text(int field, int level);

ModelParameters default_parameters();
double level_weight(const ModelParameters& p, int field, int level);  // log2(m/u)
double prior_weight(const ModelParameters& p);                        // log2(lambda/(1-lambda))

// EM over comparison vectors (no labels): updates m, u and lambda, starting from `start`.
// Fields with fixed_u[f] keep start.u[f] (estimated from random pairs, which are almost all
// non-matches): this anchors the two latent classes so that EM cannot swap them.
ModelParameters run_em(const std::vector<Levels>& pairs, const ModelParameters& start,
                       int max_iterations, const std::array<bool, kFieldCount>& fixed_u = {});

// u probabilities from comparison vectors of random pairs.
void estimate_u(const std::vector<Levels>& random_pairs, ModelParameters& p);

inline double probability_from_weight(double w) { return 1.0 / (1.0 + std::exp2(-w)); }

}  // namespace crossroads::match::model
