#include "normalize/keccak.h"

#include <gtest/gtest.h>

#include <string>

namespace crossroads::normalize {
namespace {

std::string hex(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

TEST(Keccak256, MatchesEthereumVectors) {
  EXPECT_EQ(hex(keccak256("")), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(hex(keccak256("abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  EXPECT_EQ(hex(keccak256("The quick brown fox jumps over the lazy dog")),
            "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(Keccak256, PermutationMatchesSha3VectorsAcrossBlockBoundaries) {
  EXPECT_EQ(hex(sha3_256("")), "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
  // 135, 136 and 200 bytes: padding in the last byte, a full extra block, two blocks.
  EXPECT_EQ(hex(sha3_256(std::string(135, 'a'))),
            "8094bb53c44cfb1e67b7c30447f9a1c33696d2463ecc1d9c92538913392843c9");
  EXPECT_EQ(hex(sha3_256(std::string(136, 'a'))),
            "3fc5559f14db8e453a0a3091edbd2bc25e11528d81c66fa570a4efdcc2695ee1");
  EXPECT_EQ(hex(sha3_256(std::string(200, 'a'))),
            "cce34485baf2bf2aca99b94833892a4f52896d3d153f7b840cc4f9fe695f1387");
}

}  // namespace
}  // namespace crossroads::normalize
