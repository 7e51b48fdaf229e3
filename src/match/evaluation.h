// Accuracy of the matcher against a ground truth (the synthetic world's identity of each
// person record): pairwise precision/recall/F1 of person links and of resolved identities,
// recall of shared exact identifiers, and the size of the largest identity.
// Used by tests, benchmarks and `crossroads eval`.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "match/matcher.h"

namespace crossroads::match {

struct EvalOptions {
  MatcherOptions matcher;
  bool estimate = true;  // run EM before linking
  // When set, every false positive and false negative person pair is written here as one JSON
  // line (both records as the matcher sees them and the comparison's explanation), for tuning.
  std::ostream* errors = nullptr;
};

struct EvalResult {
  std::size_t records = 0;
  std::size_t persons = 0;
  // Person links (Hit::Kind::kPerson) against truth pairs of person records in different cases.
  std::size_t true_pairs = 0;
  std::size_t predicted_pairs = 0;
  std::size_t true_positives = 0;
  double precision = 0, recall = 0, f1 = 0;
  // The same, for all pairs inside identities(threshold).
  double identity_precision = 0, identity_recall = 0, identity_f1 = 0;
  std::size_t largest_identity = 0;
  // Cross-case pairs sharing an identifier held in at most max_identifier_cases cases, and how
  // many of them were linked (any hit kind).
  std::size_t identifier_pairs = 0;
  std::size_t identifier_pairs_linked = 0;
  double identifier_recall = 0;
  std::size_t common_identifiers = 0;  // values weighted down for frequency
  std::size_t hits = 0;                // all cross-case hits
  double seconds_index = 0, seconds_estimate = 0, seconds_links = 0;
  ModelParameters parameters;
};

// truth: entity id -> true identity, for person records (others may be missing).
EvalResult evaluate(const std::vector<MatchRecord>& records,
                    const std::vector<std::pair<core::Id, std::string>>& truth,
                    const EvalOptions& options = {});

// "precision 0.991 recall 0.962 f1 0.976 | identities ... | identifiers 1.000 (12345 pairs)"
std::string summary(const EvalResult& r);

// The model's weight of every comparison level, one line each: "name  name parts identical
// m=0.31 u=0.02 +3.95". What an analyst reads to see what the estimated model believes.
std::string describe_model(const ModelParameters& p);

}  // namespace crossroads::match
