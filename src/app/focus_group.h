// The Focus Group's shared knowledge: its members (a user of the hub or a prosecutor named
// per desk), the annual meetings with their programme of sessions, the library of
// best-practice notes and the country updates. Not case data: every signed-in user reads it.
// Who writes what is decided by auth/access.h (the secretariat and administrators keep members
// and meetings; national members and prosecutors write notes and their own desk's updates);
// every write, and every refused one, is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/focus_group.h"
#include "core/status.h"
#include "store/store.h"

namespace crossroads::app {

// Fields of a new entry or of a change (only those set are changed). A change must carry the
// version of the entry it read: a stale one is refused (409, field "version") so that a
// concurrent change is not overwritten. A removal checks the version when one is given.
struct MemberFields {
  std::optional<std::string> desk;
  std::optional<core::Id> user_id;      // 0: not a user of the hub
  std::optional<std::string> name;      // defaults to the user's display name
  std::optional<std::string> role;      // chair, vice_chair, member, alternate, contact_point
  std::optional<std::string> since;     // defaults to today
  std::optional<std::int64_t> version;  // required for changes: the version that was read
};

struct MeetingFields {
  std::optional<std::string> title;
  std::optional<std::string> date;
  std::optional<std::string> place;
  std::optional<std::vector<core::MeetingSession>> sessions;  // replaces the programme
  std::optional<std::int64_t> version;
};

struct BestPracticeFields {
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<std::vector<std::string>> topics;
  std::optional<std::string> author_desk;  // defaults to the author's desk
  std::optional<std::string> date;         // defaults to today
  std::optional<std::int64_t> version;
};

struct CountryUpdateFields {
  std::optional<std::string> desk;  // defaults to the author's desk; fixed once written
  std::optional<std::string> date;  // defaults to today
  std::optional<std::string> text;
  std::optional<std::int64_t> version;
};

class FocusGroup {
 public:
  FocusGroup(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}
  FocusGroup(const FocusGroup&) = delete;
  FocusGroup& operator=(const FocusGroup&) = delete;

  core::Result<std::vector<core::FocusGroupMember>> members(const Actor& actor);
  core::Result<core::FocusGroupMember> add_member(const Actor& actor, const MemberFields& fields);
  core::Result<core::FocusGroupMember> update_member(const Actor& actor, core::Id id,
                                                     const MemberFields& fields);
  core::Status remove_member(const Actor& actor, core::Id id,
                             std::optional<std::int64_t> version = std::nullopt);

  core::Result<std::vector<core::FocusGroupMeeting>> meetings(const Actor& actor);
  core::Result<core::FocusGroupMeeting> add_meeting(const Actor& actor,
                                                    const MeetingFields& fields);
  core::Result<core::FocusGroupMeeting> update_meeting(const Actor& actor, core::Id id,
                                                       const MeetingFields& fields);
  core::Status remove_meeting(const Actor& actor, core::Id id,
                              std::optional<std::int64_t> version = std::nullopt);

  core::Result<std::vector<core::BestPractice>> best_practices(const Actor& actor);
  core::Result<core::BestPractice> best_practice(const Actor& actor, core::Id id);
  core::Result<core::BestPractice> add_best_practice(const Actor& actor,
                                                     const BestPracticeFields& fields);
  core::Result<core::BestPractice> update_best_practice(const Actor& actor, core::Id id,
                                                        const BestPracticeFields& fields);
  core::Status remove_best_practice(const Actor& actor, core::Id id,
                                    std::optional<std::int64_t> version = std::nullopt);

  // Empty desk: every desk's updates.
  core::Result<std::vector<core::CountryUpdate>> country_updates(const Actor& actor,
                                                                 const std::string& desk);
  core::Result<core::CountryUpdate> add_country_update(const Actor& actor,
                                                       const CountryUpdateFields& fields);
  core::Result<core::CountryUpdate> update_country_update(const Actor& actor, core::Id id,
                                                          const CountryUpdateFields& fields);
  core::Status remove_country_update(const Actor& actor, core::Id id,
                                     std::optional<std::int64_t> version = std::nullopt);

 private:
  core::Status check_reader(const Actor& actor, const char* what);

  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace crossroads::app
