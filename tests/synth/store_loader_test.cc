#include "synth/store_loader.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "hub_fixture.h"

namespace crossroads::synth {
namespace {

TEST(SynthStoreLoader, LoadsTheDemoWithOwnersSharesAndOneAuditRecordPerCase) {
  testing::HubFixture f;
  Config config = scale_config("demo", 7).value();
  StoreLoadOptions options;
  options.password = "correct horse battery";
  options.seed = 7;
  options.batch_entities = 500;  // several transactions
  StoreLoader loader(f.hub, options);
  Summary summary;
  {
    struct First : Sink {
      std::string ref;
      core::Status on_case(const GeneratedCase& g) override {
        if (ref.empty()) ref = g.info.reference;
        return core::Status::ok();
      }
      core::Status on_line(Stream, std::string_view) override { return core::Status::ok(); }
      core::Status on_file(std::string_view, std::string_view) override {
        return core::Status::ok();
      }
    } first;
    Config one = config;
    one.persons = 1;
    ASSERT_TRUE(generate(one, first).is_ok());
    ASSERT_TRUE(loader.check_not_loaded(first.ref).is_ok());
    auto generated = generate(config, loader);
    ASSERT_TRUE(generated.is_ok()) << generated.status().message();
    summary = *generated;
    ASSERT_TRUE(loader.finish().is_ok());
    // A second load of the same world is refused before anything is written.
    StoreLoader again(f.hub, options);
    EXPECT_EQ(again.check_not_loaded(first.ref).code(), core::Code::kConflict);
  }
  EXPECT_EQ(loader.report().cases, summary.cases);
  std::int64_t entities = 0;
  for (const auto& [schema, n] : summary.entities_by_schema) entities += n;
  EXPECT_EQ(loader.report().entities, entities);
  ASSERT_TRUE(f.hub.store
                  ->read([&](store::Transaction& tx) -> core::Status {
                    store::CaseQuery q;
                    q.unrestricted = true;
                    q.page.limit = 1000;
                    auto cases = tx.list_cases(q);
                    EXPECT_TRUE(cases.is_ok());
                    EXPECT_EQ(cases->total, summary.cases);
                    std::int64_t shared = 0;
                    for (const core::Case& c : cases->items) {
                      auto owner = tx.get_user(c.created_by);
                      EXPECT_TRUE(owner.is_ok());
                      EXPECT_EQ(owner->desk, c.desk);
                      EXPECT_EQ(owner->role, core::Role::kProsecutor);
                      shared += static_cast<std::int64_t>(tx.get_case(c.id)->shared_with.size());
                      store::AuditQuery aq;
                      aq.case_id = c.id;
                      aq.action_prefix = "case.create";
                      auto audit = tx.list_audit(aq);
                      EXPECT_TRUE(audit.is_ok());
                      EXPECT_EQ(audit->size(), 1u) << c.reference;
                    }
                    EXPECT_EQ(shared, summary.shares);
                    // Every cooperation record of the stream is on its case, audited, with
                    // partner desks other than the owner's.
                    std::int64_t records = 0;
                    std::map<std::string, std::int64_t> kinds;
                    for (const core::Case& c : cases->items) {
                      auto coop = tx.list_cooperation(c.id);
                      EXPECT_TRUE(coop.is_ok());
                      for (const auto& r : *coop) {
                        ++records;
                        ++kinds[r.kind];
                        for (const auto& d : r.partner_desks) EXPECT_NE(d, c.desk);
                        if (!r.ended_on.empty()) {
                          EXPECT_GE(r.ended_on, r.started_on);
                        }
                      }
                      store::AuditQuery aq;
                      aq.case_id = c.id;
                      aq.action_prefix = "cooperation.create";
                      EXPECT_EQ(tx.list_audit(aq)->size(), coop->size()) << c.reference;
                    }
                    EXPECT_EQ(records, summary.cooperation_records);
                    EXPECT_EQ(kinds, summary.cooperation_by_kind);
                    EXPECT_GT(kinds["jit"], 0);
                    // The Focus Group's demo content.
                    auto members = tx.list_fg_members();
                    EXPECT_GE(members->size(), summary.cases_by_desk.size());
                    std::set<std::string> member_desks;
                    for (const auto& m : *members) member_desks.insert(m.desk);
                    for (const auto& [desk, n] : summary.cases_by_desk) {
                      EXPECT_TRUE(member_desks.count(desk)) << desk;
                    }
                    auto meetings = tx.list_fg_meetings();
                    EXPECT_EQ(meetings->size(), 1u);
                    for (const auto& m : *meetings) {
                      EXPECT_GE(m.sessions.size(), 5u);
                      EXPECT_LE(m.sessions.size(), 8u);
                    }
                    auto notes = tx.list_best_practices();
                    EXPECT_GE(notes->size(), 4u);
                    for (const auto& n : *notes) EXPECT_GT(n.body.size(), 1000u) << n.title;
                    EXPECT_GE(tx.list_country_updates("")->size(), 3u);
                    auto it = tx.get_user_by_name("it.prosecutor");
                    EXPECT_TRUE(it.is_ok());
                    return core::Status::ok();
                  })
                  .is_ok());
}

}  // namespace
}  // namespace crossroads::synth
