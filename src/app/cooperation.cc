#include "app/cooperation.h"

#include <algorithm>

#include "app/accounts.h"
#include "app/text_checks.h"
#include "auth/access.h"

namespace crossroads::app {

using auth::CaseAccess;
using core::Code;
using core::Result;
using core::Status;

namespace {

std::string record_object(core::Id id) { return "cooperation:" + std::to_string(id); }
std::string case_object(core::Id id) { return "case:" + std::to_string(id); }

// The case, if the actor may access it as `need`; a hidden case answers as a missing one.
Result<core::Case> case_for(store::Transaction& tx, const Actor& actor, core::Id case_id,
                            CaseAccess need, const char* doing) {
  const std::string not_visible =
      "no case with id " + std::to_string(case_id) + " is visible to you";
  auto found = tx.get_case(case_id);
  if (!found) {
    return found.status().code() == Code::kNotFound ? core::not_found(not_visible) : found.status();
  }
  const CaseAccess have = auth::case_access(actor.user, *found);
  if (have == CaseAccess::kNone) return core::not_found(not_visible);
  if (!auth::at_least(have, need)) {
    if (have == CaseAccess::kDenied) {
      return core::denied(std::string("the ") + core::role_name(actor.user.role) +
                          " role does not read case contents");
    }
    if (actor.user.desk != found->desk) {
      return core::denied("the case belongs to desk " + found->desk +
                          "; a desk it is shared with may read its cooperation records but not " +
                          doing + " them");
    }
    return core::denied(std::string("the ") + core::role_name(actor.user.role) + " role may not " +
                        doing + " cooperation records");
  }
  return found;
}

// A record by id with its case, checked as case_for does; a record of a hidden case answers
// as a missing record.
Result<std::pair<core::Cooperation, core::Case>> record_for(store::Transaction& tx,
                                                            const Actor& actor, core::Id id,
                                                            const char* doing, core::Id& case_id) {
  const std::string not_visible =
      "no cooperation record with id " + std::to_string(id) + " is visible to you";
  auto record = tx.get_cooperation(id);
  if (!record) {
    return record.status().code() == Code::kNotFound ? core::not_found(not_visible)
                                                     : record.status();
  }
  case_id = record->case_id;  // refusals go on the case's trail too
  auto c = case_for(tx, actor, record->case_id, CaseAccess::kWrite, doing);
  if (!c) {
    return c.status().code() == Code::kNotFound ? core::not_found(not_visible) : c.status();
  }
  return std::make_pair(std::move(record).value(), std::move(c).value());
}

}  // namespace

Status Cooperation::apply(store::Transaction& tx, const CooperationFields& f,
                          const std::string& owning_desk, core::Cooperation& r) {
  if (f.kind) {
    const auto& kinds = core::cooperation_kinds();
    if (std::find(kinds.begin(), kinds.end(), *f.kind) == kinds.end()) {
      return core::invalid("'" + *f.kind +
                               "' is not a kind of cooperation; use jit (joint investigation "
                               "team), coordination_meeting, eio (European Investigation Order) "
                               "or eaw (European Arrest Warrant)",
                           "kind");
    }
    r.kind = *f.kind;
  }
  if (f.title) {
    r.title = trim_text(*f.title);
    CR_RETURN_IF_ERROR(check_text(r.title, "title", 1, 300, false));
  }
  if (f.started_on) {
    if (!core::is_valid_date(*f.started_on)) {
      return core::invalid("'" + *f.started_on + "' is not a date; write YYYY-MM-DD", "started_on");
    }
    r.started_on = *f.started_on;
  }
  if (f.ended_on) {
    if (!f.ended_on->empty() && !core::is_valid_date(*f.ended_on)) {
      return core::invalid("'" + *f.ended_on +
                               "' is not a date; write YYYY-MM-DD, or leave it empty while the "
                               "cooperation goes on",
                           "ended_on");
    }
    r.ended_on = *f.ended_on;
  }
  if (!r.ended_on.empty() && r.ended_on < r.started_on) {
    return core::invalid("ends (" + r.ended_on + ") before it starts (" + r.started_on + ")",
                         "ended_on");
  }
  if (f.partner_desks) {
    std::vector<std::string> desks;
    for (const std::string& d : *f.partner_desks) {
      if (d == owning_desk) {
        return core::invalid("desk " + d +
                                 " owns the case and takes part anyway; list only the other "
                                 "countries' desks",
                             "partner_desks");
      }
      auto desk = tx.get_desk(d);
      if (!desk) {
        if (desk.status().code() != Code::kNotFound) return desk.status();
        return core::invalid("there is no desk '" + d +
                                 "'; use the two-letter desk codes of GET /api/v1/desks (e.g. FR)",
                             "partner_desks");
      }
      if (std::find(desks.begin(), desks.end(), d) == desks.end()) desks.push_back(d);
    }
    if (desks.size() > 60) return core::invalid("name at most 60 desks", "partner_desks");
    r.partner_desks = std::move(desks);
  }
  if (f.notes) {
    r.notes = *f.notes;
    CR_RETURN_IF_ERROR(check_text(r.notes, "notes", 0, 20000, true));
  }
  if (r.partner_desks.empty() && r.kind != "eaw") {
    return core::invalid(
        "name the partner desk(s) taking part, e.g. [\"FR\"]; only a European "
        "Arrest Warrant may be recorded without one",
        "partner_desks");
  }
  return Status::ok();
}

Result<std::vector<core::Cooperation>> Cooperation::list(const Actor& actor, core::Id case_id) {
  const std::string action = "cooperation.list";
  std::vector<core::Cooperation> out;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(case_for(tx, actor, case_id, CaseAccess::kRead, "read").status());
    CR_ASSIGN_OR_RETURN(out, tx.list_cooperation(case_id));
    return audit(tx, clock_, actor, action, case_object(case_id), case_id, "ok",
                 std::to_string(out.size()) + " records");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(case_id), case_id, st);
  return out;
}

Result<core::Cooperation> Cooperation::add(const Actor& actor, core::Id case_id,
                                           const CooperationFields& fields) {
  const std::string action = "cooperation.create";
  core::Cooperation r;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto c, case_for(tx, actor, case_id, CaseAccess::kWrite, "add"));
    if (!fields.kind) {
      return core::invalid("is required: jit, coordination_meeting, eio or eaw", "kind");
    }
    if (!fields.title) return core::invalid("a cooperation record needs a title", "title");
    if (!fields.started_on) {
      return core::invalid("is required: the day it started (YYYY-MM-DD)", "started_on");
    }
    r.case_id = c.id;
    CR_RETURN_IF_ERROR(apply(tx, fields, c.desk, r));
    r.created_by = actor.user.id;
    r.created_at = clock_.now_ms();
    CR_ASSIGN_OR_RETURN(r.id, tx.insert_cooperation(r));
    return audit(tx, clock_, actor, action, record_object(r.id), c.id, "ok", r.kind);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(case_id), case_id, st);
  return r;
}

Result<core::Cooperation> Cooperation::update(const Actor& actor, core::Id id,
                                              const CooperationFields& fields) {
  const std::string action = "cooperation.update";
  core::Cooperation r;
  core::Id case_id = 0;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto found, record_for(tx, actor, id, "change", case_id));
    r = std::move(found.first);
    CR_RETURN_IF_ERROR(check_version(fields.version, r.version, "cooperation record"));
    CR_RETURN_IF_ERROR(apply(tx, fields, found.second.desk, r));
    CR_RETURN_IF_ERROR(tx.update_cooperation(r));
    ++r.version;
    return audit(tx, clock_, actor, action, record_object(id), case_id, "ok", r.kind);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, record_object(id), case_id, st);
  return r;
}

Status Cooperation::remove(const Actor& actor, core::Id id, std::optional<std::int64_t> version) {
  const std::string action = "cooperation.delete";
  core::Id case_id = 0;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto found, record_for(tx, actor, id, "remove", case_id));
    CR_RETURN_IF_ERROR(check_version(version, found.first.version, "cooperation record", false));
    CR_RETURN_IF_ERROR(tx.delete_cooperation(id));
    return audit(tx, clock_, actor, action, record_object(id), case_id, "ok", found.first.kind);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, record_object(id), case_id, st);
  return Status::ok();
}

}  // namespace crossroads::app
