// Bulk linking (Matcher::add_all, Matcher::links) gives the links of the index, whatever way the
// index was built: in one batch, in many batches, or one record at a time.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "match/matcher.h"
#include "synthetic_persons.h"

namespace crossroads::match {
namespace {

// Person records of the matcher's generator (few names: large blocks), every seventh turned
// into a non-person entity that matches on its identifiers alone.
std::vector<MatchRecord> world(std::size_t n, std::uint64_t seed) {
  std::vector<MatchRecord> out;
  testing::generate_persons({seed, n, 8}, [&](testing::SyntheticRecord&& r) {
    MatchRecord m = to_match_record(r.entity, r.desk);
    if (m.entity_id % 7 == 0) {
      m.schema = "BankAccount";
      m.names.clear();
    }
    out.push_back(std::move(m));
  });
  return out;
}

// Small blocks and windows, so that a few thousand records use every path of candidate
// generation: blocks compared in full, blocks compared within a year of the birth year, windows
// too large to compare, blocks too large to use.
MatcherOptions small_blocks() {
  MatcherOptions o;
  o.full_block = 10;
  o.max_block = 400;
  o.max_window = 20;
  return o;
}

struct Built {
  std::vector<Link> links;
  std::size_t size = 0;
};

Built links_of(Matcher& m, const ModelParameters& params, const std::vector<Decision>& decisions) {
  m.set_parameters(params);
  m.set_decisions(decisions);
  return {m.links(), m.size()};
}

void expect_same_links(const std::vector<Link>& expected, const std::vector<Link>& actual,
                       const char* how) {
  ASSERT_EQ(expected.size(), actual.size()) << how;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Link& x = expected[i];
    const Link& y = actual[i];
    ASSERT_TRUE(x.a == y.a && x.b == y.b && x.kind == y.kind && x.weight == y.weight &&
                x.confirmed == y.confirmed)
        << how << ": link " << i << " is " << x.a << "-" << x.b << " weight " << x.weight
        << " in one batch, " << y.a << "-" << y.b << " weight " << y.weight;
  }
}

TEST(BulkLinks, SameLinksFromOneBatchManyBatchesAndOneAtATime) {
  const std::vector<MatchRecord> recs = world(6000, 17);
  Matcher one(small_blocks());
  one.add_all(recs);
  const ModelParameters params = one.estimate_parameters();
  // A confirmed pair that shares nothing, and a rejected pair that would link.
  std::vector<Decision> decisions = {{recs[1].entity_id, recs[2].entity_id, true}};
  const Built first = links_of(one, params, decisions);
  const auto person = std::find_if(first.links.begin(), first.links.end(), [](const Link& l) {
    return l.kind == Hit::Kind::kPerson && !l.confirmed;
  });
  ASSERT_NE(person, first.links.end());
  decisions.push_back({person->a, person->b, false});
  const Built reference = links_of(one, params, decisions);
  ASSERT_EQ(reference.links.size() + 1, first.links.size());
  ASSERT_GT(reference.links.size(), 300u);
  std::size_t person_links = 0, identifier_links = 0, confirmed = 0;
  for (const Link& l : reference.links) {
    person_links += l.kind == Hit::Kind::kPerson ? 1 : 0;
    identifier_links += l.kind == Hit::Kind::kIdentifier ? 1 : 0;
    confirmed += l.confirmed ? 1 : 0;
  }
  EXPECT_GT(person_links, 100u);
  EXPECT_GT(identifier_links, 100u);
  EXPECT_EQ(confirmed, 1u);
  {
    // The small blocks are in play: with the default sizes the same records make more links.
    Matcher defaults;
    defaults.add_all(recs);
    EXPECT_GT(links_of(defaults, params, decisions).links.size(), reference.links.size());
  }

  Matcher batches(small_blocks());
  for (std::size_t begin = 0; begin < recs.size(); begin += 333) {
    const std::size_t end = std::min(recs.size(), begin + 333);
    batches.add_all(std::vector<MatchRecord>(recs.begin() + static_cast<std::ptrdiff_t>(begin),
                                             recs.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  const Built from_batches = links_of(batches, params, decisions);
  EXPECT_EQ(from_batches.size, recs.size());
  expect_same_links(reference.links, from_batches.links, "in batches of 333");

  Matcher single(small_blocks());
  for (const auto& r : recs) single.add(r);
  const Built from_single = links_of(single, params, decisions);
  expect_same_links(reference.links, from_single.links, "one at a time");

  // Removing records and adding them back (in the same order, into the slots they left) gives
  // the index it was.
  for (std::size_t i = 0; i < recs.size(); i += 5) batches.remove(recs[i].entity_id);
  EXPECT_LT(batches.links().size(), reference.links.size());
  std::vector<MatchRecord> back;
  for (std::size_t i = 0; i < recs.size(); i += 5) back.push_back(recs[i]);
  std::reverse(back.begin(), back.end());  // free slots are reused last freed first
  batches.add_all(back);
  expect_same_links(reference.links, batches.links(), "after removing a fifth and adding it back");
}

TEST(BulkLinks, BatchThatReplacesRecordsEqualsOneInsertAfterAnother) {
  // A batch holding records already indexed (updates) and one entity twice (the later wins).
  const std::vector<MatchRecord> recs = world(3000, 29);
  std::vector<MatchRecord> first(recs.begin(), recs.begin() + 2000);
  std::vector<MatchRecord> second(recs.begin() + 2000, recs.end());
  for (std::size_t i = 0; i < 1500; i += 3) second.push_back(recs[i]);  // again, unchanged
  MatchRecord moved = recs[5];
  moved.case_id = recs[2500].case_id;  // the same entity, now in another case
  second.push_back(moved);
  second.push_back(recs[2600]);  // twice in the batch
  Matcher batched(small_blocks());
  batched.add_all(first);
  batched.add_all(second);
  Matcher single(small_blocks());
  for (const auto& r : first) single.add(r);
  for (const auto& r : second) single.add(r);
  EXPECT_EQ(batched.size(), recs.size());
  const ModelParameters params = single.estimate_parameters();
  const Built expected = links_of(single, params, {});
  ASSERT_GT(expected.links.size(), 100u);
  expect_same_links(expected.links, links_of(batched, params, {}).links, "batch with updates");
}

TEST(BulkLinks, LinksAgreeWithMatchOfEachRecord) {
  // Every link of links() is a hit of match() from both sides, and every hit a link.
  const std::vector<MatchRecord> recs = world(3000, 23);
  Matcher m;
  m.add_all(recs);
  m.estimate_parameters();
  const std::vector<Link> links = m.links();
  ASSERT_GT(links.size(), 100u);
  std::vector<std::pair<core::Id, core::Id>> from_links, from_match;
  for (const Link& l : links) from_links.emplace_back(l.a, l.b);
  for (const auto& r : recs) {
    for (const Hit& h : m.match(r.entity_id)) {
      from_match.emplace_back(std::min(h.entity_id, h.other_entity_id),
                              std::max(h.entity_id, h.other_entity_id));
    }
  }
  std::sort(from_match.begin(), from_match.end());
  // Each link is found once from each of its two records.
  ASSERT_EQ(from_match.size(), 2 * from_links.size());
  from_match.erase(std::unique(from_match.begin(), from_match.end()), from_match.end());
  EXPECT_EQ(from_links, from_match);
}

}  // namespace
}  // namespace crossroads::match
