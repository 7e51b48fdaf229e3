// RFC 4180 CSV, shared by every importer of CSV files (person records in `crossroads link`,
// the IOM Missing Migrants export in src/trends, a case's CSV import, ...), and the reading of
// files as exported by Excel and police systems: their text encoding (UTF-8 with or without a
// byte order mark, UTF-16 LE/BE, Windows-1252, ISO-8859-1; converted by ICU) and their field
// separator (comma, semicolon, tab, pipe), detected or chosen by the user.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossroads::core {

// Fields separated by `delimiter` (comma by default), optionally in double quotes (which may
// then hold delimiters, line breaks and doubled quotes); records end with LF or CRLF; a UTF-8
// byte order mark is skipped. `line` is the line on which each record starts (1-based).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};
Result<std::vector<CsvRecord>> parse_csv(std::string_view text, char delimiter = ',');

// ---- Field separators

// The separators a file may use: ',', ';', '\t', '|'.
inline constexpr char kCsvDelimiters[] = {',', ';', '\t', '|'};
// The separator used by the first lines of `text` (UTF-8): the candidate found the same
// number of times (outside quotes) on most of the first lines, and on the header at least once;
// ',' when none is.
char detect_csv_delimiter(std::string_view text);
// "comma", "semicolon", "tab", "pipe".
std::string_view delimiter_name(char delimiter);
// From a name above (or the character itself); an error names the choices.
Result<char> parse_csv_delimiter(std::string_view name);

// ---- Text encodings

enum class TextEncoding { kUtf8, kUtf16Le, kUtf16Be, kWindows1252, kIso8859_1 };
// "utf-8", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1" (as the web's TextDecoder).
std::string_view encoding_name(TextEncoding encoding);
// "UTF-8", "UTF-16 LE", "UTF-16 BE", "Windows-1252", "ISO-8859-1": for people.
std::string_view encoding_label(TextEncoding encoding);
// From a name above (case-insensitive; also "utf8", "latin1", "cp1252"); an error names the
// choices.
Result<TextEncoding> parse_text_encoding(std::string_view name);

// Bytes of one line that are not valid in the encoding the text was read with. In the decoded
// text each such sequence is replaced by U+FFFD, so that the line can be named and refused;
// they are never dropped silently.
struct InvalidBytes {
  std::size_t line = 0;   // 1-based line of the decoded text (LF, CRLF or CR end a line)
  std::string bytes;      // "0x81 0x8D", at most the first 8 bad sequences of the line
  std::size_t count = 0;  // bad byte sequences on the line
};

struct DecodedText {
  std::string text;  // UTF-8, without a byte order mark
  TextEncoding encoding = TextEncoding::kUtf8;
  bool byte_order_mark = false;
  bool detected = false;              // the encoding was detected rather than given
  std::vector<InvalidBytes> invalid;  // by line, in order
};

// Decodes `bytes` to UTF-8. Without `encoding`, it is detected: a byte order mark decides
// (UTF-8, UTF-16 LE/BE); else UTF-16 without a mark when every other byte is zero; else UTF-8
// when the bytes are valid UTF-8 (or mostly so: then the bad lines are reported); else
// Windows-1252. A given encoding wins over the detection (a byte order mark of another
// encoding is an error). Fails only on an empty converter (ICU missing data).
Result<DecodedText> decode_text(std::string_view bytes,
                                std::optional<TextEncoding> encoding = std::nullopt);

// "semicolon-separated, Windows-1252" / "comma-separated, UTF-8 with byte order mark".
std::string describe_csv_format(char delimiter, const DecodedText& decoded);

}  // namespace crossroads::core
