#include "app/audit_trail.h"

#include "app/accounts.h"
#include "auth/access.h"

namespace crossroads::app {

using core::Code;
using core::Result;
using core::Status;

Result<std::vector<core::AuditRecord>> AuditTrail::list(const Actor& actor,
                                                        store::AuditQuery query) {
  if (query.limit < 1 || query.limit > 1000) {
    return core::invalid("limit must be between 1 and 1000", "limit");
  }
  std::vector<core::AuditRecord> out;
  const std::string object = query.case_id ? "case:" + std::to_string(query.case_id) : "audit";
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    if (!auth::can_read_full_audit(actor.user)) {
      if (query.case_id == 0) {
        return core::denied(
            "only administrators read the whole audit trail; a desk reads the "
            "trail of one of its cases (set case_id)");
      }
      auto c = tx.get_case(query.case_id);
      if (!c) {
        return c.status().code() == Code::kNotFound
                   ? core::not_found("no case with id " + std::to_string(query.case_id) +
                                     " is visible to you")
                   : c.status();
      }
      if (!auth::can_read_case_audit(actor.user, *c)) {
        if (auth::case_access(actor.user, *c) == auth::CaseAccess::kNone) {
          return core::not_found("no case with id " + std::to_string(query.case_id) +
                                 " is visible to you");
        }
        return core::denied(
            "only the owning desk's national member, prosecutors and analysts "
            "read a case's audit trail");
      }
    }
    CR_ASSIGN_OR_RETURN(out, tx.list_audit(query));
    return audit(tx, clock_, actor, "audit.read", object, query.case_id, "ok",
                 std::to_string(out.size()) + " records");
  });
  if (!st) return audit_refusal(store_, clock_, actor, "audit.read", object, query.case_id, st);
  return out;
}

Result<core::AuditVerification> AuditTrail::verify_unchecked() {
  core::AuditChainVerifier verifier;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) {
    return tx.scan_audit([&](const core::AuditRecord& r) { return verifier.add(r); });
  }));
  return verifier.finish();
}

Result<core::AuditVerification> AuditTrail::verify(const Actor& actor) {
  if (!auth::can_read_full_audit(actor.user)) {
    return audit_refusal(store_, clock_, actor, "audit.verify", "audit", 0,
                         core::denied("only administrators verify the audit trail"));
  }
  CR_ASSIGN_OR_RETURN(auto result, verify_unchecked());
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) {
    return audit(tx, clock_, actor, "audit.verify", "audit", 0, "ok",
                 result.intact ? "intact, " + std::to_string(result.records) + " records"
                               : "BROKEN at record " + std::to_string(result.first_bad_seq));
  }));
  return result;
}

}  // namespace crossroads::app
