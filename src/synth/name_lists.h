// The written name lists behind name_pools.cc, one text per naming tradition.
#pragma once

#include <string_view>

#include "synth/name_pools.h"

namespace crossroads::synth {

// Lines "<original script>|<canonical Latin>,<variant>,...", most common name first, in
// sections that start with a line holding one letter:
//   M male given names, F female given names, L family names;
//   A (Arabic) the divine names of "Abd al-X" ("الرحمن|rahman"), N (Arabic) nisba adjectives
//   ("مصري|Masri,Masry") that make "Al-Masri"; S stems of suffixed family names (Persian "-i",
//   "-zadeh", "-pour"; Pashto "-zai", "-khel"; Albanian "-aj"); U (Pashto) stems of "-ullah"
//   given names; C (Turkish) "<prefix>|<noun>,<noun>,...": the compounds that exist.
std::string_view name_list_text(Origin origin);

}  // namespace crossroads::synth
