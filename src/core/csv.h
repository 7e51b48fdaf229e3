// RFC 4180 CSV, shared by every importer of CSV files (person records in `crossroads link`,
// the IOM Missing Migrants export in src/trends, ...).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossroads::core {

// Fields separated by commas, optionally in double quotes (which may then hold commas, line
// breaks and doubled quotes); records end with LF or CRLF; a UTF-8 byte order mark is skipped.
// `line` is the line on which each record starts (1-based).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};
Result<std::vector<CsvRecord>> parse_csv(std::string_view text);

}  // namespace crossroads::core
