#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

struct DateCase {
  const char* input;
  const char* value;
  const char* precision;
};

const DateCase kDates[] = {
    {"2021", "2021", "year"},
    {"2021-04", "2021-04", "month"},
    {"2021-04-03", "2021-04-03", "day"},
    {"2021/4/3", "2021-04-03", "day"},
    {"23.04.2021", "2021-04-23", "day"},    // DE, AT, CH, TR, RS
    {"23/04/2021", "2021-04-23", "day"},    // IT, FR, ES, GB, GR
    {"23-04-2021", "2021-04-23", "day"},    // NL
    {"23. 12. 2021", "2021-12-23", "day"},  // written with spaces
    {"04/2021", "2021-04", "month"},
    {"3 April 2021", "2021-04-03", "day"},
    {"3rd April 2021", "2021-04-03", "day"},
    {"April 3, 2021", "2021-04-03", "day"},
    {"Apr 2021", "2021-04", "month"},
    {"3 avril 2021", "2021-04-03", "day"},   // FR
    {"1er mars 2020", "2020-03-01", "day"},  // FR
    {"15 août 2019", "2019-08-15", "day"},   // FR, accent
    {"3. März 2021", "2021-03-03", "day"},   // DE
    {"12. Dezember 1999", "1999-12-12", "day"},
    {"3 aprile 2021", "2021-04-03", "day"},       // IT
    {"Gennaio 2020", "2020-01", "month"},         // IT
    {"3 de abril de 2021", "2021-04-03", "day"},  // ES
    {"DICIEMBRE 2018", "2018-12", "month"},       // ES, capitals
    {"29 février 2020", "2020-02-29", "day"},     // leap year
    {"٢٣/٠٤/٢٠٢١", "2021-04-23", "day"},          // Arabic-Indic digits
};

TEST(DateNormalizer, ReadsCommonWrittenFormats) {
  for (const auto& c : kDates) {
    SCOPED_TRACE(c.input);
    const Normalized n = must(Kind::kDate, c.input);
    EXPECT_EQ(n.value, c.value);
    EXPECT_EQ(part(n, "precision"), c.precision);
    EXPECT_EQ(part(n, "ambiguous"), "false");
  }
}

TEST(DateNormalizer, FlagsAmbiguousDayAndMonthInsteadOfGuessing) {
  const Normalized n = must(Kind::kDate, "03/04/2021");
  EXPECT_EQ(n.value, "2021-04-03");         // the European reading is the key...
  EXPECT_EQ(part(n, "ambiguous"), "true");  // ...but flagged, with both readings
  EXPECT_EQ(part(n, "reading_dmy"), "2021-04-03");
  EXPECT_EQ(part(n, "reading_mdy"), "2021-03-04");
  EXPECT_NE(part(n, "warning").find("write 2021-04-03 or 2021-03-04"), std::string::npos);
}

TEST(DateNormalizer, FlagsAmbiguityInDottedFormatToo) {
  EXPECT_EQ(part(must(Kind::kDate, "1.2.2000"), "ambiguous"), "true");
}

TEST(DateNormalizer, SameDayAndMonthIsNotAmbiguous) {
  const Normalized n = must(Kind::kDate, "05/05/2020");
  EXPECT_EQ(n.value, "2020-05-05");
  EXPECT_EQ(part(n, "ambiguous"), "false");
}

TEST(DateNormalizer, AcceptsUsOrderWhenOnlyItIsPossible) {
  const Normalized n = must(Kind::kDate, "04/23/2021");
  EXPECT_EQ(n.value, "2021-04-23");
  EXPECT_EQ(part(n, "order"), "mdy");
  EXPECT_EQ(part(n, "ambiguous"), "false");
}

TEST(DateNormalizer, ShowsDateInWords) {
  EXPECT_EQ(must(Kind::kDate, "2021-04-03").display, "3 April 2021");
  EXPECT_EQ(must(Kind::kDate, "2021-04").display, "April 2021");
}

struct BadDate {
  const char* input;
  const char* message_part;
};

const BadDate kBadDates[] = {
    {"31/02/2021", "no day 31"},
    {"29.02.2021", "no day 29"},
    {"2021-13-01", "no month 13"},
    {"03/04/21", "two-digit year"},
    {"3 April", "no four-digit year"},
    {"3 Foo 2021", "not a month name"},
    {"yesterday", "not a month name"},
    {"20210403", "not a date"},
    {"1066", "outside"},
    {"2021-04-03T10:00", "two days"},
    {"3 April May 2021", "more than one month"},
    {"2021/04-03", "mixes separators"},
    {"32/01/2021", "no day 32"},
    {"0/0/2021", "0"},
    {"12:30", "does not belong"},
};

TEST(DateNormalizer, RejectsImpossibleAndIncompleteDatesWithReason) {
  for (const auto& c : kBadDates) {
    SCOPED_TRACE(c.input);
    const std::string message = rejection(Kind::kDate, c.input);
    EXPECT_NE(message.find(c.message_part), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace crossroads::normalize
