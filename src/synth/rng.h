// The generator's only source of randomness: xoshiro256** seeded through splitmix64. Never
// std::random_device, never the standard distributions (their output differs between standard
// libraries), so a seed gives byte-identical output on every machine.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/assert.h"

namespace crossroads::synth {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Mixes two numbers into one seed: derives independent streams (one per network, per case).
inline std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b) {
  std::uint64_t s = a ^ (b * 0xd1b54a32d192ed03ULL);
  splitmix64(s);
  return splitmix64(s);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : seed_(seed) {
    std::uint64_t x = seed;
    for (auto& s : s_) s = splitmix64(x);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0. Multiply-shift (Lemire) without the rejection step: the bias is
  // below 2^-40 for the small n used here and the output stays a pure function of the seed.
  std::uint64_t below(std::uint64_t n) {
    CR_ASSERT(n > 0);
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  int range(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  char digit() { return static_cast<char>('0' + below(10)); }

  template <typename T>
  const T& pick(const std::vector<T>& items) {
    CR_ASSERT(!items.empty());
    return items[below(items.size())];
  }
  // Index drawn with the given non-negative weights (at least one positive).
  std::size_t weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = unit() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }
  // Poisson-like count with the given mean, small means only (Knuth's method).
  int poisson(double mean);

  // A new, independent generator for sub-stream `stream` of this one's seed.
  Rng derive(std::uint64_t stream) const { return Rng(mix_seed(seed_, stream)); }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t seed_;
  std::uint64_t s_[4];
};

inline int Rng::poisson(double mean) {
  // exp(-mean) by repeated halving keeps us independent of libm rounding differences.
  double limit = 1.0;
  double m = mean;
  while (m > 0.5) {
    limit *= 0.6065306597126334;  // exp(-0.5)
    m -= 0.5;
  }
  // exp(-m) for m in [0, 0.5] by its Taylor series (exact enough and deterministic).
  double term = 1.0, sum = 1.0;
  for (int i = 1; i < 12; ++i) {
    term *= -m / i;
    sum += term;
  }
  limit *= sum;
  int k = 0;
  double p = unit();
  while (p > limit && k < 1000) {
    ++k;
    p *= unit();
  }
  return k;
}

}  // namespace crossroads::synth
