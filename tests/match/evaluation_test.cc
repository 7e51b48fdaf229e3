#include "match/evaluation.h"

#include <gtest/gtest.h>

#include "synthetic_persons.h"

namespace crossroads::match {
namespace {

TEST(Evaluation, MeetsAccuracyTargetsOnTheSyntheticWorld) {
  std::vector<MatchRecord> records;
  std::vector<std::pair<core::Id, std::string>> truth;
  testing::generate_persons({42, 20000, 8}, [&](testing::SyntheticRecord&& r) {
    records.push_back(to_match_record(r.entity, r.desk));
    truth.emplace_back(r.entity.id, r.identity);
  });
  const EvalResult r = evaluate(records, truth);
  std::printf("%s\n", summary(r).c_str());
  // Issue 5's targets are precision >= 0.98 and recall >= 0.95 (on the 100k world of issue 4).
  // Not met yet on this world (about 0.97 / 0.87, see docs/benchmarks.md): these bounds guard
  // against regressions until they are.
  EXPECT_GE(r.precision, 0.96);
  EXPECT_GE(r.recall, 0.85);
  EXPECT_EQ(r.identifier_recall, 1.0);
  EXPECT_GT(r.identifier_pairs, 100u);
  EXPECT_LE(r.largest_identity, 10u);
}

// A larger world makes more name blocks too large to compare in full; those are compared within
// a year of the birth year. When EM sampled them so, namesakes born the same year looked like
// matches and precision collapsed with size (0.05 at 300k persons). Small blocks stand in for a
// large world here.
TEST(Evaluation, PrecisionHoldsWhenNameBlocksAreLarge) {
  std::vector<MatchRecord> records;
  std::vector<std::pair<core::Id, std::string>> truth;
  testing::generate_persons({42, 20000, 8}, [&](testing::SyntheticRecord&& r) {
    records.push_back(to_match_record(r.entity, r.desk));
    truth.emplace_back(r.entity.id, r.identity);
  });
  EvalOptions options;
  options.matcher.full_block = 10;
  const EvalResult r = evaluate(records, truth, options);
  std::printf("%s\n", summary(r).c_str());
  EXPECT_GE(r.precision, 0.9);  // 0.94; 0.32 when EM sampled the large blocks by year
  EXPECT_GE(r.recall, 0.8);
}

// A small hub has too few candidate pairs for EM (on 1,843 pairs it put the prior at 1 and
// linked nearly every namesake): the defaults stay until there are enough.
TEST(Evaluation, ASmallIndexKeepsTheDefaultModel) {
  std::vector<MatchRecord> records;
  std::vector<std::pair<core::Id, std::string>> truth;
  testing::generate_persons({7, 600, 8}, [&](testing::SyntheticRecord&& r) {
    records.push_back(to_match_record(r.entity, r.desk));
    truth.emplace_back(r.entity.id, r.identity);
  });
  Matcher m;
  m.add_all(records);
  const ModelParameters p = m.estimate_parameters();
  EXPECT_EQ(p.iterations, 0);
  EXPECT_LT(p.lambda, 0.5);
  const EvalResult r = evaluate(records, truth);
  EXPECT_GE(r.precision, 0.9);
  EXPECT_GE(r.recall, 0.8);
}

TEST(Evaluation, SyntheticWorldIsDeterministic) {
  std::string a, b;
  testing::generate_persons({9, 500, 8}, [&](testing::SyntheticRecord&& r) {
    a += r.entity.properties["name"][0] + r.identity;
  });
  testing::generate_persons({9, 500, 8}, [&](testing::SyntheticRecord&& r) {
    b += r.entity.properties["name"][0] + r.identity;
  });
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace crossroads::match
