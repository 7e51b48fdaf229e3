#include "match/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "synthetic_persons.h"
#include "test_records.h"

namespace crossroads::match {
namespace {

using testing::person_record;

std::vector<MatchRecord> synthetic_records(
    std::size_t n, std::uint64_t seed,
    std::vector<std::pair<core::Id, std::string>>* truth = nullptr) {
  std::vector<MatchRecord> out;
  testing::generate_persons({seed, n, 8}, [&](testing::SyntheticRecord&& r) {
    out.push_back(to_match_record(r.entity, r.desk));
    if (truth != nullptr) truth->emplace_back(r.entity.id, r.identity);
  });
  return out;
}

// A background of unrelated people so that term frequencies and the prior are realistic.
void add_background(Matcher& m, std::size_t n = 3000) {
  auto recs = synthetic_records(n, 7);
  for (auto& r : recs) r.entity_id += 1000000;  // keep test ids free
  m.add_all(recs);
  m.estimate_parameters();
}

const Hit* hit_with(const std::vector<Hit>& hits, core::Id other) {
  for (const auto& h : hits) {
    if (h.other_entity_id == other) return &h;
  }
  return nullptr;
}

std::set<std::pair<core::Id, core::Id>> pairs_of(const std::vector<Hit>& hits) {
  std::set<std::pair<core::Id, core::Id>> out;
  for (const auto& h : hits) {
    out.insert(
        {std::min(h.entity_id, h.other_entity_id), std::max(h.entity_id, h.other_entity_id)});
  }
  return out;
}

TEST(Matcher, LinksSpellingFamiliesAcrossTransliterationsAndScripts) {
  Matcher m;
  add_background(m);
  m.add(person_record(1, 900101, "Mohamed Abdelrahman", "1990-03-04", "SY"));
  m.add(person_record(2, 900102, "Muhammad Abd al-Rahman", "1990-03-04", "SY"));
  m.add(person_record(3, 103, "محمد عبد الرحمن", "1990-03-04", "SY"));
  auto hits = m.match(1);
  for (core::Id other : {2, 3}) {
    const Hit* h = hit_with(hits, other);
    ASSERT_NE(h, nullptr) << other;
    EXPECT_EQ(h->kind, Hit::Kind::kPerson);
    EXPECT_GE(h->probability, 0.9);
  }
  EXPECT_NE(explain(hit_with(hits, 2)->evidence).find("name parts agree after transliteration"),
            std::string::npos);
}

TEST(Matcher, LinksSwappedGivenAndFamilyName) {
  Matcher m;
  add_background(m);
  m.add(person_record(1, 900101, "Youssef Darwish", "1987-11-02", "EG"));
  m.add(person_record(2, 900102, "DARWICH Yusuf", "1987-11-02", "EG"));
  const auto hits_1 = m.match(1);
  const Hit* h = hit_with(hits_1, 2);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->kind, Hit::Kind::kPerson);
  EXPECT_NE(explain(h->evidence).find("swapped"), std::string::npos);
}

TEST(Matcher, LinksWhenOneSideHasOnlyTheBirthYear) {
  Matcher m;
  add_background(m);
  m.add(person_record(1, 900101, "Hussein Rasuli", "1985-06-01", "AF"));
  m.add(person_record(2, 900102, "Hossein Rasouli", "1985", "AF"));
  const auto hits_2 = m.match(2);
  const Hit* h = hit_with(hits_2, 1);
  ASSERT_NE(h, nullptr);
  EXPECT_NE(explain(h->evidence).find("birth year agrees (only the year recorded)"),
            std::string::npos)
      << explain(h->evidence);
}

TEST(Matcher, CommonNameWithDifferentBirthDatesDoesNotMatch) {
  Matcher m;
  add_background(m);
  for (int i = 0; i < 60; ++i) {
    m.add(person_record(100 + i, 200 + i, "Mohamed Ali",
                        std::to_string(1970 + i % 30) + "-0" + std::to_string(1 + i % 9) + "-1" +
                            std::to_string(i % 10),
                        "EG"));
  }
  m.add(person_record(1, 900101, "Mohamed Ali", "1984-05-17", "EG"));
  m.add(person_record(2, 900102, "Mohammed Ali", "1991-09-23", "EG"));
  EXPECT_EQ(hit_with(m.match(1), 2), nullptr);
  const Comparison c = m.compare(person_record(1, 900101, "Mohamed Ali", "1984-05-17", "EG"),
                                 person_record(2, 900102, "Mohammed Ali", "1991-09-23", "EG"));
  EXPECT_LT(c.probability, 0.5);
  EXPECT_NE(explain(c.evidence).find("birth dates differ"), std::string::npos);
}

TEST(Matcher, ForgedPassportSharedByTwoNamesLinksAsAnIdentifierLink) {
  Matcher m;
  add_background(m);
  m.add(person_record(1, 900101, "Tesfay Haile", "1992-01-05", "ER",
                      {{"passportNumber", "N7654321"}}));
  m.add(person_record(2, 900102, "Ahmed Darwish", "1979-08-30", "ER",
                      {{"passportNumber", "ER N7654321"}}));
  const auto hits_1 = m.match(1);
  const Hit* h = hit_with(hits_1, 2);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->kind, Hit::Kind::kIdentifier) << explain(h->evidence);
  EXPECT_NE(std::find(h->evidence_kinds.begin(), h->evidence_kinds.end(), "passport / ID number"),
            h->evidence_kinds.end());
}

TEST(Matcher, DifferentNamesWithTheSamePhoneAndBirthDateAreOnePersonUnderAnotherName) {
  Matcher m;
  add_background(m);
  m.add(person_record(1, 101, "Dembah Kane", "1992-01-24", "ML", {{"phone", "+223 76 31 30 64"}}));
  m.add(person_record(2, 102, "Usman Gaye", "1992-01-24", "ML", {{"phone", "+22376313064"}}));
  m.add(person_record(3, 103, "Ousmane Diallo", "1984-07-02", "ML", {{"phone", "+22376313064"}}));
  const auto hits = m.match(1);
  const Hit* same_birth = hit_with(hits, 2);
  ASSERT_NE(same_birth, nullptr);
  EXPECT_EQ(same_birth->kind, Hit::Kind::kPerson) << explain(same_birth->evidence);
  // Another birth date: a phone shared by two people, not one person.
  const Hit* other_birth = hit_with(hits, 3);
  ASSERT_NE(other_birth, nullptr);
  EXPECT_EQ(other_birth->kind, Hit::Kind::kIdentifier) << explain(other_birth->evidence);
}

TEST(Matcher, SameCasePairsAreNotHits) {
  Matcher m;
  m.add(
      person_record(1, 900101, "Omar Haddad", "1980-01-01", "SY", {{"phone", "+39 320 1234567"}}));
  m.add(
      person_record(2, 900101, "Omar Haddad", "1980-01-01", "SY", {{"phone", "+39 320 1234567"}}));
  EXPECT_TRUE(m.match(1).empty());
  EXPECT_TRUE(m.all_links().empty());
}

TEST(Matcher, ExplanationNamesEachFieldWithItsWeight) {
  Matcher m;
  add_background(m);
  const Comparison c =
      m.compare(person_record(1, 900101, "Gulbuddin Abdelrahman Wardak", "1990-03-04", "SY"),
                person_record(2, 900102, "Gulbudin Abd al-Rahman Wardak", "1990-04-03", "EG"));
  const std::string text = explain(c.evidence);
  EXPECT_NE(text.find("name parts agree allowing a typo or an initial, a rare name +"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("birth year agrees, day and month swapped +"), std::string::npos) << text;
  EXPECT_NE(text.find("nationality differs -"), std::string::npos) << text;
}

TEST(Matcher, RareNamesCountForMoreThanCommonOnes) {
  Matcher m;
  add_background(m);
  const Comparison common = m.compare(person_record(1, 900101, "Mohamed Ali", "1990", "EG"),
                                      person_record(2, 900102, "Mohamed Ali", "1990", "EG"));
  const Comparison rare = m.compare(person_record(3, 900101, "Gulbuddin Wardak", "1990", "AF"),
                                    person_record(4, 900102, "Gulbuddin Wardak", "1990", "AF"));
  EXPECT_GT(rare.weight, common.weight + 2);
}

TEST(Matcher, CompareWorksOnAnEmptyMatcher) {
  Matcher m;
  const Comparison c = m.compare(person_record(1, 1, "Youssef Haddad", "1990-02-03", "SY"),
                                 person_record(2, 2, "Yusuf Hadad", "1990-02-03", "SY"));
  EXPECT_GT(c.probability, 0.9);
  EXPECT_FALSE(c.evidence.empty());
}

TEST(Matcher, ReviewerDecisionsOverrideTheModel) {
  Matcher m;
  add_background(m);
  m.add(person_record(1, 900101, "Khaled Najjar", "1983-02-11", "SY"));
  m.add(person_record(2, 900102, "Khalid Najjar", "1983-02-11", "SY"));
  m.add(person_record(3, 103, "Besnik Berisha", "1970-01-01", "AL"));
  ASSERT_NE(hit_with(m.match(1), 2), nullptr);
  ASSERT_EQ(hit_with(m.match(1), 3), nullptr);
  m.set_decisions({{1, 2, false}, {3, 1, true}});
  EXPECT_EQ(hit_with(m.match(1), 2), nullptr);
  EXPECT_EQ(hit_with(m.match(2), 1), nullptr);
  const auto hits_1 = m.match(1);
  const Hit* confirmed = hit_with(hits_1, 3);
  ASSERT_NE(confirmed, nullptr);
  EXPECT_EQ(confirmed->probability, 1.0);
  auto links = pairs_of(m.all_links());
  EXPECT_EQ(links.count({1, 2}), 0u);
  EXPECT_EQ(links.count({1, 3}), 1u);
  // Edits do not bring a rejected pair back.
  m.update(person_record(2, 900102, "Khaled Najjar", "1983-02-11", "SY"));
  EXPECT_EQ(hit_with(m.match(1), 2), nullptr);
  for (const auto& group : m.identities(0.9)) {
    const bool has1 = std::find(group.begin(), group.end(), 1) != group.end();
    const bool has2 = std::find(group.begin(), group.end(), 2) != group.end();
    EXPECT_FALSE(has1 && has2);
  }
}

TEST(Matcher, IdentifierInHundredsOfCasesIsWeightedDownNotFlooded) {
  Matcher m;
  for (int c = 0; c < 200; ++c) {
    m.add(person_record(c + 1, 1000 + c, "Person " + std::string(1, 'a' + c % 26), "", "",
                        {{"phone", "+49 151 99999999"}}));
  }
  m.add(person_record(500, 2000, "Omar Haddad", "", "", {{"phone", "+39 320 7654321"}}));
  m.add(person_record(501, 2001, "Samir Kaya", "", "", {{"phone", "+39 320 7654321"}}));
  const auto links = m.all_links();
  EXPECT_EQ(links.size(), 1u);  // only the phone held in two cases
  EXPECT_TRUE(m.match(1).empty());
  const auto common = m.common_identifiers();
  ASSERT_EQ(common.size(), 1u);
  EXPECT_EQ(common[0].cases, 200);
  EXPECT_EQ(common[0].identifier.value, "+4915199999999");
  // Comparing two holders explains why the shared hotline counts for little.
  const Comparison c =
      m.compare(person_record(1, 1000, "Person a", "", "", {{"phone", "+49 151 99999999"}}),
                person_record(2, 1001, "Person b", "", "", {{"phone", "+49 151 99999999"}}));
  EXPECT_LT(c.probability, 0.1);
  EXPECT_NE(explain(c.evidence).find("common value"), std::string::npos);
}

TEST(Matcher, RemoveAndUpdateKeepTheIndexInStep) {
  Matcher m;
  m.add(
      person_record(1, 900101, "Omar Haddad", "1980-01-01", "SY", {{"phone", "+39 320 1234567"}}));
  m.add(person_record(2, 900102, "Umar Hadad", "1980-01-01", "SY", {{"phone", "+39 320 1234567"}}));
  ASSERT_EQ(m.match(1).size(), 1u);
  m.remove(2);
  EXPECT_TRUE(m.match(1).empty());
  EXPECT_EQ(m.size(), 1u);
  m.add(person_record(2, 900102, "Besnik Krasniqi", "1960-05-05", "AL"));
  EXPECT_TRUE(m.match(1).empty());
  m.update(person_record(2, 900102, "Besnik Krasniqi", "1960-05-05", "AL",
                         {{"phone", "+39 320 1234567"}}));
  ASSERT_EQ(m.match(1).size(), 1u);
  EXPECT_EQ(m.match(1)[0].kind, Hit::Kind::kIdentifier);
}

TEST(Matcher, MatchOfAnUnindexedRecordEqualsMatchAfterAdding) {
  Matcher m;
  add_background(m);
  m.add(person_record(1, 900101, "Ibrahim Mokhtar", "1975-07-07", "LY"));
  const MatchRecord q = person_record(2, 900102, "Ebrahim Mukhtar", "1975-07-07", "LY");
  const auto before = pairs_of(m.match(q));
  m.add(q);
  EXPECT_EQ(before, pairs_of(m.match(2)));
  EXPECT_EQ(before.size(), 1u);
}

TEST(Matcher, IncrementalAndBulkMatchingGiveTheSameLinks) {
  auto recs = synthetic_records(4000, 11);
  Matcher bulk;
  bulk.add_all(recs);
  const ModelParameters params = bulk.estimate_parameters();
  const auto bulk_links = pairs_of(bulk.all_links());
  ASSERT_GT(bulk_links.size(), 100u);

  Matcher incremental;
  incremental.set_parameters(params);
  std::mt19937 rng(3);
  std::shuffle(recs.begin(), recs.end(), rng);
  for (const auto& r : recs) incremental.add(r);
  std::set<std::pair<core::Id, core::Id>> from_match;
  for (const auto& r : recs) {
    for (const auto& p : pairs_of(incremental.match(r.entity_id))) from_match.insert(p);
  }
  EXPECT_EQ(from_match, bulk_links);
  EXPECT_EQ(pairs_of(incremental.all_links()), bulk_links);
}

TEST(Matcher, CasePersonsFollowAddsMovesAndRemovals) {
  Matcher m;
  m.add(person_record(1, 900101, "Mohamed Ali", "1990-02-03", "ER"));
  m.add(person_record(2, 900101, "Yonas Berhe", "1985-01-01", "ER"));
  m.add(person_record(3, 900102, "Dawit Kidane", "1979-05-05", "ER"));
  EXPECT_EQ(m.case_persons({900101}), (std::vector<core::Id>{1, 2}));
  m.update(person_record(2, 900102, "Yonas Berhe", "1985-01-01", "ER"));  // moved to 900102
  EXPECT_EQ(m.case_persons({900101}), (std::vector<core::Id>{1}));
  EXPECT_EQ(m.case_persons({900102}), (std::vector<core::Id>{2, 3}));
  m.remove(3);
  EXPECT_EQ(m.case_persons({900102}), (std::vector<core::Id>{2}));
  EXPECT_TRUE(m.case_persons({900999}).empty());  // a case the index has never seen
  // Slots freed by removals are taken again by new records: they join only their own case.
  m.add(person_record(4, 900103, "Amanuel Tesfay", "1991-07-07", "ER"));
  EXPECT_EQ(m.case_persons({900102, 900103}), (std::vector<core::Id>{2, 4}));
}

TEST(Matcher, CasesSharingAnIdentifierTurnANameMatchWithoutBirthDateIntoALink) {
  Matcher m;  // the default model: the name and nationality alone stay below the threshold
  m.add(person_record(1, 900101, "Mohamed Ali", "1990-02-03", "ER"));
  m.add(person_record(2, 900102, "Mohamed Ali", "", "ER"));
  const Comparison alone = m.compare(person_record(2, 900102, "Mohamed Ali", "", "ER"),
                                     person_record(1, 900101, "Mohamed Ali", "1990-02-03", "ER"));
  EXPECT_EQ(hit_with(m.match(2), 1), nullptr) << explain(alone.evidence);
  // Other persons of the two cases hold the same phone: the cases are about the same network.
  m.add(
      person_record(3, 900101, "Yonas Berhe", "1985-01-01", "ER", {{"phone", "+39 320 7654321"}}));
  m.add(
      person_record(4, 900102, "Dawit Kidane", "1979-05-05", "ER", {{"phone", "+39 320 7654321"}}));
  EXPECT_EQ(m.case_persons({900101}), (std::vector<core::Id>{1, 3}));
  EXPECT_EQ(m.case_persons({900102, 900101, 900102}), (std::vector<core::Id>{1, 2, 3, 4}));
  EXPECT_EQ(m.case_with_identifiers(4), core::Id{900102});
  EXPECT_EQ(m.case_with_identifiers(2), std::nullopt);  // holds no identifier
  const auto hits = m.match(2);
  const Hit* h = hit_with(hits, 1);
  ASSERT_NE(h, nullptr) << explain(
      m.compare(person_record(2, 900102, "Mohamed Ali", "", "ER"),
                person_record(1, 900101, "Mohamed Ali", "1990-02-03", "ER"))
          .evidence);
  EXPECT_EQ(h->kind, Hit::Kind::kPerson);
  EXPECT_NE(explain(h->evidence).find("their cases share another identifier"), std::string::npos)
      << explain(h->evidence);
  EXPECT_NE(std::find(h->evidence_kinds.begin(), h->evidence_kinds.end(),
                      "person: name and linked cases"),
            h->evidence_kinds.end());
  // The same link in bulk.
  bool in_bulk = false;
  for (const Link& l : m.links()) in_bulk |= l.a == 1 && l.b == 2 && l.kind == Hit::Kind::kPerson;
  EXPECT_TRUE(in_bulk);
  // The phone they share themselves is the identifiers field, not evidence about their cases.
  const Comparison direct = m.compare(
      person_record(3, 900101, "Yonas Berhe", "1985-01-01", "ER", {{"phone", "+39 320 7654321"}}),
      person_record(4, 900102, "Dawit Kidane", "1979-05-05", "ER", {{"phone", "+39 320 7654321"}}));
  EXPECT_EQ(explain(direct.evidence).find("their cases share"), std::string::npos);
  // Without the phone in one case, the link goes again.
  m.remove(4);
  EXPECT_EQ(hit_with(m.match(2), 1), nullptr);
}

TEST(Matcher, EmConvergesToSeparatedMatchAndNonMatchClasses) {
  Matcher m;
  m.add_all(synthetic_records(20000, 5));
  const ModelParameters p = m.estimate_parameters();
  EXPECT_TRUE(p.converged);
  EXPECT_GT(p.pairs, 1000u);
  EXPECT_GT(p.lambda, 0.001);
  EXPECT_LT(p.lambda, 0.9);
  // Agreement on the full birth date is far likelier among matches; differing dates the reverse.
  EXPECT_GT(p.m[1][0], 10 * p.u[1][0]);
  EXPECT_LT(p.m[1][5], p.u[1][5]);
  EXPECT_GT(p.m[0][0] + p.m[0][1], p.u[0][0] + p.u[0][1]);
  // A second run from the estimate stays where it is.
  const ModelParameters again = m.estimate_parameters();
  EXPECT_NEAR(again.lambda, p.lambda, 1e-3);
}

TEST(Matcher, IdentitiesDoNotChainThroughWeakLinks) {
  Matcher m;
  // A chain a-b-c-d-e where each neighbour shares a phone (strong link) but nothing else.
  const char* phones[] = {"+39 320 1111111", "+39 320 2222222", "+39 320 3333333",
                          "+39 320 4444444"};
  for (int i = 0; i < 5; ++i) {
    std::vector<std::pair<std::string, std::string>> extra;
    if (i > 0) extra.push_back({"phone", phones[i - 1]});
    if (i < 4) extra.push_back({"phone", phones[i]});
    m.add(person_record(i + 1, 100 + i, "Mohamed Ali", "1980-01-0" + std::to_string(i + 1), "SY",
                        extra));
  }
  for (const auto& g : m.identities(0.9)) EXPECT_LE(g.size(), 3u);
}

TEST(LinkSets, LinksRecordsOfTwoSets) {
  std::vector<MatchRecord> left = {person_record(1, 1, "Mahmoud Sabbagh", "1982-02-02", "SY"),
                                   person_record(2, 1, "Arben Hoxha", "1990-01-01", "AL")};
  std::vector<MatchRecord> right = {person_record(10, 5, "Mahmud Sabagh", "1982-02-02", "SY")};
  auto hits = link_sets(left, right);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].entity_id, 10);
  EXPECT_EQ(hits[0].other_entity_id, 1);
  EXPECT_EQ(hits[0].other_case_id, 1);
}

}  // namespace
}  // namespace crossroads::match
