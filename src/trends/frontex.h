// The Frontex monthly "Detections of illegal border crossings" workbook (.xlsx), as published:
// one sheet with a row per route, border type and nationality and one column per month
// ("JAN2009" ... or real dates). Columns are found by their headers, so extra, missing and
// reordered columns and extra sheets are tolerated; every row or cell that cannot be read is
// reported with its row number, column and reason.
#pragma once

#include <string_view>

#include "trends/incident.h"
#include "trends/taxonomy.h"

namespace crossroads::trends {

// Reads the workbook. Fails as a whole only when the file is not a workbook or no sheet has a
// route column and month columns; otherwise bad rows are in `errors`. Only non-zero cells
// become incidents.
core::Result<ImportResult> import_frontex(std::string_view xlsx_bytes, const Taxonomy& taxonomy);

// A month column header: "JAN2009", "Jan 2009", "January 2009", "2009-01", "2009/01", "01/2009".
std::optional<int> parse_month_header(std::string_view text);

}  // namespace crossroads::trends
