#include "core/crypto.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace crossroads::core {
namespace {

TEST(RequestId, SixteenHexDigitsNeverTwiceEvenFromManyThreads) {
  init_crypto();
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& out : made) {
    threads.emplace_back([&out] {
      for (int i = 0; i < 5000; ++i) out.push_back(request_id());
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> distinct;
  for (const auto& out : made) {
    for (const auto& id : out) {
      ASSERT_EQ(id.size(), 16u) << id;
      for (char c : id) ASSERT_TRUE(std::isxdigit(static_cast<unsigned char>(c))) << id;
      distinct.insert(id);
    }
  }
  EXPECT_EQ(distinct.size(), 20000u);
}

TEST(RandomHex, TwiceTheBytesInHexAndDifferentEachTime) {
  init_crypto();
  const std::string a = random_hex(8), b = random_hex(8);
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace crossroads::core
