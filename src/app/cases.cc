#include "app/cases.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "app/accounts.h"
#include "auth/access.h"
#include "core/crypto.h"
#include "core/csv.h"
#include "ftm/entity.h"

namespace crossroads::app {

using auth::CaseAccess;
using core::Code;
using core::Result;
using core::Status;

namespace {

std::string case_object(core::Id id) { return "case:" + std::to_string(id); }
std::string entity_object(core::Id id) { return "entity:" + std::to_string(id); }

bool has_control_chars(const std::string& s, bool allow_newlines) {
  return std::any_of(s.begin(), s.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_newlines && (c == '\n' || c == '\t' || c == '\r')) return false;
    return c < 0x20 || c == 0x7f;
  });
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

Status check_text(const std::string& value, const char* field, std::size_t min, std::size_t max,
                  bool multiline) {
  if (value.size() < min) {
    return core::invalid(min == 1 ? "must not be empty" : "is too short", field);
  }
  if (value.size() > max) {
    return core::invalid("must have at most " + std::to_string(max) + " bytes", field);
  }
  if (has_control_chars(value, multiline)) {
    return core::invalid("must not contain control characters", field);
  }
  return Status::ok();
}

std::string join_list(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// Applies and checks `f` on `c`. Only fields that are set are touched.
Status apply_fields(const CaseFields& f, core::Case& c, const std::string& today) {
  if (f.reference) {
    c.reference = trim(*f.reference);
    CR_RETURN_IF_ERROR(check_text(c.reference, "reference", 1, 64, false));
  }
  if (f.title) {
    c.title = trim(*f.title);
    CR_RETURN_IF_ERROR(check_text(c.title, "title", 1, 300, false));
  }
  if (f.summary) {
    c.summary = *f.summary;
    CR_RETURN_IF_ERROR(check_text(c.summary, "summary", 0, 20000, true));
  }
  if (f.offences) {
    std::vector<std::string> offences;
    for (const auto& o : *f.offences) {
      if (!core::is_offence_type(o)) {
        return core::invalid(
            "'" + o + "' is not an offence type; use one of " + join_list(core::offence_types()),
            "offences");
      }
      if (std::find(offences.begin(), offences.end(), o) == offences.end()) offences.push_back(o);
    }
    if (offences.empty()) {
      return core::invalid("name at least one offence type, e.g. migrant_smuggling", "offences");
    }
    c.offences = offences;
  }
  if (f.stage) {
    if (!core::is_case_stage(*f.stage)) {
      return core::invalid(
          "'" + *f.stage + "' is not a stage; use one of " + join_list(core::case_stages()),
          "stage");
    }
    if (*f.stage != c.stage || c.stage_date.empty()) c.stage_date = today;
    c.stage = *f.stage;
  }
  if (f.stage_date) {
    if (!core::is_valid_date(*f.stage_date)) {
      return core::invalid("'" + *f.stage_date + "' is not a date; write YYYY-MM-DD", "stage_date");
    }
    c.stage_date = *f.stage_date;
  }
  if (f.sensitivity) {
    if (!core::is_sensitivity_level(*f.sensitivity)) {
      return core::invalid("'" + *f.sensitivity + "' is not a handling code; use one of " +
                               join_list(core::sensitivity_levels()),
                           "sensitivity");
    }
    c.sensitivity = *f.sensitivity;
  }
  if (f.retention_review) {
    if (!core::is_valid_date(*f.retention_review)) {
      return core::invalid("'" + *f.retention_review + "' is not a date; write YYYY-MM-DD",
                           "retention_review");
    }
    c.retention_review = *f.retention_review;
  }
  return Status::ok();
}

// An entity by id; a missing one answers as a hidden one would, so that ids reveal nothing.
Result<core::Entity> find_entity(store::Transaction& tx, core::Id id) {
  auto found = tx.get_entity(id);
  if (!found && found.status().code() == Code::kNotFound) {
    return core::not_found("no entity with id " + std::to_string(id) + " is visible to you");
  }
  return found;
}

bool valid_ftm_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
  });
}

std::string add_years(const std::string& date, int years) {
  std::string y = std::to_string(std::stoi(date.substr(0, 4)) + years);
  std::string out = y + date.substr(4);
  if (!core::is_valid_date(out)) out = y + "-02-28";  // 29 February
  return out;
}

}  // namespace

Status Cases::audit_read(const Actor& actor, const std::string& action, const std::string& object,
                         core::Id case_id, const std::string& detail) {
  return store_.write([&](store::Transaction& tx) {
    return audit(tx, clock_, actor, action, object, case_id, "ok", detail);
  });
}

Result<core::Case> Cases::load_case(store::Transaction& tx, const Actor& actor, core::Id id,
                                    CaseAccess need, const char* action) {
  auto found = tx.get_case(id);
  const std::string not_visible = "no case with id " + std::to_string(id) + " is visible to you";
  if (!found) {
    if (found.status().code() == Code::kNotFound) return core::not_found(not_visible);
    return found.status();
  }
  const CaseAccess have = auth::case_access(actor.user, *found);
  if (have == CaseAccess::kNone) return core::not_found(not_visible);
  if (!auth::at_least(have, need)) {
    std::string why;
    if (have == CaseAccess::kDenied) {
      why = std::string("the ") + core::role_name(actor.user.role) +
            " role does not read case contents";
    } else if (actor.user.desk != found->desk) {
      why = "the case belongs to desk " + found->desk +
            "; a desk it is shared with may read it but not " + action;
    } else {
      why = std::string("the ") + core::role_name(actor.user.role) + " role may not " + action +
            " this case";
    }
    return core::denied(why);
  }
  return found;
}

Result<core::Case> Cases::create_case(const Actor& actor, const CaseFields& fields) {
  const std::string action = "case.create";
  if (!auth::can_create_case(actor.user, actor.user.desk)) {
    return audit_refusal(store_, clock_, actor, action, "cases", 0,
                         core::denied(std::string("the ") + core::role_name(actor.user.role) +
                                      " role may not open cases"));
  }
  const core::TimeMs now = clock_.now_ms();
  const std::string today = core::format_date(now);
  core::Case c;
  c.desk = actor.user.desk;
  c.stage_date = today;
  c.created_by = actor.user.id;
  c.created_at = now;
  c.updated_at = now;
  Status st = [&]() -> Status {
    if (!fields.reference) return core::invalid("a case needs a reference", "reference");
    if (!fields.title) return core::invalid("a case needs a title", "title");
    if (!fields.offences) {
      return core::invalid("name at least one offence type, e.g. migrant_smuggling", "offences");
    }
    CR_RETURN_IF_ERROR(apply_fields(fields, c, today));
    if (c.retention_review.empty()) c.retention_review = add_years(today, 3);
    return store_.write([&](store::Transaction& tx) -> Status {
      CR_ASSIGN_OR_RETURN(c.id, tx.insert_case(c));
      CR_RETURN_IF_ERROR(tx.add_stage_change(c.id, {c.stage, c.stage_date, actor.user.id, now}));
      CR_ASSIGN_OR_RETURN(c, tx.get_case(c.id));
      return audit(tx, clock_, actor, action, case_object(c.id), c.id, "ok");
    });
  }();
  if (!st) return audit_refusal(store_, clock_, actor, action, "cases", 0, st);
  return c;
}

Result<core::Case> Cases::get_case(const Actor& actor, core::Id id) {
  core::Case c;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(c, load_case(tx, actor, id, CaseAccess::kRead, "read"));
    return audit(tx, clock_, actor, "case.read", case_object(id), id, "ok");
  });
  if (!st) return audit_refusal(store_, clock_, actor, "case.read", case_object(id), id, st);
  return c;
}

Result<core::Case> Cases::find_case(const Actor& actor, const std::string& desk,
                                    const std::string& reference) {
  core::Id id = 0;
  Status st = store_.read([&](store::Transaction& tx) -> Status {
    auto c = tx.get_case_by_reference(desk, reference);
    if (!c) return c.status();
    id = c->id;
    return Status::ok();
  });
  if (!st) {
    return audit_refusal(
        store_, clock_, actor, "case.read", "case:" + desk + "/" + reference, 0,
        st.code() == Code::kNotFound
            ? core::not_found("desk " + desk + " has no case '" + reference + "' visible to you")
            : st);
  }
  return get_case(actor, id);
}

Result<core::Case> Cases::update_case(const Actor& actor, core::Id id, const CaseFields& fields) {
  const std::string action = "case.update";
  core::Case c;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(c, load_case(tx, actor, id, CaseAccess::kManage, "change"));
    if (!fields.version) {
      return core::invalid("send the version you read, so that concurrent edits are not lost",
                           "version");
    }
    if (*fields.version != c.version) {
      return core::conflict("the case was changed by someone else (version " +
                                std::to_string(c.version) + ", you sent " +
                                std::to_string(*fields.version) +
                                "); reload it and apply your change again",
                            "version");
    }
    const std::string old_stage = c.stage;
    const std::string old_stage_date = c.stage_date;
    const core::TimeMs now = clock_.now_ms();
    CR_RETURN_IF_ERROR(apply_fields(fields, c, core::format_date(now)));
    c.updated_at = now;
    CR_RETURN_IF_ERROR(tx.update_case(c));
    std::string detail;
    if (c.stage != old_stage || c.stage_date != old_stage_date) {
      CR_RETURN_IF_ERROR(tx.add_stage_change(id, {c.stage, c.stage_date, actor.user.id, now}));
      detail = "stage " + old_stage + " -> " + c.stage;
    }
    CR_ASSIGN_OR_RETURN(c, tx.get_case(id));
    return audit(tx, clock_, actor, action, case_object(id), id, "ok", detail);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(id), id, st);
  return c;
}

Status Cases::delete_case(const Actor& actor, core::Id id) {
  const std::string action = "case.delete";
  std::vector<core::Id> removed;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto c, load_case(tx, actor, id, CaseAccess::kManage, "delete"));
    store::EntityQuery all;
    all.case_id = id;
    all.page.limit = 1'000'000'000;
    CR_ASSIGN_OR_RETURN(auto entities, tx.list_entities(all));
    for (const auto& e : entities.items) removed.push_back(e.id);
    CR_RETURN_IF_ERROR(tx.delete_case(id));
    return audit(
        tx, clock_, actor, action, case_object(id), id, "ok",
        "reference " + c.reference + ", " + std::to_string(c.entity_count) + " entities deleted");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(id), id, st);
  if (listener_ && !removed.empty()) listener_->entities_removed(removed);
  return Status::ok();
}

Result<store::Listing<core::Case>> Cases::list_cases(const Actor& actor, store::CaseQuery query) {
  const std::string action = "case.list";
  if (!auth::is_case_role(actor.user.role) || actor.user.desk.empty() || actor.user.disabled) {
    return audit_refusal(
        store_, clock_, actor, action, "cases", 0,
        core::denied(std::string("the ") + core::role_name(actor.user.role) +
                     " role does not read case contents; see the statistics instead"));
  }
  query.visible_to_desk = actor.user.desk;
  query.unrestricted = false;
  if (query.page.limit < 1 || query.page.limit > kMaxPageSize) {
    return core::invalid("limit must be between 1 and " + std::to_string(kMaxPageSize), "limit");
  }
  if (query.page.offset < 0) return core::invalid("offset must not be negative", "offset");
  store::Listing<core::Case> out;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_cases(query));
    return audit(tx, clock_, actor, action, "cases", 0, "ok",
                 std::to_string(out.items.size()) + " of " + std::to_string(out.total));
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, "cases", 0, st);
  return out;
}

Result<core::Case> Cases::share_case(const Actor& actor, core::Id id, const std::string& desk) {
  const std::string action = "case.share";
  core::Case c;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(c, load_case(tx, actor, id, CaseAccess::kManage, "share"));
    if (desk == c.desk) return core::invalid("the case already belongs to desk " + desk, "desk");
    if (!tx.get_desk(desk)) {
      return core::invalid("there is no desk '" + desk + "'; see GET /api/v1/desks", "desk");
    }
    CR_RETURN_IF_ERROR(tx.add_share(id, desk, actor.user.id, clock_.now_ms()));
    CR_ASSIGN_OR_RETURN(c, tx.get_case(id));
    return audit(tx, clock_, actor, action, case_object(id), id, "ok", "with desk " + desk);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(id), id, st);
  return c;
}

Result<core::Case> Cases::unshare_case(const Actor& actor, core::Id id, const std::string& desk) {
  const std::string action = "case.unshare";
  core::Case c;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(c, load_case(tx, actor, id, CaseAccess::kManage, "share"));
    CR_RETURN_IF_ERROR(tx.remove_share(id, desk));
    CR_ASSIGN_OR_RETURN(c, tx.get_case(id));
    return audit(tx, clock_, actor, action, case_object(id), id, "ok", "desk " + desk);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(id), id, st);
  return c;
}

Status Cases::check_references(store::Transaction& tx, const core::Entity& entity,
                               const std::vector<std::string>& pending_ids) {
  for (const auto& [property, target] : ftm::entity_references(schemata_, entity)) {
    if (target == entity.ftm_id) continue;
    if (std::find(pending_ids.begin(), pending_ids.end(), target) != pending_ids.end()) continue;
    auto found = tx.get_entity_by_ftm_id(entity.case_id, target);
    if (!found) {
      if (found.status().code() != Code::kNotFound) return found.status();
      return core::invalid(
          "refers to '" + target + "', which is not an entity of this case; add that entity first",
          "properties." + property);
    }
  }
  return Status::ok();
}

Result<core::Entity> Cases::create_entity(const Actor& actor, core::Id case_id,
                                          core::Entity entity) {
  const std::string action = "entity.create";
  std::string desk;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto c, load_case(tx, actor, case_id, CaseAccess::kWrite, "change"));
    entity.case_id = c.id;
    if (entity.ftm_id.empty()) entity.ftm_id = core::random_hex(20);
    if (!valid_ftm_id(entity.ftm_id)) {
      return core::invalid("an id has 1 to 128 characters: letters, digits, '-', '_', '.', ':'",
                           "id");
    }
    CR_RETURN_IF_ERROR(ftm::validate_entity(schemata_, entity));
    CR_RETURN_IF_ERROR(check_references(tx, entity, {}));
    const core::TimeMs now = clock_.now_ms();
    entity.created_by = actor.user.id;
    entity.created_at = now;
    entity.updated_at = now;
    entity.version = 1;
    if (entity.source.empty()) entity.source = "api";
    CR_ASSIGN_OR_RETURN(entity.id, tx.insert_entity(entity));
    desk = c.desk;
    return audit(tx, clock_, actor, action, entity_object(entity.id), c.id, "ok", entity.schema);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(case_id), case_id, st);
  if (listener_) listener_->entities_written({entity}, desk);
  return entity;
}

Result<core::Entity> Cases::get_entity(const Actor& actor, core::Id id) {
  const std::string action = "entity.read";
  core::Entity entity;
  core::Id case_id = 0;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(entity, find_entity(tx, id));
    case_id = entity.case_id;
    auto c = load_case(tx, actor, entity.case_id, CaseAccess::kRead, "read");
    if (!c) {
      return c.status().code() == Code::kNotFound
                 ? core::not_found("no entity with id " + std::to_string(id) + " is visible to you")
                 : c.status();
    }
    return audit(tx, clock_, actor, action, entity_object(id), case_id, "ok");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, entity_object(id), case_id, st);
  return entity;
}

Result<core::Entity> Cases::update_entity(const Actor& actor, core::Id id, core::Entity input) {
  const std::string action = "entity.update";
  std::string desk;
  core::Id case_id = 0;
  core::Entity entity;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    auto found = find_entity(tx, id);
    if (!found) return found.status();
    entity = std::move(found).value();
    case_id = entity.case_id;
    CR_ASSIGN_OR_RETURN(auto c, load_case(tx, actor, case_id, CaseAccess::kWrite, "change"));
    desk = c.desk;
    if (input.version != entity.version) {
      return core::conflict("the entity was changed by someone else (version " +
                                std::to_string(entity.version) + ", you sent " +
                                std::to_string(input.version) +
                                "); reload it and apply your change again",
                            "version");
    }
    if (!input.schema.empty()) entity.schema = input.schema;
    entity.properties = std::move(input.properties);
    CR_RETURN_IF_ERROR(ftm::validate_entity(schemata_, entity));
    CR_RETURN_IF_ERROR(check_references(tx, entity, {}));
    entity.updated_at = clock_.now_ms();
    CR_RETURN_IF_ERROR(tx.update_entity(entity));
    ++entity.version;
    return audit(tx, clock_, actor, action, entity_object(id), case_id, "ok", entity.schema);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, entity_object(id), case_id, st);
  if (listener_) listener_->entities_written({entity}, desk);
  return entity;
}

Status Cases::delete_entity(const Actor& actor, core::Id id) {
  const std::string action = "entity.delete";
  core::Id case_id = 0;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    auto found = find_entity(tx, id);
    if (!found) return found.status();
    case_id = found->case_id;
    CR_RETURN_IF_ERROR(load_case(tx, actor, case_id, CaseAccess::kWrite, "change").status());
    // Refuse to leave dangling references behind.
    store::EntityQuery q;
    q.case_id = case_id;
    q.page.limit = 1'000'000'000;
    CR_ASSIGN_OR_RETURN(auto all, tx.list_entities(q));
    for (const auto& other : all.items) {
      if (other.id == id) continue;
      for (const auto& [property, target] : ftm::entity_references(schemata_, other)) {
        if (target == found->ftm_id) {
          return core::conflict("entity " + std::to_string(other.id) + " (" + other.caption +
                                    ") refers to this one in '" + property +
                                    "'; delete or change it first",
                                "id");
        }
      }
    }
    CR_RETURN_IF_ERROR(tx.delete_entity(id));
    return audit(tx, clock_, actor, action, entity_object(id), case_id, "ok", found->schema);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, entity_object(id), case_id, st);
  if (listener_) listener_->entities_removed({id});
  return Status::ok();
}

Result<store::Listing<core::Entity>> Cases::list_entities(const Actor& actor,
                                                          store::EntityQuery query) {
  const std::string action = "entity.list";
  if (query.page.limit < 1 || query.page.limit > kMaxPageSize) {
    return core::invalid("limit must be between 1 and " + std::to_string(kMaxPageSize), "limit");
  }
  if (query.page.offset < 0) return core::invalid("offset must not be negative", "offset");
  store::Listing<core::Entity> out;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(load_case(tx, actor, query.case_id, CaseAccess::kRead, "read").status());
    CR_ASSIGN_OR_RETURN(out, tx.list_entities(query));
    return audit(tx, clock_, actor, action, case_object(query.case_id), query.case_id, "ok",
                 std::to_string(out.items.size()) + " of " + std::to_string(out.total));
  });
  if (!st)
    return audit_refusal(store_, clock_, actor, action, case_object(query.case_id), query.case_id,
                         st);
  return out;
}

Result<ImportReport> Cases::import_ftm(const Actor& actor, core::Id case_id, std::string_view lines,
                                       const std::string& source) {
  const std::string action = "entity.import";
  // Access first: a desk that may not write the case learns nothing from its file's errors,
  // and costs the server no parsing.
  if (Status access = store_.read([&](store::Transaction& tx) {
        return load_case(tx, actor, case_id, CaseAccess::kWrite, "change").status();
      });
      !access) {
    return audit_refusal(store_, clock_, actor, action, case_object(case_id), case_id, access);
  }
  ImportReport report;
  std::vector<core::Entity> batch;
  std::vector<std::string> batch_ids;
  std::unordered_set<std::string> seen;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < lines.size() && report.errors.size() < kMaxImportErrors) {
    std::size_t end = lines.find('\n', pos);
    if (end == std::string_view::npos) end = lines.size();
    std::string_view line = lines.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto fail = [&](const Status& why) {
      report.errors.push_back("line " + std::to_string(line_no) + ": " +
                              (why.field().empty() ? "" : why.field() + ": ") + why.message());
    };
    auto parsed = ftm::entity_from_json(line);
    if (!parsed) {
      fail(parsed.status());
      continue;
    }
    core::Entity e = std::move(parsed).value();
    e.case_id = case_id;
    if (e.ftm_id.empty()) {
      fail(core::invalid("every imported entity needs an id, so that re-imports update it", "id"));
      continue;
    }
    if (!valid_ftm_id(e.ftm_id)) {
      fail(core::invalid("an id has 1 to 128 characters: letters, digits, '-', '_', '.', ':'",
                         "id"));
      continue;
    }
    if (!seen.insert(e.ftm_id).second) {
      fail(core::invalid("the id '" + e.ftm_id + "' appears twice in the file", "id"));
      continue;
    }
    if (Status v = ftm::validate_entity(schemata_, e); !v) {
      fail(v);
      continue;
    }
    e.source = source;
    batch_ids.push_back(e.ftm_id);
    batch.push_back(std::move(e));
  }
  if (!report.errors.empty()) {
    const std::string detail = std::to_string(report.errors.size()) +
                               (report.errors.size() >= kMaxImportErrors ? "+" : "") +
                               " lines could not be read; nothing was imported";
    CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) {
      return audit(tx, clock_, actor, action, case_object(case_id), case_id, "invalid", detail);
    }));
    return report;
  }
  std::sort(batch_ids.begin(), batch_ids.end());
  std::string desk;
  std::vector<core::Entity> written;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    written.clear();
    CR_ASSIGN_OR_RETURN(auto c, load_case(tx, actor, case_id, CaseAccess::kWrite, "change"));
    desk = c.desk;
    const core::TimeMs now = clock_.now_ms();
    std::size_t index = 0;
    for (auto& e : batch) {
      ++index;
      if (Status refs = check_references(tx, e, batch_ids); !refs) {
        return core::invalid("entity " + std::to_string(index) + " ('" + e.ftm_id +
                                 "'): " + refs.field() + ": " + refs.message(),
                             refs.field());
      }
      auto existing = tx.get_entity_by_ftm_id(case_id, e.ftm_id);
      if (existing.is_ok()) {
        if (existing->schema == e.schema && existing->properties == e.properties) {
          ++report.unchanged;
          continue;
        }
        e.id = existing->id;
        e.version = existing->version;
        e.updated_at = now;
        CR_RETURN_IF_ERROR(tx.update_entity(e));
        ++report.updated;
        if (listener_) written.push_back(e);
        continue;
      }
      if (existing.status().code() != Code::kNotFound) return existing.status();
      e.created_by = actor.user.id;
      e.created_at = now;
      e.updated_at = now;
      CR_ASSIGN_OR_RETURN(e.id, tx.insert_entity(e));
      ++report.created;
      if (listener_) written.push_back(e);
    }
    return audit(tx, clock_, actor, action, case_object(case_id), case_id, "ok",
                 "created " + std::to_string(report.created) + ", updated " +
                     std::to_string(report.updated) + ", unchanged " +
                     std::to_string(report.unchanged) + " from " + source);
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(case_id), case_id, st);
  if (listener_ && !written.empty()) listener_->entities_written(written, desk);
  return report;
}

Result<std::string> Cases::export_ftm(const Actor& actor, core::Id case_id) {
  const std::string action = "case.export";
  std::string out;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(load_case(tx, actor, case_id, CaseAccess::kRead, "read").status());
    store::EntityQuery q;
    q.case_id = case_id;
    q.sort = "created_at";
    q.page.limit = 1'000'000'000;
    CR_ASSIGN_OR_RETURN(auto all, tx.list_entities(q));
    for (const auto& e : all.items) {
      out += ftm::entity_to_json(e);
      out += '\n';
    }
    return audit(tx, clock_, actor, action, case_object(case_id), case_id, "ok",
                 std::to_string(all.items.size()) + " entities as FollowTheMoney JSON lines");
  });
  if (!st) return audit_refusal(store_, clock_, actor, action, case_object(case_id), case_id, st);
  return out;
}

Result<std::vector<store::CaseCount>> Cases::statistics(const Actor& actor) {
  const std::string action = "statistics.read";
  if (!auth::can_read_statistics(actor.user)) {
    return audit_refusal(store_, clock_, actor, action, "statistics", 0,
                         core::denied(std::string("the ") + core::role_name(actor.user.role) +
                                      " role does not read the hub's statistics"));
  }
  std::vector<store::CaseCount> out;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.count_cases());
    return audit(tx, clock_, actor, action, "statistics", 0, "ok");
  }));
  return out;
}

// ---- CSV import with a column mapping

std::string describe(const CsvRowError& e) {
  std::string out = "line " + std::to_string(e.line) + " (row " + std::to_string(e.row) + ")";
  if (!e.column.empty()) {
    out += ", column '" + e.column + "'";
    if (!e.property.empty()) out += " (" + e.property + ")";
  }
  return out + ": " + e.message;
}

namespace {

// A value's problem without the "properties.birthDate[0]: " the entity validator puts first:
// the CSV report names the column instead.
std::string without_location(const std::string& message, const std::string& property) {
  const std::string prefix = "properties." + property + "[";
  if (message.rfind(prefix, 0) != 0) return message;
  const auto end = message.find("]: ", prefix.size());
  return end == std::string::npos ? message : message.substr(end + 3);
}

// The id of a row without an id column: the same values give the same id, so that importing
// a file again updates nothing, and a row repeated in the file is found.
std::string derived_id(const core::Entity& e) {
  std::string canonical = e.schema;
  for (const auto& [name, values] : e.properties) {
    canonical += '\x1e';
    canonical += name;
    for (const auto& v : values) {
      canonical += '\x1f';
      canonical += v;
    }
  }
  return "csv-" + core::sha256_hex(canonical).substr(0, 32);
}

}  // namespace

Result<CsvImportReport> Cases::import_csv(const Actor& actor, core::Id case_id,
                                          std::string_view csv, const CsvImportOptions& options,
                                          const std::string& source) {
  const std::string action = options.dry_run ? "entity.import.check" : "entity.import";
  const std::string object = case_object(case_id);
  // Access first, as for FtM lines: a desk that may not write the case learns nothing.
  if (Status access = store_.read([&](store::Transaction& tx) {
        return load_case(tx, actor, case_id, CaseAccess::kWrite, "change").status();
      });
      !access) {
    return audit_refusal(store_, clock_, actor, action, object, case_id, access);
  }
  auto refuse = [&](const Status& why) {
    return audit_refusal(store_, clock_, actor, action, object, case_id, why);
  };

  // The mapping: a schema a case may hold, known properties, one id column at most.
  const ftm::SchemaSpec* spec = schemata_.find(options.schema);
  const auto& supported = schemata_.supported();
  if (spec == nullptr || std::find(supported.begin(), supported.end(), spec) == supported.end()) {
    return refuse(core::invalid("'" + options.schema +
                                    "' is not a schema a case may hold; use e.g. Person "
                                    "(the list: GET /api/v1/schemata)",
                                "schema"));
  }
  if (options.columns.empty()) {
    return refuse(
        core::invalid("map at least one column to a property of " + spec->name, "mapping"));
  }
  std::size_t id_columns = 0;
  std::set<std::string> mapped;
  for (const auto& [column, target] : options.columns) {
    if (!mapped.insert(column).second) {
      return refuse(core::invalid("the column '" + column + "' is mapped twice", "mapping"));
    }
    if (target == "id") {
      ++id_columns;
    } else if (spec->property(target) == nullptr) {
      return refuse(core::invalid("'" + spec->name + "' has no property '" + target +
                                      "' (mapped from the column '" + column + "')",
                                  "mapping"));
    }
  }
  if (id_columns > 1) {
    return refuse(core::invalid("only one column can hold the entities' ids", "mapping"));
  }

  // The encoding and the separator, detected unless given; then the records.
  CsvImportReport report;
  auto decoded = core::decode_text(csv, options.encoding);
  if (!decoded) return refuse(decoded.status());
  report.encoding = decoded->encoding;
  report.byte_order_mark = decoded->byte_order_mark;
  report.encoding_detected = decoded->detected;
  report.delimiter_detected = !options.delimiter.has_value();
  report.delimiter =
      options.delimiter ? *options.delimiter : core::detect_csv_delimiter(decoded->text);
  report.format = core::describe_csv_format(report.delimiter, *decoded);
  auto records = core::parse_csv(decoded->text, report.delimiter);
  if (!records) {
    return refuse(
        core::invalid(records.status().message() + " (read as " + report.format + ")", "csv"));
  }
  if (records->empty()) {
    return refuse(core::invalid("the file is empty; its first line must name the columns", "csv"));
  }
  const std::string_view encoding_label = core::encoding_label(report.encoding);
  // The bad bytes of a record: those of the lines from its first up to the next record's.
  std::size_t next_invalid = 0;
  auto invalid_bytes_of = [&](std::size_t r) {
    const std::size_t end =
        r + 1 < records->size() ? (*records)[r + 1].line : static_cast<std::size_t>(-1);
    std::string found;
    std::size_t count = 0;
    const auto& bad = decoded->invalid;
    while (next_invalid < bad.size() && bad[next_invalid].line < (*records)[r].line) ++next_invalid;
    while (next_invalid < bad.size() && bad[next_invalid].line < end) {
      found += (found.empty() ? "" : " ") + bad[next_invalid].bytes;
      count += bad[next_invalid].count;
      ++next_invalid;
    }
    if (count == 0) return std::string();
    return "holds " + std::string(count == 1 ? "a byte" : "bytes") + " that " +
           (count == 1 ? "is" : "are") + " not valid " + std::string(encoding_label) + " (" +
           found + "); choose the file's encoding in the mapping step, or save it again as " +
           "CSV UTF-8";
  };
  if (std::string bad = invalid_bytes_of(0); !bad.empty()) {
    return refuse(core::invalid("the header (line 1) " + bad, "csv"));
  }
  const std::vector<std::string>& header = records->front().fields;
  struct Source {
    std::size_t index;
    std::string column;
    std::string target;
  };
  std::vector<Source> sources;
  for (const auto& [column, target] : options.columns) {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (trim(header[i]) == trim(column)) at.push_back(i);
    }
    if (at.empty()) {
      std::string have;
      for (const auto& h : header) have += (have.empty() ? "'" : ", '") + h + "'";
      return refuse(core::invalid(
          "there is no column '" + column + "'; the header (line 1) has " + have, "mapping"));
    }
    if (at.size() > 1) {
      return refuse(core::invalid("the header has " + std::to_string(at.size()) +
                                      " columns named '" + column +
                                      "'; rename them so that each can be mapped",
                                  "mapping"));
    }
    sources.push_back({at.front(), column, target});
  }
  auto columns_of = [&](const std::string& property) {
    std::string out;
    for (const auto& s : sources) {
      if (s.target == property) out += (out.empty() ? "" : ", ") + s.column;
    }
    return out;
  };

  // Every row is checked before anything is written.
  auto add_error = [&](std::size_t row, std::size_t line, const std::string& column,
                       const std::string& property, const std::string& message) {
    if (report.errors.size() < kMaxImportErrors) {
      report.errors.push_back({row, line, column, property, message});
    }
  };
  struct Planned {
    std::size_t row;
    std::size_t line;
    core::Entity entity;
  };
  std::vector<Planned> batch;
  std::unordered_map<std::string, std::size_t> row_of_id;
  const auto id_source = std::find_if(sources.begin(), sources.end(),
                                      [](const Source& s) { return s.target == "id"; });
  for (std::size_t r = 1; r < records->size(); ++r) {
    const auto& record = (*records)[r];
    if (record.fields.size() == 1 && trim(record.fields[0]).empty()) continue;  // a blank line
    const std::size_t row = static_cast<std::size_t>(++report.rows);
    bool bad = false;
    auto fail = [&](const std::string& column, const std::string& property,
                    const std::string& message) {
      add_error(row, record.line, column, property, message);
      bad = true;
    };
    if (std::string bad_bytes = invalid_bytes_of(r); !bad_bytes.empty()) {
      // Name the column whose cell holds them (marked U+FFFD by the decoder), if one does.
      std::string column;
      for (std::size_t i = 0; i < record.fields.size() && i < header.size(); ++i) {
        if (record.fields[i].find("\xEF\xBF\xBD") != std::string::npos) {
          column = header[i];
          break;
        }
      }
      fail(column, "", bad_bytes);
      ++report.rejected;
      continue;
    }
    if (record.fields.size() > header.size()) {
      fail("", "",
           "has " + std::to_string(record.fields.size()) + " fields but the header has " +
               std::to_string(header.size()) + "; put values that hold " +
               std::string(core::delimiter_name(report.delimiter)) +
               "s in double quotes, or choose another separator");
      ++report.rejected;
      continue;
    }
    core::Entity e;
    e.schema = spec->name;
    e.case_id = case_id;
    for (const auto& s : sources) {
      if (s.index >= record.fields.size()) continue;  // a short row: its last cells are empty
      const std::string value = trim(record.fields[s.index]);
      if (value.empty()) continue;
      if (s.target == "id") {
        e.ftm_id = value;
        continue;
      }
      // Each cell on its own first, so that an error names its column.
      core::Entity probe;
      probe.schema = spec->name;
      probe.properties[s.target] = {value};
      if (Status v = ftm::validate_entity(schemata_, probe);
          !v && v.field() == "properties." + s.target) {
        fail(s.column, s.target, without_location(v.message(), s.target));
        continue;
      }
      e.properties[s.target].push_back(value);
    }
    if (!bad) {
      if (Status v = ftm::validate_entity(schemata_, e); !v) {
        const std::string property =
            v.field().rfind("properties.", 0) == 0 ? v.field().substr(11) : "";
        fail(columns_of(property), property, v.message());
      }
    }
    if (!bad && id_source != sources.end()) {
      if (e.ftm_id.empty()) {
        fail(id_source->column, "id", "has no id; every row needs one when a column holds the ids");
      } else if (!valid_ftm_id(e.ftm_id)) {
        fail(id_source->column, "id",
             "'" + e.ftm_id + "' is not an id: 1 to 128 letters, digits, '-', '_', '.', ':'");
      }
    } else if (!bad) {
      e.ftm_id = derived_id(e);
    }
    if (!bad) {
      auto [it, fresh] = row_of_id.emplace(e.ftm_id, row);
      if (!fresh) {
        if (id_source != sources.end()) {
          fail(id_source->column, "id",
               "the id '" + e.ftm_id + "' is also on row " + std::to_string(it->second));
        } else {
          fail("", "", "repeats row " + std::to_string(it->second) + " (the same values)");
        }
      }
    }
    if (bad) {
      ++report.rejected;
      continue;
    }
    e.source = source;
    batch.push_back({row, record.line, std::move(e)});
  }
  if (report.rows == 0) {
    return refuse(core::invalid("the file has no rows under its header line", "csv"));
  }

  // In the transaction: references to other entities (in the case or in the file), then what
  // each row does. A row whose reference fails is rejected, and so, in turn, are rows that
  // refer to it. The work may run more than once (a busy database), so it starts afresh.
  const std::vector<CsvRowError> checked_errors = report.errors;
  const std::int64_t checked_rejected = report.rejected;
  std::vector<bool> dropped;
  auto settle_references = [&](store::Transaction& tx) -> Status {
    report.errors = checked_errors;
    report.rejected = checked_rejected;
    dropped.assign(batch.size(), false);
    std::vector<std::string> pending;
    pending.reserve(batch.size());
    for (const auto& p : batch) pending.push_back(p.entity.ftm_id);
    std::sort(pending.begin(), pending.end());
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (dropped[i]) continue;
        Status refs = check_references(tx, batch[i].entity, pending);
        if (refs.is_ok()) continue;
        if (refs.code() != Code::kInvalidArgument) return refs;
        const std::string property =
            refs.field().rfind("properties.", 0) == 0 ? refs.field().substr(11) : "";
        add_error(batch[i].row, batch[i].line, columns_of(property), property, refs.message());
        ++report.rejected;
        dropped[i] = true;
        changed = true;
        auto at = std::lower_bound(pending.begin(), pending.end(), batch[i].entity.ftm_id);
        if (at != pending.end() && *at == batch[i].entity.ftm_id) pending.erase(at);
      }
    }
    return Status::ok();
  };
  auto summary = [&](bool dry) {
    const std::string counts =
        std::to_string(report.created) + (dry ? " to create, " : " created, ") +
        std::to_string(report.updated) + (dry ? " to update, " : " updated, ") +
        std::to_string(report.unchanged) + " unchanged, " + std::to_string(report.rejected) +
        " rejected";
    return (dry ? "checked " : "imported ") + std::to_string(report.rows) + " rows of " +
           spec->name + " from " + source + " (" + report.format + "): " + counts;
  };

  if (options.dry_run) {
    Status st = store_.write([&](store::Transaction& tx) -> Status {
      report.created = report.updated = report.unchanged = 0;
      report.preview.clear();
      CR_RETURN_IF_ERROR(load_case(tx, actor, case_id, CaseAccess::kWrite, "change").status());
      CR_RETURN_IF_ERROR(settle_references(tx));
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (dropped[i]) continue;
        const core::Entity& e = batch[i].entity;
        std::string what = "create";
        auto existing = tx.get_entity_by_ftm_id(case_id, e.ftm_id);
        if (existing.is_ok()) {
          what = existing->schema == e.schema && existing->properties == e.properties ? "unchanged"
                                                                                      : "update";
        } else if (existing.status().code() != Code::kNotFound) {
          return existing.status();
        }
        ++(what == "create"   ? report.created
           : what == "update" ? report.updated
                              : report.unchanged);
        if (report.preview.size() < kCsvPreviewRows) {
          report.preview.push_back({batch[i].row, batch[i].line, what, e});
        }
      }
      return audit(tx, clock_, actor, action, object, case_id, "ok", summary(true));
    });
    if (!st) return refuse(st);
    return report;
  }

  std::string desk;
  std::vector<core::Entity> written;
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    report.created = report.updated = report.unchanged = 0;
    report.written = false;
    written.clear();
    CR_ASSIGN_OR_RETURN(auto c, load_case(tx, actor, case_id, CaseAccess::kWrite, "change"));
    desk = c.desk;
    CR_RETURN_IF_ERROR(settle_references(tx));
    if (report.rejected > 0 && !options.skip_invalid) {
      return audit(tx, clock_, actor, action, object, case_id, "invalid",
                   std::to_string(report.rejected) + " of " + std::to_string(report.rows) +
                       " rows from " + source + " could not be read; nothing was imported");
    }
    const core::TimeMs now = clock_.now_ms();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (dropped[i]) continue;
      core::Entity e = batch[i].entity;
      auto existing = tx.get_entity_by_ftm_id(case_id, e.ftm_id);
      if (existing.is_ok()) {
        if (existing->schema == e.schema && existing->properties == e.properties) {
          ++report.unchanged;
          continue;
        }
        e.id = existing->id;
        e.version = existing->version;
        e.created_by = existing->created_by;
        e.created_at = existing->created_at;
        e.updated_at = now;
        CR_RETURN_IF_ERROR(tx.update_entity(e));
        ++report.updated;
      } else {
        if (existing.status().code() != Code::kNotFound) return existing.status();
        e.created_by = actor.user.id;
        e.created_at = now;
        e.updated_at = now;
        CR_ASSIGN_OR_RETURN(e.id, tx.insert_entity(e));
        ++report.created;
      }
      if (listener_) written.push_back(std::move(e));
    }
    report.written = true;
    return audit(tx, clock_, actor, action, object, case_id, "ok", summary(false));
  });
  if (!st) return refuse(st);
  if (listener_ && !written.empty()) listener_->entities_written(written, desk);
  return report;
}

}  // namespace crossroads::app
