// The Focus Group's demo content: named prosecutors per desk, one past annual meeting with its
// programme, best-practice notes and country updates. Fixed text (no randomness): the same for
// every seed, so that the demo reads like the real library. Loaded by StoreLoader through
// app::FocusGroup, as the secretariat would enter it.
#pragma once

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

// A named prosecutor for each of these desks (fictional names).
const std::vector<NamedProsecutor>& named_prosecutors();
const core::FocusGroupMeeting& demo_meeting();
const std::vector<core::BestPractice>& demo_best_practices();
const std::vector<core::CountryUpdate>& demo_country_updates();

}  // namespace crossroads::synth
