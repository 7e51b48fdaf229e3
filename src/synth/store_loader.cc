#include "synth/store_loader.h"

#include <utility>

#include "app/accounts.h"
#include "app/actor.h"
#include "app/desks.h"
#include "ftm/entity.h"
#include "synth/focus_group_content.h"

#include <nlohmann/json.hpp>

namespace crossroads::synth {

namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string desk_name(const std::string& code) {
  for (const core::Desk& d : app::default_desks()) {
    if (d.code == code) return d.name;
  }
  return code;
}

app::Actor loader_actor() {
  core::User u;
  u.username = "synth";
  return app::command_line_actor(u);
}

}  // namespace

StoreLoader::StoreLoader(app::Hub& hub, StoreLoadOptions options)
    : hub_(hub), options_(std::move(options)) {}

core::Status StoreLoader::check_not_loaded(const std::string& first_reference) {
  const std::string desk = first_reference.substr(0, 2);
  bool exists = false;
  CR_RETURN_IF_ERROR(hub_.store->read([&](store::Transaction& tx) {
    exists = tx.get_case_by_reference(desk, first_reference).is_ok();
    return core::Status::ok();
  }));
  if (exists) {
    return core::conflict("the store already holds this synthetic world (case " + first_reference +
                          "); use a fresh --data-dir or another --seed");
  }
  if (options_.demo_accounts) {
    CR_RETURN_IF_ERROR(ensure_user("admin", "Hub administrator", core::Role::kAdministrator, ""));
    CR_RETURN_IF_ERROR(
        ensure_user("secretariat", "Focus Group secretariat", core::Role::kSecretariat, "NL"));
    CR_RETURN_IF_ERROR(
        ensure_user("it.nm", "National member, Italy", core::Role::kNationalMember, "IT"));
    CR_RETURN_IF_ERROR(ensure_user("it.analyst", "Analyst, Italy", core::Role::kAnalyst, "IT"));
    CR_RETURN_IF_ERROR(
        ensure_user("de.observer", "Observer, Germany", core::Role::kObserver, "DE"));
    for (const char* desk : {"IT", "DE", "GR"}) CR_RETURN_IF_ERROR(prosecutor(desk).status());
  }
  return core::Status::ok();
}

core::Status StoreLoader::ensure_user(const std::string& username, const std::string& display_name,
                                      core::Role role, const std::string& desk) {
  bool found = false;
  CR_RETURN_IF_ERROR(hub_.store->read([&](store::Transaction& tx) -> core::Status {
    auto user = tx.get_user_by_name(username);
    if (user) {
      found = true;
      if (role == core::Role::kProsecutor) prosecutors_[desk] = std::move(user).value();
      return core::Status::ok();
    }
    return user.status().code() == core::Code::kNotFound ? core::Status::ok() : user.status();
  }));
  if (found) return core::Status::ok();
  CR_ASSIGN_OR_RETURN(core::User created,
                      hub_.accounts->create_user_unchecked(
                          loader_actor(), {username, display_name, options_.password, role, desk}));
  ++report_.users_created;
  if (role == core::Role::kProsecutor) prosecutors_[desk] = std::move(created);
  return core::Status::ok();
}

core::Result<core::User> StoreLoader::prosecutor(const std::string& desk) {
  auto it = prosecutors_.find(desk);
  if (it != prosecutors_.end()) return it->second;
  CR_RETURN_IF_ERROR(ensure_user(lower(desk) + ".prosecutor",
                                 "Prosecutor, " + desk_name(desk) + " desk",
                                 core::Role::kProsecutor, desk));
  return prosecutors_.at(desk);
}

core::Status StoreLoader::on_case(const GeneratedCase& generated) {
  GeneratedCase copy = generated;
  for (core::Entity& e : copy.entities) {
    if (core::Status st = ftm::validate_entity(ftm::SchemaRegistry::builtin(), e); !st) {
      return core::internal("synthetic entity " + e.ftm_id + " of case " + copy.info.reference +
                            " is invalid: " + st.field() + ": " + st.message());
    }
  }
  CR_RETURN_IF_ERROR(prosecutor(copy.info.desk).status());
  pending_entities_ += copy.entities.size();
  pending_.push_back(std::move(copy));
  if (pending_entities_ >= options_.batch_entities) return flush();
  return core::Status::ok();
}

core::Status StoreLoader::on_line(Stream stream, std::string_view line) {
  if (stream != Stream::kCooperation) return core::Status::ok();
  const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  const auto text = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  if (!j.is_object()) return core::internal("a synthetic cooperation record is not JSON");
  PendingCooperation p;
  p.desk = text("desk");
  p.reference = text("case");
  p.fields.kind = text("kind");
  p.fields.title = text("title");
  p.fields.started_on = text("started_on");
  p.fields.ended_on = text("ended_on");
  p.fields.notes = text("notes");
  std::vector<std::string> partners;
  if (j.contains("partner_desks") && j["partner_desks"].is_array()) {
    for (const auto& d : j["partner_desks"]) {
      if (d.is_string()) partners.push_back(d.get<std::string>());
    }
  }
  p.fields.partner_desks = std::move(partners);
  pending_cooperation_.push_back(std::move(p));
  return core::Status::ok();
}

core::Status StoreLoader::flush() {
  if (pending_.empty() && pending_cooperation_.empty()) return core::Status::ok();
  const core::TimeMs now = hub_.clock->now_ms();
  const std::string today = core::format_date(now);
  const std::string retention = std::to_string(std::stoi(today.substr(0, 4)) + 3) + today.substr(4);
  CR_RETURN_IF_ERROR(hub_.store->write([&](store::Transaction& tx) -> core::Status {
    for (GeneratedCase& g : pending_) {
      const core::User& owner = prosecutors_.at(g.info.desk);
      const app::Actor actor = app::command_line_actor(owner);
      core::Case c = g.info;
      c.created_by = owner.id;
      c.created_at = now;
      c.updated_at = now;
      c.retention_review = retention;
      CR_ASSIGN_OR_RETURN(c.id, tx.insert_case(c));
      CR_RETURN_IF_ERROR(tx.add_stage_change(c.id, {c.stage, c.stage_date, owner.id, now}));
      for (core::Entity& e : g.entities) {
        e.case_id = c.id;
        e.source = "synth";
        e.created_by = owner.id;
        e.created_at = now;
        e.updated_at = now;
        CR_RETURN_IF_ERROR(tx.insert_entity(e).status());
      }
      std::string shared;
      for (const std::string& desk : g.info.shared_with) {
        CR_RETURN_IF_ERROR(tx.add_share(c.id, desk, owner.id, now));
        shared += (shared.empty() ? "" : ", ") + desk;
      }
      CR_RETURN_IF_ERROR(app::audit(
          tx, *hub_.clock, actor, "case.create", "case:" + std::to_string(c.id), c.id, "ok",
          "synthetic world, seed " + std::to_string(options_.seed) + ": " +
              std::to_string(g.entities.size()) + " entities" +
              (shared.empty() ? std::string() : ", shared with " + shared)));
      ++report_.cases;
      report_.entities += static_cast<std::int64_t>(g.entities.size());
    }
    // Cooperation records follow their cases in the stream: those cases are written by now.
    for (const PendingCooperation& p : pending_cooperation_) {
      CR_ASSIGN_OR_RETURN(core::Case c, tx.get_case_by_reference(p.desk, p.reference));
      const core::User& owner = prosecutors_.at(p.desk);
      core::Cooperation record;
      record.case_id = c.id;
      if (core::Status st = app::Cooperation::apply(tx, p.fields, c.desk, record); !st) {
        return core::internal("synthetic cooperation record of case " + p.reference +
                              " is invalid: " + st.field() + ": " + st.message());
      }
      record.created_by = owner.id;
      record.created_at = now;
      CR_ASSIGN_OR_RETURN(record.id, tx.insert_cooperation(record));
      CR_RETURN_IF_ERROR(app::audit(tx, *hub_.clock, app::command_line_actor(owner),
                                    "cooperation.create",
                                    "cooperation:" + std::to_string(record.id), c.id, "ok",
                                    "synthetic world: " + record.kind));
      ++report_.cooperation;
    }
    return core::Status::ok();
  }));
  pending_cooperation_.clear();
  pending_.clear();
  pending_entities_ = 0;
  return core::Status::ok();
}

core::Status StoreLoader::finish() {
  CR_RETURN_IF_ERROR(flush());
  return options_.focus_group ? load_focus_group() : core::Status::ok();
}

core::Status StoreLoader::load_focus_group() {
  bool loaded = false;
  CR_RETURN_IF_ERROR(hub_.store->read([&](store::Transaction& tx) -> core::Status {
    CR_ASSIGN_OR_RETURN(auto members, tx.list_fg_members());
    loaded = !members.empty();
    return core::Status::ok();
  }));
  if (loaded) return core::Status::ok();  // a second world in the same store: keep the first's
  CR_RETURN_IF_ERROR(
      ensure_user("secretariat", "Focus Group secretariat", core::Role::kSecretariat, "NL"));
  core::User secretariat_user;
  CR_RETURN_IF_ERROR(hub_.store->read([&](store::Transaction& tx) -> core::Status {
    CR_ASSIGN_OR_RETURN(secretariat_user, tx.get_user_by_name("secretariat"));
    return core::Status::ok();
  }));
  const app::Actor secretariat = app::command_line_actor(secretariat_user);
  app::FocusGroup& fg = *hub_.focus_group;
  // Members: the chair and vice-chair, and for every desk with cases its named prosecutor and
  // the desk's prosecutor account.
  const FocusGroupContent content = focus_group_content(options_.seed);
  for (const NamedProsecutor& p : content.prosecutors) {
    if (p.role != "chair" && p.role != "vice_chair" && !prosecutors_.count(p.desk)) continue;
    app::MemberFields f;
    f.desk = p.desk;
    f.name = p.name;
    f.role = p.role;
    f.since = p.since;
    CR_RETURN_IF_ERROR(fg.add_member(secretariat, f).status());
    ++report_.focus_group_entries;
  }
  for (const auto& [desk, user] : prosecutors_) {
    app::MemberFields f;
    f.desk = desk;
    f.user_id = user.id;
    f.role = "contact_point";
    f.since = "2024-01-15";
    CR_RETURN_IF_ERROR(fg.add_member(secretariat, f).status());
    ++report_.focus_group_entries;
  }
  const core::FocusGroupMeeting& m = content.meeting;
  app::MeetingFields meeting;
  meeting.title = m.title;
  meeting.date = m.date;
  meeting.place = m.place;
  meeting.sessions = m.sessions;
  CR_RETURN_IF_ERROR(fg.add_meeting(secretariat, meeting).status());
  ++report_.focus_group_entries;
  for (const core::BestPractice& n : content.best_practices) {
    app::BestPracticeFields f;
    f.title = n.title;
    f.body = n.body;
    f.topics = n.topics;
    f.author_desk = n.author_desk;
    f.date = n.date;
    CR_RETURN_IF_ERROR(fg.add_best_practice(secretariat, f).status());
    ++report_.focus_group_entries;
  }
  for (const core::CountryUpdate& u : content.country_updates) {
    app::CountryUpdateFields f;
    f.desk = u.desk;
    f.date = u.date;
    f.text = u.text;
    CR_RETURN_IF_ERROR(fg.add_country_update(secretariat, f).status());
    ++report_.focus_group_entries;
  }
  return core::Status::ok();
}

}  // namespace crossroads::synth
