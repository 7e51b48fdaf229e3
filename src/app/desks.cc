#include "app/desks.h"

#include <algorithm>
#include <set>

#include "app/accounts.h"
#include "auth/access.h"
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

namespace {

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

core::Status check_desk_text(const std::string& value, const char* field) {
  if (value.empty()) return core::invalid("must not be empty", field);
  if (value.size() > 100) return core::invalid("must have at most 100 bytes", field);
  if (std::any_of(value.begin(), value.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return core::invalid("must not contain control characters", field);
  }
  if (value.find(',') != std::string::npos) {
    return core::invalid("must not contain commas (desks are kept as CSV)", field);
  }
  return core::Status::ok();
}

}  // namespace

core::Result<core::Desk> save_desk(store::Store& store, const core::Clock& clock,
                                   const Actor& actor, core::Desk desk) {
  const std::string object = "desk:" + desk.code;
  if (!auth::can_manage_accounts(actor.user)) {
    return audit_refusal(store, clock, actor, "desk.update", object, 0,
                         core::denied("only administrators add or change desks"));
  }
  desk.name = trimmed(desk.name);
  desk.group = trimmed(desk.group);
  std::string action = "desk.update";
  core::Status st = [&]() -> core::Status {
    if (desk.code.size() != 2 || !std::all_of(desk.code.begin(), desk.code.end(),
                                              [](char c) { return c >= 'A' && c <= 'Z'; })) {
      return core::invalid(
          "'" + desk.code + "' is not an ISO 3166-1 alpha-2 code in capitals (e.g. IT)", "code");
    }
    CR_RETURN_IF_ERROR(check_desk_text(desk.name, "name"));
    CR_RETURN_IF_ERROR(check_desk_text(desk.group, "group"));
    return store.write([&](store::Transaction& tx) -> core::Status {
      auto existing = tx.get_desk(desk.code);
      std::string detail;
      if (existing.is_ok()) {
        action = "desk.update";
        if (existing->name != desk.name)
          detail += "name '" + existing->name + "' -> '" + desk.name + "'";
        if (existing->group != desk.group) {
          detail += (detail.empty() ? "" : ", ") + std::string("group '") + existing->group +
                    "' -> '" + desk.group + "'";
        }
        if (detail.empty()) detail = "no change";
      } else if (existing.status().code() == core::Code::kNotFound) {
        action = "desk.create";
        detail = desk.name + " (" + desk.group + ")";
      } else {
        return existing.status();
      }
      CR_RETURN_IF_ERROR(tx.upsert_desk(desk));
      return audit(tx, clock, actor, action, object, 0, "ok", detail);
    });
  }();
  if (!st) return audit_refusal(store, clock, actor, action, object, 0, st);
  return desk;
}

}  // namespace crossroads::app
