#include "extract/language.h"

#include <gtest/gtest.h>

#include <string>

namespace crossroads::extract {
namespace {

struct LanguageCase {
  const char* name;
  std::string text;
  std::string code;
};

class LanguageCases : public testing::TestWithParam<LanguageCase> {};

TEST_P(LanguageCases, DetectsTheLanguageOfAChatMessage) {
  const Language lang = detect_language(GetParam().text);
  EXPECT_EQ(lang.code, GetParam().code);
  EXPECT_TRUE(lang.reliable);
}

INSTANTIATE_TEST_SUITE_P(
    Messages, LanguageCases,
    testing::Values(
        LanguageCase{"Arabic", "السلام عليكم، الرحلة إلى إيطاليا يوم الخميس والسعر ثلاثة آلاف يورو",
                     "ar"},
        LanguageCase{"English",
                     "Hello brother, the boat leaves on Thursday night, bring water and your "
                     "life jacket",
                     "en"},
        LanguageCase{"French",
                     "Bonjour mon frère, le bateau part jeudi soir, apporte de l'eau et ton gilet",
                     "fr"},
        LanguageCase{"Persian",
                     "سلام برادر، قایق پنجشنبه شب حرکت می کند، آب و جلیقه نجات خود را بیاورید",
                     "fa"},
        LanguageCase{"Turkish",
                     "Merhaba kardeşim, tekne perşembe gecesi kalkıyor, su ve can yeleğini getir",
                     "tr"},
        LanguageCase{"Italian",
                     "Ciao fratello, la barca parte giovedì sera, porta acqua e il giubbotto",
                     "it"},
        LanguageCase{"KurdishKurmanji",
                     "Ez dixwazim biçim Ewropayê, çiqas pere dixwazî? Birayê min dê bi te re "
                     "têkiliyê deyne",
                     "ku"}),
    [](const testing::TestParamInfo<LanguageCase>& info) { return info.param.name; });

TEST(Language, TextWithoutLettersIsUndetermined) {
  EXPECT_EQ(detect_language("+39 347 123 4567 / 3000").code, "und");
  EXPECT_EQ(detect_language("").code, "und");
}

TEST(Language, IllFormedUtf8IsJudgedOnItsValidPrefix) {
  const std::string text =
      "Bonjour mon frère, le bateau part jeudi soir, apporte de l'eau et ton gilet \xff\xfe";
  EXPECT_EQ(detect_language(text).code, "fr");
}

// Found by extract_fuzz: CLD2 read past the valid prefix into a stray lead byte (SIGBUS).
TEST(Language, StrayBytesAfterArabicDoNotCrash) {
  const std::string text = "\xd9\x81\xd9\x8a\xd8\xb3 \xd8\xa8\xd9\x88X\xf6@X\xd9@X";
  EXPECT_NO_FATAL_FAILURE((void)detect_language(text));
  EXPECT_NO_FATAL_FAILURE((void)detect_language(std::string_view(text).substr(0, 12)));
}

}  // namespace
}  // namespace crossroads::extract
