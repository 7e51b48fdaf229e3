// libFuzzer target for the extractor: the first byte picks the context (case country,
// platform), the rest is the text. Must never crash, hang or leak, and every finding must lie
// inside the text, be non-empty, not overlap the previous one, and quote the text exactly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  crossroads::normalize::Context ctx;
  if (data[0] & 1) ctx.default_country = "IT";
  if (data[0] & 2) ctx.platform = "telegram";
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto found = (data[0] & 4) ? crossroads::extract::extract(text, ctx).findings
                                   : crossroads::extract::find_identifiers(text, ctx);
  std::size_t last_end = 0;
  for (const auto& f : found) {
    if (f.begin >= f.end || f.end > text.size() || f.begin < last_end) std::abort();
    if (text.substr(f.begin, f.end - f.begin) != f.text) std::abort();
    if (f.normalized.value.empty() || f.normalized.kind != f.kind) std::abort();
    last_end = f.end;
  }
  return 0;
}
