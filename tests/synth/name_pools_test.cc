// The name model of the synthetic world: pool sizes, Zipf-like frequencies, the spellings the
// generative rules make, agreement with a public Arabic-to-English name set, and the diversity
// and namesake figures of a generated world (checked against its ground truth).
#include "synth/name_pools.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "synth/file_sink.h"
#include "synth/world.h"

namespace crossroads::synth {
namespace {

using json = nlohmann::json;

constexpr Origin kAll[] = {Origin::kArabic,  Origin::kPersian, Origin::kPashto,   Origin::kTigrinya,
                           Origin::kKurdish, Origin::kTurkish, Origin::kAlbanian, Origin::kBengali,
                           Origin::kUrdu,    Origin::kFrench,  Origin::kEnglish};

const NameForm* find_latin(const NameList& list, const std::string& canonical) {
  for (const NameForm& f : list.forms()) {
    if (f.latin[0] == canonical) return &f;
  }
  return nullptr;
}

bool has_spelling(const NameForm& f, const std::string& spelling) {
  return std::find(f.latin.begin(), f.latin.end(), spelling) != f.latin.end();
}

// Code points of a UTF-8 string (input is well-formed: the lists are compiled in).
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c < 0xE0 ? 2 : (c < 0xF0 ? 3 : 4));
    char32_t cp = n == 1 ? c : (c & (0xFF >> (n + 1)));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

TEST(SynthNamePools, FamilyNamePoolsAreLargeAndWithoutDuplicates) {
  // The written lists plus the generated forms; minimums are what the rules give today, a
  // little lower, so that a lost rule shows.
  const std::map<Origin, std::size_t> kMinFamily = {
      {Origin::kArabic, 450},  {Origin::kPersian, 250}, {Origin::kPashto, 100},
      {Origin::kTigrinya, 80}, {Origin::kKurdish, 45},  {Origin::kTurkish, 300},
      {Origin::kAlbanian, 90}, {Origin::kBengali, 40},  {Origin::kUrdu, 80},
      {Origin::kFrench, 70},   {Origin::kEnglish, 45}};
  for (Origin origin : kAll) {
    const NamePool& pool = name_pool(origin);
    EXPECT_GE(pool.family.size(), kMinFamily.at(origin)) << origin_name(origin);
    EXPECT_GE(pool.male.size(), 25u) << origin_name(origin);
    EXPECT_GE(pool.female.size(), 5u) << origin_name(origin);
    for (const NameList* list : {&pool.male, &pool.female, &pool.family}) {
      std::set<std::string> canonical;
      std::set<std::string> original;
      for (const NameForm& f : list->forms()) {
        EXPECT_TRUE(canonical.insert(f.latin[0]).second) << f.latin[0];
        if (!pool.latin_script) {
          EXPECT_TRUE(original.insert(f.original).second) << f.original;
        }
        std::set<std::string> spellings(f.latin.begin(), f.latin.end());
        EXPECT_EQ(spellings.size(), f.latin.size()) << f.latin[0];
      }
    }
  }
}

TEST(SynthNamePools, LatinSpellingsAreLatinAndOriginalsAreInTheirScript) {
  for (Origin origin : kAll) {
    const NamePool& pool = name_pool(origin);
    for (const NameList* list : {&pool.male, &pool.female, &pool.family}) {
      for (const NameForm& f : list->forms()) {
        for (const std::string& l : f.latin) {
          ASSERT_FALSE(l.empty());
          for (char32_t cp : code_points(l)) {
            // ASCII and Latin-1/Extended-A/B (é, ë, ı, ş, ž, Đ, ê...): no Arabic, Ge'ez...
            EXPECT_LT(cp, 0x250u) << origin_name(origin) << ": " << l;
          }
          EXPECT_FALSE(l[0] >= 'a' && l[0] <= 'z') << l;  // a name, capitalised
        }
        if (pool.latin_script) continue;
        for (char32_t cp : code_points(f.original)) {
          EXPECT_FALSE((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
              << origin_name(origin) << ": " << f.original;
        }
      }
    }
  }
}

TEST(SynthNamePools, GenerativeRulesMakeTheFormsFilesCarry) {
  const NamePool& arabic = name_pool(Origin::kArabic);
  const NameForm* masri = find_latin(arabic.family, "Al-Masri");
  ASSERT_NE(masri, nullptr);
  EXPECT_EQ(masri->original, "المصري");
  EXPECT_TRUE(has_spelling(*masri, "El Masri"));
  EXPECT_TRUE(has_spelling(*masri, "Elmasri"));
  EXPECT_TRUE(has_spelling(*masri, "El Masry"));
  const NameForm* youssef = find_latin(arabic.family, "Ben Youssef");
  ASSERT_NE(youssef, nullptr);
  EXPECT_TRUE(has_spelling(*youssef, "Benyoussef"));
  EXPECT_TRUE(has_spelling(*youssef, "Bin Yusuf"));
  const NameForm* rahim = find_latin(arabic.male, "Abdelrahim");
  ASSERT_NE(rahim, nullptr);
  EXPECT_EQ(rahim->original, "عبد الرحيم");
  EXPECT_TRUE(has_spelling(*rahim, "Abderrahim"));
  EXPECT_TRUE(has_spelling(*rahim, "Abd al-Rahim"));
  EXPECT_NE(find_latin(arabic.family, "Abdelkader"), nullptr);

  const NamePool& persian = name_pool(Origin::kPersian);
  const NameForm* karimzadeh = find_latin(persian.family, "Karimzadeh");
  const NameForm* karimzada = find_latin(persian.family, "Karimzada");
  ASSERT_TRUE(karimzadeh != nullptr || karimzada != nullptr);
  const NameForm& kz = karimzadeh != nullptr ? *karimzadeh : *karimzada;
  EXPECT_EQ(kz.original, "کریمزاده");
  EXPECT_TRUE(has_spelling(kz, "Karimzada") && has_spelling(kz, "Karimzadeh"));
  EXPECT_NE(find_latin(persian.family, "Rahimpour"), nullptr);

  const NamePool& pashto = name_pool(Origin::kPashto);
  const NameForm* ahmadzai = find_latin(pashto.family, "Ahmadzai");
  ASSERT_NE(ahmadzai, nullptr);
  EXPECT_EQ(ahmadzai->original, "احمدزی");
  EXPECT_NE(find_latin(pashto.family, "Sulaimankhel"), nullptr);
  const NameForm* samiullah = find_latin(pashto.male, "Samiullah");
  ASSERT_NE(samiullah, nullptr);
  EXPECT_TRUE(has_spelling(*samiullah, "Sami Ullah"));

  const NamePool& turkish = name_pool(Origin::kTurkish);
  for (const char* name : {"Karakaya", "Akbulut", "Özkaya", "Gökdemir", "Karataş"}) {
    EXPECT_NE(find_latin(turkish.family, name), nullptr) << name;
  }
  const NameForm* karatas = find_latin(turkish.family, "Karataş");
  ASSERT_NE(karatas, nullptr);
  EXPECT_TRUE(has_spelling(*karatas, "Karatas"));
  EXPECT_TRUE(has_spelling(*karatas, "Karatasch"));
  const NameForm* ozturk = find_latin(turkish.family, "Öztürk");
  ASSERT_NE(ozturk, nullptr);
  EXPECT_TRUE(has_spelling(*ozturk, "Ozturk") && has_spelling(*ozturk, "Oeztuerk"));
  EXPECT_NE(find_latin(turkish.family, "Hasanoğlu"), nullptr);

  const NamePool& albanian = name_pool(Origin::kAlbanian);
  EXPECT_NE(find_latin(albanian.family, "Gjonaj"), nullptr);
  const NameForm* haxhaj = find_latin(albanian.family, "Haxhaj");
  ASSERT_NE(haxhaj, nullptr);
  EXPECT_TRUE(has_spelling(*haxhaj, "Hadžaj"));

  // Tigrinya family names are forefathers' given names.
  EXPECT_NE(find_latin(name_pool(Origin::kTigrinya).family, "Tesfay"), nullptr);
}

TEST(SynthNamePools, FrequenciesAreZipfLikeAndDrawsFollowThem) {
  for (Origin origin : kAll) {
    const NamePool& pool = name_pool(origin);
    const NameList& family = pool.family;
    // Weights fall with rank; the head is far more frequent than the tail.
    for (std::size_t i = 1; i < family.size(); ++i) {
      ASSERT_LT(family.share(i), family.share(i - 1)) << origin_name(origin);
    }
    EXPECT_GT(family.share(0), 5 * family.share(family.size() - 1)) << origin_name(origin);
    double total = 0;
    for (std::size_t i = 0; i < family.size(); ++i) total += family.share(i);
    EXPECT_NEAR(total, 1.0, 1e-9);
  }
  // Draws follow the shares (100,000 draws: the top names within a few tenths of a point).
  const NameList& male = name_pool(Origin::kArabic).male;
  Rng rng(42);
  std::map<std::string, int> counts;
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++counts[male.draw(rng).latin[0]];
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(static_cast<double>(counts[male[i].latin[0]]) / n, male.share(i), 0.004)
        << male[i].latin[0];
  }
  EXPECT_EQ(male[0].latin[0], "Mohamed");
  // Every name can come out: the tail is drawn too.
  std::size_t drawn = counts.size();
  EXPECT_GT(drawn, male.size() * 9 / 10);
}

TEST(SynthNamePools, DrawsAreDeterministicForASeed) {
  const NameList& family = name_pool(Origin::kTurkish).family;
  Rng a(7);
  Rng b(7);
  Rng c(8);
  std::string sa;
  std::string sb;
  std::string sc;
  for (int i = 0; i < 200; ++i) {
    sa += family.draw(a).latin[0] + ",";
    sb += family.draw(b).latin[0] + ",";
    sc += family.draw(c).latin[0] + ",";
  }
  EXPECT_EQ(sa, sb);
  EXPECT_NE(sa, sc);
}

// Letters of a Latin rendering, lower case, without an article "al"/"el" in front.
std::string letters(const std::string& s, bool drop_article) {
  std::string out;
  for (char ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch >= 'a' && ch <= 'z') out += ch;
  }
  if (drop_article && out.size() > 4 && (out.rfind("al", 0) == 0 || out.rfind("el", 0) == 0)) {
    out = out.substr(2);
  }
  return out;
}

// Our Arabic-script names that a public Arabic-to-English name set also holds: one of our Latin
// spellings is the rendering it gives (letters only, article aside).
TEST(SynthNamePools, ArabicSpellingsAgreeWithAPublicTransliterationSet) {
  const char* root = std::getenv("CROSSROADS_SOURCE_DIR");
  if (root == nullptr) GTEST_SKIP() << "CROSSROADS_SOURCE_DIR not set";
  const std::string path = std::string(root) + "/../shared/data/names/ar2en-train.tsv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "ar2en data absent: " << path;
  std::map<std::string, std::set<std::string>> renderings;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    renderings[line.substr(0, tab)].insert(letters(line.substr(tab + 1), true));
  }
  ASSERT_GT(renderings.size(), 5000u);
  const NamePool& arabic = name_pool(Origin::kArabic);
  int found = 0;
  int agree = 0;
  std::string disagreeing;
  for (const NameList* list : {&arabic.male, &arabic.female, &arabic.family}) {
    for (const NameForm& f : list->forms()) {
      const auto it = renderings.find(f.original);
      if (it == renderings.end()) continue;
      ++found;
      bool ok = false;
      for (const std::string& l : f.latin) ok = ok || it->second.count(letters(l, true)) > 0;
      agree += ok ? 1 : 0;
      if (!ok) disagreeing += f.latin[0] + " ";
    }
  }
  // 104 of our names are in the set today and 98 (94%) agree; the others are the set's own
  // choices (Belhadj / "benhadj", Srour / "suroor") or "Al-" forms it writes without article.
  EXPECT_GE(found, 90);
  EXPECT_GE(static_cast<double>(agree) / found, 0.88) << disagreeing;
}

// The world's figures (Summary::names) against the ground truth, and their order of magnitude.
TEST(SynthNamePools, WorldNamesAreDiverseWithRealisticNamesakes) {
  Config config = scale_config("small", 5).value();
  config.persons = 20000;
  config.name_census = true;
  struct Truth : NullSink {
    std::vector<std::string> lines;
    core::Status on_line(Stream stream, std::string_view line) override {
      if (stream == Stream::kGroundTruth) lines.emplace_back(line);
      return core::Status::ok();
    }
  } sink;
  const Summary s = generate(config, sink).value();
  // Recount from the ground truth: records per person, and each person's name, year,
  // nationality.
  std::map<std::string, int> records;
  std::map<std::string, json> persons;
  for (const std::string& l : sink.lines) {
    json j = json::parse(l);
    if (j["t"] == "record" && j["schema"] == "Person") ++records[j["person"].get<std::string>()];
    if (j["t"] == "person") persons[j["person"].get<std::string>()] = j;
  }
  std::set<std::string> names;
  std::map<std::string, int> by_year_nationality;
  std::map<std::string, int> by_nationality;
  const auto key = [&](const std::string& person, bool year) {
    const json& p = persons.at(person);
    return p["name"].get<std::string>() + "|" + p["nationality"].get<std::string>() +
           (year ? "|" + p["birthDate"].get<std::string>().substr(0, 4) : "");
  };
  for (const auto& [person, n] : records) {
    names.insert(persons.at(person)["name"].get<std::string>());
    ++by_year_nationality[key(person, true)];
    ++by_nationality[key(person, false)];
  }
  std::int64_t pairs = 0;
  std::int64_t same_year = 0;
  std::int64_t same_nationality = 0;
  for (const auto& [person, n] : records) {
    const std::int64_t p = static_cast<std::int64_t>(n) * (n - 1) / 2;
    pairs += p;
    if (by_year_nationality[key(person, true)] > 1) same_year += p;
    if (by_nationality[key(person, false)] > 1) same_nationality += p;
  }
  EXPECT_EQ(s.names.persons_in_cases, static_cast<std::int64_t>(records.size()));
  EXPECT_EQ(s.names.distinct_names, static_cast<std::int64_t>(names.size()));
  EXPECT_EQ(s.names.true_pairs, pairs);
  EXPECT_EQ(s.names.pairs_namesake_same_year_nationality, same_year);
  EXPECT_EQ(s.names.pairs_namesake_same_nationality, same_nationality);
  // Order of magnitude (seed 5, 20,000 persons): most persons in cases have a name no other
  // person in cases has, and few true pairs have a namesake of the same year and nationality;
  // namesakes of the same nationality stay common ("Mohamed Ali" twice).
  ASSERT_GT(pairs, 500);
  const double distinct = static_cast<double>(names.size()) / records.size();
  EXPECT_GE(distinct, 0.70);
  EXPECT_LE(distinct, 0.95);
  const double year_rate = static_cast<double>(same_year) / pairs;
  EXPECT_GT(year_rate, 0.0);
  EXPECT_LE(year_rate, 0.05);
  const double nationality_rate = static_cast<double>(same_nationality) / pairs;
  EXPECT_GE(nationality_rate, 0.05);
  EXPECT_LE(nationality_rate, 0.40);
  const std::string text = format_summary(config, s);
  EXPECT_NE(text.find("distinct full names"), std::string::npos);
  EXPECT_NE(text.find("of true pairs"), std::string::npos);
}

}  // namespace
}  // namespace crossroads::synth
