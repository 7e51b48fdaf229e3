#include "normalize/keccak.h"

#include <cstring>

namespace crossroads::normalize {

namespace {

constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808AULL, 0x8000000080008000ULL,
    0x000000000000808BULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008AULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000AULL,
    0x000000008000808BULL, 0x800000000000008BULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800AULL, 0x800000008000000AULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

// Rotation offsets and lane permutation (pi), in the order of the "rho-pi" walk.
constexpr int kRotations[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kPi[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                         15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

std::uint64_t rotl(std::uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void keccak_f1600(std::uint64_t state[25]) {
  for (std::uint64_t round_constant : kRoundConstants) {
    std::uint64_t c[5];
    for (int x = 0; x < 5; ++x) {
      c[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
    }
    for (int x = 0; x < 5; ++x) {
      const std::uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) state[y + x] ^= d;
    }
    std::uint64_t current = state[1];
    for (int i = 0; i < 24; ++i) {
      const int j = kPi[i];
      const std::uint64_t next = state[j];
      state[j] = rotl(current, kRotations[i]);
      current = next;
    }
    for (int y = 0; y < 25; y += 5) {
      std::uint64_t row[5];
      for (int x = 0; x < 5; ++x) row[x] = state[y + x];
      for (int x = 0; x < 5; ++x) state[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    state[0] ^= round_constant;
  }
}

std::uint64_t load_le(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

namespace {

std::array<std::uint8_t, 32> sponge(std::string_view bytes, std::uint8_t domain_padding) {
  constexpr std::size_t kRate = 136;  // 1600 - 2 * 256 bits, in bytes
  std::uint64_t state[25] = {};
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  std::size_t remaining = bytes.size();
  while (remaining >= kRate) {
    for (std::size_t i = 0; i < kRate / 8; ++i) state[i] ^= load_le(data + 8 * i);
    keccak_f1600(state);
    data += kRate;
    remaining -= kRate;
  }
  std::uint8_t block[kRate] = {};
  if (remaining > 0) std::memcpy(block, data, remaining);
  block[remaining] ^= domain_padding;
  block[kRate - 1] ^= 0x80;
  for (std::size_t i = 0; i < kRate / 8; ++i) state[i] ^= load_le(block + 8 * i);
  keccak_f1600(state);
  std::array<std::uint8_t, 32> out{};
  for (std::size_t i = 0; i < 32; ++i) {
    out[i] = static_cast<std::uint8_t>(state[i / 8] >> (8 * (i % 8)));
  }
  return out;
}

}  // namespace

std::array<std::uint8_t, 32> keccak256(std::string_view bytes) { return sponge(bytes, 0x01); }

std::array<std::uint8_t, 32> sha3_256(std::string_view bytes) { return sponge(bytes, 0x06); }

}  // namespace crossroads::normalize
