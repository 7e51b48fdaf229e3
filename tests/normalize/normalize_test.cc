#include "normalize/normalize.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::rejection;

TEST(NormalizeKinds, NamesRoundTripThroughParseKind) {
  for (int i = 0; i < kKindCount; ++i) {
    const auto kind = static_cast<Kind>(i);
    auto parsed = parse_kind(kind_name(kind));
    ASSERT_TRUE(parsed.has_value()) << kind_name(kind);
    EXPECT_EQ(*parsed, kind);
  }
}

TEST(NormalizeKinds, ParseKindAcceptsCommonSpellingsAndRejectsUnknown) {
  EXPECT_EQ(parse_kind("E-Mail"), Kind::kEmail);
  EXPECT_EQ(parse_kind(" IBAN "), Kind::kIban);
  EXPECT_EQ(parse_kind("wallet"), Kind::kCryptoWallet);
  EXPECT_FALSE(parse_kind("fax").has_value());
  EXPECT_FALSE(parse_kind("").has_value());
}

TEST(Normalize, RejectsEmptyValueOfEveryKind) {
  for (int i = 0; i < kKindCount; ++i) {
    const auto kind = static_cast<Kind>(i);
    EXPECT_NE(rejection(kind, "   ").find("empty"), std::string::npos) << kind_name(kind);
  }
}

TEST(Normalize, RejectsOverlongValueWithoutTruncating) {
  const std::string huge(kMaxInputBytes + 1, '1');
  for (int i = 0; i < kKindCount; ++i) {
    EXPECT_NE(rejection(static_cast<Kind>(i), huge).find("too long"), std::string::npos);
  }
}

TEST(Normalize, SetsKindOnResult) {
  EXPECT_EQ(must(Kind::kIban, "DE89 3704 0044 0532 0130 00").kind, Kind::kIban);
  EXPECT_EQ(must(Kind::kDate, "2021").kind, Kind::kDate);
}

TEST(Normalize, ErrorCarriesTheKindAsField) {
  auto r = normalize(Kind::kIban, "DE00");
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().field(), "iban");
}

}  // namespace
}  // namespace crossroads::normalize
