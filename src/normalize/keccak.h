// Keccak-256 as Ethereum uses it (the original Keccak padding, not FIPS 202 SHA3-256).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace crossroads::normalize {

std::array<std::uint8_t, 32> keccak256(std::string_view bytes);

// FIPS 202 SHA3-256: the same permutation with the SHA-3 domain padding. Kept so that the
// permutation can be checked against the many published SHA-3 vectors.
std::array<std::uint8_t, 32> sha3_256(std::string_view bytes);

}  // namespace crossroads::normalize
