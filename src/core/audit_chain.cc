#include "core/audit_chain.h"

#include "core/crypto.h"

namespace crossroads::core {

namespace {
void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}
}  // namespace

std::string audit_record_hash(const AuditRecord& r) {
  std::string buf = "crossroads-audit-v1;";
  put(buf, std::to_string(r.seq));
  put(buf, std::to_string(r.time));
  put(buf, r.user);
  put(buf, r.desk);
  put(buf, r.action);
  put(buf, r.object);
  put(buf, std::to_string(r.case_id));
  put(buf, r.outcome);
  put(buf, r.request_id);
  put(buf, r.detail);
  put(buf, r.prev_hash);
  return sha256_hex(buf);
}

bool AuditChainVerifier::add(const AuditRecord& r) {
  if (!result_.intact) return false;
  auto fail = [&](std::string problem) {
    result_.intact = false;
    result_.first_bad_seq = r.seq;
    result_.problem = std::move(problem);
    return false;
  };
  if (r.seq != expected_seq_) {
    return fail("expected record " + std::to_string(expected_seq_) + " but found record " +
                std::to_string(r.seq) + " (a record was removed, inserted or reordered)");
  }
  if (r.prev_hash != result_.head_hash) {
    return fail("record " + std::to_string(r.seq) +
                " does not link to the record before it (a record was removed, inserted or "
                "reordered)");
  }
  if (audit_record_hash(r) != r.hash) {
    return fail("record " + std::to_string(r.seq) + " was altered after it was written");
  }
  result_.head_hash = r.hash;
  ++result_.records;
  ++expected_seq_;
  return true;
}

}  // namespace crossroads::core
