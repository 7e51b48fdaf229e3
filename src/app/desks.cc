#include "app/desks.h"

#include <set>

#include "core/assert.h"

namespace crossroads::embedded {
extern const std::string_view desks_csv;
}

namespace crossroads::app {

core::Result<std::vector<core::Desk>> parse_desks_csv(std::string_view text) {
  std::vector<core::Desk> desks;
  std::set<std::string> seen;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line_no == 1) {
      if (line != "code,name,group") {
        return core::invalid("line 1: the header must be 'code,name,group'");
      }
      continue;
    }
    const auto c1 = line.find(',');
    const auto c2 = c1 == std::string::npos ? c1 : line.find(',', c1 + 1);
    if (c2 == std::string::npos) {
      return core::invalid("line " + std::to_string(line_no) +
                           ": expected three fields 'code,name,group'");
    }
    core::Desk d{line.substr(0, c1), line.substr(c1 + 1, c2 - c1 - 1), line.substr(c2 + 1)};
    if (d.code.size() != 2 || d.code[0] < 'A' || d.code[0] > 'Z' || d.code[1] < 'A' ||
        d.code[1] > 'Z') {
      return core::invalid("line " + std::to_string(line_no) + ": '" + d.code +
                           "' is not an ISO 3166-1 alpha-2 code in capitals (e.g. IT)");
    }
    if (d.name.empty() || d.group.empty()) {
      return core::invalid("line " + std::to_string(line_no) + ": name and group are required");
    }
    if (!seen.insert(d.code).second) {
      return core::invalid("line " + std::to_string(line_no) + ": desk " + d.code +
                           " is listed twice");
    }
    desks.push_back(std::move(d));
  }
  if (desks.empty()) return core::invalid("the desk list is empty");
  return desks;
}

const std::vector<core::Desk>& default_desks() {
  static const std::vector<core::Desk> desks = [] {
    auto parsed = parse_desks_csv(embedded::desks_csv);
    CR_ASSERT(parsed.is_ok());
    return std::move(parsed).value();
  }();
  return desks;
}

}  // namespace crossroads::app
