#include "app/links.h"

#include <algorithm>

#include "app/accounts.h"
#include "auth/access.h"

namespace crossroads::app {

using auth::CaseAccess;
using core::Code;
using core::Result;
using core::Status;

namespace {

std::string notice_object(core::Id id) { return "hit:" + std::to_string(id); }

core::User matcher_user() {
  core::User u;
  u.username = "system:matcher";
  return u;
}

// How `user` may access `case_id`, or kNone when it does not exist.
CaseAccess access_to(store::Transaction& tx, const core::User& user, core::Id case_id) {
  auto c = tx.get_case(case_id);
  return c ? auth::case_access(user, *c) : CaseAccess::kNone;
}

}  // namespace

Result<int> Links::record(const std::vector<core::LinkHit>& hits) {
  if (hits.empty()) return 0;
  const Actor system{matcher_user(), "matcher", ""};
  int created = 0;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    const core::TimeMs now = clock_.now_ms();
    for (core::LinkHit hit : hits) {
      CR_ASSERT(hit.entity_a < hit.entity_b);
      hit.created_at = now;
      hit.updated_at = now;
      CR_ASSIGN_OR_RETURN(auto upserted, tx.upsert_link_hit(hit));
      CR_ASSIGN_OR_RETURN(auto stored, tx.get_link_hit(upserted.first));
      const core::HitNotice for_a{0,
                                  stored.id,
                                  stored.desk_a,
                                  stored.entity_a,
                                  stored.case_a,
                                  stored.desk_b,
                                  now,
                                  0,
                                  {},
                                  {},
                                  false,
                                  {}};
      const core::HitNotice for_b{0,
                                  stored.id,
                                  stored.desk_b,
                                  stored.entity_b,
                                  stored.case_b,
                                  stored.desk_a,
                                  now,
                                  0,
                                  {},
                                  {},
                                  false,
                                  {}};
      CR_ASSIGN_OR_RETURN(bool new_a, tx.insert_notice(for_a));
      bool new_b = false;
      if (stored.desk_a != stored.desk_b) {
        CR_ASSIGN_OR_RETURN(new_b, tx.insert_notice(for_b));
      }
      created += (new_a ? 1 : 0) + (new_b ? 1 : 0);
      if (upserted.second) {
        CR_RETURN_IF_ERROR(audit(tx, clock_, system, "link.found",
                                 "link:" + std::to_string(stored.id), stored.case_a, "ok",
                                 stored.kind + " link between case " +
                                     std::to_string(stored.case_a) + " (" + stored.desk_a +
                                     ") and case " + std::to_string(stored.case_b) + " (" +
                                     stored.desk_b + ")"));
      }
    }
    return Status::ok();
  }));
  return created;
}

Status Links::prune(const KeptLinks& kept) {
  if (kept.empty()) return Status::ok();
  return store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto decisions, tx.list_link_decisions());
    auto decided = [&](const core::LinkHit& hit) {
      return std::any_of(decisions.begin(), decisions.end(), [&](const auto& d) {
        return d.entity_a == hit.entity_a && d.entity_b == hit.entity_b;
      });
    };
    for (const auto& [entity_id, still_found] : kept) {
      CR_ASSIGN_OR_RETURN(auto existing, tx.link_hits_of_entity(entity_id));
      for (const auto& hit : existing) {
        const auto pair = std::make_pair(hit.entity_a, hit.entity_b);
        if (std::find(still_found.begin(), still_found.end(), pair) != still_found.end()) continue;
        if (!decided(hit)) CR_RETURN_IF_ERROR(tx.delete_link_hit(hit.id));
      }
    }
    return Status::ok();
  });
}

Result<core::HitNotice> Links::load_notice(store::Transaction& tx, const Actor& actor,
                                           core::Id notice_id) {
  const std::string hidden =
      "no hit notice with id " + std::to_string(notice_id) + " is addressed to your desk";
  if (!auth::is_case_role(actor.user.role) || actor.user.desk.empty() || actor.user.disabled) {
    return core::denied(std::string("the ") + core::role_name(actor.user.role) +
                        " role does not receive hit notices");
  }
  auto notice = tx.get_notice(notice_id);
  if (!notice) {
    return notice.status().code() == Code::kNotFound ? core::not_found(hidden) : notice.status();
  }
  if (notice->desk != actor.user.desk) return core::not_found(hidden);
  const core::Id other_case =
      notice->own_entity_id == notice->hit.entity_a ? notice->hit.case_b : notice->hit.case_a;
  notice->other_visible = auth::at_least(access_to(tx, actor.user, other_case), CaseAccess::kRead);
  CR_ASSIGN_OR_RETURN(notice->decision,
                      tx.get_link_decision(notice->hit.entity_a, notice->hit.entity_b));
  return notice;
}

Result<store::Listing<core::HitNotice>> Links::inbox(const Actor& actor, bool unread_only,
                                                     store::Page page) {
  if (!auth::is_case_role(actor.user.role) || actor.user.desk.empty() || actor.user.disabled) {
    return audit_refusal(store_, clock_, actor, "hit.list", "hits", 0,
                         core::denied(std::string("the ") + core::role_name(actor.user.role) +
                                      " role does not receive hit notices"));
  }
  if (page.limit < 1 || page.limit > 500) {
    return core::invalid("limit must be between 1 and 500", "limit");
  }
  store::Listing<core::HitNotice> out;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_notices(actor.user.desk, unread_only, page));
    for (auto& n : out.items) {
      const core::Id other_case = n.own_entity_id == n.hit.entity_a ? n.hit.case_b : n.hit.case_a;
      n.other_visible = auth::at_least(access_to(tx, actor.user, other_case), CaseAccess::kRead);
      CR_ASSIGN_OR_RETURN(n.decision, tx.get_link_decision(n.hit.entity_a, n.hit.entity_b));
    }
    return audit(tx, clock_, actor, "hit.list", "hits", 0, "ok",
                 std::to_string(out.items.size()) + " of " + std::to_string(out.total));
  }));
  return out;
}

Result<core::HitNotice> Links::open_notice(const Actor& actor, core::Id notice_id) {
  core::HitNotice notice;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(notice, load_notice(tx, actor, notice_id));
    if (notice.read_at == 0) {
      notice.read_at = clock_.now_ms();
      CR_RETURN_IF_ERROR(tx.mark_notice_read(notice_id, notice.read_at));
    }
    return audit(tx, clock_, actor, "hit.read", notice_object(notice_id), notice.own_case_id, "ok");
  });
  if (!st) return audit_refusal(store_, clock_, actor, "hit.read", notice_object(notice_id), 0, st);
  return notice;
}

Result<core::LinkDecision> Links::decide(const Actor& actor, core::Id notice_id, bool confirm,
                                         const std::string& note) {
  core::LinkDecision decision;
  core::Id case_id = 0;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto notice, load_notice(tx, actor, notice_id));
    case_id = notice.own_case_id;
    if (!auth::at_least(access_to(tx, actor.user, notice.own_case_id), CaseAccess::kWrite)) {
      return core::denied(std::string("the ") + core::role_name(actor.user.role) +
                          " role may not decide on links");
    }
    if (note.size() > 2000) return core::invalid("at most 2000 characters", "note");
    decision.entity_a = notice.hit.entity_a;
    decision.entity_b = notice.hit.entity_b;
    decision.confirmed = confirm;
    decision.decided_by = actor.user.id;
    decision.decided_at = clock_.now_ms();
    decision.note = note;
    decision.decided_by_name = actor.user.display_name;
    decision.decided_by_desk = actor.user.desk;
    CR_RETURN_IF_ERROR(tx.upsert_link_decision(decision));
    return audit(tx, clock_, actor, "link.decide", notice_object(notice_id), case_id, "ok",
                 confirm ? "confirmed" : "rejected");
  });
  if (!st)
    return audit_refusal(store_, clock_, actor, "link.decide", notice_object(notice_id), case_id,
                         st);
  if (decision_listener_) decision_listener_(decision);
  return decision;
}

Result<core::AccessRequest> Links::request_access(const Actor& actor, core::Id notice_id,
                                                  const std::string& reason) {
  core::AccessRequest request;
  core::Id own_case = 0;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto notice, load_notice(tx, actor, notice_id));
    own_case = notice.own_case_id;
    if (!auth::at_least(access_to(tx, actor.user, notice.own_case_id), CaseAccess::kManage)) {
      return core::denied("only the desk's national member and prosecutors request access");
    }
    if (reason.size() > 2000) return core::invalid("at most 2000 characters", "reason");
    if (notice.other_visible) {
      return core::conflict("your desk can already read the other case", "notice");
    }
    if (notice.access_status == "pending") {
      return core::conflict("an access request for this hit is already pending", "notice");
    }
    const bool a_side = notice.own_entity_id == notice.hit.entity_a;
    request.notice_id = notice_id;
    request.requesting_desk = actor.user.desk;
    request.requested_by = actor.user.id;
    request.case_id = a_side ? notice.hit.case_b : notice.hit.case_a;
    request.owning_desk = notice.other_desk;
    request.reason = reason;
    request.created_at = clock_.now_ms();
    CR_ASSIGN_OR_RETURN(request.id, tx.insert_access_request(request));
    // Recorded against the other desk's case, so that its trail shows who asked.
    return audit(tx, clock_, actor, "access.request", "access:" + std::to_string(request.id),
                 request.case_id, "ok",
                 "desk " + actor.user.desk + " asks desk " + request.owning_desk + " after hit " +
                     std::to_string(notice_id));
  });
  if (!st)
    return audit_refusal(store_, clock_, actor, "access.request", notice_object(notice_id),
                         own_case, st);
  return request;
}

Result<std::vector<core::AccessRequest>> Links::access_requests(const Actor& actor, bool incoming) {
  if (!auth::is_case_role(actor.user.role) || actor.user.desk.empty() || actor.user.disabled) {
    return audit_refusal(store_, clock_, actor, "access.list", "access", 0,
                         core::denied(std::string("the ") + core::role_name(actor.user.role) +
                                      " role does not handle access requests"));
  }
  std::vector<core::AccessRequest> out;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_access_requests(actor.user.desk, incoming));
    return audit(
        tx, clock_, actor, "access.list", "access", 0, "ok",
        std::string(incoming ? "incoming" : "outgoing") + ", " + std::to_string(out.size()));
  }));
  return out;
}

Result<core::AccessRequest> Links::decide_access(const Actor& actor, core::Id request_id,
                                                 bool grant, const std::string& note) {
  core::AccessRequest request;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    const std::string hidden =
        "no access request with id " + std::to_string(request_id) + " is addressed to your desk";
    auto found = tx.get_access_request(request_id);
    if (!found) {
      return found.status().code() == Code::kNotFound ? core::not_found(hidden) : found.status();
    }
    request = std::move(found).value();
    if (request.owning_desk != actor.user.desk) return core::not_found(hidden);
    if (!auth::at_least(access_to(tx, actor.user, request.case_id), CaseAccess::kManage)) {
      return core::denied("only the owning desk's national member and prosecutors decide");
    }
    if (request.status != "pending") {
      return core::conflict("the request was already " + request.status, "status");
    }
    if (note.size() > 2000) return core::invalid("at most 2000 characters", "note");
    request.status = grant ? "granted" : "refused";
    request.decided_by = actor.user.id;
    request.decided_at = clock_.now_ms();
    request.decision_note = note;
    CR_RETURN_IF_ERROR(tx.update_access_request(request));
    if (grant) {
      CR_RETURN_IF_ERROR(tx.add_share(request.case_id, request.requesting_desk, actor.user.id,
                                      request.decided_at));
      CR_RETURN_IF_ERROR(audit(tx, clock_, actor, "case.share",
                               "case:" + std::to_string(request.case_id), request.case_id, "ok",
                               "with desk " + request.requesting_desk + " after access request " +
                                   std::to_string(request_id)));
    }
    return audit(tx, clock_, actor, "access.decide", "access:" + std::to_string(request_id),
                 request.case_id, "ok", request.status);
  });
  if (!st) {
    return audit_refusal(store_, clock_, actor, "access.decide",
                         "access:" + std::to_string(request_id), 0, st);
  }
  return request;
}

}  // namespace crossroads::app
