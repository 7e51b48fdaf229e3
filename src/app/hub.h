// Wires the services over one store: what `crossroads serve` and the other commands open.
#pragma once

#include <memory>
#include <string>

#include "app/accounts.h"
#include "app/audit_trail.h"
#include "app/audit_writer.h"
#include "app/cases.h"
#include "app/cooperation.h"
#include "app/focus_group.h"
#include "app/linker.h"
#include "app/links.h"
#include "app/trends.h"
#include "core/clock.h"
#include "store/store.h"

namespace crossroads::app {

struct Hub {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<core::Clock> clock;
  std::unique_ptr<Accounts> accounts;
  std::unique_ptr<Cases> cases;
  std::unique_ptr<AuditTrail> audit;
  std::unique_ptr<AuditWriter> audit_writer;  // group commit for high-rate audited reads (checks)
  std::unique_ptr<Links> links;
  std::unique_ptr<Linker> linker;  // attached to cases; its index is built by build_index()
  std::unique_ptr<Cooperation> cooperation;
  std::unique_ptr<FocusGroup> focus_group;
  std::unique_ptr<Trends> trends;  // over the built-in route taxonomy

  // Builds the matcher's index from the store; until then writes are not matched.
  core::Status build_index(const std::function<void(std::size_t, std::size_t)>& progress = {},
                           Linker::Recording recording = Linker::Recording::kNow);

  // Opens (creating if needed) <data_dir>/crossroads.db and applies migrations. The desks
  // table is filled from the embedded list when it is empty.
  static core::Result<Hub> open(const std::string& data_dir, AccountPolicy policy,
                                std::unique_ptr<core::Clock> clock = nullptr);
};

std::string database_path(const std::string& data_dir);

}  // namespace crossroads::app
