// Cooperation records of a case: the joint investigation teams, coordination meetings,
// European Investigation Orders and European Arrest Warrants that follow a link. They are case
// data: listed by whoever may read the case, added, changed and removed by whoever may write
// it (auth/access.h), every read and write audited in the same transaction. The partner desks
// a record names gain no access to the case by being named: only sharing the case does that.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/focus_group.h"
#include "core/status.h"
#include "store/store.h"

namespace crossroads::app {

// Fields of a new record (all but ended_on, partner_desks and notes required) or of a change
// (only those set are changed; an empty ended_on makes the record ongoing again).
struct CooperationFields {
  std::optional<std::string> kind;
  std::optional<std::string> title;
  std::optional<std::string> started_on;
  std::optional<std::string> ended_on;
  std::optional<std::vector<std::string>> partner_desks;
  std::optional<std::string> notes;
  std::optional<std::int64_t> version;  // required for changes: the version that was read
};

class Cooperation {
 public:
  Cooperation(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}
  Cooperation(const Cooperation&) = delete;
  Cooperation& operator=(const Cooperation&) = delete;

  core::Result<std::vector<core::Cooperation>> list(const Actor& actor, core::Id case_id);
  core::Result<core::Cooperation> add(const Actor& actor, core::Id case_id,
                                      const CooperationFields& fields);
  core::Result<core::Cooperation> update(const Actor& actor, core::Id id,
                                         const CooperationFields& fields);
  // A change must carry the version it read; a stale one is refused (409, field "version").
  // A removal checks the version when one is given.
  core::Status remove(const Actor& actor, core::Id id,
                      std::optional<std::int64_t> version = std::nullopt);

  // Checks `fields` onto `record` for the case owned by `owning_desk` (exposed for the
  // synthetic world's loader, which writes records in its own transactions).
  static core::Status apply(store::Transaction& tx, const CooperationFields& fields,
                            const std::string& owning_desk, core::Cooperation& record);

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace crossroads::app
