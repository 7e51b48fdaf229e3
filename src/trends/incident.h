// The incident/detection record of src/trends and its periods. An incident is one row of a
// published source (a Frontex cell: route, border type, nationality, month; an IOM incident;
// a synthetic landing; an FtM Event of a case) with its counts and modus operandi.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/status.h"

namespace crossroads::trends {

struct Incident {
  int month = 0;            // month number (year * 12 + month - 1); see parse_month
  std::string date;         // "YYYY-MM-DD" when the day is known, else empty
  std::string route;        // taxonomy id
  std::string border_type;  // "sea", "land", "air" or empty
  std::string place;
  std::string country;  // ISO 3166-1 alpha-2 of the place, when known
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string nationality;  // as the source names it ("Syria"); empty when unknown
  std::int64_t detected = 0;
  std::int64_t dead = 0;
  std::int64_t missing = 0;
  std::int64_t survivors = 0;
  std::int64_t children = 0;
  std::int64_t unaccompanied_minors = 0;
  // Modus operandi.
  std::string vessel_type;    // vessel or vehicle type
  std::optional<double> fee;  // per person, EUR
  std::string payment_channel;
  std::string concealment;
  bool document_fraud = false;
  std::string source_ref;  // the row's id in its source (IOM Web ID, synthetic event id, cell)
  core::Id case_id = 0;    // the case it was recorded in, where known
};

// A row of a source that could not be read.
struct RowError {
  std::int64_t row = 0;  // 1-based row (line of a CSV, row number of a sheet)
  std::string column;    // header of the column at fault, empty for the whole row
  std::string reason;
};

struct ImportResult {
  std::vector<Incident> incidents;
  std::int64_t rows = 0;  // data rows seen (read or rejected)
  std::vector<RowError> errors;
};

enum class Measure { kDetections, kDead, kMissing, kDeadAndMissing, kSurvivors, kMinors };
core::Result<Measure> parse_measure(std::string_view text);
const char* measure_name(Measure m);
std::int64_t measure_value(const Incident& incident, Measure m);

// "YYYY-MM" -> month number; an error names the text.
core::Result<int> parse_month(std::string_view text);
std::string format_month(int month);    // "2023-01"
std::string format_quarter(int month);  // "2023-Q1"
inline int month_year(int month) { return month / 12; }
inline int quarter_of(int month) { return month / 3; }  // quarter number
std::string format_quarter_number(int quarter);         // quarter number -> "2023-Q1"

}  // namespace crossroads::trends
