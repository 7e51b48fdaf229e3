// The Focus Group's demo content: deterministic for a seed, different between seeds, and
// consistent (dates follow the meeting, speakers are the named prosecutors, one chair).
#include "synth/focus_group_content.h"

#include <gtest/gtest.h>

#include <set>

namespace crossroads::synth {
namespace {

std::string flatten(const FocusGroupContent& c) {
  std::string out;
  for (const auto& p : c.prosecutors) out += p.desk + p.name + p.role + p.since + "\n";
  out += c.meeting.date + c.meeting.place + "\n";
  for (const auto& s : c.meeting.sessions) {
    out += s.time + s.title + s.summary;
    for (const auto& sp : s.speakers) out += sp;
    out += "\n";
  }
  for (const auto& n : c.best_practices) out += n.title + n.author_desk + n.date + "\n";
  for (const auto& u : c.country_updates) out += u.desk + u.date + u.text + "\n";
  return out;
}

bool is_date(const std::string& d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-' && d >= "2019-01-01" && d <= "2025-12-31";
}

TEST(SynthFocusGroupContent, SameSeedSameContentOtherSeedOtherContent) {
  EXPECT_EQ(flatten(focus_group_content(7)), flatten(focus_group_content(7)));
  std::set<std::string> chairs;
  std::set<std::string> dates;
  std::set<std::string> note_sets;
  std::set<std::string> first_speakers;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const FocusGroupContent c = focus_group_content(seed);
    EXPECT_NE(flatten(c), flatten(focus_group_content(seed + 100))) << seed;
    chairs.insert(c.prosecutors[0].desk + c.prosecutors[0].name);
    dates.insert(c.meeting.date);
    std::string notes;
    for (const auto& n : c.best_practices) notes += n.title + "|";
    note_sets.insert(notes);
    first_speakers.insert(c.meeting.sessions[1].speakers[0]);
  }
  // Twenty seeds give many chairs, meeting dates, choices of notes and speakers.
  EXPECT_GE(chairs.size(), 12u);
  EXPECT_GE(dates.size(), 12u);
  EXPECT_GE(note_sets.size(), 12u);
  EXPECT_GE(first_speakers.size(), 10u);
}

TEST(SynthFocusGroupContent, ContentIsConsistent) {
  for (std::uint64_t seed : {1u, 6u, 7u, 42u}) {
    const FocusGroupContent c = focus_group_content(seed);
    ASSERT_GE(c.prosecutors.size(), 20u);
    EXPECT_EQ(c.prosecutors[0].role, "chair");
    EXPECT_EQ(c.prosecutors[1].role, "vice_chair");
    std::set<std::string> desks;
    std::set<std::string> names;
    for (const auto& p : c.prosecutors) {
      EXPECT_TRUE(desks.insert(p.desk).second) << p.desk;  // one named prosecutor per desk
      names.insert(p.name + " (" + p.desk + ")");
      EXPECT_TRUE(is_date(p.since)) << p.since;
      EXPECT_LT(p.since, c.meeting.date);
      EXPECT_NE(p.name.find(' '), std::string::npos) << p.name;
      if (p.role != "chair" && p.role != "vice_chair") {
        EXPECT_TRUE(p.role == "member" || p.role == "alternate" || p.role == "contact_point")
            << p.role;
      }
    }
    EXPECT_TRUE(is_date(c.meeting.date));
    ASSERT_GE(c.meeting.sessions.size(), 6u);
    ASSERT_LE(c.meeting.sessions.size(), 8u);
    for (std::size_t i = 1; i < c.meeting.sessions.size(); ++i) {
      EXPECT_LT(c.meeting.sessions[i - 1].time, c.meeting.sessions[i].time);
    }
    // Speakers of the thematic sessions are named prosecutors, and no text is left with a
    // placeholder.
    for (std::size_t i = 1; i + 1 < c.meeting.sessions.size(); ++i) {
      const auto& s = c.meeting.sessions[i];
      ASSERT_EQ(s.speakers.size(), 2u);
      for (const auto& sp : s.speakers) EXPECT_TRUE(names.count(sp)) << sp;
      EXPECT_EQ(s.summary.find('{'), std::string::npos) << s.summary;
    }
    ASSERT_GE(c.best_practices.size(), 4u);
    for (const auto& n : c.best_practices) {
      EXPECT_TRUE(is_date(n.date));
      EXPECT_LT(n.date, c.meeting.date);
      EXPECT_GT(n.body.size(), 1000u) << n.title;
      EXPECT_TRUE(desks.count(n.author_desk)) << n.author_desk;
    }
    ASSERT_GE(c.country_updates.size(), 5u);
    std::set<std::string> update_desks;
    for (const auto& u : c.country_updates) {
      EXPECT_TRUE(is_date(u.date));
      EXPECT_LT(u.date, c.meeting.date);
      EXPECT_TRUE(update_desks.insert(u.desk).second) << u.desk;
    }
  }
}

}  // namespace
}  // namespace crossroads::synth
