#include "cli/demo.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace crossroads::embedded {
extern const std::string_view demo_json;
}

namespace crossroads::cli {

using json = nlohmann::json;

core::Status load_demo(app::Hub& hub, std::ostream& out) {
  const json demo = json::parse(embedded::demo_json, nullptr, false);
  if (demo.is_discarded()) return core::internal("the embedded demo data is not valid JSON");
  const std::string password = demo["password"].get<std::string>();
  core::User operator_user;
  operator_user.username = "cli:demo";
  const app::Actor loader = app::command_line_actor(operator_user);

  std::map<std::string, core::User> users;
  int created_users = 0;
  for (const auto& u : demo["users"]) {
    const std::string username = u["username"].get<std::string>();
    core::User existing;
    bool found = false;
    CR_RETURN_IF_ERROR(hub.store->read([&](store::Transaction& tx) -> core::Status {
      auto user = tx.get_user_by_name(username);
      if (user) {
        existing = std::move(user).value();
        found = true;
      }
      return core::Status::ok();
    }));
    if (!found) {
      app::NewUser nu{username, u["display_name"].get<std::string>(), password,
                      core::parse_role(u["role"].get<std::string>()).value(),
                      u["desk"].get<std::string>()};
      CR_ASSIGN_OR_RETURN(existing, hub.accounts->create_user_unchecked(loader, nu));
      ++created_users;
    }
    users[username] = existing;
  }

  int created_cases = 0;
  for (const auto& c : demo["cases"]) {
    const core::User& owner = users.at(c["as"].get<std::string>());
    const app::Actor actor = app::command_line_actor(owner);
    const std::string reference = c["reference"].get<std::string>();
    bool exists = false;
    CR_RETURN_IF_ERROR(hub.store->read([&](store::Transaction& tx) {
      exists = tx.get_case_by_reference(owner.desk, reference).is_ok();
      return core::Status::ok();
    }));
    if (exists) continue;
    app::CaseFields fields;
    fields.reference = reference;
    fields.title = c["title"].get<std::string>();
    fields.summary = c["summary"].get<std::string>();
    fields.offences = c["offences"].get<std::vector<std::string>>();
    fields.stage = c["stage"].get<std::string>();
    fields.sensitivity = c["sensitivity"].get<std::string>();
    CR_ASSIGN_OR_RETURN(auto created, hub.cases->create_case(actor, fields));
    for (const auto& desk : c["share_with"]) {
      CR_RETURN_IF_ERROR(
          hub.cases->share_case(actor, created.id, desk.get<std::string>()).status());
    }
    std::string lines;
    for (const auto& e : c["entities"]) lines += e.dump() + "\n";
    CR_ASSIGN_OR_RETURN(auto report, hub.cases->import_ftm(actor, created.id, lines, "demo"));
    if (!report.errors.empty()) {
      return core::internal("demo case " + reference + ": " + report.errors.front());
    }
    ++created_cases;
  }
  out << "Demo: " << created_users << " users and " << created_cases << " cases added ("
      << demo["users"].size() << " users, " << demo["cases"].size() << " cases in the demo).\n";
  return core::Status::ok();
}

}  // namespace crossroads::cli
