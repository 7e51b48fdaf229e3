#include "app/accounts.h"

#include <algorithm>

#include "auth/access.h"
#include "core/crypto.h"

namespace crossroads::app {

using core::Code;
using core::Result;
using core::Status;

core::AuditRecord audit_record(const core::Clock& clock, const Actor& actor,
                               const std::string& action, const std::string& object,
                               core::Id case_id, const std::string& outcome,
                               const std::string& detail) {
  core::AuditRecord r;
  r.time = clock.now_ms();
  r.user = actor.user.username.empty() ? "-" : actor.user.username;
  r.desk = actor.user.desk;
  r.action = action;
  r.object = object;
  r.case_id = case_id;
  r.outcome = outcome;
  r.request_id = actor.request_id;
  r.detail = detail;
  if (!actor.origin.empty()) {
    r.detail = r.detail.empty() ? "from " + actor.origin : r.detail + "; from " + actor.origin;
  }
  return r;
}

Status audit(store::Transaction& tx, const core::Clock& clock, const Actor& actor,
             const std::string& action, const std::string& object, core::Id case_id,
             const std::string& outcome, const std::string& detail) {
  auto appended =
      tx.append_audit(audit_record(clock, actor, action, object, case_id, outcome, detail));
  return appended.is_ok() ? Status::ok() : appended.status();
}

Status audit_refusal(store::Store& store, const core::Clock& clock, const Actor& actor,
                     const std::string& action, const std::string& object, core::Id case_id,
                     const Status& why) {
  const char* outcome = "denied";
  switch (why.code()) {
    case Code::kInternal:
    case Code::kUnavailable:
      return why;
    case Code::kInvalidArgument:
    case Code::kPayloadTooLarge:
      outcome = "invalid";
      break;
    case Code::kConflict:
      outcome = "conflict";
      break;
    default:
      break;
  }
  Status st = store.write([&](store::Transaction& tx) {
    return audit(tx, clock, actor, action, object, case_id, outcome, why.message());
  });
  return st ? why : st;
}

namespace {

constexpr const char* kTokenPrefix = "crt_";

bool valid_username(const std::string& name) {
  if (name.size() < 3 || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::string user_object(core::Id id) { return "user:" + std::to_string(id); }

}  // namespace

std::optional<Authenticated> Accounts::cached_auth(const std::string& key, core::TimeMs now,
                                                   std::uint64_t& generation) {
  std::lock_guard<std::mutex> lock(auth_mu_);
  generation = auth_generation_;
  auto it = auth_cache_.find(key);
  if (it == auth_cache_.end()) return std::nullopt;
  const CachedAuth& e = it->second;
  // Past its time, expired, or due for its once-a-minute last-use write: ask the store.
  if (e.generation != auth_generation_ || now - e.checked_at >= kAuthCacheMs ||
      now < e.checked_at || (e.expires_at != 0 && e.expires_at <= now) ||
      now - e.last_seen >= 60 * 1000) {
    auth_cache_.erase(it);
    return std::nullopt;
  }
  return e.who;
}

void Accounts::remember_auth(const std::string& key, CachedAuth entry) {
  std::lock_guard<std::mutex> lock(auth_mu_);
  if (entry.generation != auth_generation_) return;  // changed while it was being read
  if (auth_cache_.size() >= 10000) auth_cache_.clear();
  auth_cache_[key] = std::move(entry);
}

void Accounts::forget_auth() {
  std::lock_guard<std::mutex> lock(auth_mu_);
  ++auth_generation_;
  auth_cache_.clear();
}

Result<core::TimeMs> Accounts::login_delay(store::Transaction& tx, const std::string& key,
                                           core::TimeMs now) {
  CR_ASSIGN_OR_RETURN(auto failures, tx.login_failures(key));
  const auto [count, last] = failures;
  if (count < policy_.free_login_failures) return core::TimeMs{0};
  const auto doublings = std::min<std::int64_t>(count - policy_.free_login_failures, 20);
  const core::TimeMs wait = std::min<core::TimeMs>(1000LL << doublings, policy_.max_login_delay_ms);
  return std::max<core::TimeMs>(0, last + wait - now);
}

Result<LoginResult> Accounts::login(const std::string& username, const std::string& password,
                                    const std::string& origin, const std::string& request_id) {
  const core::TimeMs now = clock_.now_ms();
  const std::string user_key = "user:" + username;
  const std::string ip_key = "ip:" + origin;

  // Throttle first, before spending time on the password hash.
  core::TimeMs wait = 0;
  std::optional<core::User> found;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto w1, login_delay(tx, user_key, now));
    CR_ASSIGN_OR_RETURN(auto w2, login_delay(tx, ip_key, now));
    wait = std::max(w1, w2);
    auto user = tx.get_user_by_name(username);
    if (user.is_ok()) {
      found = std::move(user).value();
    } else if (user.status().code() != Code::kNotFound) {
      return user.status();
    }
    return Status::ok();
  }));

  Actor actor{found ? *found : core::User{}, request_id, origin};
  if (!found) actor.user.username = username.empty() ? "-" : username.substr(0, 64);

  if (wait > 0) {
    const auto seconds = (wait + 999) / 1000;
    CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) {
      return audit(tx, clock_, actor, "auth.login", "user:" + actor.user.username, 0, "throttled");
    }));
    return Status(Code::kTooManyRequests, "too many failed sign-ins; wait " +
                                              std::to_string(seconds) +
                                              " seconds before trying again");
  }

  // Verify against a decoy when the user is unknown so both cases take the same time.
  const bool password_ok = auth::verify_password(
      found ? found->password_hash : auth::decoy_hash(policy_.password_cost), password);
  const bool ok = found && password_ok && !found->disabled;

  LoginResult result;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    if (!ok) {
      CR_RETURN_IF_ERROR(tx.record_login_failure(user_key, now));
      CR_RETURN_IF_ERROR(tx.record_login_failure(ip_key, now));
      const std::string why = !found            ? "unknown user"
                              : found->disabled ? "account disabled"
                                                : "wrong password";
      return audit(tx, clock_, actor, "auth.login", "user:" + actor.user.username, 0, "failed",
                   why);
    }
    CR_RETURN_IF_ERROR(tx.clear_login_failures(user_key));
    CR_RETURN_IF_ERROR(tx.delete_expired_sessions(now));
    result.user = *found;
    result.session_token = core::random_hex(32);
    result.csrf_token = core::random_hex(32);
    result.expires_at = now + std::min(policy_.session_idle_ms, policy_.session_absolute_ms);
    core::Session session{core::sha256_hex(result.session_token),
                          found->id,
                          result.csrf_token,
                          now,
                          result.expires_at,
                          now};
    CR_RETURN_IF_ERROR(tx.insert_session(session));
    return audit(tx, clock_, actor, "auth.login", user_object(found->id), 0, "ok");
  }));
  if (!ok) {
    // One message for every reason, so that nobody learns which user names exist.
    return Status(Code::kUnauthenticated, "the user name or password is wrong", "password");
  }
  result.user.password_hash.clear();
  return result;
}

Status Accounts::logout(const std::string& session_token, const Actor& actor) {
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(tx.delete_session(core::sha256_hex(session_token)));
    return audit(tx, clock_, actor, "auth.logout", user_object(actor.user.id), 0, "ok");
  });
  forget_auth();
  return st;
}

Result<Authenticated> Accounts::authenticate_session(const std::string& session_token) {
  const core::TimeMs now = clock_.now_ms();
  const std::string hash = core::sha256_hex(session_token);
  const std::string cache_key = "s:" + hash;
  CachedAuth entry;
  if (auto known = cached_auth(cache_key, now, entry.generation)) return std::move(*known);
  Authenticated out;
  bool refresh = false;
  core::TimeMs new_expiry = 0;
  Status st = store_.read([&](store::Transaction& tx) -> Status {
    auto session = tx.get_session(hash);
    if (!session) return session.status();
    if (session->expires_at <= now) {
      return Status(Code::kUnauthenticated, "your session has expired; sign in again");
    }
    CR_ASSIGN_OR_RETURN(out.user, tx.get_user(session->user_id));
    out.csrf_token = session->csrf_token;
    new_expiry =
        std::min(now + policy_.session_idle_ms, session->created_at + policy_.session_absolute_ms);
    // Sliding expiry, written at most once a minute to keep reads cheap.
    refresh = now - session->last_seen_at >= 60 * 1000;
    entry.expires_at = session->expires_at;
    entry.last_seen = session->last_seen_at;
    return Status::ok();
  });
  if (!st) {
    if (st.code() == Code::kNotFound) {
      return Status(Code::kUnauthenticated, "you are not signed in (or your session ended)");
    }
    return st;
  }
  if (out.user.disabled) return Status(Code::kUnauthenticated, "this account is disabled");
  if (refresh) {
    CR_RETURN_IF_ERROR(store_.write(
        [&](store::Transaction& tx) { return tx.touch_session(hash, now, new_expiry); }));
    entry.expires_at = new_expiry;
    entry.last_seen = now;
  }
  out.user.password_hash.clear();
  entry.who = out;
  entry.checked_at = now;
  remember_auth(cache_key, std::move(entry));
  return out;
}

Result<Authenticated> Accounts::authenticate_token(const std::string& secret) {
  const core::TimeMs now = clock_.now_ms();
  if (secret.rfind(kTokenPrefix, 0) != 0) {
    return Status(Code::kUnauthenticated, "the API token is not valid");
  }
  const std::string hash = core::sha256_hex(secret);
  const std::string cache_key = "t:" + hash;
  CachedAuth entry;
  if (auto known = cached_auth(cache_key, now, entry.generation)) return std::move(*known);
  Authenticated out;
  out.via_token = true;
  core::Id token_id = 0;
  core::TimeMs last_used = 0;
  Status st = store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(auto token, tx.get_token_by_hash(hash));
    if (token.expires_at != 0 && token.expires_at <= now) {
      return Status(Code::kUnauthenticated, "the API token has expired; create a new one");
    }
    token_id = token.id;
    last_used = token.last_used_at;
    entry.expires_at = token.expires_at;
    CR_ASSIGN_OR_RETURN(out.user, tx.get_user(token.user_id));
    return Status::ok();
  });
  if (!st) {
    if (st.code() == Code::kNotFound) {
      return Status(Code::kUnauthenticated, "the API token is not valid");
    }
    return st;
  }
  if (out.user.disabled) return Status(Code::kUnauthenticated, "this account is disabled");
  entry.last_seen = last_used;
  if (now - last_used >= 60 * 1000) {
    CR_RETURN_IF_ERROR(
        store_.write([&](store::Transaction& tx) { return tx.touch_token(token_id, now); }));
    entry.last_seen = now;
  }
  out.user.password_hash.clear();
  entry.who = out;
  entry.checked_at = now;
  remember_auth(cache_key, std::move(entry));
  return out;
}

Result<NewToken> Accounts::create_token(const Actor& actor, const std::string& name,
                                        int expires_in_days) {
  if (name.empty() || name.size() > 100) {
    return core::invalid("give the token a name of 1 to 100 characters, e.g. 'import script'",
                         "name");
  }
  if (expires_in_days < 0 || expires_in_days > 366) {
    return core::invalid("a token expires after 1 to 366 days (0: the default of 90 days)",
                         "expires_in_days");
  }
  const core::TimeMs now = clock_.now_ms();
  NewToken out;
  out.secret = kTokenPrefix + core::random_hex(24);
  out.token.user_id = actor.user.id;
  out.token.name = name;
  out.token.token_hash = core::sha256_hex(out.secret);
  out.token.prefix = out.secret.substr(0, 10);
  out.token.created_at = now;
  out.token.expires_at =
      now +
      static_cast<core::TimeMs>(expires_in_days == 0 ? 90 : expires_in_days) * 24 * 3600 * 1000;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out.token.id, tx.insert_token(out.token));
    return audit(tx, clock_, actor, "token.create", "token:" + std::to_string(out.token.id), 0,
                 "ok", name);
  }));
  return out;
}

Result<std::vector<core::ApiToken>> Accounts::list_tokens(const Actor& actor) {
  std::vector<core::ApiToken> out;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(out, tx.list_tokens(actor.user.id));
    return Status::ok();
  }));
  for (auto& t : out) t.token_hash.clear();
  return out;
}

Status Accounts::revoke_token(const Actor& actor, core::Id token_id) {
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(tx.delete_token(actor.user.id, token_id));
    return audit(tx, clock_, actor, "token.revoke", "token:" + std::to_string(token_id), 0, "ok");
  });
  forget_auth();
  return st;
}

Status Accounts::validate_new_user(store::Transaction& tx, const NewUser& u) {
  if (!valid_username(u.username)) {
    return core::invalid(
        "a user name has 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'",
        "username");
  }
  if (u.display_name.empty() || u.display_name.size() > 200) {
    return core::invalid("the display name must have 1 to 200 characters", "display_name");
  }
  CR_RETURN_IF_ERROR(auth::check_password_policy(u.password));
  if (u.role == core::Role::kAdministrator) {
    if (!u.desk.empty()) {
      return core::invalid("administrators belong to no desk; leave the desk empty", "desk");
    }
    return Status::ok();
  }
  if (u.desk.empty()) return core::invalid("every user but an administrator needs a desk", "desk");
  auto desk = tx.get_desk(u.desk);
  if (!desk) {
    return core::invalid("there is no desk '" + u.desk + "'; see GET /api/v1/desks", "desk");
  }
  return Status::ok();
}

Result<core::User> Accounts::create_user_unchecked(const Actor& actor, const NewUser& input) {
  CR_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(input.password, policy_.password_cost));
  core::User user;
  user.username = input.username;
  user.display_name = input.display_name;
  user.role = input.role;
  user.desk = input.desk;
  user.password_hash = hash;
  user.created_at = clock_.now_ms();
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(validate_new_user(tx, input));
    CR_ASSIGN_OR_RETURN(user.id, tx.insert_user(user));
    return audit(tx, clock_, actor, "user.create", user_object(user.id), 0, "ok",
                 std::string("role ") + core::role_name(user.role) +
                     (user.desk.empty() ? "" : ", desk " + user.desk));
  }));
  user.password_hash.clear();
  return user;
}

Result<core::User> Accounts::create_user(const Actor& actor, const NewUser& input) {
  if (!auth::can_manage_accounts(actor.user)) {
    return audit_refusal(store_, clock_, actor, "user.create", "users", 0,
                         core::denied("only administrators create accounts"));
  }
  return create_user_unchecked(actor, input);
}

Result<std::vector<core::User>> Accounts::list_users(const Actor& actor) {
  if (!auth::can_manage_accounts(actor.user)) {
    return audit_refusal(store_, clock_, actor, "user.list", "users", 0,
                         core::denied("only administrators list accounts"));
  }
  std::vector<core::User> users;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(users, tx.list_users());
    return Status::ok();
  }));
  for (auto& u : users) u.password_hash.clear();
  return users;
}

Result<core::User> Accounts::get_user(const Actor& actor, core::Id id) {
  if (!auth::can_manage_accounts(actor.user) && actor.user.id != id) {
    return audit_refusal(store_, clock_, actor, "user.read", user_object(id), 0,
                         core::denied("only administrators read other people's accounts"));
  }
  core::User user;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(user, tx.get_user(id));
    return Status::ok();
  }));
  user.password_hash.clear();
  return user;
}

Result<core::User> Accounts::update_user(const Actor& actor, core::Id id,
                                         const UserChange& change) {
  if (!auth::can_manage_accounts(actor.user)) {
    return audit_refusal(store_, clock_, actor, "user.update", user_object(id), 0,
                         core::denied("only administrators change accounts"));
  }
  std::string new_hash;
  if (change.password) {
    CR_RETURN_IF_ERROR(auth::check_password_policy(*change.password));
    CR_ASSIGN_OR_RETURN(new_hash, auth::hash_password(*change.password, policy_.password_cost));
  }
  core::User user;
  CR_RETURN_IF_ERROR(store_.write([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(user, tx.get_user(id));
    const core::User before = user;
    if (change.display_name) {
      if (change.display_name->empty() || change.display_name->size() > 200) {
        return core::invalid("the display name must have 1 to 200 characters", "display_name");
      }
      user.display_name = *change.display_name;
    }
    if (change.role) user.role = *change.role;
    if (change.desk) user.desk = *change.desk;
    if (change.disabled) user.disabled = *change.disabled;
    if (user.role == core::Role::kAdministrator && !user.desk.empty()) {
      return core::invalid("administrators belong to no desk; set the desk to an empty string",
                           "desk");
    }
    if (user.role != core::Role::kAdministrator) {
      if (user.desk.empty()) return core::invalid("this role needs a desk", "desk");
      if (!tx.get_desk(user.desk)) {
        return core::invalid("there is no desk '" + user.desk + "'", "desk");
      }
    }
    if (id == actor.user.id && (user.role != before.role || user.disabled)) {
      return core::invalid(
          "you cannot change your own role or disable yourself; ask another "
          "administrator",
          "role");
    }
    if (!new_hash.empty()) user.password_hash = new_hash;
    CR_RETURN_IF_ERROR(tx.update_user(user));
    // Rights changed: end the person's sessions so the new rights apply at once.
    if (user.role != before.role || user.desk != before.desk || user.disabled ||
        !new_hash.empty()) {
      CR_RETURN_IF_ERROR(tx.delete_user_sessions(id));
    }
    std::string detail;
    if (user.role != before.role) {
      detail += std::string("role ") + core::role_name(before.role) + " -> " +
                core::role_name(user.role) + "; ";
    }
    if (user.desk != before.desk) detail += "desk " + before.desk + " -> " + user.desk + "; ";
    if (user.disabled != before.disabled) detail += user.disabled ? "disabled; " : "enabled; ";
    if (!new_hash.empty()) detail += "password reset; ";
    const bool permissions =
        user.role != before.role || user.desk != before.desk || user.disabled != before.disabled;
    return audit(tx, clock_, actor, permissions ? "user.permission_change" : "user.update",
                 user_object(id), 0, "ok", detail);
  }));
  forget_auth();  // rights, desk, name or password changed: no request may use the old ones
  user.password_hash.clear();
  return user;
}

Status Accounts::change_own_password(const Actor& actor, const std::string& current,
                                     const std::string& replacement) {
  CR_RETURN_IF_ERROR(auth::check_password_policy(replacement));
  core::User user;
  CR_RETURN_IF_ERROR(store_.read([&](store::Transaction& tx) -> Status {
    CR_ASSIGN_OR_RETURN(user, tx.get_user(actor.user.id));
    return Status::ok();
  }));
  if (!auth::verify_password(user.password_hash, current)) {
    return audit_refusal(store_, clock_, actor, "user.password_change", user_object(user.id), 0,
                         core::invalid("the current password is wrong", "current_password"));
  }
  CR_ASSIGN_OR_RETURN(user.password_hash, auth::hash_password(replacement, policy_.password_cost));
  Status st = store_.write([&](store::Transaction& tx) -> Status {
    CR_RETURN_IF_ERROR(tx.update_user(user));
    return audit(tx, clock_, actor, "user.password_change", user_object(user.id), 0, "ok");
  });
  forget_auth();
  return st;
}

}  // namespace crossroads::app
