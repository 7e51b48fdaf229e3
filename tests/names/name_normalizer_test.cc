#include "names/name_normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace crossroads::names {
namespace {

using Tokens = std::vector<std::string>;

TEST(NormalizeName, FoldsLatinCaseDiacriticsAndParticles) {
  NameParts p = normalize_name("Mohamed Abd al-Rahman");
  EXPECT_EQ(p.script, "Latn");
  EXPECT_EQ(p.latin, "Mohamed Abd al-Rahman");
  EXPECT_EQ(p.ascii, "mohamed abd al rahman");
  EXPECT_EQ(p.tokens, (Tokens{"mohamed", "abdalrahman"}));
  EXPECT_EQ(p.keys.size(), p.tokens.size());
}

TEST(NormalizeName, JoinsAbdFormsIntoOneToken) {
  for (std::string_view name : {"Abdelrahman", "Abdul Rahman", "Abd al-Rahman", "Abdurrahman",
                                "ABDEL RAHMAN", "Abdoul-Rahman"}) {
    EXPECT_EQ(normalize_name(name).tokens, (Tokens{"abdalrahman"})) << name;
  }
}

TEST(NormalizeName, TransliteratesArabicToASkeleton) {
  NameParts p = normalize_name("محمد عبد الرحمن");
  EXPECT_EQ(p.script, "Arab");
  EXPECT_EQ(p.latin, "mḥmd ʿbd alrḥmn");
  EXPECT_EQ(p.ascii, "mhmd bd alrhmn");
  EXPECT_EQ(p.tokens, (Tokens{"mhmd", "bdalrhmn"}));
}

TEST(NormalizeName, TransliteratesPersianLetters) {
  NameParts p = normalize_name("محمد رضا پورحسین");
  EXPECT_EQ(p.script, "Arab");
  EXPECT_EQ(p.ascii, "mhmd rda pwrhsyn");
}

TEST(NormalizeName, TransliteratesCyrillicWithCase) {
  NameParts p = normalize_name("Мухаммед Юсупов");
  EXPECT_EQ(p.script, "Cyrl");
  EXPECT_EQ(p.latin, "Mukhammed Yusupov");
  EXPECT_EQ(p.ascii, "mukhammed yusupov");
}

TEST(NormalizeName, TransliteratesGreekDigraphsOfForeignNames) {
  NameParts p = normalize_name("Μοχάμεντ Αμπντούλ");
  EXPECT_EQ(p.script, "Grek");
  EXPECT_EQ(p.ascii, "mokhamed abdul");
}

TEST(NormalizeName, TransliteratesGeezThroughIcu) {
  NameParts p = normalize_name("ተስፋይ ሃብተ");
  EXPECT_EQ(p.script, "Ethi");
  EXPECT_EQ(p.tokens.size(), 2u);
  EXPECT_EQ(p.tokens[0], "tasfay");
}

TEST(NormalizeName, TransliteratesDevanagariWithoutInherentFinalVowel) {
  NameParts p = normalize_name("मोहम्मद");
  EXPECT_EQ(p.script, "Deva");
  EXPECT_EQ(p.tokens, (Tokens{"mohammad"}));
}

TEST(NormalizeName, FoldsTurkishAndAlbanianLetters) {
  EXPECT_EQ(normalize_name("Hüseyin Çelik").ascii, "huseyin celik");
  EXPECT_EQ(normalize_name("İbrahim Ağaoğlu").ascii, "ibrahim agaoglu");
  EXPECT_EQ(normalize_name("Gëzim Ylli").ascii, "gezim ylli");
  EXPECT_EQ(normalize_name("Straße Łukasz Øster").ascii, "strasse lukasz oster");
}

TEST(NormalizeName, AppliesNfkcToFullwidthLetters) {
  NameParts p = normalize_name("Ｍｏｈａｍｅｄ　ＡＬＩ");
  EXPECT_EQ(p.ascii, "mohamed ali");
  EXPECT_EQ(p.tokens, (Tokens{"mohamed", "ali"}));
}

TEST(NormalizeName, IgnoresMarkupDigitsAndHarakat) {
  EXPECT_EQ(normalize_name("<b>Mohamed</b> &amp; Ali2").tokens, (Tokens{"mohamed", "ali"}));
  EXPECT_EQ(normalize_name("مُحَمَّد").ascii, "mhmd");
  EXPECT_EQ(normalize_name("O'Brien").tokens, (Tokens{"obrien"}));
}

TEST(NormalizeName, EmptyAndWhitespaceGiveNoTokens) {
  for (std::string_view name : {"", "   ", "\t\n", "123", "-- ,"}) {
    NameParts p = normalize_name(name);
    EXPECT_TRUE(p.tokens.empty()) << name;
    EXPECT_TRUE(p.ascii.empty()) << name;
    EXPECT_EQ(p.script, "Zyyy");
    EXPECT_TRUE(name_keys(p).empty());
  }
}

TEST(NormalizeName, SurvivesIllFormedUtf8) {
  static constexpr char kBytes[] = "Mo\xC3hamed \xFF\xFE Ali\xE2\x82";
  NameParts p = normalize_name(std::string_view(kBytes, sizeof(kBytes) - 1));
  EXPECT_EQ(p.tokens.size(), 3u);
  EXPECT_EQ(p.tokens.back(), "ali");
}

TEST(NormalizeName, DropsPatronymicParticlesButKeepsBenAsGivenName) {
  EXPECT_EQ(normalize_name("Mohamed bin Salman").tokens, (Tokens{"mohamed", "salman"}));
  EXPECT_EQ(normalize_name("Ben Ali").tokens, (Tokens{"ben", "ali"}));
  EXPECT_EQ(normalize_name("محمد بن سلمان").tokens.size(), 2u);
}

TEST(NormalizeName, DropsSeparateArticleBeforeFamilyName) {
  EXPECT_EQ(normalize_name("Ahmed El-Sayed").tokens, (Tokens{"ahmed", "sayed"}));
}

TEST(NormalizeName, IsSafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&ok, t] {
      for (int i = 0; i < 200; ++i) {
        ok[t] += normalize_name("ተስፋይ").tokens == Tokens{"tasfay"} &&
                 normalize_name("محمد").tokens == Tokens{"mhmd"};
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 200);
}

}  // namespace
}  // namespace crossroads::names
