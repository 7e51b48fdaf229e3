#include "app/checks.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/accounts.h"
#include "auth/access.h"
#include "ftm/entity.h"
#include "ftm/schema.h"

namespace crossroads::app {

using core::Result;
using core::Status;

Result<CheckResult> check_record(store::Store& store, AuditWriter& audit, const core::Clock& clock,
                                 const match::Matcher& matcher, const Actor& actor,
                                 core::Entity entity) {
  const std::string action = "match.check";
  if (!auth::is_case_role(actor.user.role) || actor.user.desk.empty()) {
    return audit_refusal(store, clock, actor, action, "match", 0,
                         core::denied("only members of a desk check records against the hub"));
  }
  if (Status st = ftm::validate_entity(ftm::SchemaRegistry::builtin(), entity); !st) {
    return audit_refusal(store, clock, actor, action, "match", 0, st);
  }
  // Not indexed and of no case: every indexed entity is "another case".
  match::MatchRecord record = match::to_match_record(entity, actor.user.desk);
  record.entity_id = 0;
  record.case_id = -1;
  record.desk = actor.user.desk;
  const std::vector<match::Hit> hits = matcher.match(record);

  CheckResult result;
  result.index_size = matcher.size();
  std::set<std::string> desks;
  if (!hits.empty()) {
    std::map<core::Id, bool> readable;  // case id -> the actor may read it
    Status st = store.read([&](store::Transaction& tx) -> Status {
      for (const match::Hit& h : hits) {
        if (readable.count(h.other_case_id) != 0) continue;
        auto c = tx.get_case(h.other_case_id);
        if (!c && c.status().code() != core::Code::kNotFound) return c.status();
        readable.emplace(h.other_case_id, c && auth::at_least(auth::case_access(actor.user, *c),
                                                              auth::CaseAccess::kRead));
      }
      return Status::ok();
    });
    if (!st) return st;
    for (const match::Hit& h : hits) {
      CheckHit out;
      out.desk = h.other_desk;
      out.strength = h.probability;
      out.kind = match::hit_kind_name(h.kind);
      out.kinds = h.evidence_kinds;
      out.visible = readable.at(h.other_case_id);
      if (out.visible) {
        out.entity_id = h.other_entity_id;
        out.case_id = h.other_case_id;
        out.explanation = match::explain(h.evidence);
      }
      desks.insert(out.desk);
      result.hits.push_back(std::move(out));
    }
  }
  std::string detail = std::to_string(result.hits.size()) + " hits";
  if (!desks.empty()) {
    detail += " (desks";
    for (const auto& d : desks) detail += " " + d;
    detail += ")";
  }
  CR_RETURN_IF_ERROR(audit.append(audit_record(clock, actor, action, "match", 0, "ok", detail)));
  return result;
}

}  // namespace crossroads::app
