// `crossroads normalize` and `crossroads extract`: the identifier normalisers and the
// free-text extractor at the command line, for operators and for scripts (JSON out).
#pragma once

#include <cstdio>
#include <ostream>
#include <string_view>

#include "core/status.h"
#include "normalize/normalize.h"

namespace CLI {
class App;
}

namespace crossroads::cli {

// Registers:
//   normalize KIND VALUE [--country CC] [--platform P]
//       one JSON object {kind, value, display, parts}; an invalid value prints the reason on
//       stderr and exits 1 (2 for an unknown KIND).
//   extract FILE|- [--country CC] [--platform P]
//       one JSON line per finding {line, begin, end, kind, text, value, language}; begin and
//       end are byte offsets into that line. WhatsApp exports ("12/03/2024, 14:30 - Name:
//       text") are read message by message: the date and sender are not searched, and a
//       message's continuation lines share its language.
void add_text_commands(CLI::App& app);

// What `extract` does: reads `in` to its end and writes one JSON line per finding to `out`
// (see above); `name` names the input in messages; progress every 10 MB goes to `progress`
// when given. Fails when the input cannot be read or the output cannot be written.
core::Status extract_text(std::FILE* in, std::FILE* out, const normalize::Context& ctx,
                          std::string_view name, std::ostream* progress);

}  // namespace crossroads::cli
