// Password hashing with argon2id (libsodium's crypto_pwhash). The encoded hash carries its own
// parameters, so hashes made with other costs still verify.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace crossroads::auth {

struct PasswordCost {
  unsigned long long ops;  // passes over memory
  std::size_t memory_bytes;
  // OWASP-recommended interactive cost: 64 MiB, 2 passes (about 0.1 s on the target machine).
  static PasswordCost interactive();
  // The cheapest cost libsodium allows: only for tests and benchmarks.
  static PasswordCost minimum();
};

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// Refuses passwords a person should not use (too short, too long), with the reason.
core::Status check_password_policy(std::string_view password);

core::Result<std::string> hash_password(std::string_view password, const PasswordCost& cost);
bool verify_password(const std::string& encoded_hash, std::string_view password);

// A hash of a random password at the given cost, verified against when the user name is
// unknown, so that a failed login takes the same time whether or not the user exists.
const std::string& decoy_hash(const PasswordCost& cost);

}  // namespace crossroads::auth
