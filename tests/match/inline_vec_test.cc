#include "match/inline_vec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace crossroads::match {
namespace {

using Vec = InlineVec<std::uint32_t, 3>;

std::vector<std::uint32_t> values(const Vec& v) { return {v.begin(), v.end()}; }

TEST(InlineVec, KeepsFewValuesInsideAndMoreOnTheHeap) {
  Vec v;
  EXPECT_TRUE(v.empty());
  for (std::uint32_t i = 1; i <= 3; ++i) v.push_back(i);
  EXPECT_FALSE(v.on_heap());
  EXPECT_EQ(values(v), (std::vector<std::uint32_t>{1, 2, 3}));
  v.push_back(4);
  v.push_back(5);
  EXPECT_TRUE(v.on_heap());
  EXPECT_EQ(values(v), (std::vector<std::uint32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(v.back(), 5u);
  EXPECT_EQ(v[3], 4u);
}

TEST(InlineVec, CopiesAndMovesInEitherPlace) {
  for (std::uint32_t n : {2u, 7u}) {
    Vec a;
    for (std::uint32_t i = 0; i < n; ++i) a.push_back(i * 10);
    Vec copy(a);
    EXPECT_EQ(values(copy), values(a));
    EXPECT_NE(copy.data(), a.data());  // its own room, inside or on the heap
    Vec assigned{9};
    assigned = a;
    EXPECT_EQ(values(assigned), values(a));
    Vec moved(std::move(copy));
    EXPECT_EQ(values(moved), values(a));
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    Vec target{1, 2, 3, 4, 5, 6};
    target = std::move(moved);
    EXPECT_EQ(values(target), values(a));
    const Vec& same = target;
    target = same;  // self-assignment keeps the values
    EXPECT_EQ(values(target), values(a));
  }
}

TEST(InlineVec, SortsUniquesAndErasesLikeAVector) {
  Vec v{5, 3, 5, 1, 3, 9};
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  EXPECT_EQ(values(v), (std::vector<std::uint32_t>{1, 3, 5, 9}));
  auto* next = v.erase(v.begin() + 1, v.begin() + 2);
  EXPECT_EQ(*next, 5u);
  EXPECT_EQ(values(v), (std::vector<std::uint32_t>{1, 5, 9}));
  EXPECT_TRUE(std::binary_search(v.begin(), v.end(), 9u));
  v.clear();
  EXPECT_TRUE(v.empty());
  v.push_back(7);
  EXPECT_EQ(values(v), (std::vector<std::uint32_t>{7}));
  EXPECT_EQ(Vec({1, 2}), Vec({1, 2}));
  EXPECT_FALSE(Vec({1, 2}) == Vec({1, 2, 3}));
}

}  // namespace
}  // namespace crossroads::match
