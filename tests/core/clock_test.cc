#include "core/clock.h"

#include <gtest/gtest.h>

namespace crossroads::core {
namespace {

TEST(Clock, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(1795341845123), "2026-11-22T10:04:05.123Z");
  EXPECT_EQ(format_date(951782400000), "2000-02-29");
}

TEST(Clock, ValidatesCalendarDates) {
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2023-02-29"));
  EXPECT_FALSE(is_valid_date("2023-13-01"));
  EXPECT_FALSE(is_valid_date("2023-1-01"));
  EXPECT_FALSE(is_valid_date("23-01-2023"));
  EXPECT_EQ(days_from_date("1970-01-02"), 1);
}

TEST(Clock, FakeClockAdvancesOnlyWhenTold) {
  FakeClock clock(1000);
  EXPECT_EQ(clock.now_ms(), 1000);
  clock.advance_ms(500);
  EXPECT_EQ(clock.now_ms(), 1500);
}

}  // namespace
}  // namespace crossroads::core
