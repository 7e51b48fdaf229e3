// libFuzzer target: arbitrary bytes through the HTTP/1.1 request parser (head and chunked body).
// Nothing may crash; a parsed head must hold what the handler relies on (a path without NUL,
// lower-case header names); the chunked decoder must give the same body and stop at the same
// byte whether its input comes at once or byte by byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/http_server.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace crossroads::api;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::size_t head_end = find_head_end(input);
  std::string_view rest = input;
  if (head_end != std::string_view::npos) {
    if (head_end > input.size()) std::abort();
    if (find_head_end(input, head_end > 3 ? head_end - 3 : 0) != head_end) std::abort();
    HttpRequestHead head;
    const HttpParseResult parsed = parse_request_head(input.substr(0, head_end), head);
    if (parsed.status == 0) {
      if (head.request.path.find('\0') != std::string::npos) std::abort();
      if (head.request.method.empty()) std::abort();
      for (const auto& [name, value] : head.request.headers) {
        for (char c : name) {
          if (c >= 'A' && c <= 'Z') std::abort();
        }
      }
      if (head.chunked && head.has_content_length) std::abort();
    } else if (parsed.status < 400 || parsed.status > 505 || parsed.message.empty()) {
      std::abort();
    }
    rest = input.substr(head_end);
  }

  ChunkedDecoder whole(1 << 16, 256);
  std::string body_whole;
  const std::size_t used_whole = whole.feed(rest, body_whole);
  ChunkedDecoder pieces(1 << 16, 256);
  std::string body_pieces;
  std::size_t used_pieces = 0;
  while (used_pieces < rest.size() && !pieces.finished() && !pieces.failed()) {
    used_pieces += pieces.feed(rest.substr(used_pieces, 1), body_pieces);
  }
  if (whole.state() != pieces.state()) std::abort();
  if (whole.finished() && (used_whole != used_pieces || body_whole != body_pieces)) std::abort();
  if (body_whole.size() > (1 << 16)) std::abort();
  return 0;
}
