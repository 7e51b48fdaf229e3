#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "names/name_normalizer.h"

namespace crossroads::names {
namespace {

bool meet(std::string_view a, std::string_view b) {
  return share_key(normalize_name(a), normalize_name(b));
}

std::string describe(std::string_view a, std::string_view b) {
  std::string out = std::string(a) + " {";
  for (const auto& k : name_keys(normalize_name(a))) out += k + " ";
  out += "} vs " + std::string(b) + " {";
  for (const auto& k : name_keys(normalize_name(b))) out += k + " ";
  return out + "}";
}

struct Family {
  std::vector<std::string_view> spellings;
};

TEST(NameKeys, SpellingFamiliesShareAKey) {
  const std::vector<Family> families = {
      {{"Mohamed", "Muhammad", "Mohammed", "Mohamad", "Muhamed", "Mohammad", "Muhammed", "محمد",
        "Мухаммед", "Μοχάμεντ"}},
      {{"Youssef", "Yusuf", "Yousef", "يوسف"}},
      {{"Hussein", "Husain", "Hossein", "Hüseyin", "Hussain", "Husayn", "حسين", "حسین"}},
      {{"Abdelrahman", "Abdul Rahman", "Abd al-Rahman", "Abdurrahman", "Abd Al Rahman",
        "Abdel-Rahman", "Abdoulrahman", "عبد الرحمن", "عبدالرحمن"}},
      {{"El-Sayed", "Al Sayed", "Alsayed", "Elsayed", "Sayed", "السيد"}},
      {{"Ahmed", "Ahmad", "Ahmet", "أحمد"}},
      {{"Karim", "Kareem", "كريم"}},
      {{"Khalid", "Khaled", "Halit", "خالد"}},
      {{"Yasin", "Yassine", "Yaseen", "ياسين"}},
      {{"Hamid", "Hamed", "حامد"}},
      {{"Hassan", "Hasan", "حسن"}},
      {{"Omar", "Umar", "عمر"}},
      {{"Said", "سعيد"}},
      {{"Saeed", "سعيد"}},
      {{"Ali", "Aly", "علي"}},
      {{"Abdullah", "Abdallah", "Abdulla", "عبدالله", "عبد الله"}},
      {{"Salahuddin", "Salah al-Din", "Salah ad-Din", "Salaheddine", "صلاح الدين"}},
      {{"Mahmoud", "Mahmood", "Mahmoud", "محمود"}},
      {{"Osama", "Usama", "Oussama", "أسامة"}},
      {{"Fatima", "Fatimah", "Fatma", "فاطمة"}},
      {{"Mohammad Reza", "محمد رضا"}},
      {{"Tesfay", "Tesfaye", "ተስፋይ"}},
      {{"Mustafa", "Mostafa", "Moustafa", "Mustapha", "مصطفى"}},
  };
  for (const auto& family : families) {
    for (std::size_t i = 0; i < family.spellings.size(); ++i) {
      for (std::size_t j = i + 1; j < family.spellings.size(); ++j) {
        EXPECT_TRUE(meet(family.spellings[i], family.spellings[j]))
            << describe(family.spellings[i], family.spellings[j]);
      }
    }
  }
}

TEST(NameKeys, DifferentNamesStayApart) {
  const std::vector<std::pair<std::string_view, std::string_view>> apart = {
      {"Hassan", "Hussein"},    {"Hassan", "Hassanein"},
      {"Hussein", "Hassanein"}, {"Ahmed", "Mahmoud"},
      {"Ahmed", "Hamid"},       {"Mahmoud", "Hamid"},
      {"Ali", "Alia"},          {"Omar", "Amr"},
      {"Omar", "Ammar"},        {"Said", "Sayed"},
      {"Saeed", "Sayed"},       {"Karim", "Khalid"},
      {"Youssef", "Yasin"},     {"Mohamed", "Mahmoud"},
      {"Mohamed", "Ahmed"},     {"Abdelrahman", "Abdelkarim"},
      {"Abu Ahmed", "Ahmed"},   {"Hassan", "Hassani"},
  };
  for (const auto& [a, b] : apart) EXPECT_FALSE(meet(a, b)) << describe(a, b);
}

TEST(NameKeys, ArabicScriptMeetsLatinSpellings) {
  EXPECT_TRUE(meet("محمد", "Mohamed"));
  EXPECT_TRUE(meet("يوسف", "Youssef"));
  EXPECT_TRUE(meet("حسين", "Hussein"));
  EXPECT_TRUE(meet("عبد الرحمن", "Abdelrahman"));
  EXPECT_TRUE(meet("محمد عبد الرحمن", "Muhammad Abd al-Rahman"));
  EXPECT_FALSE(meet("محمد", "Ahmed"));
  EXPECT_FALSE(meet("يوسف", "Hussein"));
}

// Known limit: a single short u says nothing about و, so "Mahmud" also meets "Mohamed".
TEST(NameKeys, MahmudWithShortUMeetsArabicMahmoud) {
  EXPECT_TRUE(meet("Mahmud", "محمود"));
  EXPECT_FALSE(meet("Mahmoud", "Mohamed"));
}

TEST(NameKeys, KunyaIsOneTokenThatMeetsItsArabicForm) {
  NameParts p = normalize_name("Abu Ahmed");
  ASSERT_EQ(p.tokens.size(), 1u);
  EXPECT_EQ(p.tokens[0], "abuahmed");
  EXPECT_TRUE(meet("Abou Ahmad", "أبو أحمد"));
}

TEST(NameKeys, TokenKeyIsTheFirstOfTokenKeys) {
  EXPECT_EQ(token_key("mohamed"), token_keys("mohamed").front());
  EXPECT_EQ(token_key("mohamed"), token_key("muhammad"));
  EXPECT_EQ(token_key("hussein"), "hsyn");
  EXPECT_EQ(token_key("hassan"), "hsn");
  EXPECT_EQ(token_key("omar"), "Umr");
  EXPECT_EQ(token_key("ali"), "AlI");
  EXPECT_EQ(token_key(""), "");
}

TEST(NameKeys, JoinedArticleGivesAKeyWithAndWithoutIt) {
  const auto keys = token_keys("alsayed");
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0], token_key("sayed"));
}

TEST(NameKeys, NameKeysListsEachKeyOnce) {
  NameParts p = normalize_name("Mohamed Mohammed");
  EXPECT_EQ(name_keys(p).size(), 1u);
}

TEST(NameKeys, ArabicTokensHaveBoundedKeySets) {
  NameParts p = normalize_name("ويويويويويويويويويويويويويوي");
  ASSERT_EQ(p.keys.size(), 1u);
  EXPECT_LE(p.keys[0].size(), kMaxKeysPerToken);
}

// Recall on real pairs of Arabic-script names and their English renderings.
TEST(NameKeys, MostAr2enPairsShareAKey) {
  const char* root = std::getenv("CROSSROADS_SOURCE_DIR");
  if (root == nullptr) GTEST_SKIP() << "CROSSROADS_SOURCE_DIR not set";
  const std::string path = std::string(root) + "/../shared/data/names/ar2en-train.tsv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "ar2en data absent: " << path;
  std::size_t pairs = 0;
  std::size_t hits = 0;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    ++pairs;
    hits += meet(line.substr(0, tab), line.substr(tab + 1)) ? 1 : 0;
  }
  ASSERT_GT(pairs, 10000u);
  EXPECT_GE(static_cast<double>(hits) / pairs, 0.88);
}

}  // namespace
}  // namespace crossroads::names
