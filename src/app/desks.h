// The desks (one per country) are data: data/desks.csv, embedded in the binary, or a file of
// the same form given to `crossroads init --desks FILE`.
#pragma once

#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/status.h"

namespace crossroads::app {

// Parses "code,name,group" lines (with that header). Errors name the line.
core::Result<std::vector<core::Desk>> parse_desks_csv(std::string_view text);
// The embedded default list.
const std::vector<core::Desk>& default_desks();

}  // namespace crossroads::app
