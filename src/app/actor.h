// Who is asking, carried into every service call so that access checks and the audit trail
// always know the person, their desk and the request.
#pragma once

#include <string>

#include "core/domain.h"

namespace crossroads::app {

struct Actor {
  core::User user;
  std::string request_id;  // ties audit records to one HTTP request or command
  std::string origin;      // remote address, or "cli"
};

// An operator at the command line (crossroads import/export/audit): audited as "cli:<name>".
Actor command_line_actor(const core::User& user);

}  // namespace crossroads::app
