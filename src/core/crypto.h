// Thin, exception-free wrappers over libsodium: hashing, randomness, constant-time compare.
#pragma once

#include <string>
#include <string_view>

namespace crossroads::core {

// Must be called once before any other function here (idempotent, thread-safe).
void init_crypto();

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// `bytes` random bytes from the OS CSPRNG, hex encoded (2 * bytes characters).
std::string random_hex(std::size_t bytes);

// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace crossroads::core
