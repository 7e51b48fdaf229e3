#include "app/focus_group.h"

#include <gtest/gtest.h>

#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Code;
using core::Role;

class FocusGroupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    secretariat_ = fx_.actor("secretariat", Role::kSecretariat, "NL");
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    it_analyst_ = fx_.actor("it.analyst", Role::kAnalyst, "IT");
    de_ = fx_.actor("de.nm", Role::kNationalMember, "DE");
    admin_ = fx_.actor("root", Role::kAdministrator, "");
  }
  FocusGroup& fg() { return *fx_.hub.focus_group; }

  int audited(const std::string& action, const std::string& outcome) {
    store::AuditQuery q;
    q.action_prefix = action;
    q.limit = 1000;
    auto records = fx_.hub.audit->list(admin_, q);
    EXPECT_TRUE(records.is_ok());
    int n = 0;
    for (const auto& r : *records) n += r.action == action && r.outcome == outcome;
    return n;
  }

  testing::HubFixture fx_;
  Actor secretariat_, it_, it_analyst_, de_, admin_;
};

TEST_F(FocusGroupTest, SecretariatKeepsMembersThatEveryoneReads) {
  MemberFields user_member;
  user_member.desk = "IT";
  user_member.user_id = it_.user.id;
  user_member.role = "contact_point";
  auto a = fg().add_member(secretariat_, user_member);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  EXPECT_EQ(a->name, "it.prosecutor");  // the user's display name
  EXPECT_EQ(a->since, "2026-11-22");
  MemberFields named;
  named.desk = "GR";
  named.name = "Eleni Papadopoulou";
  named.since = "2019-03-01";
  ASSERT_TRUE(fg().add_member(admin_, named).is_ok());
  EXPECT_EQ(fg().add_member(secretariat_, named).status().code(), Code::kConflict);

  MemberFields wrong_desk = user_member;
  wrong_desk.desk = "FR";
  EXPECT_EQ(fg().add_member(secretariat_, wrong_desk).status().field(), "user_id");
  MemberFields bad_role = named;
  bad_role.name = "Someone";
  bad_role.role = "president";
  EXPECT_EQ(fg().add_member(secretariat_, bad_role).status().field(), "role");

  EXPECT_EQ(fg().add_member(it_, named).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(fg().remove_member(de_, a->id).code(), Code::kPermissionDenied);
  EXPECT_EQ(audited("fg.member.create", "ok"), 2);
  EXPECT_EQ(audited("fg.member.create", "denied"), 1);

  for (const Actor* reader : {&it_analyst_, &de_, &admin_}) {
    auto members = fg().members(*reader);
    ASSERT_TRUE(members.is_ok());
    ASSERT_EQ(members->size(), 2u);
    EXPECT_EQ((*members)[0].desk, "GR");  // by desk
  }
}

TEST_F(FocusGroupTest, MeetingsKeepTheirProgrammeInOrder) {
  MeetingFields f;
  f.title = "Annual meeting of the Focus Group";
  f.date = "2025-06-11";
  f.place = "Eurojust, The Hague";
  f.sessions = std::vector<core::MeetingSession>{
      {0, "09:30", "Opening", {"Chair"}, ""},
      {0, "10:00", "Hawala networks", {"IT desk", "DE desk", "IT desk"}, "Following the money."}};
  auto m = fg().add_meeting(secretariat_, f);
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  ASSERT_EQ(m->sessions.size(), 2u);
  EXPECT_EQ(m->sessions[1].title, "Hawala networks");
  EXPECT_EQ(m->sessions[1].speakers, (std::vector<std::string>{"IT desk", "DE desk"}));

  MeetingFields bad;
  bad.sessions = std::vector<core::MeetingSession>{{0, "25:00", "Late", {}, ""}};
  bad.version = 1;
  auto refused = fg().update_meeting(secretariat_, m->id, bad);
  EXPECT_EQ(refused.status().field(), "sessions[0].time");
  EXPECT_EQ(fg().meetings(it_)->front().sessions.size(), 2u);  // unchanged

  MeetingFields reorder;
  reorder.sessions = std::vector<core::MeetingSession>{{0, "14:00", "Closing", {}, ""}};
  reorder.version = 1;
  auto changed = fg().update_meeting(secretariat_, m->id, reorder);
  ASSERT_TRUE(changed.is_ok());
  ASSERT_EQ(changed->sessions.size(), 1u);
  EXPECT_EQ(changed->title, "Annual meeting of the Focus Group");
  EXPECT_EQ(fg().add_meeting(it_, f).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(fg().remove_meeting(admin_, m->id).is_ok());
  EXPECT_TRUE(fg().meetings(it_)->empty());
}

TEST_F(FocusGroupTest, StaleChangesAndRemovalsAreRefusedForEveryKindOfEntry) {
  BestPracticeFields note;
  note.title = "Phones seized across borders";
  note.body = "Ask for the extraction report early.";
  auto n = fg().add_best_practice(it_, note);
  ASSERT_TRUE(n.is_ok());
  EXPECT_EQ(n->version, 1);
  BestPracticeFields mine;
  mine.title = "Phones and EIOs";
  mine.version = 1;
  auto saved = fg().update_best_practice(it_, n->id, mine);
  ASSERT_TRUE(saved.is_ok()) << saved.status().to_string();
  EXPECT_EQ(saved->version, 2);
  BestPracticeFields theirs;
  theirs.body = "Overwritten?";
  theirs.version = 1;
  auto stale = fg().update_best_practice(secretariat_, n->id, theirs);
  EXPECT_EQ(stale.status().code(), Code::kConflict);
  EXPECT_EQ(stale.status().field(), "version");
  EXPECT_EQ(fg().best_practice(de_, n->id)->body, "Ask for the extraction report early.");
  EXPECT_EQ(audited("fg.best_practice.update", "conflict"), 1);
  theirs.version.reset();
  EXPECT_EQ(fg().update_best_practice(secretariat_, n->id, theirs).status().field(), "version");
  EXPECT_EQ(fg().remove_best_practice(it_, n->id, 1).code(), Code::kConflict);
  EXPECT_TRUE(fg().remove_best_practice(it_, n->id, 2).is_ok());

  CountryUpdateFields update;
  update.text = "Departures from Cyrenaica rose.";
  auto u = fg().add_country_update(it_, update);
  ASSERT_TRUE(u.is_ok());
  update.version = 1;
  ASSERT_TRUE(fg().update_country_update(it_, u->id, update).is_ok());
  EXPECT_EQ(fg().update_country_update(it_, u->id, update).status().code(), Code::kConflict);

  MemberFields member;
  member.desk = "IT";
  member.name = "Anna Rossi";
  auto m = fg().add_member(secretariat_, member);
  ASSERT_TRUE(m.is_ok());
  MemberFields role;
  role.role = "chair";
  role.version = 1;
  auto chaired = fg().update_member(secretariat_, m->id, role);
  ASSERT_TRUE(chaired.is_ok());
  EXPECT_EQ(chaired->version, 2);
  EXPECT_EQ(fg().update_member(admin_, m->id, role).status().code(), Code::kConflict);
  EXPECT_EQ(fg().remove_member(admin_, m->id, 1).code(), Code::kConflict);

  MeetingFields meeting;
  meeting.title = "Annual meeting";
  meeting.date = "2026-06-09";
  meeting.place = "The Hague";
  auto mt = fg().add_meeting(secretariat_, meeting);
  ASSERT_TRUE(mt.is_ok());
  MeetingFields place;
  place.place = "Eurojust, The Hague";
  place.version = 1;
  auto moved = fg().update_meeting(secretariat_, mt->id, place);
  ASSERT_TRUE(moved.is_ok());
  EXPECT_EQ(moved->version, 2);
  EXPECT_EQ(fg().update_meeting(secretariat_, mt->id, place).status().code(), Code::kConflict);
  EXPECT_EQ(fg().remove_meeting(secretariat_, mt->id, 1).code(), Code::kConflict);
  EXPECT_TRUE(fg().remove_meeting(secretariat_, mt->id, 2).is_ok());
}

TEST_F(FocusGroupTest, DesksWriteTheirOwnNotesAndUpdatesOnly) {
  BestPracticeFields note;
  note.title = "Phones seized across borders";
  note.body = "Ask for the extraction report early.\n\nAgree on the format.";
  note.topics = std::vector<std::string>{"digital evidence", " eio ", "eio"};
  auto n = fg().add_best_practice(it_, note);
  ASSERT_TRUE(n.is_ok()) << n.status().to_string();
  EXPECT_EQ(n->author_desk, "IT");
  EXPECT_EQ(n->date, "2026-11-22");
  EXPECT_EQ(n->topics, (std::vector<std::string>{"digital evidence", "eio"}));

  BestPracticeFields for_fr = note;
  for_fr.author_desk = "FR";
  EXPECT_EQ(fg().add_best_practice(it_, for_fr).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(fg().add_best_practice(it_analyst_, note).status().code(), Code::kPermissionDenied);
  BestPracticeFields retitle;
  retitle.title = "Phones and EIOs";
  retitle.version = 1;
  EXPECT_EQ(fg().update_best_practice(de_, n->id, retitle).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(fg().update_best_practice(secretariat_, n->id, retitle)->title, "Phones and EIOs");
  EXPECT_EQ(fg().best_practice(de_, n->id)->title, "Phones and EIOs");
  EXPECT_EQ(fg().best_practice(de_, 999).status().code(), Code::kNotFound);
  BestPracticeFields empty;
  empty.body = " \n ";
  empty.version = 2;
  EXPECT_EQ(fg().update_best_practice(it_, n->id, empty).status().field(), "body");

  CountryUpdateFields update;
  update.text = "Departures from Cyrenaica rose in the summer.";
  auto u = fg().add_country_update(it_, update);
  ASSERT_TRUE(u.is_ok());
  EXPECT_EQ(u->desk, "IT");
  update.desk = "IT";
  EXPECT_EQ(fg().add_country_update(de_, update).status().code(), Code::kPermissionDenied);
  CountryUpdateFields move;
  move.desk = "DE";
  move.version = 1;
  EXPECT_EQ(fg().update_country_update(it_, u->id, move).status().field(), "desk");
  EXPECT_EQ(fg().country_updates(de_, "IT")->size(), 1u);
  EXPECT_TRUE(fg().country_updates(de_, "DE")->empty());
  EXPECT_EQ(fg().country_updates(de_, "ZZ").status().field(), "desk");
  EXPECT_EQ(fg().remove_country_update(de_, u->id).code(), Code::kPermissionDenied);
  EXPECT_TRUE(fg().remove_country_update(it_, u->id).is_ok());
  EXPECT_EQ(audited("fg.country_update.delete", "ok"), 1);
  EXPECT_EQ(audited("fg.best_practice.create", "denied"), 2);
}

}  // namespace
}  // namespace crossroads::app
