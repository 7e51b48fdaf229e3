#include "app/hub.h"

#include <filesystem>
#include <system_error>

#include "app/desks.h"
#include "core/crypto.h"

namespace crossroads::app {

std::string database_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "crossroads.db").string();
}

core::Result<Hub> Hub::open(const std::string& data_dir, AccountPolicy policy,
                            std::unique_ptr<core::Clock> clock) {
  core::init_crypto();
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return core::Status(core::Code::kUnavailable,
                        "cannot create the data directory '" + data_dir + "': " + ec.message());
  }
  store::SqliteOptions options;
  options.path = database_path(data_dir);
  CR_ASSIGN_OR_RETURN(auto store, store::open_sqlite_store(options));
  CR_RETURN_IF_ERROR(store->write([](store::Transaction& tx) -> core::Status {
    CR_ASSIGN_OR_RETURN(auto desks, tx.list_desks());
    if (!desks.empty()) return core::Status::ok();
    for (const auto& d : default_desks()) CR_RETURN_IF_ERROR(tx.upsert_desk(d));
    return core::Status::ok();
  }));
  Hub hub;
  hub.store = std::move(store);
  hub.clock = clock ? std::move(clock) : std::make_unique<core::SystemClock>();
  hub.accounts = std::make_unique<Accounts>(*hub.store, *hub.clock, policy);
  hub.cases = std::make_unique<Cases>(*hub.store, *hub.clock, ftm::SchemaRegistry::builtin());
  hub.audit = std::make_unique<AuditTrail>(*hub.store, *hub.clock);
  // Under load a check's audit record waits up to 250 us for others to share its transaction
  // (about 4 records each at 5,000 checks a second); alone it is written at once. A longer wait
  // (1 ms: 7 or 8 records) saves transactions but costs more in latency than it saves: with 8
  // clients at 1M persons 4,700 checks/s against 5,800.
  hub.audit_writer = std::make_unique<AuditWriter>(*hub.store, 256, std::chrono::microseconds(250));
  hub.links = std::make_unique<Links>(*hub.store, *hub.clock);
  hub.linker = std::make_unique<Linker>(*hub.store, *hub.links, match::MatcherOptions{});
  hub.cases->set_listener(hub.linker.get());
  hub.cooperation = std::make_unique<Cooperation>(*hub.store, *hub.clock);
  hub.focus_group = std::make_unique<FocusGroup>(*hub.store, *hub.clock);
  hub.trends = std::make_unique<Trends>(*hub.store, *hub.clock, trends::Taxonomy::builtin());
  return hub;
}

core::Status Hub::build_index(const std::function<void(std::size_t, std::size_t)>& progress,
                              Linker::Recording recording) {
  return linker->build(progress, recording);
}

}  // namespace crossroads::app
