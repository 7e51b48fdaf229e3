// The desks (one per country) are data: data/desks.csv, embedded in the binary, or a file of
// the same form given to `crossroads init --desks FILE`.
#pragma once

#include <string_view>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/domain.h"
#include "core/status.h"
#include "store/store.h"

namespace crossroads::app {

// Parses "code,name,group" lines (with that header). Errors name the line.
core::Result<std::vector<core::Desk>> parse_desks_csv(std::string_view text);
// The embedded default list.
const std::vector<core::Desk>& default_desks();

// Adds a desk, or changes the name and group of one (administrators only; audited as
// desk.create or desk.update in the same transaction). Desks are never deleted: accounts,
// cases and the audit trail name them.
core::Result<core::Desk> save_desk(store::Store& store, const core::Clock& clock,
                                   const Actor& actor, core::Desk desk);

}  // namespace crossroads::app
