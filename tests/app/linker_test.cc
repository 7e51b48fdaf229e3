// The linker end to end over a real store: writes are matched, both desks are told once, a
// notice carries nothing of the other desk's entity, decisions hold, and a rebuilt index
// (a restart) tells nobody twice.
#include "app/linker.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "api/api.h"
#include "hub_fixture.h"
#include "match/match_record.h"

namespace crossroads::app {
namespace {

using core::Role;

class LinkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    de_ = fx_.actor("de.prosecutor", Role::kProsecutor, "DE");
    it_case_ = fx_.open_case(it_, "RGNR 4471/2025");
    de_case_ = fx_.open_case(de_, "114 Js 20871/25");
    ASSERT_TRUE(fx_.hub.build_index());
  }

  core::Entity person(const Actor& who, core::Id case_id, const std::string& name,
                      const std::string& birth, const std::string& phone) {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {name};
    if (!birth.empty()) e.properties["birthDate"] = {birth};
    if (!phone.empty()) e.properties["phone"] = {phone};
    auto made = fx_.hub.cases->create_entity(who, case_id, e);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return *made;
  }

  // One of two namesakes whose names and nationality alone stay below the threshold.
  core::Entity namesake(const Actor& who, core::Id case_id, const std::string& birth) {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {"Tesfalem Gebremariam"};
    e.properties["nationality"] = {"ER"};
    if (!birth.empty()) e.properties["birthDate"] = {birth};
    auto made = fx_.hub.cases->create_entity(who, case_id, e);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return *made;
  }

  std::vector<core::HitNotice> inbox(const Actor& who) {
    fx_.hub.linker->flush();
    auto listing = fx_.hub.links->inbox(who, false, {100, 0});
    EXPECT_TRUE(listing.is_ok());
    return listing->items;
  }

  testing::HubFixture fx_;
  Actor it_, de_;
  core::Case it_case_, de_case_;
};

TEST_F(LinkerTest, ASharedPhoneWrittenTwoWaysReachesBothDesksOnce) {
  auto a = person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  auto b = person(de_, de_case_.id, "Walid Haddad", "", "00218912345678");
  auto for_it = inbox(it_);
  auto for_de = inbox(de_);
  ASSERT_EQ(for_it.size(), 1u);
  ASSERT_EQ(for_de.size(), 1u);
  EXPECT_EQ(for_it[0].own_entity_id, a.id);
  EXPECT_EQ(for_it[0].other_desk, "DE");
  EXPECT_EQ(for_de[0].own_entity_id, b.id);
  EXPECT_NE(for_it[0].hit.evidence.find("phone"), std::string::npos) << for_it[0].hit.evidence;
}

TEST_F(LinkerTest, NamesAcrossTransliterationsLinkAsAPerson) {
  person(it_, it_case_.id, "Mohamed Abdelrahman", "1984-03-12", "");
  person(de_, de_case_.id, "Muhammad Abd al-Rahman", "1984-03-12", "");
  auto for_it = inbox(it_);
  ASSERT_EQ(for_it.size(), 1u);
  EXPECT_EQ(for_it[0].hit.kind, "person");
}

TEST_F(LinkerTest, NoticeJsonCarriesNothingOfTheOtherDesksEntity) {
  person(it_, it_case_.id, "Zuhair Qassab", "1977-06-02", "+218 92 765 4321");
  auto other = person(de_, de_case_.id, "Suhayr Kassab", "1977-06-02", "00218927654321");
  fx_.hub.linker->flush();
  api::Api api(fx_.hub, {});
  auto login = fx_.hub.accounts->login("it.prosecutor", testing::kTestPassword, "127.0.0.1", "t");
  ASSERT_TRUE(login.is_ok());
  api::HttpRequest req;
  req.method = "GET";
  req.path = "/api/v1/hits";
  req.headers["cookie"] = "crossroads_session=" + login->session_token;
  const auto res = api.handle(req);
  ASSERT_EQ(res.status, 200) << res.body;
  const auto body = nlohmann::json::parse(res.body);
  ASSERT_EQ(body["items"].size(), 1u);
  const std::string text = body.dump();
  for (const std::string& secret :
       {std::string("Suhayr"), std::string("Kassab"), std::string("114 Js"),
        std::string("\"other_entity_id\""), std::string("\"other_case_id\""),
        std::string("\"explanation\"")}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked: " << text;
  }
  EXPECT_EQ(body["items"][0]["other_desk"], "DE");
  EXPECT_EQ(text.find(std::to_string(other.id) + ","), std::string::npos);
}

// Whether two cases share an identifier is evidence for their persons' links: a phone written
// later to both cases links two namesakes that the names alone did not, and removing it unlinks
// them again.
TEST_F(LinkerTest, AnIdentifierWrittenLaterToBothCasesLinksTheirPersons) {
  const auto a = namesake(it_, it_case_.id, "1990-02-03");
  const auto b = namesake(de_, de_case_.id, "");
  ASSERT_TRUE(inbox(it_).empty());
  person(it_, it_case_.id, "Yonas Berhe", "1985-01-01", "+39 320 7654321");
  const auto holder = person(de_, de_case_.id, "Dawit Kidane", "1979-05-05", "+393207654321");
  const auto notices = inbox(it_);
  const auto about_a = std::find_if(notices.begin(), notices.end(), [&](const core::HitNotice& n) {
    return n.own_entity_id == a.id && n.hit.kind == "person";
  });
  ASSERT_NE(about_a, notices.end()) << notices.size();
  EXPECT_NE(about_a->hit.evidence.find("linked cases"), std::string::npos) << about_a->hit.evidence;
  ASSERT_EQ(fx_.hub.linker->hits_of(b.id).size(), 1u);
  ASSERT_TRUE(fx_.hub.cases->delete_entity(de_, holder.id).is_ok());
  fx_.hub.linker->flush();
  EXPECT_TRUE(fx_.hub.linker->hits_of(b.id).empty());
  const auto after = inbox(it_);
  EXPECT_EQ(std::count_if(after.begin(), after.end(),
                          [&](const core::HitNotice& n) { return n.own_entity_id == a.id; }),
            0);
}

TEST_F(LinkerTest, AnEditThatTakesTheSharedIdentifierAwayUnlinksTheCasesPersons) {
  const auto a = namesake(it_, it_case_.id, "1990-02-03");
  const auto b = namesake(de_, de_case_.id, "");
  person(it_, it_case_.id, "Yonas Berhe", "1985-01-01", "+39 320 7654321");
  const auto holder = person(de_, de_case_.id, "Dawit Kidane", "1979-05-05", "+393207654321");
  const auto about_a = [&] {
    const auto notices = inbox(it_);
    return std::count_if(notices.begin(), notices.end(), [&](const core::HitNotice& n) {
      return n.own_entity_id == a.id && n.hit.kind == "person";
    });
  };
  ASSERT_EQ(about_a(), 1);
  ASSERT_EQ(fx_.hub.linker->hits_of(b.id).size(), 1u);
  // The phone was a mistake: the edit removes it, and with it the evidence that the two cases
  // are one network. The namesakes are no longer linked, although neither of them was written.
  core::Entity edit = holder;
  edit.properties.erase("phone");
  ASSERT_TRUE(fx_.hub.cases->update_entity(de_, holder.id, edit).is_ok());
  fx_.hub.linker->flush();
  EXPECT_TRUE(fx_.hub.linker->hits_of(b.id).empty());
  EXPECT_EQ(about_a(), 0);  // the notice went with the link
}

TEST_F(LinkerTest, ARejectedLinkIsNeverSuggestedAgain) {
  auto a = person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  person(de_, de_case_.id, "Walid Haddad", "", "00218912345678");
  auto for_it = inbox(it_);
  ASSERT_EQ(for_it.size(), 1u);
  ASSERT_TRUE(fx_.hub.links->decide(it_, for_it[0].id, false).is_ok());
  // Editing the entity re-matches it: the rejected pair does not come back as a hit.
  core::Entity edit = a;
  edit.properties["alias"] = {"Abu Yassin"};
  ASSERT_TRUE(fx_.hub.cases->update_entity(it_, a.id, edit).is_ok());
  fx_.hub.linker->flush();
  EXPECT_TRUE(fx_.hub.linker->hits_of(a.id).empty());
}

TEST_F(LinkerTest, RebuildingTheIndexTellsNobodyTwice) {
  person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  person(de_, de_case_.id, "Walid Haddad", "", "00218912345678");
  ASSERT_EQ(inbox(it_).size(), 1u);
  // A second hub over the same database, as after a restart.
  app::AccountPolicy policy;
  policy.password_cost = auth::PasswordCost::minimum();
  auto again = Hub::open(fx_.dir.path(), policy);
  ASSERT_TRUE(again.is_ok());
  ASSERT_TRUE(again->build_index());
  auto listing = again->links->inbox(it_, false, {100, 0});
  EXPECT_EQ(listing->total, 1);
}

TEST_F(LinkerTest, AServerRecordsTheLinksFoundAtStartInTheBackground) {
  app::AccountPolicy policy;
  policy.password_cost = auth::PasswordCost::minimum();
  // Written through a hub whose index is never built (as by a command-line tool): no hits yet.
  auto writer = Hub::open(fx_.dir.path(), policy);
  ASSERT_TRUE(writer.is_ok());
  core::Entity e;
  e.schema = "Person";
  e.properties["name"] = {"Khaled Mansour"};
  e.properties["phone"] = {"+218 91 234 5678"};
  ASSERT_TRUE(writer->cases->create_entity(it_, it_case_.id, e).is_ok());
  e.properties["name"] = {"Walid Haddad"};
  e.properties["phone"] = {"00218912345678"};
  ASSERT_TRUE(writer->cases->create_entity(de_, de_case_.id, e).is_ok());
  ASSERT_EQ(writer->links->inbox(it_, false, {100, 0})->total, 0);
  // A server starting on that store answers at once and records the link in the background,
  // before the writes that come after the start.
  auto server = Hub::open(fx_.dir.path(), policy);
  ASSERT_TRUE(server.is_ok());
  ASSERT_TRUE(server->build_index({}, Linker::Recording::kInBackground));
  e.properties["name"] = {"Walid Haddad"};
  e.properties["phone"] = {"+218 91 234 5678"};
  ASSERT_TRUE(server->cases->create_entity(de_, de_case_.id, e).is_ok());
  server->linker->flush();
  auto listing = server->links->inbox(it_, false, {100, 0});
  ASSERT_TRUE(listing.is_ok());
  EXPECT_EQ(listing->total, 2);  // the Italian person's phone, held by both German entities
}

// The start-up reads, resolves and indexes in a pipeline, in slices and batches: with slices
// and batches far smaller than the store, the index must hold exactly the store's entities and
// give exactly the links of one add_all over all of them (the build before the pipeline), and a
// write committed while the build runs must not be lost.
TEST_F(LinkerTest, APipelinedBuildIndexesTheWholeStoreAndTheWritesMadeMeanwhile) {
  const core::Case gr_case = [&] {
    const Actor gr = fx_.actor("gr.prosecutor", Role::kProsecutor, "GR");
    return fx_.open_case(gr, "ΑΒΜ 2025/117");
  }();
  const std::vector<core::Id> cases = {it_case_.id, de_case_.id, gr_case.id};
  const std::vector<std::string> given = {"Mohamed", "Muhammad", "Khaled", "Walid",   "Yusuf",
                                          "Youssef", "Tesfay",   "Abdul",  "Hussein", "Omar"};
  const std::vector<std::string> family = {"Abdelrahman", "Abd al-Rahman", "Mansour",
                                           "Haddad",      "Haile",         "Kassab",
                                           "Qassab",      "Wardak",        "Ben Salem"};
  // 2,400 entities written straight to the store (as an import at the command line does: no
  // index is told): persons whose names and birth dates recur across cases, phones written
  // several ways, calls between them.
  ASSERT_TRUE(fx_.hub.store->write([&](store::Transaction& tx) -> core::Status {
    for (int i = 0; i < 2400; ++i) {
      core::Entity e;
      e.case_id = cases[static_cast<std::size_t>(i / 7) % cases.size()];
      e.ftm_id = "bulk-" + std::to_string(i);
      const std::string number = std::to_string(1000000 + i % 200);
      if (i % 4 == 3) {
        e.schema = "Call";
        e.properties["callerNumber"] = {"+218 91 " + number};
        e.properties["receiverNumber"] = {"00218 92 " + number};
      } else {
        e.schema = "Person";
        e.properties["name"] = {given[static_cast<std::size_t>(i * 3) % given.size()] + " " +
                                family[static_cast<std::size_t>(i * 5) % family.size()]};
        e.properties["birthDate"] = {std::to_string(1970 + i % 23) + "-0" +
                                     std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10)};
        if (i % 3 == 0) e.properties["phone"] = {"0021891" + number};
      }
      CR_RETURN_IF_ERROR(tx.insert_entity(e).status());
    }
    return core::Status::ok();
  }));
  std::vector<std::pair<core::Entity, std::string>> stored;
  ASSERT_TRUE(fx_.hub.store->read([&](store::Transaction& tx) {
    return tx.scan_entities([&](core::Entity&& e, const std::string& desk) {
      stored.emplace_back(std::move(e), desk);
      return true;
    });
  }));
  ASSERT_EQ(stored.size(), 2400u);

  // The reference: every record resolved without a cache and indexed by one add_all.
  match::Matcher reference{match::MatcherOptions{}};
  std::vector<match::MatchRecord> records;
  for (const auto& [e, desk] : stored) records.push_back(match::to_match_record(e, desk));
  reference.add_all(records);
  reference.estimate_parameters();

  app::AccountPolicy policy;
  policy.password_cost = auth::PasswordCost::minimum();
  {
    auto server = Hub::open(fx_.dir.path(), policy);
    ASSERT_TRUE(server.is_ok());
    server->linker->set_build_slices(97, 500);  // 25 slices, 5 batches
    std::vector<std::size_t> reported;
    ASSERT_TRUE(
        server->build_index([&](std::size_t done, std::size_t) { reported.push_back(done); }));
    ASSERT_GE(reported.size(), 5u);
    EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
    EXPECT_EQ(reported.back(), stored.size());
    EXPECT_EQ(server->linker->matcher().size(), stored.size());
    const std::vector<match::Link> expected = reference.links();
    const std::vector<match::Link> got = server->linker->matcher().links();
    ASSERT_GT(expected.size(), 100u);
    ASSERT_EQ(got.size(), expected.size());
    std::size_t person_links = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].a, expected[i].a) << i;
      EXPECT_EQ(got[i].b, expected[i].b) << i;
      EXPECT_EQ(got[i].kind, expected[i].kind) << i;
      EXPECT_EQ(got[i].weight, expected[i].weight) << i;
      person_links += got[i].kind == match::Hit::Kind::kPerson ? 1 : 0;
    }
    EXPECT_GT(person_links, 0u);
  }

  // Another start on the same store, with a write committed while the build runs.
  auto server = Hub::open(fx_.dir.path(), policy);
  ASSERT_TRUE(server.is_ok());
  server->linker->set_build_slices(97, 500);
  int batches = 0;
  core::Entity written;
  ASSERT_TRUE(server->build_index(
      [&](std::size_t, std::size_t) {
        if (++batches != 2) return;
        // After the scan's snapshot was taken: the scan does not see this entity, so it must
        // reach the index through the queue of writes.
        core::Entity e;
        e.schema = "Person";
        e.properties["name"] = {"Zuhair Qassab"};
        e.properties["phone"] = {"+218 91 1000000"};
        auto made = server->cases->create_entity(de_, de_case_.id, e);
        ASSERT_TRUE(made.is_ok()) << made.status().to_string();
        written = *made;
      },
      Linker::Recording::kInBackground));
  server->linker->flush();
  ASSERT_NE(written.id, 0);
  EXPECT_EQ(server->linker->matcher().size(), stored.size() + 1);
  EXPECT_FALSE(server->linker->hits_of(written.id).empty());
  auto listing = server->links->inbox(de_, false, {100, 0});
  ASSERT_TRUE(listing.is_ok());
  EXPECT_TRUE(std::any_of(listing->items.begin(), listing->items.end(),
                          [&](const core::HitNotice& n) { return n.own_entity_id == written.id; }));
}

TEST_F(LinkerTest, EntitiesOfOneCaseDoNotLinkToEachOther) {
  person(it_, it_case_.id, "Khaled Mansour", "1991", "+218 91 234 5678");
  person(it_, it_case_.id, "Khaled Mansur", "1991", "+218 91 234 5678");
  EXPECT_TRUE(inbox(it_).empty());
}

}  // namespace
}  // namespace crossroads::app
