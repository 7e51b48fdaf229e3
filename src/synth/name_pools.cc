#include "synth/name_pools.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/assert.h"
#include "synth/name_lists.h"

namespace crossroads::synth {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    out.emplace_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// The sections of one tradition's text, by their letter.
std::map<char, std::vector<NameForm>> parse_sections(std::string_view text) {
  std::map<char, std::vector<NameForm>> sections;
  std::vector<NameForm>* section = nullptr;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty()) continue;
    if (line.size() == 1) {
      section = &sections[line[0]];
      continue;
    }
    CR_ASSERT(section != nullptr);
    const std::size_t bar = line.find('|');
    CR_ASSERT(bar != std::string::npos);
    NameForm form;
    form.original = line.substr(0, bar);
    form.latin = split(std::string_view(line).substr(bar + 1), ',');
    section->push_back(std::move(form));
  }
  return sections;
}

std::string replace_all(std::string s, std::string_view what, std::string_view with) {
  for (std::size_t at = s.find(what); at != std::string::npos;
       at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
  return s;
}

std::string replace_each(std::string s,
                         const std::vector<std::pair<std::string_view, std::string_view>>& map) {
  for (const auto& [what, with] : map) s = replace_all(std::move(s), what, with);
  return s;
}

// ASCII lower-case of the first letter (stems are ASCII where this is used).
std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}
std::string upper_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}
bool ends_with_vowel(const std::string& s) {
  return !s.empty() && std::string_view("aeiouy").find(s.back()) != std::string_view::npos;
}

NameForm form(std::string original, std::vector<std::string> latin) {
  return NameForm{std::move(original), std::move(latin)};
}

// Turkish spellings: as written in Türkiye, folded to ASCII (most European registries), and
// the German transcription (oe, ue, sch, tsch) where it differs.
std::vector<std::string> turkish_spellings(const std::string& name) {
  std::vector<std::string> out = {name};
  out.push_back(replace_each(name, {{"ı", "i"},
                                    {"İ", "I"},
                                    {"ş", "s"},
                                    {"Ş", "S"},
                                    {"ç", "c"},
                                    {"Ç", "C"},
                                    {"ğ", "g"},
                                    {"Ğ", "G"},
                                    {"ö", "o"},
                                    {"Ö", "O"},
                                    {"ü", "u"},
                                    {"Ü", "U"}}));
  out.push_back(replace_each(name, {{"ı", "i"},
                                    {"İ", "I"},
                                    {"ş", "sch"},
                                    {"Ş", "Sch"},
                                    {"ç", "tsch"},
                                    {"Ç", "Tsch"},
                                    {"ğ", "g"},
                                    {"ö", "oe"},
                                    {"Ö", "Oe"},
                                    {"ü", "ue"},
                                    {"Ü", "Ue"}}));
  return out;
}

// Albanian spellings: as written in Albania and Kosovo, without the diacritics, and as
// Serbian or Macedonian registries transcribe them (Krasnići, Hodža).
std::vector<std::string> albanian_spellings(const std::string& name) {
  return {name, replace_each(name, {{"ë", "e"}, {"ç", "c"}, {"Ç", "C"}}),
          replace_each(name, {{"xh", "dž"},
                              {"Xh", "Dž"},
                              {"sh", "š"},
                              {"Sh", "Š"},
                              {"zh", "ž"},
                              {"q", "ć"},
                              {"Q", "Ć"},
                              {"gj", "đ"},
                              {"Gj", "Đ"},
                              {"ç", "č"},
                              {"ë", "e"}})};
}

// Family names the rules of each tradition make from the stems of its text.
std::vector<NameForm> generated_family(Origin origin, std::map<char, std::vector<NameForm>>& s) {
  std::vector<NameForm> out;
  switch (origin) {
    case Origin::kArabic: {
      // Nisba: "al-" + the adjective of a place, tribe or trade (Al-Masri, El Halabi, Najjar).
      int i = 0;
      for (const NameForm& n : s['N']) {
        const std::string& stem = n.latin[0];
        std::vector<std::string> latin;
        if (i++ % 3 == 2) {
          latin = {"El " + stem, "Al-" + stem, stem};  // Maghreb and Egyptian files
        } else {
          latin = {"Al-" + stem, "El " + stem, "El" + lower_first(stem), stem};
        }
        for (std::size_t k = 1; k < n.latin.size(); ++k) latin.push_back("El " + n.latin[k]);
        out.push_back(form("ال" + n.original, std::move(latin)));
      }
      // "Abd al-X" as a family name, frequent in the Maghreb and Egypt (Abdelkader, Abdelaziz).
      for (const NameForm& a : s['A']) {
        const std::string stem = a.latin[0];
        const std::string cap = upper_first(stem);
        std::vector<std::string> latin = {"Abdel" + stem, "Abdul" + stem, "Abd al-" + cap,
                                          "Abdel " + cap};
        // Sun letters assimilate the article: Abderrahim, Abdessamad, Abdennour.
        if (std::string_view("rsntdz").find(stem[0]) != std::string_view::npos) {
          latin.insert(latin.begin() + 1, "Abde" + std::string(1, stem[0]) + stem);
        }
        if (stem == "llah") latin = {"Abdellah", "Abdullah", "Abdallah", "Abd Allah"};
        out.push_back(form("عبد " + a.original, std::move(latin)));
      }
      // From an ancestor's given name: Maghreb "Ben X" (Ben Youssef, Benyoussef), Levantine
      // "Abu X" (Abu Khalil, Abou Hassan), Syrian and Iraqi "Al-X" (Al-Hussein, Al-Omar),
      // Mauritanian "Ould X" (Ould Ahmed). Names that start with an article or "Abd" are left
      // out: "Ben Abd al-Kader" is rare in files.
      int index = 0;
      for (const NameForm& m : s['M']) {
        if (m.latin[0].find(' ') != std::string::npos || m.latin[0].rfind("Abd", 0) == 0 ||
            m.latin[0].rfind("El", 0) == 0 || m.original.find(' ') != std::string::npos) {
          continue;
        }
        const std::string& c = m.latin[0];
        const std::string& alt = m.latin.size() > 1 ? m.latin[1] : c;
        out.push_back(form("بن " + m.original, {"Ben " + c, "Ben" + lower_first(c), "Bin " + alt}));
        out.push_back(form("أبو " + m.original, {"Abu " + c, "Abou " + c, "Abu" + lower_first(c)}));
        // The article joins the name in script; the hamza seat of a leading alif drops.
        std::string bare = m.original;
        for (std::string_view hamza : {"أ", "إ", "آ"}) {
          if (bare.rfind(hamza, 0) == 0) bare = "ا" + bare.substr(hamza.size());
        }
        out.push_back(form("ال" + bare, {"Al-" + c, "El " + c, "Al " + c}));
        if (index++ % 3 == 0) {
          out.push_back(form("ولد " + m.original, {"Ould " + c, "Ould" + lower_first(c)}));
        }
      }
      break;
    }
    case Origin::kPersian: {
      int i = 0;
      for (const NameForm& n : s['S']) {
        const std::string& stem = n.latin[0];
        if (!ends_with_vowel(stem)) {
          out.push_back(form(n.original + "ی", {stem + "i", stem + "y"}));
        }
        // -zadeh in Iran, -zada in Afghanistan: the same name in the same script.
        if (i++ % 2 == 0) {
          out.push_back(
              form(n.original + "زاده", {stem + "zadeh", stem + "zada", stem + " Zadeh"}));
        } else {
          out.push_back(form(n.original + "زاده", {stem + "zada", stem + "zadeh", stem + "zade"}));
        }
        out.push_back(form(n.original + "پور", {stem + "pour", stem + "pur", stem + "poor"}));
        // Iranian compounds: "-nejad" (of the lineage of), "-nia" (ancestor).
        out.push_back(
            form(n.original + "نژاد", {stem + "nejad", stem + "nezhad", stem + " Nejad"}));
        out.push_back(form(n.original + "نیا", {stem + "nia", stem + "nya"}));
      }
      break;
    }
    case Origin::kPashto: {
      for (const NameForm& n : s['S']) {
        const std::string& stem = n.latin[0];
        out.push_back(form(n.original + "زی", {stem + "zai", stem + "zay", stem + "zei"}));
        out.push_back(form(n.original + "خېل", {stem + "khel", stem + " Khel", stem + "khail"}));
      }
      break;
    }
    case Origin::kTigrinya:
      // The "family name" is the grandfather's given name.
      for (const NameForm& m : s['M']) out.push_back(m);
      break;
    case Origin::kTurkish: {
      // Surnames of the 1934 law: adjective + noun (Karakaya, Öztürk, Akbulut), and "-oğlu".
      for (const NameForm& c : s['C']) {
        for (const std::string& noun : c.latin) {
          out.push_back(form(c.original + noun, turkish_spellings(c.original + noun)));
        }
      }
      int taken = 0;
      for (const NameForm& m : s['M']) {
        if (taken++ >= 35) break;
        const std::string name = m.original + "oğlu";
        out.push_back(form(name, turkish_spellings(name)));
      }
      break;
    }
    case Origin::kAlbanian:
      // "-aj": of the house of (Gjonaj, Lekaj, Haxhaj), the northern and Kosovo pattern.
      for (const NameForm& n : s['S']) {
        const std::string name = n.latin[0] + "aj";
        out.push_back(form(name, albanian_spellings(name)));
      }
      break;
    default:
      break;
  }
  return out;
}

// Given names the rules make: "Abd al-X" (Arabic), "X-ullah" (Pashto).
std::vector<NameForm> generated_male(Origin origin, std::map<char, std::vector<NameForm>>& s) {
  std::vector<NameForm> out;
  if (origin == Origin::kArabic) {
    for (const NameForm& a : s['A']) {
      const std::string stem = a.latin[0];
      const std::string cap = upper_first(stem);
      std::vector<std::string> latin = {"Abdel" + stem, "Abdul" + stem, "Abd al-" + cap,
                                        "Abdel " + cap};
      if (std::string_view("rsntdz").find(stem[0]) != std::string_view::npos) {
        latin.insert(latin.begin() + 1, "Abde" + std::string(1, stem[0]) + stem);
      }
      if (stem == "llah") continue;  // Abdullah is in the written list
      out.push_back(form("عبد " + a.original, std::move(latin)));
    }
  } else if (origin == Origin::kPashto) {
    for (const NameForm& u : s['U']) {
      const std::string& stem = u.latin[0];
      out.push_back(form(u.original + " الله",
                         {stem + "ullah", stem + " Ullah", stem + "ollah", stem + "ulla"}));
    }
  }
  return out;
}

// Written names first (most common first), then the generated ones in a fixed shuffled order
// (the same on every machine), without duplicates of an original-script form or a canonical
// spelling; spellings within a name are de-duplicated too.
std::vector<NameForm> merge(Origin origin, bool latin_script, std::vector<NameForm> written,
                            std::vector<NameForm> generated, std::uint64_t stream) {
  Rng shuffle(mix_seed(0x4E414D45, static_cast<std::uint64_t>(origin) * 16 + stream));
  for (std::size_t i = generated.size(); i > 1; --i) {
    std::swap(generated[i - 1], generated[shuffle.below(i)]);
  }
  std::vector<NameForm> out;
  std::set<std::string> seen;
  for (auto* list : {&written, &generated}) {
    for (NameForm& f : *list) {
      std::vector<std::string> latin;
      for (std::string& l : f.latin) {
        if (!l.empty() && std::find(latin.begin(), latin.end(), l) == latin.end()) {
          latin.push_back(std::move(l));
        }
      }
      CR_ASSERT(!latin.empty());
      f.latin = std::move(latin);
      if (seen.count("L:" + f.latin[0]) > 0) continue;
      if (!latin_script && seen.count("O:" + f.original) > 0) continue;
      seen.insert("L:" + f.latin[0]);
      seen.insert("O:" + f.original);
      out.push_back(std::move(f));
    }
  }
  return out;
}

struct Tradition {
  Origin origin;
  bool latin_script;
  bool patronymic;
  // Zipf-Mandelbrot shifts: small = a steep head (one name dominates), large = flatter.
  double given_shift;
  double family_shift;
  std::vector<std::string> nicknames;  // {son}: the first name of an (invented) eldest son
};

NamePool build(const Tradition& t) {
  auto sections = parse_sections(name_list_text(t.origin));
  NamePool pool;
  pool.origin = t.origin;
  pool.latin_script = t.latin_script;
  pool.patronymic = t.patronymic;
  pool.nickname_patterns = t.nicknames;
  std::vector<NameForm> family = generated_family(t.origin, sections);
  std::vector<NameForm> male = generated_male(t.origin, sections);
  pool.male =
      NameList(merge(t.origin, t.latin_script, sections['M'], std::move(male), 1), t.given_shift);
  pool.female = NameList(merge(t.origin, t.latin_script, sections['F'], {}, 2), t.given_shift);
  std::vector<NameForm> written_family = sections['L'];
  if (t.origin == Origin::kTigrinya) {
    // Forefathers' given names, as common as given names are, before the rarer compounds.
    written_family.insert(written_family.begin(), family.begin(), family.end());
    family.clear();
  }
  pool.family =
      NameList(merge(t.origin, t.latin_script, std::move(written_family), std::move(family), 3),
               t.family_shift);
  CR_ASSERT(!pool.male.empty() && !pool.female.empty() && !pool.family.empty());
  return pool;
}

const std::array<NamePool, kOriginCount>& pools() {
  static const std::array<NamePool, kOriginCount> kPools = [] {
    const std::vector<Tradition> traditions = {
        {Origin::kArabic,
         false,
         true,
         3,
         12,
         {"Abu {son}", "Abou {son}", "Al-{family}", "Hajji {given}", "{given} al-Kabir"}},
        {Origin::kPersian, false, false, 3, 10, {"Haji {given}", "{given} Kabuli", "Kaka {given}"}},
        {Origin::kPashto, false, false, 3, 6, {"Haji {given}", "Lala {given}", "{given} Khan"}},
        {Origin::kTigrinya, false, true, 5, 5, {"Wedi {given}", "{given} Kebir", "Abu {son}"}},
        {Origin::kKurdish, false, true, 4, 6, {"Kak {given}", "Mam {given}", "Abu {son}"}},
        {Origin::kTurkish, true, false, 3, 10, {"{given} Abi", "Dayı", "Reis"}},
        {Origin::kAlbanian, true, false, 4, 8, {"{given}i", "Kapo", "Baca {given}"}},
        {Origin::kBengali, false, false, 4, 3, {"{given} Bhai", "Dalal {given}"}},
        {Origin::kUrdu, false, false, 3, 6, {"{given} Bhai", "Chacha {given}", "Sheikh {given}"}},
        {Origin::kFrench, true, false, 4, 6, {"Le Boss", "Grand {given}", "Papa {given}"}},
        {Origin::kEnglish, true, false, 4, 6, {"Big {given}", "The Captain", "Boss {given}"}},
    };
    std::array<NamePool, kOriginCount> out;
    for (const Tradition& t : traditions) out[static_cast<int>(t.origin)] = build(t);
    return out;
  }();
  return kPools;
}

}  // namespace

NameList::NameList(std::vector<NameForm> forms, double shift) : forms_(std::move(forms)) {
  CR_ASSERT(shift > 0);
  cumulative_.reserve(forms_.size());
  double total = 0;
  // 1 / (rank + shift): only divisions and additions, so every machine gets the same doubles.
  for (std::size_t i = 0; i < forms_.size(); ++i) {
    total += 1.0 / (static_cast<double>(i) + shift);
    cumulative_.push_back(total);
  }
}

const NameForm& NameList::draw(Rng& rng) const {
  CR_ASSERT(!forms_.empty());
  const double x = rng.unit() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  const std::size_t i =
      std::min(static_cast<std::size_t>(it - cumulative_.begin()), forms_.size() - 1);
  return forms_[i];
}

double NameList::share(std::size_t i) const {
  CR_ASSERT(i < forms_.size());
  const double before = i == 0 ? 0 : cumulative_[i - 1];
  return (cumulative_[i] - before) / cumulative_.back();
}

const char* origin_name(Origin origin) {
  switch (origin) {
    case Origin::kArabic:
      return "arabic";
    case Origin::kPersian:
      return "persian";
    case Origin::kPashto:
      return "pashto";
    case Origin::kTigrinya:
      return "tigrinya";
    case Origin::kKurdish:
      return "kurdish";
    case Origin::kTurkish:
      return "turkish";
    case Origin::kAlbanian:
      return "albanian";
    case Origin::kBengali:
      return "bengali";
    case Origin::kUrdu:
      return "urdu";
    case Origin::kFrench:
      return "french";
    case Origin::kEnglish:
      return "english";
  }
  return "unknown";
}

const NamePool& name_pool(Origin origin) { return pools()[static_cast<int>(origin)]; }

}  // namespace crossroads::synth
