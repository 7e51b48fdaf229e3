// libFuzzer target: normalize_name and name_keys on arbitrary bytes never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "names/name_normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const crossroads::names::NameParts parts = crossroads::names::normalize_name(input);
  const auto keys = crossroads::names::name_keys(parts);
  if (parts.keys.size() != parts.tokens.size()) __builtin_trap();
  for (const auto& token_keys : parts.keys) {
    if (token_keys.empty() || token_keys.size() > 2 * crossroads::names::kMaxKeysPerToken) {
      __builtin_trap();
    }
  }
  (void)crossroads::names::share_key(parts, parts);
  (void)crossroads::names::token_keys(input);
  return 0;
}
