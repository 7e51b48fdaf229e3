// libFuzzer target for the extractor: the first byte picks the context (case country,
// platform) and the entry point, the rest is the text. Must never crash, hang or leak, and:
//  - every finding lies inside its text, is non-empty, does not overlap the previous one and
//    quotes the text exactly;
//  - its canonical value is what the normaliser of its kind makes of that value again;
//  - extract_conversation() (the text cut into lines by two senders) gives one result per
//    message, each with a language code, and the same findings as find_identifiers() per line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "extract/extractor.h"

namespace {

using crossroads::extract::Finding;

void check(std::string_view text, const std::vector<Finding>& found,
           const crossroads::normalize::Context& ctx) {
  std::size_t last_end = 0;
  for (const auto& f : found) {
    if (f.begin >= f.end || f.end > text.size() || f.begin < last_end) std::abort();
    if (text.substr(f.begin, f.end - f.begin) != f.text) std::abort();
    if (f.normalized.value.empty() || f.normalized.kind != f.kind) std::abort();
    crossroads::normalize::Context again_ctx = ctx;
    if (f.kind == crossroads::normalize::Kind::kOnlineAccount) again_ctx.platform.clear();
    auto again = crossroads::normalize::normalize(f.kind, f.normalized.value, again_ctx);
    if (!again.is_ok() || again->value != f.normalized.value) std::abort();
    last_end = f.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  crossroads::normalize::Context ctx;
  if (data[0] & 1) ctx.default_country = "IT";
  if (data[0] & 2) ctx.platform = "telegram";
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 4) {
    const auto e = crossroads::extract::extract(text, ctx);
    if (e.language.empty()) std::abort();
    check(text, e.findings, ctx);
  } else {
    check(text, crossroads::extract::find_identifiers(text, ctx), ctx);
  }
  if (data[0] & 8) {
    std::vector<crossroads::extract::Message> messages;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == '\n') {
        messages.push_back({messages.size() % 3 == 0 ? "a" : "b", text.substr(start, i - start)});
        start = i + 1;
      }
    }
    const auto all = crossroads::extract::extract_conversation(messages, ctx);
    if (all.size() != messages.size()) std::abort();
    for (std::size_t m = 0; m < messages.size(); ++m) {
      if (all[m].language.empty()) std::abort();
      check(messages[m].text, all[m].findings, ctx);
      if (all[m].findings.size() !=
          crossroads::extract::find_identifiers(messages[m].text, ctx).size()) {
        std::abort();
      }
    }
  }
  return 0;
}
