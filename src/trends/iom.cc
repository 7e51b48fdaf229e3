#include "trends/iom.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "core/csv.h"

namespace crossroads::trends {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// Header -> canonical key; several spellings per key (exports of 2019 and of later years).
std::string canonical_column(std::string_view header) {
  std::string h = ascii_lower(trim(header));
  static const std::map<std::string, std::string> kNames = {
      {"web id", "id"},
      {"main id", "id"},
      {"incident id", "id"},
      {"reported date", "date"},
      {"incident date", "date"},
      {"date", "date"},
      {"reported year", "year"},
      {"incident year", "year"},
      {"year", "year"},
      {"reported month", "month"},
      {"month", "month"},
      {"number dead", "dead"},
      {"number of dead", "dead"},
      {"minimum estimated number of missing", "missing"},
      {"number missing", "missing"},
      {"total dead and missing", "dead_and_missing"},
      {"total number of dead and missing", "dead_and_missing"},
      {"number of survivors", "survivors"},
      {"number of children", "children"},
      {"location description", "place"},
      {"location of death", "place"},
      {"location coordinates", "coordinates"},
      {"coordinates", "coordinates"},
      {"migration route", "route"},
      {"migration route ", "route"},
      {"country of origin", "nationality"},
      {"information source", "source"},
      {"cause of death", "cause"},
  };
  auto it = kNames.find(h);
  return it == kNames.end() ? std::string() : it->second;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

int month_from_name(std::string_view name) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string lower = ascii_lower(name);
  if (lower.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (lower.compare(0, 3, kMonths[m]) == 0) return m + 1;
  }
  return 0;
}

bool to_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// A count: empty is zero; "12", "12.0" are 12; anything else is an error.
bool parse_count(const std::string& text, std::int64_t& out) {
  std::string t = trim(text);
  // Thousands separators as the export writes large figures: "1,022".
  if (t.find(',') != std::string::npos) {
    std::string digits;
    std::size_t group = 0;
    bool grouped = t.front() != ',';
    for (std::size_t i = t.size(); i-- > 0;) {
      if (t[i] == ',') {
        grouped = grouped && group == 3;
        group = 0;
      } else {
        ++group;
        digits.insert(digits.begin(), t[i]);
      }
    }
    if (!grouped || group > 3) return false;
    t = digits;
  }
  if (t.empty()) {
    out = 0;
    return true;
  }
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v) || v < 0 || v > 1e7 ||
      std::fabs(v - std::round(v)) > 1e-9) {
    return false;
  }
  out = static_cast<std::int64_t>(std::llround(v));
  return true;
}

}  // namespace

std::optional<Day> parse_day(std::string_view raw) {
  const std::string text = trim(raw);
  Day d;
  std::vector<std::string> parts;
  std::string cur;
  for (char c : text) {
    if (c == '-' || c == '/' || c == ' ' || c == ',' || c == '.') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  if (parts.size() != 3) return std::nullopt;
  int a = 0;
  int c = 0;
  if (to_int(parts[0], a) && parts[0].size() == 4) {  // 2019-10-29
    if (!to_int(parts[1], d.month) || !to_int(parts[2], d.day)) return std::nullopt;
    d.year = a;
  } else if (month_from_name(parts[0]) && to_int(parts[1], d.day) && to_int(parts[2], c)) {
    d.month = month_from_name(parts[0]);  // Oct 29, 2019
    d.year = parts[2].size() == 2 ? 2000 + c : c;
  } else if (to_int(parts[0], d.day) && to_int(parts[2], c)) {
    d.month = month_from_name(parts[1]);                              // 29-Oct-19
    if (!d.month && !to_int(parts[1], d.month)) return std::nullopt;  // 29/10/2019
    if (parts[2].size() == 2) {
      d.year = 2000 + c;
    } else if (parts[2].size() == 4) {
      d.year = c;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (d.year < 1990 || d.year > 2200 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::string format_day(const Day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

core::Result<ImportResult> import_iom(std::string_view text, const Taxonomy& taxonomy) {
  auto records = core::parse_csv(text);
  if (!records) return core::invalid("the file is not readable CSV: " + records.status().message());
  if (records->empty())
    return core::invalid("the file is empty; the IOM export starts with a header row");
  const auto& header = records->front().fields;
  std::map<std::string, std::size_t> col;  // canonical key -> index
  std::map<std::string, std::string> header_of;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string key = canonical_column(header[i]);
    if (!key.empty() && !col.count(key)) {
      col[key] = i;
      header_of[key] = trim(header[i]);
    }
  }
  if (!col.count("date") && !(col.count("year") && col.count("month"))) {
    std::string have;
    for (const auto& h : header) have += (have.empty() ? "" : ", ") + h;
    return core::invalid(
        "no date column: the IOM Missing Migrants export has 'Reported Date' (or 'Reported Year' "
        "and 'Reported Month'); this header has " +
        have);
  }
  if (!col.count("dead") && !col.count("missing") && !col.count("dead_and_missing")) {
    return core::invalid(
        "no column of dead or missing ('Number Dead', 'Minimum Estimated Number of Missing', "
        "'Total Dead and Missing'); is this the IOM Missing Migrants export?");
  }
  auto field = [&](const core::CsvRecord& r, const char* key) -> std::string {
    auto it = col.find(key);
    if (it == col.end() || it->second >= r.fields.size()) return {};
    return r.fields[it->second];
  };
  ImportResult result;
  for (std::size_t n = 1; n < records->size(); ++n) {
    const auto& r = (*records)[n];
    if (r.fields.size() == 1 && trim(r.fields[0]).empty()) continue;  // blank line
    ++result.rows;
    const auto row = static_cast<std::int64_t>(r.line);
    Incident inc;
    inc.source_ref = trim(field(r, "id"));
    // Date: the day when given, else year and month.
    const std::string date_text = trim(field(r, "date"));
    if (!date_text.empty()) {
      auto day = parse_day(date_text);
      if (!day) {
        result.errors.push_back({row, header_of["date"], "not a date: '" + date_text + "'"});
        continue;
      }
      inc.date = format_day(*day);
      inc.month = day->year * 12 + day->month - 1;
    } else {
      int year = 0;
      const std::string y = trim(field(r, "year"));
      const int month = month_from_name(trim(field(r, "month")));
      int numeric_month = 0;
      const bool month_ok = month || (to_int(trim(field(r, "month")), numeric_month) &&
                                      numeric_month >= 1 && numeric_month <= 12);
      if (!to_int(y, year) || year < 1990 || year > 2200 || !month_ok) {
        result.errors.push_back({row,
                                 header_of.count("date") ? header_of["date"] : header_of["year"],
                                 "no date: the date is empty and year/month ('" + y + "', '" +
                                     trim(field(r, "month")) + "') do not make one"});
        continue;
      }
      inc.month = year * 12 + (month ? month : numeric_month) - 1;
    }
    bool bad = false;
    auto count = [&](const char* key, std::int64_t& out) {
      if (bad || !col.count(key)) return;
      const std::string v = field(r, key);
      if (!parse_count(v, out)) {
        result.errors.push_back({row, header_of[key], "not a count: '" + trim(v) + "'"});
        bad = true;
      }
    };
    std::int64_t total = 0;
    count("dead", inc.dead);
    count("missing", inc.missing);
    count("dead_and_missing", total);
    count("survivors", inc.survivors);
    count("children", inc.children);
    if (bad) continue;
    if (!col.count("dead") && !col.count("missing")) inc.dead = total;
    const std::string coords = trim(field(r, "coordinates"));
    if (!coords.empty()) {
      double lat = 0;
      double lon = 0;
      char extra = 0;
      if (std::sscanf(coords.c_str(), "%lf , %lf %c", &lat, &lon, &extra) != 2 || lat < -90 ||
          lat > 90 || lon < -180 || lon > 180) {
        result.errors.push_back({row, header_of["coordinates"],
                                 "not coordinates 'latitude, longitude': '" + coords + "'"});
        continue;
      }
      inc.latitude = lat;
      inc.longitude = lon;
    }
    const std::string route_text = trim(field(r, "route"));
    inc.route = route_text.empty() ? std::string() : taxonomy.route_for_name(route_text);
    if (inc.route.empty()) inc.route = "other";
    inc.place = trim(field(r, "place"));
    inc.nationality = trim(field(r, "nationality"));
    result.incidents.push_back(std::move(inc));
  }
  return result;
}

}  // namespace crossroads::trends
