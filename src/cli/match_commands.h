// `crossroads compare`, `crossroads link` and `crossroads eval`: the cross-case matcher
// (src/match) at the command line, on anyone's files. None of them opens the database.
//
// The commands are also plain functions over streams, so that tests run them in-process.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/status.h"

namespace CLI {
class App;
}

namespace crossroads::cli {

// Registers:
//   compare [FILE|-] [--threshold P] [--country CC]
//       JSON lines {"a": FtM entity, "b": FtM entity} in; per pair one JSON line out
//       {line, probability, weight, link, explanation, evidence: [{field, text, weight}]}.
//       Bad lines are reported on stderr with their line number; exit 1 if there were any.
//   link --left FILE --right FILE [--left-map M] [--right-map M] [--left-format F]
//        [--right-format F] [--threshold P] [--country CC] [-o FILE]
//       links two files of person records (CSV with a column mapping, or FtM JSON lines);
//       one JSON line {left_id, right_id, probability, explanation} per link.
//   eval [--dir DIR | --scale S --seed N] [--threshold P]
//       scores the whole engine against a synthetic world's ground truth.
void add_match_commands(CLI::App& app);

struct CompareOptions {
  double threshold = 0.9;
  std::string country;  // default region of phones without a country code
};
// Returns the exit status: 0, or 1 when any line could not be read.
int run_compare(const CompareOptions& options, std::istream& in, std::ostream& out,
                std::ostream& err);

struct LinkOptions {
  std::string left, right;                // files
  std::string left_map, right_map;        // "name=Full name,birthDate=DOB" (CSV only)
  std::string left_format, right_format;  // "csv" or "ftm"; default from the extension
  double threshold = 0.9;
  std::string country;
};
int run_link(const LinkOptions& options, std::ostream& out, std::ostream& err);

struct EvalOptions {
  std::string dir;  // a world written by `crossroads synth --out DIR`
  std::string scale = "small";
  std::uint64_t seed = 7;
  double threshold = 0.9;
  std::string errors;  // write every false positive and false negative pair here (JSON lines)
};
int run_eval(const EvalOptions& options, std::ostream& out, std::ostream& err);

// The CSV reader lives in core/csv.h; these names keep the older spelling working.
using core::CsvRecord;
using core::parse_csv;

}  // namespace crossroads::cli
