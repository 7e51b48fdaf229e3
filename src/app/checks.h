// A desk asks whether a record it holds (not stored, e.g. a name and a phone from a new
// arrest) is known to cases of the hub: answered from the in-memory match index in
// milliseconds, with what a hit notice would say. For cases the caller's desk may read, the
// answer also names the entity, its case and the explanation; for any other case only the
// desk, the strength and the kinds of evidence (need-to-know). Every check is audited.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_writer.h"
#include "core/clock.h"
#include "core/domain.h"
#include "core/status.h"
#include "match/matcher.h"
#include "store/store.h"

namespace crossroads::app {

struct CheckHit {
  std::string desk;  // the desk owning the matching case
  double strength = 0;
  std::string kind;                // "identifier" or "person"
  std::vector<std::string> kinds;  // "phone number", "person: name and birth date"
  bool visible = false;            // the caller may read the matching case
  core::Id entity_id = 0;          // only when visible
  core::Id case_id = 0;            // only when visible
  std::string explanation;         // only when visible
};

struct CheckResult {
  std::vector<CheckHit> hits;  // strongest first
  std::size_t index_size = 0;  // records the index held
};

// Matches `entity` (validated FtM) against the index as a record of the actor's desk. Only
// case roles of a desk may check. Audited as "match.check" with the number of hits and desks,
// through `audit` (group commit): the result is returned only once its record is committed.
// The cases of hits are read (for need-to-know) in a read transaction, only when there are hits.
core::Result<CheckResult> check_record(store::Store& store, AuditWriter& audit,
                                       const core::Clock& clock, const match::Matcher& matcher,
                                       const Actor& actor, core::Entity entity);

}  // namespace crossroads::app
