// Reading and verifying the audit trail. Nothing here (or anywhere) changes audit records:
// the store only appends, and its database refuses updates and deletes of audit_log.
#pragma once

#include <vector>

#include "app/actor.h"
#include "core/audit_chain.h"
#include "core/clock.h"
#include "store/store.h"

namespace crossroads::app {

class AuditTrail {
 public:
  AuditTrail(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // Administrators read everything; a desk's national member, prosecutors and analysts read
  // the trail of their own desk's cases (query.case_id must be set).
  core::Result<std::vector<core::AuditRecord>> list(const Actor& actor, store::AuditQuery query);
  // Administrators only.
  core::Result<core::AuditVerification> verify(const Actor& actor);
  // For the operator at the command line.
  core::Result<core::AuditVerification> verify_unchecked();

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace crossroads::app
