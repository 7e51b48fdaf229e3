// Helpers to write person records in tests.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"
#include "match/match_record.h"

namespace crossroads::match::testing {

inline core::Entity person(core::Id id, core::Id case_id, const std::string& name,
                           const std::string& birth = "", const std::string& nationality = "",
                           const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  core::Entity e;
  e.id = id;
  e.case_id = case_id;
  e.schema = "Person";
  e.properties["name"] = {name};
  if (!birth.empty()) e.properties["birthDate"] = {birth};
  if (!nationality.empty()) e.properties["nationality"] = {nationality};
  for (const auto& [k, v] : extra) e.properties[k].push_back(v);
  return e;
}

inline MatchRecord person_record(core::Id id, core::Id case_id, const std::string& name,
                                 const std::string& birth = "", const std::string& nationality = "",
                                 const std::vector<std::pair<std::string, std::string>>& extra = {},
                                 const std::string& desk = "IT") {
  return to_match_record(person(id, case_id, name, birth, nationality, extra), desk);
}

}  // namespace crossroads::match::testing
