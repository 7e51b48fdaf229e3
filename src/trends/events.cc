#include "trends/events.h"

#include <cmath>
#include <map>

#include "core/csv.h"
#include "trends/iom.h"

namespace crossroads::trends {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// The number written just before `word` in `text` ("120 migrants"), or -1.
std::int64_t number_before(std::string_view text, std::string_view word) {
  auto pos = text.find(word);
  while (pos != std::string_view::npos) {
    std::size_t end = pos;
    while (end > 0 && text[end - 1] == ' ') --end;
    std::size_t start = end;
    while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') --start;
    if (start < end && end - start < 10)
      return std::stoll(std::string(text.substr(start, end - start)));
    pos = text.find(word, pos + 1);
  }
  return -1;
}

// The number written just after `word` ("fee 2500").
std::int64_t number_after(std::string_view text, std::string_view word) {
  auto pos = text.find(word);
  if (pos == std::string_view::npos) return -1;
  std::size_t i = pos + word.size();
  while (i < text.size() && text[i] == ' ') ++i;
  std::size_t start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (start == i || i - start > 9) return -1;
  return std::stoll(std::string(text.substr(start, i - start)));
}

std::string word_after(std::string_view text, std::string_view word) {
  auto pos = text.find(word);
  if (pos == std::string_view::npos) return {};
  std::size_t i = pos + word.size();
  std::size_t start = i;
  while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != ';' && text[i] != '.')
    ++i;
  return std::string(text.substr(start, i - start));
}

const std::string* first(const core::Properties& p, const char* name) {
  auto it = p.find(name);
  if (it == p.end() || it->second.empty()) return nullptr;
  return &it->second.front();
}

}  // namespace

core::Result<ImportResult> import_synth_events(std::string_view text, const Taxonomy& taxonomy) {
  auto records = core::parse_csv(text);
  if (!records) return core::invalid("the file is not readable CSV: " + records.status().message());
  if (records->empty())
    return core::invalid("the file is empty; events.csv starts with a header row");
  std::map<std::string, std::size_t> col;
  const auto& header = records->front().fields;
  for (std::size_t i = 0; i < header.size(); ++i) col.emplace(header[i], i);
  for (const char* needed : {"date", "route", "migrants"}) {
    if (!col.count(needed)) {
      return core::invalid(std::string("events.csv has no '") + needed +
                           "' column; write it with 'crossroads synth --out DIR'");
    }
  }
  auto field = [&](const core::CsvRecord& r, const char* key) -> std::string {
    auto it = col.find(key);
    if (it == col.end() || it->second >= r.fields.size()) return {};
    return r.fields[it->second];
  };
  ImportResult result;
  for (std::size_t n = 1; n < records->size(); ++n) {
    const auto& r = (*records)[n];
    if (r.fields.size() == 1 && r.fields[0].empty()) continue;
    ++result.rows;
    const auto row = static_cast<std::int64_t>(r.line);
    Incident inc;
    auto day = parse_day(field(r, "date"));
    if (!day) {
      result.errors.push_back({row, "date", "not a date: '" + field(r, "date") + "'"});
      continue;
    }
    inc.date = format_day(*day);
    inc.month = day->year * 12 + day->month - 1;
    inc.route = taxonomy.route_for_name(field(r, "route"));
    if (inc.route.empty()) inc.route = "other";
    if (const RouteInfo* info = taxonomy.find(inc.route)) inc.border_type = info->border_type;
    inc.place = field(r, "place");
    inc.country = upper(field(r, "country"));
    bool bad = false;
    auto count = [&](const char* key, std::int64_t& out) {
      if (bad || !col.count(key)) return;
      const std::string v = field(r, key);
      if (v.empty()) return;
      char* end = nullptr;
      const long long x = std::strtoll(v.c_str(), &end, 10);
      if (*end != '\0' || x < 0) {
        result.errors.push_back({row, key, "not a count: '" + v + "'"});
        bad = true;
        return;
      }
      out = x;
    };
    count("migrants", inc.detected);
    count("dead", inc.dead);
    count("missing", inc.missing);
    count("unaccompanied_minors", inc.unaccompanied_minors);
    std::int64_t fee = 0;
    count("fee_per_person", fee);
    if (bad) continue;
    if (fee > 0) inc.fee = static_cast<double>(fee);
    const std::string lat = field(r, "latitude");
    const std::string lon = field(r, "longitude");
    if (!lat.empty() && !lon.empty()) {
      char* e1 = nullptr;
      char* e2 = nullptr;
      const double la = std::strtod(lat.c_str(), &e1);
      const double lo = std::strtod(lon.c_str(), &e2);
      if (*e1 == '\0' && *e2 == '\0' && std::fabs(la) <= 90 && std::fabs(lo) <= 180) {
        inc.latitude = la;
        inc.longitude = lo;
      }
    }
    inc.vessel_type = field(r, "conveyance");
    inc.payment_channel = field(r, "payment_channel");
    inc.source_ref = field(r, "event_id");
    result.incidents.push_back(std::move(inc));
  }
  return result;
}

std::optional<Incident> incident_from_event(const core::Entity& e, const Taxonomy& taxonomy) {
  if (e.schema != "Event") return std::nullopt;
  const std::string* date = first(e.properties, "date");
  if (!date) date = first(e.properties, "startDate");
  if (!date) return std::nullopt;
  Incident inc;
  if (auto day = parse_day(*date)) {
    inc.date = format_day(*day);
    inc.month = day->year * 12 + day->month - 1;
  } else if (auto month = parse_month(std::string_view(*date).substr(0, 7)); month) {
    inc.month = *month;
  } else {
    return std::nullopt;
  }
  if (const std::string* country = first(e.properties, "country")) inc.country = upper(*country);
  inc.route = taxonomy.route_for_entry_country(inc.country);
  if (inc.route.empty()) inc.route = "other";
  if (const RouteInfo* info = taxonomy.find(inc.route)) inc.border_type = info->border_type;
  if (const std::string* place = first(e.properties, "location")) inc.place = *place;
  std::string text;
  for (const char* p : {"description", "summary", "name"}) {
    if (const std::string* t = first(e.properties, p)) text += *t + " ; ";
  }
  const std::string lower = ascii_lower(text);
  inc.detected = std::max<std::int64_t>(0, number_before(lower, "migrants"));
  inc.dead = std::max<std::int64_t>(0, number_before(lower, "dead"));
  inc.missing = std::max<std::int64_t>(0, number_before(lower, "missing"));
  inc.unaccompanied_minors =
      std::max<std::int64_t>(0, number_before(lower, "unaccompanied minors"));
  if (auto fee = number_after(lower, "fee "); fee > 0) inc.fee = static_cast<double>(fee);
  inc.payment_channel = word_after(lower, "paid by ");
  auto on_a = lower.find(" on a ");
  if (on_a != std::string::npos) {
    auto end = lower.find(',', on_a);
    inc.vessel_type =
        lower.substr(on_a + 6, end == std::string::npos ? std::string::npos : end - on_a - 6);
  }
  inc.document_fraud = lower.find("forged") != std::string::npos ||
                       lower.find("fraudulent document") != std::string::npos;
  inc.source_ref = e.ftm_id;
  inc.case_id = e.case_id;
  return inc;
}

}  // namespace crossroads::trends
