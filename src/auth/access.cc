#include "auth/access.h"

#include <algorithm>

namespace crossroads::auth {

using core::Role;

bool is_case_role(Role role) {
  return role == Role::kNationalMember || role == Role::kProsecutor || role == Role::kAnalyst ||
         role == Role::kObserver;
}

CaseAccess case_access(const core::User& user, const core::Case& c) {
  if (user.disabled || user.desk.empty()) return CaseAccess::kNone;
  const bool owner = user.desk == c.desk;
  const bool shared =
      std::find(c.shared_with.begin(), c.shared_with.end(), user.desk) != c.shared_with.end();
  if (!owner && !shared) return CaseAccess::kNone;
  if (!is_case_role(user.role)) return CaseAccess::kDenied;
  if (!owner || user.role == Role::kObserver) return CaseAccess::kRead;
  if (user.role == Role::kAnalyst) return CaseAccess::kWrite;
  return CaseAccess::kManage;  // national member or prosecutor of the owning desk
}

bool at_least(CaseAccess have, CaseAccess need) {
  return static_cast<int>(have) >= static_cast<int>(need) && have != CaseAccess::kDenied;
}

bool can_create_case(const core::User& user, const std::string& desk) {
  return !user.disabled && user.desk == desk &&
         (user.role == Role::kNationalMember || user.role == Role::kProsecutor);
}

bool can_manage_accounts(const core::User& user) {
  return !user.disabled && user.role == Role::kAdministrator;
}

bool can_read_statistics(const core::User& user) {
  return !user.disabled && (user.role == Role::kSecretariat || user.role == Role::kAdministrator ||
                            user.role == Role::kNationalMember);
}

bool can_read_full_audit(const core::User& user) {
  return !user.disabled && user.role == Role::kAdministrator;
}

bool can_read_case_audit(const core::User& user, const core::Case& c) {
  return !user.disabled && is_case_role(user.role) && user.desk == c.desk &&
         user.role != Role::kObserver;
}

bool can_read_focus_group(const core::User& user) { return !user.disabled; }

bool can_edit_focus_group(const core::User& user) {
  return !user.disabled && (user.role == Role::kSecretariat || user.role == Role::kAdministrator);
}

bool can_write_best_practice(const core::User& user, const std::string& author_desk) {
  if (can_edit_focus_group(user)) return true;
  return !user.disabled && !user.desk.empty() && user.desk == author_desk &&
         (user.role == Role::kNationalMember || user.role == Role::kProsecutor);
}

bool can_write_country_update(const core::User& user, const std::string& desk) {
  return can_write_best_practice(user, desk);
}

bool can_read_trends(const core::User& user) { return !user.disabled; }

bool can_import_trend_sources(const core::User& user) {
  return !user.disabled && (user.role == Role::kNationalMember || user.role == Role::kAnalyst ||
                            user.role == Role::kSecretariat || user.role == Role::kAdministrator);
}

bool can_read_desk_case_counts(const core::User& user, const std::string& desk) {
  if (can_read_statistics(user)) return true;
  return !user.disabled && is_case_role(user.role) && !user.desk.empty() && user.desk == desk;
}

}  // namespace crossroads::auth
