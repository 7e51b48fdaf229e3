#include "trends/frontex.h"

#include <cmath>
#include <map>
#include <set>

#include "trends/xlsx.h"

namespace crossroads::trends {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' ||
                        s.front() == '\r' || s.front() == '\xA0')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

int month_of_name(std::string_view name) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string lower = ascii_lower(name);
  if (lower.size() < 3) return -1;
  for (int m = 0; m < 12; ++m) {
    if (lower.compare(0, 3, kMonths[m]) == 0) return m;
  }
  return -1;
}

struct Columns {
  int route = -1;
  int nationality = -1;
  int border_type = -1;
  std::map<int, int> months;  // column -> month number
  std::int64_t header_row = 0;
};

// The header row of a sheet: the first of its first rows with a route column and month columns.
std::optional<Columns> find_header(const std::vector<XlsxRow>& rows, std::vector<RowError>& errors,
                                   std::map<int, std::string>& names) {
  for (std::size_t r = 0; r < rows.size() && r < 30; ++r) {
    Columns cols;
    std::set<int> seen_months;
    std::vector<RowError> duplicates;
    for (const auto& cell : rows[r].cells) {
      const std::string h = ascii_lower(trim(cell.text));
      if (cols.route < 0 && (h == "route" || h == "routes" || h == "migratory route")) {
        cols.route = cell.column;
      } else if (cols.nationality < 0 && h.find("nationality") != std::string::npos &&
                 h.find("long") == std::string::npos) {
        cols.nationality = cell.column;
      } else if (cols.border_type < 0 && (h.find("border type") != std::string::npos ||
                                          h == "bordertype" || h == "border")) {
        cols.border_type = cell.column;
      } else {
        std::optional<int> month = parse_month_header(cell.text);
        if (!month && cell.number) month = excel_serial_to_month(*cell.number);
        if (month) {
          if (!seen_months.insert(*month).second) {
            duplicates.push_back({rows[r].row, trim(cell.text),
                                  "the month " + format_month(*month) +
                                      " has a second column; only the first is read"});
            continue;
          }
          cols.months[cell.column] = *month;
          names[cell.column] = cell.number && !parse_month_header(cell.text) ? format_month(*month)
                                                                             : trim(cell.text);
          continue;
        }
      }
      names[cell.column] = trim(cell.text);
    }
    if (cols.route >= 0 && !cols.months.empty()) {
      cols.header_row = rows[r].row;
      errors.insert(errors.end(), duplicates.begin(), duplicates.end());
      return cols;
    }
    names.clear();
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> parse_month_header(std::string_view raw) {
  const std::string text = trim(raw);
  auto all_digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  auto make = [](int year, int month0) -> std::optional<int> {
    if (year < 1900 || year > 2200 || month0 < 0 || month0 > 11) return std::nullopt;
    return year * 12 + month0;
  };
  // "JAN2009", "Jan 2009", "January 2009", "Jan-2009", "Jan-09"
  const int m = month_of_name(text);
  if (m >= 0) {
    std::size_t i = 0;
    while (i < text.size() &&
           ((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z')))
      ++i;
    std::string_view rest = std::string_view(text).substr(i);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '-' || rest.front() == '/' ||
                             rest.front() == '.')) {
      rest.remove_prefix(1);
    }
    // The letters must be a month name (three letters or the full name), not "Marseille".
    static const char* kFull[] = {"january",   "february", "march",    "april",
                                  "may",       "june",     "july",     "august",
                                  "september", "october",  "november", "december"};
    const std::string letters = ascii_lower(text.substr(0, i));
    if (letters.size() != 3 && letters != kFull[m] && letters != "sept") return std::nullopt;
    if (all_digits(rest) && rest.size() == 4) return make(std::stoi(std::string(rest)), m);
    if (all_digits(rest) && rest.size() == 2) return make(2000 + std::stoi(std::string(rest)), m);
    return std::nullopt;
  }
  // "2009-01", "2009/01", "01/2009", "2009-01-01"
  if (text.size() >= 7 && all_digits(text.substr(0, 4)) && (text[4] == '-' || text[4] == '/') &&
      all_digits(text.substr(5, 2)) && (text.size() == 7 || text[7] == '-' || text[7] == '/')) {
    return make(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)) - 1);
  }
  if (text.size() == 7 && all_digits(text.substr(0, 2)) && text[2] == '/' &&
      all_digits(text.substr(3, 4))) {
    return make(std::stoi(text.substr(3, 4)), std::stoi(text.substr(0, 2)) - 1);
  }
  return std::nullopt;
}

core::Result<ImportResult> import_frontex(std::string_view bytes, const Taxonomy& taxonomy) {
  CR_ASSIGN_OR_RETURN(XlsxWorkbook book, XlsxWorkbook::open(bytes));
  ImportResult result;
  bool found = false;
  std::string looked;
  for (const auto& sheet : book.sheet_names()) {
    CR_ASSIGN_OR_RETURN(auto rows, book.read_sheet(sheet));
    std::map<int, std::string> names;
    std::vector<RowError> header_errors;
    auto cols = find_header(rows, header_errors, names);
    looked += (looked.empty() ? "'" : ", '") + sheet + "'";
    if (!cols) continue;  // notes, dictionaries: not data
    found = true;
    for (auto& e : header_errors) {
      e.column = sheet + "!" + e.column;
      result.errors.push_back(std::move(e));
    }
    for (const auto& row : rows) {
      if (row.row <= cols->header_row) continue;
      const XlsxCell* route_cell = row.cell(cols->route);
      const std::string route_text = route_cell ? trim(route_cell->text) : std::string();
      const XlsxCell* nat_cell = cols->nationality >= 0 ? row.cell(cols->nationality) : nullptr;
      const std::string nationality = nat_cell ? trim(nat_cell->text) : std::string();
      bool any_month = false;
      for (const auto& cell : row.cells) {
        if (cols->months.count(cell.column)) any_month = true;
      }
      if (route_text.empty() && nationality.empty() && !any_month) continue;  // blank row
      const std::string lower_route = ascii_lower(route_text);
      if (lower_route.rfind("total", 0) == 0 || lower_route.rfind("grand total", 0) == 0 ||
          ascii_lower(nationality).rfind("total", 0) == 0 || lower_route.rfind("source:", 0) == 0) {
        continue;  // sums of other rows, and the source note under the table
      }
      ++result.rows;
      const std::string where = sheet;
      if (route_text.empty()) {
        result.errors.push_back({row.row, names[cols->route], "the route is empty"});
        continue;
      }
      const std::string route = taxonomy.route_for_name(route_text);
      if (route.empty()) {
        result.errors.push_back(
            {row.row, names[cols->route],
             "unknown route '" + route_text +
                 "'; add it to the aliases of a route in the taxonomy (data/trends/routes.json)"});
        continue;
      }
      std::string border;
      if (cols->border_type >= 0) {
        if (const XlsxCell* b = row.cell(cols->border_type)) {
          const std::string t = ascii_lower(trim(b->text));
          if (t == "sea" || t == "land" || t == "air") {
            border = t;
          } else if (!t.empty()) {
            result.errors.push_back(
                {row.row, names[cols->border_type],
                 "not a border type: '" + trim(b->text) +
                     "' (expected Sea, Land or Air); the row is read without it"});
          }
        }
      }
      if (border.empty()) {
        if (const RouteInfo* info = taxonomy.find(route)) border = info->border_type;
      }
      for (const auto& cell : row.cells) {
        auto month = cols->months.find(cell.column);
        if (month == cols->months.end()) continue;
        std::int64_t value = 0;
        if (cell.number) {
          const double v = *cell.number;
          if (v < 0 || v > 1e9 || std::fabs(v - std::round(v)) > 1e-6) {
            result.errors.push_back(
                {row.row, names[cell.column], "not a count of detections: '" + cell.text + "'"});
            continue;
          }
          value = static_cast<std::int64_t>(std::llround(v));
        } else {
          const std::string t = trim(cell.text);
          if (t.empty() || t == "-" || t == ":" || t == "..") continue;  // no figure
          result.errors.push_back(
              {row.row, names[cell.column], "not a count of detections: '" + t + "'"});
          continue;
        }
        if (value == 0) continue;
        Incident inc;
        inc.month = month->second;
        inc.route = route;
        inc.border_type = border;
        inc.nationality = nationality;
        inc.detected = value;
        inc.source_ref = sheet + "!" + std::to_string(row.row);
        result.incidents.push_back(std::move(inc));
      }
    }
  }
  if (!found) {
    return core::invalid(
        "no sheet of this workbook has a 'Route' column and month columns (JAN2009, ...); "
        "looked at " +
        looked + ". Is this the Frontex monthly detections workbook?");
  }
  return result;
}

}  // namespace crossroads::trends
