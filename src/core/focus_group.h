// The vocabulary of the cooperation that follows a link (JITs, EIOs, EAWs, coordination
// meetings, recorded per case) and of the Focus Group's shared knowledge (members, annual
// meetings, best-practice notes, country updates). Plain data; who may read and write them is
// decided in auth/access.h, the checks and the audit trail live in app/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace crossroads::core {

using Id = std::int64_t;

// One act of cooperation in a case. Case data: visible to whoever may read the case; the
// partner desks named here gain no access to the case by being named.
struct Cooperation {
  Id id = 0;
  Id case_id = 0;
  std::string kind;  // jit, coordination_meeting, eio, eaw
  std::string title;
  std::string started_on;  // YYYY-MM-DD
  std::string ended_on;    // YYYY-MM-DD, empty while ongoing
  std::vector<std::string> partner_desks;
  std::string notes;
  Id created_by = 0;
  TimeMs created_at = 0;
  std::int64_t version = 1;  // +1 per change; a change must name the version it read
};

inline const std::vector<std::string_view>& cooperation_kinds() {
  static const std::vector<std::string_view> kinds = {"jit", "coordination_meeting", "eio", "eaw"};
  return kinds;
}

// A member of the Focus Group: a user of the hub, or a prosecutor named without an account.
struct FocusGroupMember {
  Id id = 0;
  std::string desk;
  Id user_id = 0;     // 0: not a user of the hub
  std::string name;   // the user's display name when user_id is set
  std::string role;   // chair, vice_chair, member, alternate, contact_point
  std::string since;  // YYYY-MM-DD
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;
};

inline const std::vector<std::string_view>& focus_group_roles() {
  static const std::vector<std::string_view> roles = {"chair", "vice_chair", "member", "alternate",
                                                      "contact_point"};
  return roles;
}

struct MeetingSession {
  Id id = 0;
  std::string time;  // HH:MM
  std::string title;
  std::vector<std::string> speakers;
  std::string summary;
};

struct FocusGroupMeeting {
  Id id = 0;
  std::string title;
  std::string date;  // YYYY-MM-DD, first day
  std::string place;
  std::vector<MeetingSession> sessions;  // in programme order
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;
};

struct BestPractice {
  Id id = 0;
  std::string title;
  std::string body;  // plain text; paragraphs separated by blank lines
  std::vector<std::string> topics;
  std::string author_desk;
  std::string date;  // YYYY-MM-DD
  Id created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;
};

struct CountryUpdate {
  Id id = 0;
  std::string desk;
  std::string date;  // YYYY-MM-DD
  std::string text;
  Id created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;
};

}  // namespace crossroads::core
