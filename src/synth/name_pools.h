// Person-name pools of the synthetic world, compiled into the binary: for each naming tradition
// the given names (male, female) and family names, each with its form in the original script
// and the Latin spellings files really carry (the first is the canonical one).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crossroads::synth {

enum class Origin {
  kArabic,
  kPersian,  // Persian and Dari
  kPashto,
  kTigrinya,
  kKurdish,
  kTurkish,
  kAlbanian,
  kBengali,
  kUrdu,
  kFrench,
  kEnglish,
};
inline constexpr int kOriginCount = 11;

const char* origin_name(Origin origin);  // "arabic"

struct NameForm {
  std::string original;            // original script ("محمد"); Latin for Latin-script names
  std::vector<std::string> latin;  // spellings, canonical first ("Mohamed", "Muhammad", ...)
};

struct NamePool {
  Origin origin;
  bool latin_script = false;  // the original script is Latin (Turkish, Albanian, French...)
  bool patronymic = false;    // father's name customarily written between given and family
  std::vector<NameForm> male;
  std::vector<NameForm> female;
  std::vector<NameForm> family;
  std::vector<std::string> nickname_patterns;  // "Abu {son}", "Hajji {given}"
};

const NamePool& name_pool(Origin origin);

}  // namespace crossroads::synth
