// Accounts: users, logins, sessions and personal API tokens. Every login attempt and every
// change of a user's rights is written to the audit trail in the same transaction.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.h"
#include "auth/password.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace crossroads::app {

struct AccountPolicy {
  auth::PasswordCost password_cost = auth::PasswordCost::interactive();
  core::TimeMs session_idle_ms = 30 * 60 * 1000;           // signed out after 30 idle minutes
  core::TimeMs session_absolute_ms = 12 * 60 * 60 * 1000;  // and after 12 hours in any case
  int free_login_failures = 5;                             // then each failure doubles the wait
  core::TimeMs max_login_delay_ms = 15 * 60 * 1000;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  core::Role role = core::Role::kObserver;
  std::string desk;
};

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<core::Role> role;
  std::optional<std::string> desk;
  std::optional<bool> disabled;
  std::optional<std::string> password;  // reset by an administrator
};

struct LoginResult {
  core::User user;
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;
  core::TimeMs expires_at = 0;
};

struct Authenticated {
  core::User user;
  std::string csrf_token;  // empty for API tokens (no cookie, no CSRF)
  bool via_token = false;
};

struct NewToken {
  core::ApiToken token;
  std::string secret;  // shown once: "crt_<hex>"
};

// Sessions and tokens that authenticated are remembered for this long, so that a client sending
// thousands of requests a second does not cost a database read each. Within this process a
// sign-out, a revoked token and any change of an account take effect at once (the cache is
// dropped); a change made by another process on the same database (the command line) within
// this time. Expiry is checked on every request against the stored expiry.
inline constexpr core::TimeMs kAuthCacheMs = 1000;

class Accounts {
 public:
  Accounts(store::Store& store, const core::Clock& clock, AccountPolicy policy)
      : store_(store), clock_(clock), policy_(policy) {}
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  const AccountPolicy& policy() const { return policy_; }

  // `origin` is the remote address; failures are throttled per user name and per address.
  core::Result<LoginResult> login(const std::string& username, const std::string& password,
                                  const std::string& origin, const std::string& request_id);
  core::Status logout(const std::string& session_token, const Actor& actor);
  core::Result<Authenticated> authenticate_session(const std::string& session_token);
  core::Result<Authenticated> authenticate_token(const std::string& secret);

  core::Result<NewToken> create_token(const Actor& actor, const std::string& name,
                                      int expires_in_days);
  core::Result<std::vector<core::ApiToken>> list_tokens(const Actor& actor);
  core::Status revoke_token(const Actor& actor, core::Id token_id);

  // Administration (administrators only, checked here).
  core::Result<core::User> create_user(const Actor& actor, const NewUser& user);
  core::Result<std::vector<core::User>> list_users(const Actor& actor);
  core::Result<core::User> get_user(const Actor& actor, core::Id id);
  core::Result<core::User> update_user(const Actor& actor, core::Id id, const UserChange& change);
  // A user changing their own password must give the current one.
  core::Status change_own_password(const Actor& actor, const std::string& current,
                                   const std::string& replacement);

  // Without access checks: `crossroads init` and `crossroads user add` run by the operator of
  // the machine. Still validated and audited.
  core::Result<core::User> create_user_unchecked(const Actor& actor, const NewUser& user);

 private:
  core::Status validate_new_user(store::Transaction& tx, const NewUser& user);
  core::Result<core::TimeMs> login_delay(store::Transaction& tx, const std::string& key,
                                         core::TimeMs now);

  // What a successful authentication found in the store, and when.
  struct CachedAuth {
    Authenticated who;
    core::TimeMs expires_at = 0;  // of the session or token; 0: never
    core::TimeMs last_seen = 0;   // stored last use: a use a minute later is written again
    core::TimeMs checked_at = 0;
    std::uint64_t generation = 0;
  };
  // The cached answer for `key`, if still good; else nullopt and `generation` (to pass to
  // remember_auth: an answer read across a change is not kept).
  std::optional<Authenticated> cached_auth(const std::string& key, core::TimeMs now,
                                           std::uint64_t& generation);
  void remember_auth(const std::string& key, CachedAuth entry);
  void forget_auth();  // after any change of sessions, tokens or accounts

  store::Store& store_;
  const core::Clock& clock_;
  AccountPolicy policy_;
  std::mutex auth_mu_;
  std::unordered_map<std::string, CachedAuth> auth_cache_;  // guarded by auth_mu_
  std::uint64_t auth_generation_ = 0;                       // guarded by auth_mu_
};

// The audit record of `actor` doing `action` now (seq and hashes are left to the store).
core::AuditRecord audit_record(const core::Clock& clock, const Actor& actor,
                               const std::string& action, const std::string& object,
                               core::Id case_id, const std::string& outcome,
                               const std::string& detail = {});

// Appends one audit record for `actor` inside `tx`.
core::Status audit(store::Transaction& tx, const core::Clock& clock, const Actor& actor,
                   const std::string& action, const std::string& object, core::Id case_id,
                   const std::string& outcome, const std::string& detail = {});

// Records a refused request in its own transaction (the refused work was rolled back, but the
// attempt must be on record) and returns `why`. Outcome: "denied" (forbidden, hidden or not
// found), "invalid", "conflict". Internal and unavailable errors are returned unrecorded.
core::Status audit_refusal(store::Store& store, const core::Clock& clock, const Actor& actor,
                           const std::string& action, const std::string& object, core::Id case_id,
                           const core::Status& why);

}  // namespace crossroads::app
