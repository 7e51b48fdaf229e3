// The Focus Group's demo content, generated per seed: named prosecutors per desk (fictional
// names of each desk's country), the chair and vice-chair, one past annual meeting with its
// programme, best-practice notes and country updates chosen from written texts, with dates
// that follow the meeting. Deterministic for a seed. Loaded by StoreLoader through
// app::FocusGroup, as the secretariat would enter it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/focus_group.h"

namespace crossroads::synth {

struct NamedProsecutor {
  std::string desk;
  std::string name;
  std::string role;   // in the group: chair, vice_chair, member, alternate, contact_point
  std::string since;  // YYYY-MM-DD
};

struct FocusGroupContent {
  std::vector<NamedProsecutor> prosecutors;  // chair, vice-chair, then one per other desk
  core::FocusGroupMeeting meeting;
  std::vector<core::BestPractice> best_practices;
  std::vector<core::CountryUpdate> country_updates;
};

FocusGroupContent focus_group_content(std::uint64_t seed);

}  // namespace crossroads::synth
