#include "app/focus_group.h"

#include <algorithm>

#include "app/accounts.h"
#include "app/text_checks.h"
#include "auth/access.h"

namespace crossroads::app {

using core::Code;
using core::Result;
using core::Status;

namespace {

std::string object(const char* kind, core::Id id) {
  return std::string(kind) + ":" + std::to_string(id);
}

Status check_date(const std::string& value, const char* field) {
  if (!core::is_valid_date(value)) {
    return core::invalid("'" + value + "' is not a date; write YYYY-MM-DD", field);
  }
  return Status::ok();
}

Status check_desk(store::Transaction& tx, const std::string& code, const char* field) {
  auto desk = tx.get_desk(code);
  if (desk) return Status::ok();
  if (desk.status().code() != Code::kNotFound) return desk.status();
  return core::invalid(
      "there is no desk '" + code + "'; use a two-letter code of GET /api/v1/desks", field);
}

// "HH:MM", 00:00 to 23:59.
bool valid_time(const std::string& t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (int i : {0, 1, 3, 4}) {
    if (t[static_cast<std::size_t>(i)] < '0' || t[static_cast<std::size_t>(i)] > '9') return false;
  }
  return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

Status check_strings(std::vector<std::string>& items, const char* field, std::size_t max_items,
                     std::size_t max_bytes) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::string t = trim_text(item);
    CR_RETURN_IF_ERROR(check_text(t, field, 1, max_bytes, false));
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  }
  if (out.size() > max_items) {
    return core::invalid("name at most " + std::to_string(max_items), field);
  }
  items = std::move(out);
  return Status::ok();
}

std::string role_list() {
  std::string out;
  for (auto r : core::focus_group_roles()) out += (out.empty() ? "" : ", ") + std::string(r);
  return out;
}

Status not_editor(const Actor& actor, const char* what) {
  return core::denied(std::string("the ") + core::role_name(actor.user.role) + " role may not " +
                      what + "; the Focus Group secretariat keeps them");
}

Status not_contributor(const Actor& actor, const std::string& desk, const char* what) {
  if (actor.user.role != core::Role::kNationalMember &&
      actor.user.role != core::Role::kProsecutor && !auth::can_edit_focus_group(actor.user)) {
    return core::denied(std::string("the ") + core::role_name(actor.user.role) + " role may not " +
                        what + "; national members, prosecutors and the secretariat do");
  }
  return core::denied("you may " + std::string(what) + " of your own desk (" +
                      (actor.user.desk.empty() ? std::string("none") : actor.user.desk) +
                      ") only, not of desk " + desk);
}

}  // namespace

Status FocusGroup::check_reader(const Actor& actor, const char* what) {
  if (auth::can_read_focus_group(actor.user)) return Status::ok();
  return audit_refusal(store_, clock_, actor, std::string("fg.") + what + ".list", "focus_group", 0,
                       core::denied("this account is disabled"));
}

// ---- members

Result<std::vector<core::FocusGroupMember>> FocusGroup::members(const Actor& actor) {
  CR_RETURN_IF_ERROR(check_reader(actor, "member"));
  std::vector<core::FocusGroupMember> out;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_fg_members());
    return Status::ok();
  }));
  return out;
}

namespace {

Status apply_member(store::Transaction& tx, const MemberFields& f, core::FocusGroupMember& m) {
  if (f.desk) {
    CR_RETURN_IF_ERROR(check_desk(tx, *f.desk, "desk"));
    m.desk = *f.desk;
  }
  if (f.user_id) m.user_id = *f.user_id;
  if (f.name) {
    m.name = trim_text(*f.name);
    CR_RETURN_IF_ERROR(check_text(m.name, "name", 1, 200, false));
  }
  if (m.user_id != 0) {
    auto user = tx.get_user(m.user_id);
    if (!user) {
      if (user.status().code() != Code::kNotFound) return user.status();
      return core::invalid("there is no user with id " + std::to_string(m.user_id) +
                               "; leave user_id out to list a prosecutor without an account",
                           "user_id");
    }
    if (user->desk != m.desk) {
      return core::invalid("user " + user->username + " works at desk " +
                               (user->desk.empty() ? std::string("(none)") : user->desk) +
                               ", not at desk " + m.desk,
                           "user_id");
    }
    if (!f.name) m.name = user->display_name;
  }
  if (m.name.empty()) return core::invalid("name the member, or give a user_id", "name");
  if (f.role) {
    const auto& roles = core::focus_group_roles();
    if (std::find(roles.begin(), roles.end(), *f.role) == roles.end()) {
      return core::invalid(
          "'" + *f.role + "' is not a role in the group; use one of " + role_list(), "role");
    }
    m.role = *f.role;
  }
  if (f.since) {
    CR_RETURN_IF_ERROR(check_date(*f.since, "since"));
    m.since = *f.since;
  }
  return Status::ok();
}

}  // namespace

Result<core::FocusGroupMember> FocusGroup::add_member(const Actor& actor, const MemberFields& f) {
  const std::string action = "fg.member.create";
  core::FocusGroupMember m;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!auth::can_edit_focus_group(actor.user)) return not_editor(actor, "add members");
    if (!f.desk) return core::invalid("is required: the member's desk, e.g. IT", "desk");
    const core::TimeMs now = clock_.now_ms();
    m.role = "member";
    m.since = core::format_date(now);
    CR_RETURN_IF_ERROR(apply_member(tx, f, m));
    m.created_at = now;
    m.updated_at = now;
    CR_ASSIGN_OR_RETURN(m.id, tx.insert_fg_member(m, actor.user.id));
    return audit(tx, clock_, actor, action, object("fg_member", m.id), 0, "ok", "desk " + m.desk);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, "fg_members", 0, st);
  return m;
}

Result<core::FocusGroupMember> FocusGroup::update_member(const Actor& actor, core::Id id,
                                                         const MemberFields& f) {
  const std::string action = "fg.member.update";
  core::FocusGroupMember m;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!auth::can_edit_focus_group(actor.user)) return not_editor(actor, "change members");
    CR_ASSIGN_OR_RETURN(m, tx.get_fg_member(id));
    CR_RETURN_IF_ERROR(check_version(f.version, m.version, "member entry"));
    CR_RETURN_IF_ERROR(apply_member(tx, f, m));
    m.updated_at = clock_.now_ms();
    CR_RETURN_IF_ERROR(tx.update_fg_member(m));
    ++m.version;
    return audit(tx, clock_, actor, action, object("fg_member", id), 0, "ok");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, object("fg_member", id), 0, st);
  return m;
}

Status FocusGroup::remove_member(const Actor& actor, core::Id id,
                                 std::optional<std::int64_t> version) {
  const std::string action = "fg.member.delete";
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!auth::can_edit_focus_group(actor.user)) return not_editor(actor, "remove members");
    CR_ASSIGN_OR_RETURN(auto m, tx.get_fg_member(id));
    CR_RETURN_IF_ERROR(check_version(version, m.version, "member entry", false));
    CR_RETURN_IF_ERROR(tx.delete_fg_member(id));
    return audit(tx, clock_, actor, action, object("fg_member", id), 0, "ok");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, object("fg_member", id), 0, st);
  return Status::ok();
}

// ---- meetings

Result<std::vector<core::FocusGroupMeeting>> FocusGroup::meetings(const Actor& actor) {
  CR_RETURN_IF_ERROR(check_reader(actor, "meeting"));
  std::vector<core::FocusGroupMeeting> out;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_fg_meetings());
    return Status::ok();
  }));
  return out;
}

namespace {

Status apply_meeting(const MeetingFields& f, core::FocusGroupMeeting& m) {
  if (f.title) {
    m.title = trim_text(*f.title);
    CR_RETURN_IF_ERROR(check_text(m.title, "title", 1, 300, false));
  }
  if (f.date) {
    CR_RETURN_IF_ERROR(check_date(*f.date, "date"));
    m.date = *f.date;
  }
  if (f.place) {
    m.place = trim_text(*f.place);
    CR_RETURN_IF_ERROR(check_text(m.place, "place", 1, 200, false));
  }
  if (f.sessions) {
    if (f.sessions->size() > 60) return core::invalid("at most 60 sessions", "sessions");
    std::vector<core::MeetingSession> sessions;
    for (std::size_t i = 0; i < f.sessions->size(); ++i) {
      core::MeetingSession s = (*f.sessions)[i];
      const std::string at = "sessions[" + std::to_string(i) + "].";
      if (!valid_time(s.time)) {
        return core::invalid("'" + s.time + "' is not a time of day; write HH:MM, e.g. 09:30",
                             at + "time");
      }
      s.title = trim_text(s.title);
      CR_RETURN_IF_ERROR(check_text(s.title, (at + "title").c_str(), 1, 300, false));
      CR_RETURN_IF_ERROR(check_strings(s.speakers, (at + "speakers").c_str(), 20, 200));
      CR_RETURN_IF_ERROR(check_text(s.summary, (at + "summary").c_str(), 0, 20000, true));
      sessions.push_back(std::move(s));
    }
    m.sessions = std::move(sessions);
  }
  return Status::ok();
}

}  // namespace

Result<core::FocusGroupMeeting> FocusGroup::add_meeting(const Actor& actor,
                                                        const MeetingFields& f) {
  const std::string action = "fg.meeting.create";
  core::FocusGroupMeeting m;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!auth::can_edit_focus_group(actor.user)) return not_editor(actor, "add meetings");
    if (!f.title) return core::invalid("a meeting needs a title", "title");
    if (!f.date) return core::invalid("is required: the first day (YYYY-MM-DD)", "date");
    if (!f.place) return core::invalid("is required, e.g. The Hague", "place");
    CR_RETURN_IF_ERROR(apply_meeting(f, m));
    m.created_at = m.updated_at = clock_.now_ms();
    CR_ASSIGN_OR_RETURN(m.id, tx.insert_fg_meeting(m, actor.user.id));
    CR_ASSIGN_OR_RETURN(m, tx.get_fg_meeting(m.id));
    return audit(tx, clock_, actor, action, object("fg_meeting", m.id), 0, "ok",
                 std::to_string(m.sessions.size()) + " sessions");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, "fg_meetings", 0, st);
  return m;
}

Result<core::FocusGroupMeeting> FocusGroup::update_meeting(const Actor& actor, core::Id id,
                                                           const MeetingFields& f) {
  const std::string action = "fg.meeting.update";
  core::FocusGroupMeeting m;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!auth::can_edit_focus_group(actor.user)) return not_editor(actor, "change meetings");
    CR_ASSIGN_OR_RETURN(m, tx.get_fg_meeting(id));
    CR_RETURN_IF_ERROR(check_version(f.version, m.version, "meeting"));
    CR_RETURN_IF_ERROR(apply_meeting(f, m));
    m.updated_at = clock_.now_ms();
    CR_RETURN_IF_ERROR(tx.update_fg_meeting(m));
    CR_ASSIGN_OR_RETURN(m, tx.get_fg_meeting(id));
    return audit(tx, clock_, actor, action, object("fg_meeting", id), 0, "ok");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, object("fg_meeting", id), 0, st);
  return m;
}

Status FocusGroup::remove_meeting(const Actor& actor, core::Id id,
                                  std::optional<std::int64_t> version) {
  const std::string action = "fg.meeting.delete";
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!auth::can_edit_focus_group(actor.user)) return not_editor(actor, "remove meetings");
    CR_ASSIGN_OR_RETURN(auto m, tx.get_fg_meeting(id));
    CR_RETURN_IF_ERROR(check_version(version, m.version, "meeting", false));
    CR_RETURN_IF_ERROR(tx.delete_fg_meeting(id));
    return audit(tx, clock_, actor, action, object("fg_meeting", id), 0, "ok");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, object("fg_meeting", id), 0, st);
  return Status::ok();
}

// ---- best practices

Result<std::vector<core::BestPractice>> FocusGroup::best_practices(const Actor& actor) {
  CR_RETURN_IF_ERROR(check_reader(actor, "best_practice"));
  std::vector<core::BestPractice> out;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_best_practices());
    return Status::ok();
  }));
  return out;
}

Result<core::BestPractice> FocusGroup::best_practice(const Actor& actor, core::Id id) {
  CR_RETURN_IF_ERROR(check_reader(actor, "best_practice"));
  core::BestPractice out;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.get_best_practice(id));
    return Status::ok();
  }));
  return out;
}

namespace {

Status apply_best_practice(store::Transaction& tx, const BestPracticeFields& f,
                           core::BestPractice& n) {
  if (f.title) {
    n.title = trim_text(*f.title);
    CR_RETURN_IF_ERROR(check_text(n.title, "title", 1, 300, false));
  }
  if (f.body) {
    n.body = *f.body;
    if (trim_text(n.body).empty()) return core::invalid("must not be empty", "body");
    CR_RETURN_IF_ERROR(check_text(n.body, "body", 1, 100000, true));
  }
  if (f.topics) {
    n.topics = *f.topics;
    CR_RETURN_IF_ERROR(check_strings(n.topics, "topics", 12, 80));
  }
  if (f.author_desk) {
    CR_RETURN_IF_ERROR(check_desk(tx, *f.author_desk, "author_desk"));
    n.author_desk = *f.author_desk;
  }
  if (f.date) {
    CR_RETURN_IF_ERROR(check_date(*f.date, "date"));
    n.date = *f.date;
  }
  return Status::ok();
}

}  // namespace

Result<core::BestPractice> FocusGroup::add_best_practice(const Actor& actor,
                                                         const BestPracticeFields& f) {
  const std::string action = "fg.best_practice.create";
  core::BestPractice n;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!f.title) return core::invalid("a note needs a title", "title");
    if (!f.body) return core::invalid("a note needs its text", "body");
    const core::TimeMs now = clock_.now_ms();
    n.author_desk = actor.user.desk;
    n.date = core::format_date(now);
    CR_RETURN_IF_ERROR(apply_best_practice(tx, f, n));
    if (n.author_desk.empty()) {
      return core::invalid("is required: the desk the note comes from", "author_desk");
    }
    if (!auth::can_write_best_practice(actor.user, n.author_desk)) {
      return not_contributor(actor, n.author_desk, "write best-practice notes");
    }
    n.created_by = actor.user.id;
    n.created_at = n.updated_at = now;
    CR_ASSIGN_OR_RETURN(n.id, tx.insert_best_practice(n));
    return audit(tx, clock_, actor, action, object("fg_best_practice", n.id), 0, "ok",
                 "desk " + n.author_desk);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, "fg_best_practices", 0, st);
  return n;
}

Result<core::BestPractice> FocusGroup::update_best_practice(const Actor& actor, core::Id id,
                                                            const BestPracticeFields& f) {
  const std::string action = "fg.best_practice.update";
  core::BestPractice n;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(n, tx.get_best_practice(id));
    if (!auth::can_write_best_practice(actor.user, n.author_desk)) {
      return not_contributor(actor, n.author_desk, "change best-practice notes");
    }
    CR_RETURN_IF_ERROR(check_version(f.version, n.version, "best-practice note"));
    CR_RETURN_IF_ERROR(apply_best_practice(tx, f, n));
    if (!auth::can_write_best_practice(actor.user, n.author_desk)) {
      return not_contributor(actor, n.author_desk, "sign best-practice notes");
    }
    n.updated_at = clock_.now_ms();
    CR_RETURN_IF_ERROR(tx.update_best_practice(n));
    ++n.version;
    return audit(tx, clock_, actor, action, object("fg_best_practice", id), 0, "ok");
  });
  if (!st) {
    return audit_refusal(store_, clock_, actor, action, object("fg_best_practice", id), 0, st);
  }
  return n;
}

Status FocusGroup::remove_best_practice(const Actor& actor, core::Id id,
                                        std::optional<std::int64_t> version) {
  const std::string action = "fg.best_practice.delete";
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto n, tx.get_best_practice(id));
    if (!auth::can_write_best_practice(actor.user, n.author_desk)) {
      return not_contributor(actor, n.author_desk, "remove best-practice notes");
    }
    CR_RETURN_IF_ERROR(check_version(version, n.version, "best-practice note", false));
    CR_RETURN_IF_ERROR(tx.delete_best_practice(id));
    return audit(tx, clock_, actor, action, object("fg_best_practice", id), 0, "ok");
  });
  if (!st) {
    return audit_refusal(store_, clock_, actor, action, object("fg_best_practice", id), 0, st);
  }
  return Status::ok();
}

// ---- country updates

Result<std::vector<core::CountryUpdate>> FocusGroup::country_updates(const Actor& actor,
                                                                     const std::string& desk) {
  CR_RETURN_IF_ERROR(check_reader(actor, "country_update"));
  std::vector<core::CountryUpdate> out;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    if (!desk.empty()) CR_RETURN_IF_ERROR(check_desk(tx, desk, "desk"));
    CR_ASSIGN_OR_RETURN(out, tx.list_country_updates(desk));
    return Status::ok();
  }));
  return out;
}

namespace {

Status apply_country_update(const CountryUpdateFields& f, core::CountryUpdate& u) {
  if (f.date) {
    CR_RETURN_IF_ERROR(check_date(*f.date, "date"));
    u.date = *f.date;
  }
  if (f.text) {
    u.text = *f.text;
    if (trim_text(u.text).empty()) return core::invalid("must not be empty", "text");
    CR_RETURN_IF_ERROR(check_text(u.text, "text", 1, 20000, true));
  }
  return Status::ok();
}

}  // namespace

Result<core::CountryUpdate> FocusGroup::add_country_update(const Actor& actor,
                                                           const CountryUpdateFields& f) {
  const std::string action = "fg.country_update.create";
  core::CountryUpdate u;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!f.text) return core::invalid("an update needs its text", "text");
    const core::TimeMs now = clock_.now_ms();
    u.desk = f.desk.value_or(actor.user.desk);
    if (u.desk.empty()) return core::invalid("is required: the desk the update is about", "desk");
    CR_RETURN_IF_ERROR(check_desk(tx, u.desk, "desk"));
    if (!auth::can_write_country_update(actor.user, u.desk)) {
      return not_contributor(actor, u.desk, "write country updates");
    }
    u.date = core::format_date(now);
    CR_RETURN_IF_ERROR(apply_country_update(f, u));
    u.created_by = actor.user.id;
    u.created_at = u.updated_at = now;
    CR_ASSIGN_OR_RETURN(u.id, tx.insert_country_update(u));
    return audit(tx, clock_, actor, action, object("fg_country_update", u.id), 0, "ok",
                 "desk " + u.desk);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, "fg_country_updates", 0, st);
  return u;
}

Result<core::CountryUpdate> FocusGroup::update_country_update(const Actor& actor, core::Id id,
                                                              const CountryUpdateFields& f) {
  const std::string action = "fg.country_update.update";
  core::CountryUpdate u;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(u, tx.get_country_update(id));
    if (!auth::can_write_country_update(actor.user, u.desk)) {
      return not_contributor(actor, u.desk, "change country updates");
    }
    if (f.desk && *f.desk != u.desk) {
      return core::invalid(
          "an update stays with its desk (" + u.desk + "); write a new one for desk " + *f.desk,
          "desk");
    }
    CR_RETURN_IF_ERROR(check_version(f.version, u.version, "country update"));
    CR_RETURN_IF_ERROR(apply_country_update(f, u));
    u.updated_at = clock_.now_ms();
    CR_RETURN_IF_ERROR(tx.update_country_update(u));
    ++u.version;
    return audit(tx, clock_, actor, action, object("fg_country_update", id), 0, "ok");
  });
  if (!st) {
    return audit_refusal(store_, clock_, actor, action, object("fg_country_update", id), 0, st);
  }
  return u;
}

Status FocusGroup::remove_country_update(const Actor& actor, core::Id id,
                                         std::optional<std::int64_t> version) {
  const std::string action = "fg.country_update.delete";
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto u, tx.get_country_update(id));
    if (!auth::can_write_country_update(actor.user, u.desk)) {
      return not_contributor(actor, u.desk, "remove country updates");
    }
    CR_RETURN_IF_ERROR(check_version(version, u.version, "country update", false));
    CR_RETURN_IF_ERROR(tx.delete_country_update(id));
    return audit(tx, clock_, actor, action, object("fg_country_update", id), 0, "ok");
  });
  if (!st) {
    return audit_refusal(store_, clock_, actor, action, object("fg_country_update", id), 0, st);
  }
  return Status::ok();
}

}  // namespace crossroads::app
