#include "normalize/text.h"

#include <gtest/gtest.h>

#include "normalize/normalize.h"

namespace crossroads::normalize {
namespace {

TEST(FoldDigits, FoldsArabicIndicDigits) { EXPECT_EQ(fold_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789"); }

TEST(FoldDigits, FoldsPersianDigits) { EXPECT_EQ(fold_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789"); }

TEST(FoldDigits, FoldsFullwidthAndDevanagariDigits) {
  EXPECT_EQ(fold_digits("０９"), "09");
  EXPECT_EQ(fold_digits("४२"), "42");
}

TEST(FoldDigits, LeavesOtherTextAndBrokenUtf8Alone) {
  EXPECT_EQ(fold_digits("tel: ٣٤٧ abc"), "tel: 347 abc");
  const std::string broken = "a\xff\xc3";
  EXPECT_EQ(fold_digits(broken), broken);
}

TEST(TextHelpers, MapsCountryCodesToAlpha2) {
  EXPECT_EQ(text::country_alpha2("it"), "IT");
  EXPECT_EQ(text::country_alpha2("SYR"), "SY");
  EXPECT_EQ(text::country_alpha2("UK"), "GB");
  EXPECT_EQ(text::country_alpha2("XK"), "XK");
  EXPECT_FALSE(text::country_alpha2("QQ").has_value());
  EXPECT_FALSE(text::country_alpha2("").has_value());
}

TEST(TextHelpers, QuoteCutsLongValuesOnCodePointBoundary) {
  std::string longer;
  for (int i = 0; i < 60; ++i) longer += "é";
  const std::string q = text::quote(longer);
  EXPECT_LT(q.size(), 90u);
  EXPECT_NE(q.find("..."), std::string::npos);
  EXPECT_EQ(fold_digits(q), q);  // still decodes
}

}  // namespace
}  // namespace crossroads::normalize
