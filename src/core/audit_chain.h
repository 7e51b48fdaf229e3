// The audit trail is a hash chain: each record holds the SHA-256 of the previous record, so an
// edited, removed, inserted or reordered record breaks the chain at that point.
#pragma once

#include <functional>
#include <string>

#include "core/domain.h"
#include "core/status.h"

namespace crossroads::core {

// Hash of the chain before its first record.
inline constexpr const char* kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 over an unambiguous (length-prefixed) encoding of every field but `hash`,
// including `seq` and `prev_hash`.
std::string audit_record_hash(const AuditRecord& record);

struct AuditVerification {
  bool intact = true;
  std::int64_t records = 0;
  std::int64_t first_bad_seq = 0;  // 0 when intact
  std::string problem;             // what is wrong at first_bad_seq, for a person to read
  std::string head_hash;           // hash of the last record: write it down to detect truncation
};

// Walks records in storage order and checks sequence numbers, links and hashes.
class AuditChainVerifier {
 public:
  // Returns false once a break was found (the caller may stop feeding records).
  bool add(const AuditRecord& record);
  AuditVerification finish() const { return result_; }

 private:
  AuditVerification result_{true, 0, 0, {}, kAuditGenesisHash};
  std::int64_t expected_seq_ = 1;
};

}  // namespace crossroads::core
