#include "trends/incident.h"

#include <cstdio>

namespace crossroads::trends {

core::Result<Measure> parse_measure(std::string_view text) {
  if (text.empty() || text == "detections") return Measure::kDetections;
  if (text == "dead") return Measure::kDead;
  if (text == "missing") return Measure::kMissing;
  if (text == "dead_and_missing") return Measure::kDeadAndMissing;
  if (text == "survivors") return Measure::kSurvivors;
  if (text == "minors") return Measure::kMinors;
  return core::invalid("'" + std::string(text) +
                           "' is not a measure; use detections, dead, missing, dead_and_missing, "
                           "survivors or minors",
                       "measure");
}

const char* measure_name(Measure m) {
  switch (m) {
    case Measure::kDetections:
      return "detections";
    case Measure::kDead:
      return "dead";
    case Measure::kMissing:
      return "missing";
    case Measure::kDeadAndMissing:
      return "dead_and_missing";
    case Measure::kSurvivors:
      return "survivors";
    case Measure::kMinors:
      return "minors";
  }
  return "detections";
}

std::int64_t measure_value(const Incident& i, Measure m) {
  switch (m) {
    case Measure::kDetections:
      return i.detected;
    case Measure::kDead:
      return i.dead;
    case Measure::kMissing:
      return i.missing;
    case Measure::kDeadAndMissing:
      return i.dead + i.missing;
    case Measure::kSurvivors:
      return i.survivors;
    case Measure::kMinors:
      return i.children + i.unaccompanied_minors;
  }
  return 0;
}

core::Result<int> parse_month(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t k = from; k < from + n; ++k) {
      if (text[k] < '0' || text[k] > '9') return -1;
      v = v * 10 + (text[k] - '0');
    }
    return v;
  };
  if (text.size() == 7 && text[4] == '-') {
    const int y = digits(0, 4);
    const int m = digits(5, 2);
    if (y >= 1900 && y <= 2200 && m >= 1 && m <= 12) return y * 12 + m - 1;
  }
  return core::invalid("'" + std::string(text) + "' is not a month; write YYYY-MM, e.g. 2023-01");
}

std::string format_month(int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month / 12, month % 12 + 1);
  return buf;
}

std::string format_quarter_number(int quarter) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-Q%d", quarter / 4, quarter % 4 + 1);
  return buf;
}

std::string format_quarter(int month) { return format_quarter_number(quarter_of(month)); }

}  // namespace crossroads::trends
