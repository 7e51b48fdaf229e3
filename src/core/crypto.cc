#include "core/crypto.h"

#include <sodium.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "core/assert.h"

namespace crossroads::core {

void init_crypto() {
  const int rc = sodium_init();  // returns 1 when already initialised
  CR_ASSERT(rc >= 0);
}

namespace {
std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(digest, sizeof digest);
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return to_hex(buf.data(), buf.size());
}

std::string request_id() {
  static const std::uint64_t key = [] {
    std::uint64_t k = 0;
    randombytes_buf(&k, sizeof k);
    return k;
  }();
  static std::atomic<std::uint64_t> counter{0};
  // splitmix64's finaliser: a bijection of 64-bit values, so distinct counts give distinct ids.
  std::uint64_t z = key + counter.fetch_add(1, std::memory_order_relaxed) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(z >> (56 - 8 * i));
  return to_hex(bytes, sizeof bytes);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace crossroads::core
