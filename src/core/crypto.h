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
// An id for one request (logs, audit, error messages): 16 hex digits, never the same twice in a
// process (a counter through a bijective mix keyed by random bytes drawn once), without the
// system call per id that random_hex() makes. Not a secret: never use it as one.
std::string request_id();

// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace crossroads::core
