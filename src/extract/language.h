// Language of a text with CLD2 (Compact Language Detector 2), the 83-language table that
// Debian ships as libcld2. Persian, Arabic, Turkish, Kurdish (Kurmanji), Urdu and the European
// languages are in it; Pashto is not and comes back as Persian ("fa") or Urdu.
#pragma once

#include <string>
#include <string_view>

namespace crossroads::extract {

struct Language {
  std::string code = "und";  // ISO 639-1 where one exists ("ar", "fa"), else CLD2's code
  bool reliable = false;
};

// Ill-formed UTF-8 is cut at the first bad byte; a text without letters is "und".
Language detect_language(std::string_view text);

}  // namespace crossroads::extract
