#include "core/csv.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <memory>

namespace crossroads::core {

Result<std::vector<CsvRecord>> parse_csv(std::string_view text, char delimiter) {
  std::vector<CsvRecord> out;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  const char sep = delimiter;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        const std::size_t opened = line;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          const char ch = text[i++];
          if (ch == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
            } else {
              closed = true;
              break;
            }
          } else {
            if (ch == '\n') ++line;
            field += ch;
          }
        }
        if (!closed) {
          return invalid("line " + std::to_string(opened) +
                         ": a quoted field is not closed (a \" is missing)");
        }
        if (i < text.size() && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
          return invalid("line " + std::to_string(line) +
                         ": text after a closing quote; write a \" inside quotes as \"\"");
        }
      } else {
        while (i < text.size() && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
          field += text[i++];
        }
      }
      rec.fields.push_back(field);
      if (i >= text.size()) {
        end_of_record = true;
      } else if (text[i] == sep) {
        ++i;
      } else {  // \n or \r\n (a lone \r ends the record too)
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    out.push_back(std::move(rec));
  }
  return out;
}

// ---- Field separators

namespace {

constexpr std::size_t kDetectLines = 50;
constexpr std::size_t kDetectBytes = 64 * 1024;

// How often `sep` occurs outside quotes on each of the first lines (records) of `text`.
std::vector<std::size_t> counts_per_record(std::string_view text, char sep) {
  std::vector<std::size_t> counts;
  std::size_t count = 0;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size() && counts.size() < kDetectLines; ++i) {
    const char ch = text[i];
    any = true;
    if (ch == '"') {
      quoted = !quoted;  // a doubled quote toggles twice
    } else if (!quoted && ch == sep) {
      ++count;
    } else if (!quoted && (ch == '\n' || ch == '\r')) {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      counts.push_back(count);
      count = 0;
      any = false;
    }
  }
  if (any && counts.size() < kDetectLines) counts.push_back(count);
  return counts;
}

}  // namespace

char detect_csv_delimiter(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  text = text.substr(0, kDetectBytes);
  char best = ',';
  std::size_t best_agreeing = 0;
  std::size_t best_header = 0;
  for (char sep : kCsvDelimiters) {
    const auto counts = counts_per_record(text, sep);
    if (counts.empty() || counts.front() == 0) continue;
    // Lines with as many separators as the header (blank lines do not count against it).
    std::size_t agreeing = 0;
    for (std::size_t n : counts) agreeing += n == counts.front() ? 1 : 0;
    if (agreeing > best_agreeing || (agreeing == best_agreeing && counts.front() > best_header)) {
      best = sep;
      best_agreeing = agreeing;
      best_header = counts.front();
    }
  }
  return best;
}

std::string_view delimiter_name(char delimiter) {
  switch (delimiter) {
    case ',':
      return "comma";
    case ';':
      return "semicolon";
    case '\t':
      return "tab";
    case '|':
      return "pipe";
    default:
      return "other";
  }
}

Result<char> parse_csv_delimiter(std::string_view name) {
  for (char sep : kCsvDelimiters) {
    if (name == delimiter_name(sep) || (name.size() == 1 && name[0] == sep)) return sep;
  }
  return invalid(
      "'" + std::string(name) + "' is not a separator; use comma, semicolon, tab or pipe",
      "delimiter");
}

// ---- Text encodings

namespace {

struct EncodingInfo {
  TextEncoding encoding;
  const char* name;
  const char* label;
  const char* icu;
};
constexpr std::array<EncodingInfo, 5> kEncodings = {{
    {TextEncoding::kUtf8, "utf-8", "UTF-8", "UTF-8"},
    {TextEncoding::kUtf16Le, "utf-16le", "UTF-16 LE", "UTF-16LE"},
    {TextEncoding::kUtf16Be, "utf-16be", "UTF-16 BE", "UTF-16BE"},
    {TextEncoding::kWindows1252, "windows-1252", "Windows-1252", "windows-1252"},
    {TextEncoding::kIso8859_1, "iso-8859-1", "ISO-8859-1", "ISO-8859-1"},
}};

const EncodingInfo& info(TextEncoding encoding) {
  for (const auto& e : kEncodings) {
    if (e.encoding == encoding) return e;
  }
  return kEncodings.front();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Valid UTF-8 sequences of two bytes or more, and bytes that start no valid sequence.
struct Utf8Tally {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
};
Utf8Tally tally_utf8(std::string_view bytes) {
  Utf8Tally t;
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX));
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      ++t.invalid;
    } else if (i - start > 1) {
      ++t.multibyte;
    }
  }
  return t;
}

// UTF-16 without a byte order mark: one byte of most pairs is zero (Latin text), on one side.
std::optional<TextEncoding> utf16_without_mark(std::string_view bytes) {
  const std::size_t pairs = std::min<std::size_t>(bytes.size(), 4096) / 2;
  if (pairs < 2) return std::nullopt;
  std::size_t zero_even = 0;
  std::size_t zero_odd = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    zero_even += bytes[2 * i] == 0 ? 1 : 0;
    zero_odd += bytes[2 * i + 1] == 0 ? 1 : 0;
  }
  if (zero_odd * 10 >= pairs * 4 && zero_even * 20 < pairs) return TextEncoding::kUtf16Le;
  if (zero_even * 10 >= pairs * 4 && zero_odd * 20 < pairs) return TextEncoding::kUtf16Be;
  return std::nullopt;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// What the ICU callback learns: where in the output each bad sequence was, and its bytes.
struct BadSequence {
  std::size_t offset;  // UTF-16 units written before it, in the current chunk
  std::string bytes;
};
struct CallbackState {
  const UChar* chunk_start = nullptr;
  std::vector<BadSequence> bad;
};

void on_bad_bytes(const void* context, UConverterToUnicodeArgs* args, const char* units,
                  int32_t length, UConverterCallbackReason reason, UErrorCode* error) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
  auto* state = static_cast<CallbackState*>(const_cast<void*>(context));
  std::string hex;
  for (int32_t k = 0; k < length; ++k) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%s0x%02X", k == 0 ? "" : " ",
                  static_cast<unsigned>(static_cast<unsigned char>(units[k])));
    hex += buf;
  }
  state->bad.push_back({static_cast<std::size_t>(args->target - state->chunk_start), hex});
  *error = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, error);
}

}  // namespace

std::string_view encoding_name(TextEncoding encoding) { return info(encoding).name; }
std::string_view encoding_label(TextEncoding encoding) { return info(encoding).label; }

Result<TextEncoding> parse_text_encoding(std::string_view name) {
  const std::string n = lower(name);
  for (const auto& e : kEncodings) {
    if (n == e.name || n == lower(e.icu)) return e.encoding;
  }
  if (n == "utf8") return TextEncoding::kUtf8;
  if (n == "cp1252") return TextEncoding::kWindows1252;
  if (n == "latin1" || n == "latin-1" || n == "iso8859-1") return TextEncoding::kIso8859_1;
  return invalid("'" + std::string(name) +
                     "' is not an encoding this import reads; use utf-8, utf-16le, utf-16be, "
                     "windows-1252 or iso-8859-1",
                 "encoding");
}

Result<DecodedText> decode_text(std::string_view bytes, std::optional<TextEncoding> encoding) {
  DecodedText out;
  // The byte order mark, if any.
  std::optional<TextEncoding> marked;
  std::size_t mark_size = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    marked = TextEncoding::kUtf8;
    mark_size = 3;
  } else if (bytes.substr(0, 2) == "\xFF\xFE") {
    marked = TextEncoding::kUtf16Le;
    mark_size = 2;
  } else if (bytes.substr(0, 2) == "\xFE\xFF") {
    marked = TextEncoding::kUtf16Be;
    mark_size = 2;
  }
  const bool utf_family =
      encoding && (*encoding == TextEncoding::kUtf8 || *encoding == TextEncoding::kUtf16Le ||
                   *encoding == TextEncoding::kUtf16Be);
  if (marked && encoding && utf_family && *encoding != *marked) {
    return invalid("the file starts with the byte order mark of " +
                       std::string(encoding_label(*marked)) + ", not " +
                       std::string(encoding_label(*encoding)) + "; choose " +
                       std::string(encoding_label(*marked)) + " or let the encoding be detected",
                   "encoding");
  }
  std::optional<bool> valid_utf8;  // known from the detection, when it looked
  if (encoding) {
    out.encoding = *encoding;
  } else if (marked) {
    out.encoding = *marked;
  } else if (auto wide = utf16_without_mark(bytes)) {
    out.encoding = *wide;
  } else {
    const Utf8Tally t = tally_utf8(bytes);
    valid_utf8 = t.invalid == 0;
    // Mostly UTF-8 with a few bad bytes is UTF-8 with bad lines, not Windows-1252.
    out.encoding = t.invalid == 0 || t.multibyte > t.invalid ? TextEncoding::kUtf8
                                                             : TextEncoding::kWindows1252;
  }
  out.detected = !encoding.has_value();
  if (marked && *marked == out.encoding) {
    out.byte_order_mark = true;
    bytes.remove_prefix(mark_size);
  }

  // Valid UTF-8 needs no conversion.
  if (out.encoding == TextEncoding::kUtf8 &&
      (valid_utf8 ? *valid_utf8 : tally_utf8(bytes).invalid == 0)) {
    out.text.assign(bytes);
    return out;
  }

  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(info(out.encoding).icu, &error));
  if (U_FAILURE(error)) {
    return internal(std::string("no ICU converter for ") + info(out.encoding).icu + ": " +
                    u_errorName(error));
  }
  CallbackState state;
  ucnv_setToUCallBack(converter.get(), on_bad_bytes, &state, nullptr, nullptr, &error);
  if (U_FAILURE(error)) return internal(std::string("ICU callback: ") + u_errorName(error));

  out.text.reserve(bytes.size() + bytes.size() / 8);
  constexpr std::size_t kChunk = 1 << 16;
  std::vector<UChar> chunk(kChunk);
  std::u16string carry;  // a lead surrogate cut off at the end of a chunk
  std::size_t line = 1;
  bool previous_cr = false;
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  std::string utf8;
  auto add_bad = [&](std::size_t at_line, const std::string& hex) {
    if (out.invalid.empty() || out.invalid.back().line != at_line) {
      out.invalid.push_back({at_line, "", 0});
    }
    InvalidBytes& b = out.invalid.back();
    if (b.count < 8) b.bytes += (b.bytes.empty() ? "" : " ") + hex;
    ++b.count;
  };
  for (bool done = false; !done;) {
    UChar* target = chunk.data();
    state.chunk_start = chunk.data();
    state.bad.clear();
    error = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, chunk.data() + chunk.size(), &source, source_end,
                   nullptr, /*flush=*/true, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR) {
      error = U_ZERO_ERROR;
    } else if (U_FAILURE(error)) {
      return internal(std::string("ICU conversion: ") + u_errorName(error));
    } else {
      done = true;
    }
    const std::size_t produced = static_cast<std::size_t>(target - chunk.data());
    // Lines of the bad sequences, counted as the CSV reader counts them.
    std::size_t next_bad = 0;
    for (std::size_t k = 0; k <= produced; ++k) {
      while (next_bad < state.bad.size() && state.bad[next_bad].offset == k) {
        add_bad(line, state.bad[next_bad++].bytes);
      }
      if (k == produced) break;
      const UChar ch = chunk[k];
      // ICU maps the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
      // to C1 controls; in a text file they mean the encoding is wrong.
      if (out.encoding == TextEncoding::kWindows1252 && ch >= 0x80 && ch <= 0x9F) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(ch));
        add_bad(line, hex);
        chunk[k] = 0xFFFD;
        previous_cr = false;
        continue;
      }
      if (ch == u'\n') {
        if (!previous_cr) ++line;
        previous_cr = false;
      } else if (ch == u'\r') {
        ++line;
        previous_cr = true;
      } else {
        previous_cr = false;
      }
    }
    std::u16string piece = carry;
    piece.append(chunk.data(), produced);
    carry.clear();
    if (!done && !piece.empty() && U16_IS_LEAD(piece.back())) {
      carry.push_back(piece.back());
      piece.pop_back();
    }
    if (piece.empty()) continue;
    int32_t needed = 0;
    error = U_ZERO_ERROR;
    u_strToUTF8WithSub(nullptr, 0, &needed, piece.data(), static_cast<int32_t>(piece.size()),
                       0xFFFD, nullptr, &error);
    if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error)) {
      return internal(std::string("ICU to UTF-8: ") + u_errorName(error));
    }
    utf8.assign(static_cast<std::size_t>(needed), '\0');
    error = U_ZERO_ERROR;
    u_strToUTF8WithSub(utf8.data(), needed, &needed, piece.data(),
                       static_cast<int32_t>(piece.size()), 0xFFFD, nullptr, &error);
    if (U_FAILURE(error)) return internal(std::string("ICU to UTF-8: ") + u_errorName(error));
    out.text += utf8;
  }
  // A byte order mark decoded as text (the encoding was given, the mark matched): drop it.
  if (out.text.rfind("\xEF\xBB\xBF", 0) == 0) {
    out.text.erase(0, 3);
    out.byte_order_mark = true;
  }
  return out;
}

std::string describe_csv_format(char delimiter, const DecodedText& decoded) {
  std::string out = std::string(delimiter_name(delimiter)) + "-separated, ";
  out += encoding_label(decoded.encoding);
  if (decoded.byte_order_mark) out += " with byte order mark";
  return out;
}

}  // namespace crossroads::core
