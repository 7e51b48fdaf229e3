// A zip archive written in memory (libzip), for tests of importers of zip-based formats (.xlsx).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace crossroads::testing {

// An archive holding `parts` (path -> content).
std::string make_zip(const std::map<std::string, std::string>& parts);

// A minimal .xlsx workbook with one sheet named `sheet` holding `rows` (cells as inline strings,
// or as numbers when a cell's text parses as one).
std::string make_xlsx(const std::string& sheet, const std::vector<std::vector<std::string>>& rows);

}  // namespace crossroads::testing
