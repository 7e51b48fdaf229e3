// libFuzzer target: arbitrary bytes through the text decoder, the separator detection and the
// CSV reader, with the encoding and the separator given or detected (chosen by the first byte).
// None may crash; the decoded text is valid UTF-8 and its bad lines are in order.
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace crossroads::core;
  if (size == 0) return 0;
  const std::uint8_t choice = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  std::optional<TextEncoding> encoding;
  if (choice % 6 != 5) encoding = static_cast<TextEncoding>(choice % 6);
  auto decoded = decode_text(bytes, encoding);
  if (!decoded.is_ok()) return 0;  // a byte order mark of another encoding than the one given
  const std::string& text = decoded->text;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) std::abort();  // the decoder's output must be valid UTF-8
  }
  for (std::size_t k = 1; k < decoded->invalid.size(); ++k) {
    if (decoded->invalid[k].line <= decoded->invalid[k - 1].line) std::abort();
  }
  const char detected = detect_csv_delimiter(text);
  if (!parse_csv_delimiter(std::string_view(&detected, 1)).is_ok()) std::abort();
  const char delimiter = (choice / 6) % 2 == 0 ? detected : kCsvDelimiters[(choice / 12) % 4];
  (void)parse_csv(text, delimiter);
  (void)describe_csv_format(delimiter, *decoded);
  return 0;
}
