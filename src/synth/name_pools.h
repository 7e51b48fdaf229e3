// Person-name pools of the synthetic world, compiled into the binary: for each naming tradition
// the given names (male, female) and family names, each with its form in the original script
// and the Latin spellings files really carry (the first is the canonical one).
//
// Each list is ordered from the most to the least common name and drawn with a Zipf-Mandelbrot
// frequency (weight 1 / (rank + shift)): a few names are very common (Mohamed, Yilmaz, Rahman),
// most are rare. Family-name lists are the written lists (name_lists.cc) extended by the rules
// families really follow: Arabic nisbas from places, tribes and trades (Al-Masri, Al-Halabi,
// Al-Najjar), Maghreb "Ben X" and "Abdel X", Persian and Dari "-i", "-zadeh"/"-zada", "-pour",
// Pashto "-zai" and "-khel", Turkish adjective+noun compounds and "-oglu", Albanian "-aj".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "synth/rng.h"

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

// Names of one kind, most common first, with their cumulative Zipf-Mandelbrot weights.
class NameList {
 public:
  NameList() = default;
  NameList(std::vector<NameForm> forms, double shift);

  const NameForm& draw(Rng& rng) const;  // by frequency: one rng.unit()
  const NameForm& operator[](std::size_t i) const { return forms_[i]; }
  std::size_t size() const { return forms_.size(); }
  bool empty() const { return forms_.empty(); }
  const std::vector<NameForm>& forms() const { return forms_; }
  // Share of draws that give name `i` (its weight over the total).
  double share(std::size_t i) const;

 private:
  std::vector<NameForm> forms_;
  std::vector<double> cumulative_;
};

struct NamePool {
  Origin origin;
  bool latin_script = false;  // the original script is Latin (Turkish, Albanian, French...)
  bool patronymic = false;    // father's name customarily written between given and family
  NameList male;
  NameList female;
  NameList family;
  std::vector<std::string> nickname_patterns;  // "Abu {son}", "Hajji {given}"
};

const NamePool& name_pool(Origin origin);

}  // namespace crossroads::synth
