#include "core/audit_chain.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/crypto.h"

namespace crossroads::core {
namespace {

std::vector<AuditRecord> make_chain(int n) {
  init_crypto();
  std::vector<AuditRecord> chain;
  std::string prev = kAuditGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditRecord r;
    r.seq = i;
    r.time = 1000 + i;
    r.user = "anna";
    r.desk = "IT";
    r.action = "case.read";
    r.object = "case:" + std::to_string(i);
    r.outcome = "ok";
    r.request_id = "req" + std::to_string(i);
    r.prev_hash = prev;
    r.hash = audit_record_hash(r);
    prev = r.hash;
    chain.push_back(r);
  }
  return chain;
}

AuditVerification verify(const std::vector<AuditRecord>& chain) {
  AuditChainVerifier v;
  for (const auto& r : chain) {
    if (!v.add(r)) break;
  }
  return v.finish();
}

TEST(AuditChain, IntactChainVerifies) {
  auto result = verify(make_chain(5));
  EXPECT_TRUE(result.intact);
  EXPECT_EQ(result.records, 5);
}

TEST(AuditChain, DetectsEditedField) {
  auto chain = make_chain(5);
  chain[2].outcome = "denied";
  auto result = verify(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_seq, 3);
}

TEST(AuditChain, DetectsRemovedRecord) {
  auto chain = make_chain(5);
  chain.erase(chain.begin() + 1);
  auto result = verify(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_seq, 3);
}

TEST(AuditChain, DetectsRemovedRecordEvenWhenRenumbered) {
  auto chain = make_chain(5);
  chain.erase(chain.begin() + 1);
  for (std::size_t i = 0; i < chain.size(); ++i) chain[i].seq = static_cast<int64_t>(i) + 1;
  auto result = verify(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_seq, 2);
}

TEST(AuditChain, DetectsReorderedRecords) {
  auto chain = make_chain(5);
  std::swap(chain[1], chain[2]);
  auto result = verify(chain);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_seq, 3);
}

TEST(AuditChain, DetectsInsertedRecord) {
  auto chain = make_chain(5);
  AuditRecord forged = chain[1];
  forged.action = "case.delete";
  forged.hash = audit_record_hash(forged);
  chain.insert(chain.begin() + 2, forged);
  auto result = verify(chain);
  EXPECT_FALSE(result.intact);
}

}  // namespace
}  // namespace crossroads::core
