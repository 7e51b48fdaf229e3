// Cases and their entities. Every call checks the actor's access (auth/access.h) and writes
// its audit record in the same transaction as the change; reads are audited too. A case that
// the actor's desk may not see answers "not found", so that its existence does not leak.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/entity_listener.h"
#include "auth/access.h"
#include "core/clock.h"
#include "core/status.h"
#include "ftm/schema.h"
#include "store/store.h"

namespace crossroads::app {

struct CaseFields {
  std::optional<std::string> reference;
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::vector<std::string>> offences;
  std::optional<std::string> stage;
  std::optional<std::string> stage_date;  // defaults to today when the stage changes
  std::optional<std::string> sensitivity;
  std::optional<std::string> retention_review;
  std::optional<std::int64_t> version;  // required for updates: the version that was read
};

struct ImportReport {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::vector<std::string> errors;  // "line 12: properties.birthDate: ..."; nothing is written then
};

// Limits that keep one request from exhausting the server.
inline constexpr std::int64_t kMaxPageSize = 500;
inline constexpr std::size_t kMaxImportErrors = 100;

class Cases {
 public:
  Cases(store::Store& store, const core::Clock& clock, const ftm::SchemaRegistry& schemata)
      : store_(store), clock_(clock), schemata_(schemata) {}
  Cases(const Cases&) = delete;
  Cases& operator=(const Cases&) = delete;

  // Told of every entity written or removed, after the commit (the matcher's index).
  void set_listener(EntityListener* listener) { listener_ = listener; }

  core::Result<core::Case> create_case(const Actor& actor, const CaseFields& fields);
  core::Result<core::Case> get_case(const Actor& actor, core::Id id);
  core::Result<core::Case> find_case(const Actor& actor, const std::string& desk,
                                     const std::string& reference);
  core::Result<core::Case> update_case(const Actor& actor, core::Id id, const CaseFields& fields);
  core::Status delete_case(const Actor& actor, core::Id id);
  core::Result<store::Listing<core::Case>> list_cases(const Actor& actor, store::CaseQuery query);
  core::Result<core::Case> share_case(const Actor& actor, core::Id id, const std::string& desk);
  core::Result<core::Case> unshare_case(const Actor& actor, core::Id id, const std::string& desk);

  core::Result<core::Entity> create_entity(const Actor& actor, core::Id case_id,
                                           core::Entity entity);
  core::Result<core::Entity> get_entity(const Actor& actor, core::Id id);
  // Replaces schema and properties; `entity.version` must be the version that was read.
  core::Result<core::Entity> update_entity(const Actor& actor, core::Id id, core::Entity entity);
  core::Status delete_entity(const Actor& actor, core::Id id);
  core::Result<store::Listing<core::Entity>> list_entities(const Actor& actor,
                                                           store::EntityQuery query);

  // FollowTheMoney JSON lines. Import is all or nothing: every line is checked first and the
  // whole file is written in one transaction. Re-importing the same file changes nothing.
  core::Result<ImportReport> import_ftm(const Actor& actor, core::Id case_id,
                                        std::string_view lines, const std::string& source);
  core::Result<std::string> export_ftm(const Actor& actor, core::Id case_id);

  // Counts of cases by desk, stage and year, without contents: for the secretariat, national
  // members and administrators.
  core::Result<std::vector<store::CaseCount>> statistics(const Actor& actor);

 private:
  // Loads the case and checks access; audits a refusal.
  core::Result<core::Case> load_case(store::Transaction& tx, const Actor& actor, core::Id id,
                                     auth::CaseAccess need, const char* action);
  core::Status check_references(store::Transaction& tx, const core::Entity& entity,
                                const std::vector<std::string>& pending_ids);
  core::Status audit_read(const Actor& actor, const std::string& action, const std::string& object,
                          core::Id case_id, const std::string& detail = {});

  store::Store& store_;
  const core::Clock& clock_;
  const ftm::SchemaRegistry& schemata_;
  EntityListener* listener_ = nullptr;
};

}  // namespace crossroads::app
