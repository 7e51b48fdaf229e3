#include "synth/store_loader.h"

#include <utility>

#include "app/accounts.h"
#include "app/actor.h"
#include "app/desks.h"
#include "ftm/entity.h"

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

core::Status StoreLoader::flush() {
  if (pending_.empty()) return core::Status::ok();
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
    return core::Status::ok();
  }));
  pending_.clear();
  pending_entities_ = 0;
  return core::Status::ok();
}

core::Status StoreLoader::finish() { return flush(); }

}  // namespace crossroads::synth
