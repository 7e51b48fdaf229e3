#include "core/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

namespace crossroads::core {
namespace {

TEST(HugePageAllocator, LargeArraysAre2MiBAlignedAndHoldTheirValues) {
  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> big;
  // Grows through small (operator new) and large (mapped) allocations; each move keeps values.
  for (std::uint64_t i = 0; i < (std::uint64_t{3} << 20); ++i) big.push_back(i);
  EXPECT_GE(big.capacity() * sizeof(std::uint64_t), huge_pages::kThreshold);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big.data()) % (std::uintptr_t{2} << 20), 0u);
  std::uint64_t expected = 0;
  for (std::uint64_t v : big) ASSERT_EQ(v, expected++);
  big.clear();
  big.shrink_to_fit();  // unmaps
  EXPECT_EQ(big.capacity(), 0u);
}

TEST(HugePageAllocator, SmallArraysKeepTheirAlignment) {
  struct alignas(64) Line {
    char bytes[64];
  };
  std::vector<Line, HugePageAllocator<Line>> few(3);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(few.data()) % 64, 0u);
  std::vector<int, HugePageAllocator<int>> ints(100);
  std::iota(ints.begin(), ints.end(), 0);
  EXPECT_EQ(ints[99], 99);
}

}  // namespace
}  // namespace crossroads::core
