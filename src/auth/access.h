// Who may do what: the need-to-know rules of Crossroads in one place. Every service in app/
// asks these functions before it touches case data; nothing else decides access.
//
// - A case and its entities are visible only to its owning desk and to desks it is shared with.
// - Administrators manage accounts and desks but never read case contents.
// - The secretariat sees counts and statistics, never contents.
// - Observers read what their desk may read and change nothing.
// - Desks a case is shared with may read it; only the owning desk changes it.
#pragma once

#include "core/domain.h"

namespace crossroads::auth {

enum class CaseAccess {
  kNone,    // must not learn the case exists
  kDenied,  // may know it exists (own or shared desk) but this role reads no contents
  kRead,
  kWrite,   // read, and add, edit and delete entities
  kManage,  // write, and edit the case itself, change its stage, share it, delete it
};

bool is_case_role(core::Role role);  // national member, prosecutor, analyst, observer
CaseAccess case_access(const core::User& user, const core::Case& c);
bool at_least(CaseAccess have, CaseAccess need);

bool can_create_case(const core::User& user, const std::string& desk);
bool can_manage_accounts(const core::User& user);
bool can_read_statistics(const core::User& user);
bool can_read_full_audit(const core::User& user);
// A desk's own cases' audit trail: any case role of that desk.
bool can_read_case_audit(const core::User& user, const core::Case& c);

// The Focus Group's shared knowledge (members, meetings, best practices, country updates) is
// not case data: every signed-in user reads it. The secretariat and administrators keep the
// member list and the meetings and may edit anything in it; national members and prosecutors
// write best-practice notes (signed by their desk) and their own desk's country updates.
bool can_read_focus_group(const core::User& user);
bool can_edit_focus_group(const core::User& user);  // members, meetings, everything else
bool can_write_best_practice(const core::User& user, const std::string& author_desk);
bool can_write_country_update(const core::User& user, const std::string& desk);

// Routes and trends: aggregates of published sources are not case data, every signed-in user
// reads them (figures from incidents recorded in cases count only cases the user may read, by
// case_access). National members, analysts, the secretariat and administrators import public
// sources.
bool can_read_trends(const core::User& user);
bool can_import_trend_sources(const core::User& user);
// A desk's own case counts on its country page: that desk's case roles, or whoever reads the
// hub's statistics.
bool can_read_desk_case_counts(const core::User& user, const std::string& desk);

}  // namespace crossroads::auth
