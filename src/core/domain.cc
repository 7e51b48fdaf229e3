#include "core/domain.h"

#include <algorithm>
#include <array>

namespace crossroads::core {

namespace {
constexpr std::array<std::pair<Role, const char*>, 6> kRoles = {{
    {Role::kAdministrator, "administrator"},
    {Role::kSecretariat, "secretariat"},
    {Role::kNationalMember, "national_member"},
    {Role::kProsecutor, "prosecutor"},
    {Role::kAnalyst, "analyst"},
    {Role::kObserver, "observer"},
}};

bool contains(const std::vector<std::string_view>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}
}  // namespace

const char* role_name(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "observer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (name == n) return r;
  }
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    out.reserve(kRoles.size());
    for (const auto& [r, name] : kRoles) out.push_back(r);
    return out;
  }();
  return roles;
}

const std::vector<std::string_view>& offence_types() {
  static const std::vector<std::string_view> kOffences = {
      "migrant_smuggling",
      "trafficking_in_human_beings",
      "document_fraud",
      "money_laundering",
      "criminal_organisation",
      "facilitation_of_unauthorised_residence",
      "corruption",
      "cybercrime",
      "drug_trafficking",
      "firearms_trafficking",
      "endangering_life",
      "manslaughter",
      "labour_exploitation",
      "sexual_exploitation",
      "forgery_of_administrative_documents",
  };
  return kOffences;
}

const std::vector<std::string_view>& case_stages() {
  static const std::vector<std::string_view> kStages = {
      "opened",      "investigation", "coordination", "action_day",
      "prosecution", "trial",         "judgment",     "closed",
  };
  return kStages;
}

const std::vector<std::string_view>& sensitivity_levels() {
  // Handling codes, lowest to highest. "restricted" is the default for case data.
  static const std::vector<std::string_view> kLevels = {"basic", "restricted", "confidential",
                                                        "secret"};
  return kLevels;
}

bool is_offence_type(std::string_view value) { return contains(offence_types(), value); }
bool is_case_stage(std::string_view value) { return contains(case_stages(), value); }
bool is_sensitivity_level(std::string_view value) { return contains(sensitivity_levels(), value); }

}  // namespace crossroads::core
