#include "core/status.h"

#include <gtest/gtest.h>

namespace crossroads::core {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return invalid("must be positive", "count");
  return v;
}

Result<int> doubled(int v) {
  CR_ASSIGN_OR_RETURN(int x, parse_positive(v));
  return x * 2;
}

TEST(Status, DescribesCodeFieldAndMessage) {
  Status s = invalid("must be positive", "count");
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.to_string(), "invalid_argument: count: must be positive");
  EXPECT_EQ(Status::ok().to_string(), "ok");
}

TEST(Result, PropagatesErrorsThroughAssignOrReturn) {
  auto good = doubled(4);
  ASSERT_TRUE(good.is_ok());
  EXPECT_EQ(*good, 8);
  auto bad = doubled(-1);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().field(), "count");
}

}  // namespace
}  // namespace crossroads::core
