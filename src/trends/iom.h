// The IOM Missing Migrants Project CSV export, as downloaded: columns found by their headers
// (older and newer exports name them differently), so extra, missing and reordered columns are
// tolerated. Routes are mapped to the taxonomy ("Western Balkans" -> western_balkans; unknown
// or empty -> other). Every row that cannot be read is reported with its line, column and
// reason, and left out.
#pragma once

#include <optional>
#include <string_view>

#include "trends/incident.h"
#include "trends/taxonomy.h"

namespace crossroads::trends {

core::Result<ImportResult> import_iom(std::string_view csv_text, const Taxonomy& taxonomy);

struct Day {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;
};
// "29-Oct-19", "29-Oct-2019", "2019-10-29", "29/10/2019", "Oct 29, 2019"; checks the day exists.
std::optional<Day> parse_day(std::string_view text);
std::string format_day(const Day& d);

}  // namespace crossroads::trends
