// libFuzzer target for one normaliser: the kind is fixed at build time (CROSSROADS_FUZZ_KIND,
// one executable per kind, see CMakeLists.txt); the first byte of the input picks the context
// (case country, platform), the rest is the value. Must never crash, hang or leak, and:
//  - an accepted value has a non-empty canonical value and display, and the kind asked for;
//  - the canonical value is itself accepted and normalises to itself (idempotence), in the
//    same context: the matcher indexes canonical values and must be able to read them back;
//  - a rejected value comes with a message.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "normalize/normalize.h"

#ifndef CROSSROADS_FUZZ_KIND
#error "build with -DCROSSROADS_FUZZ_KIND=\"phone\" (see tests/normalize/CMakeLists.txt)"
#endif

namespace {

using crossroads::normalize::Context;
using crossroads::normalize::Kind;

[[noreturn]] void fail(const char* what, std::string_view input, std::string_view detail) {
  std::fprintf(stderr, "%s: %s\n  input: '%.*s'\n  detail: '%.*s'\n", CROSSROADS_FUZZ_KIND, what,
               static_cast<int>(input.size()), input.data(), static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

const Kind kKind = [] {
  auto kind = crossroads::normalize::parse_kind(CROSSROADS_FUZZ_KIND);
  if (!kind) std::abort();
  return *kind;
}();

constexpr const char* kCountries[] = {"", "IT", "DE", "GR", "LY", "TR", "FR", "PL"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Context ctx;
  ctx.default_country = kCountries[data[0] & 7];
  if (data[0] & 0x08) ctx.platform = "telegram";
  const std::string_view value(reinterpret_cast<const char*>(data + 1), size - 1);
  auto result = crossroads::normalize::normalize(kKind, value, ctx);
  if (!result.is_ok()) {
    if (result.status().message().empty()) fail("rejection without a message", value, "");
    return 0;
  }
  if (result->kind != kKind) fail("wrong kind", value, result->value);
  if (result->value.empty()) fail("empty canonical value", value, "");
  if (result->display.empty()) fail("empty display", value, result->value);
  auto again = crossroads::normalize::normalize(kKind, result->value, ctx);
  if (!again.is_ok()) fail("canonical value rejected", value, again.status().message());
  if (again->value != result->value) fail("canonical value not stable", value, again->value);
  return 0;
}
