#include "app/accounts.h"

#include <gtest/gtest.h>

#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Code;
using core::Role;
using testing::kTestPassword;

class AccountsTest : public ::testing::Test {
 protected:
  testing::HubFixture fx_;
  Accounts& accounts() { return *fx_.hub.accounts; }
};

TEST_F(AccountsTest, LoginGivesASessionThatAuthenticates) {
  fx_.actor("anna", Role::kProsecutor, "IT");
  auto login = accounts().login("anna", kTestPassword, "10.0.0.1", "r1");
  ASSERT_TRUE(login.is_ok()) << login.status().to_string();
  EXPECT_TRUE(login->user.password_hash.empty());
  auto who = accounts().authenticate_session(login->session_token);
  ASSERT_TRUE(who.is_ok());
  EXPECT_EQ(who->user.username, "anna");
  EXPECT_EQ(who->csrf_token, login->csrf_token);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
  fx_.actor("anna", Role::kProsecutor, "IT");
  auto wrong = accounts().login("anna", "not the password", "10.0.0.1", "r1");
  auto unknown = accounts().login("nobody", kTestPassword, "10.0.0.2", "r2");
  EXPECT_EQ(wrong.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(unknown.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
}

TEST_F(AccountsTest, RepeatedFailuresAreSlowedDownThenForgiven) {
  fx_.actor("anna", Role::kProsecutor, "IT");
  const auto policy = accounts().policy();
  for (int i = 0; i < policy.free_login_failures; ++i) {
    EXPECT_EQ(accounts().login("anna", "wrong password!", "10.0.0.1", "r").status().code(),
              Code::kUnauthenticated);
  }
  // Now even the right password must wait.
  EXPECT_EQ(accounts().login("anna", kTestPassword, "10.0.0.9", "r").status().code(),
            Code::kTooManyRequests);
  fx_.clock->advance_ms(1500);
  EXPECT_TRUE(accounts().login("anna", kTestPassword, "10.0.0.9", "r").is_ok());
}

TEST_F(AccountsTest, ThrottlesByAddressAcrossUserNames) {
  for (int i = 0; i < accounts().policy().free_login_failures; ++i) {
    (void)accounts().login("guess" + std::to_string(i), "wrong password!", "10.6.6.6", "r");
  }
  fx_.actor("anna", Role::kProsecutor, "IT");
  EXPECT_EQ(accounts().login("anna", kTestPassword, "10.6.6.6", "r").status().code(),
            Code::kTooManyRequests);
  EXPECT_TRUE(accounts().login("anna", kTestPassword, "10.0.0.1", "r").is_ok());
}

TEST_F(AccountsTest, SessionsExpireWhenIdleAndAfterTheAbsoluteLimit) {
  fx_.actor("anna", Role::kProsecutor, "IT");
  auto login = accounts().login("anna", kTestPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.is_ok());
  fx_.clock->advance_ms(accounts().policy().session_idle_ms + 1);
  EXPECT_EQ(accounts().authenticate_session(login->session_token).status().code(),
            Code::kUnauthenticated);

  auto active = accounts().login("anna", kTestPassword, "10.0.0.1", "r");
  ASSERT_TRUE(active.is_ok());
  // Staying active keeps the session alive, but never past the absolute limit.
  const auto step = accounts().policy().session_idle_ms / 2;
  core::TimeMs elapsed = 0;
  while (elapsed + step < accounts().policy().session_absolute_ms) {
    fx_.clock->advance_ms(step);
    elapsed += step;
    ASSERT_TRUE(accounts().authenticate_session(active->session_token).is_ok()) << elapsed;
  }
  fx_.clock->advance_ms(step);
  EXPECT_FALSE(accounts().authenticate_session(active->session_token).is_ok());
}

TEST_F(AccountsTest, DisablingAUserEndsTheirSessionsAndTokens) {
  auto admin = fx_.actor("root", Role::kAdministrator, "");
  auto anna = fx_.actor("anna", Role::kProsecutor, "IT");
  auto login = accounts().login("anna", kTestPassword, "10.0.0.1", "r");
  auto token = accounts().create_token(anna, "script", 30);
  ASSERT_TRUE(login.is_ok());
  ASSERT_TRUE(token.is_ok());
  ASSERT_TRUE(accounts().authenticate_token(token->secret).is_ok());
  UserChange change;
  change.disabled = true;
  ASSERT_TRUE(accounts().update_user(admin, anna.user.id, change).is_ok());
  EXPECT_FALSE(accounts().authenticate_session(login->session_token).is_ok());
  EXPECT_FALSE(accounts().authenticate_token(token->secret).is_ok());
  EXPECT_FALSE(accounts().login("anna", kTestPassword, "10.0.0.1", "r").is_ok());
}

TEST_F(AccountsTest, TokensExpireAndCanBeRevoked) {
  auto anna = fx_.actor("anna", Role::kProsecutor, "IT");
  auto token = accounts().create_token(anna, "script", 1);
  ASSERT_TRUE(token.is_ok());
  EXPECT_EQ(token->secret.rfind("crt_", 0), 0u);
  auto listed = accounts().list_tokens(anna);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(listed->front().token_hash.empty());
  fx_.clock->advance_ms(24LL * 3600 * 1000 + 1);
  EXPECT_FALSE(accounts().authenticate_token(token->secret).is_ok());
  auto second = accounts().create_token(anna, "another", 30);
  ASSERT_TRUE(accounts().revoke_token(anna, second->token.id).is_ok());
  EXPECT_FALSE(accounts().authenticate_token(second->secret).is_ok());
}

// Authentication is cached for kAuthCacheMs; these make sure the cache never lets through what
// the store would refuse.
TEST_F(AccountsTest, ARevokedTokenIsRefusedAtOnceEvenJustAfterUse) {
  auto anna = fx_.actor("anna", Role::kProsecutor, "IT");
  auto token = accounts().create_token(anna, "script", 30);
  ASSERT_TRUE(token.is_ok());
  ASSERT_TRUE(accounts().authenticate_token(token->secret).is_ok());
  ASSERT_TRUE(accounts().authenticate_token(token->secret).is_ok());  // now from the cache
  ASSERT_TRUE(accounts().revoke_token(anna, token->token.id).is_ok());
  EXPECT_EQ(accounts().authenticate_token(token->secret).status().code(), Code::kUnauthenticated);
}

TEST_F(AccountsTest, SignOutAndRightsChangesApplyAtOnceDespiteTheCache) {
  auto admin = fx_.actor("root", Role::kAdministrator, "");
  auto anna = fx_.actor("anna", Role::kProsecutor, "IT");
  auto token = accounts().create_token(anna, "script", 30);
  auto login = accounts().login("anna", kTestPassword, "10.0.0.1", "r");
  ASSERT_TRUE(token.is_ok());
  ASSERT_TRUE(login.is_ok());
  ASSERT_TRUE(accounts().authenticate_session(login->session_token).is_ok());
  ASSERT_TRUE(accounts().authenticate_token(token->secret).is_ok());
  UserChange change;
  change.role = Role::kObserver;
  ASSERT_TRUE(accounts().update_user(admin, anna.user.id, change).is_ok());
  auto who = accounts().authenticate_token(token->secret);
  ASSERT_TRUE(who.is_ok());
  EXPECT_EQ(who->user.role, Role::kObserver);  // the new role, not the cached one
  EXPECT_FALSE(accounts().authenticate_session(login->session_token).is_ok());  // ended

  auto again = accounts().login("anna", kTestPassword, "10.0.0.1", "r");
  ASSERT_TRUE(again.is_ok());
  ASSERT_TRUE(accounts().authenticate_session(again->session_token).is_ok());
  ASSERT_TRUE(accounts().logout(again->session_token, anna).is_ok());
  EXPECT_EQ(accounts().authenticate_session(again->session_token).status().code(),
            Code::kUnauthenticated);
}

TEST_F(AccountsTest, ACachedTokenOrSessionStillExpiresOnTime) {
  auto anna = fx_.actor("anna", Role::kProsecutor, "IT");
  auto token = accounts().create_token(anna, "script", 1);
  ASSERT_TRUE(token.is_ok());
  fx_.clock->advance_ms(24LL * 3600 * 1000 - 1);
  ASSERT_TRUE(accounts().authenticate_token(token->secret).is_ok());  // cached now
  fx_.clock->advance_ms(1);
  EXPECT_FALSE(accounts().authenticate_token(token->secret).is_ok());

  auto login = accounts().login("anna", kTestPassword, "10.0.0.1", "r");
  ASSERT_TRUE(login.is_ok());
  fx_.clock->advance_ms(accounts().policy().session_idle_ms - 1);
  ASSERT_TRUE(accounts().authenticate_session(login->session_token).is_ok());
  fx_.clock->advance_ms(1);
  // Used a moment ago, so the sliding expiry moved on: still signed in, and the store says so.
  ASSERT_TRUE(accounts().authenticate_session(login->session_token).is_ok());
  fx_.clock->advance_ms(accounts().policy().session_idle_ms + 1);
  EXPECT_FALSE(accounts().authenticate_session(login->session_token).is_ok());
}

TEST_F(AccountsTest, AChangeByAnotherProcessAppliesWithinTheCacheTime) {
  auto anna = fx_.actor("anna", Role::kProsecutor, "IT");
  auto token = accounts().create_token(anna, "script", 30);
  ASSERT_TRUE(token.is_ok());
  ASSERT_TRUE(accounts().authenticate_token(token->secret).is_ok());
  // The command line (another process) revokes it straight in the database.
  ASSERT_TRUE(fx_.hub.store->write(
      [&](store::Transaction& tx) { return tx.delete_token(anna.user.id, token->token.id); }));
  fx_.clock->advance_ms(kAuthCacheMs);
  EXPECT_EQ(accounts().authenticate_token(token->secret).status().code(), Code::kUnauthenticated);
}

TEST_F(AccountsTest, OnlyAdministratorsManageAccountsAndTheRefusalIsAudited) {
  auto anna = fx_.actor("anna", Role::kNationalMember, "IT");
  auto made =
      accounts().create_user(anna, {"mallory", "Mallory", kTestPassword, Role::kAdministrator, ""});
  EXPECT_EQ(made.status().code(), Code::kPermissionDenied);
  store::AuditQuery q;
  q.user = "anna";
  q.action_prefix = "user.create";
  auto records = fx_.hub.audit->list(fx_.actor("root", Role::kAdministrator, ""), q);
  ASSERT_TRUE(records.is_ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ(records->front().outcome, "denied");
}

TEST_F(AccountsTest, RoleChangesAreAuditedAsPermissionChanges) {
  auto admin = fx_.actor("root", Role::kAdministrator, "");
  auto anna = fx_.actor("anna", Role::kAnalyst, "IT");
  UserChange change;
  change.role = Role::kProsecutor;
  ASSERT_TRUE(accounts().update_user(admin, anna.user.id, change).is_ok());
  store::AuditQuery q;
  q.action_prefix = "user.permission_change";
  auto records = fx_.hub.audit->list(admin, q);
  ASSERT_EQ(records->size(), 1u);
  EXPECT_NE(records->front().detail.find("analyst -> prosecutor"), std::string::npos);
}

TEST_F(AccountsTest, RefusesInvalidNewUsersWithTheFieldNamed) {
  auto admin = fx_.actor("root", Role::kAdministrator, "");
  EXPECT_EQ(accounts()
                .create_user(admin, {"A B", "x", kTestPassword, Role::kAnalyst, "IT"})
                .status()
                .field(),
            "username");
  EXPECT_EQ(
      accounts().create_user(admin, {"bob", "Bob", "short", Role::kAnalyst, "IT"}).status().field(),
      "password");
  EXPECT_EQ(accounts()
                .create_user(admin, {"bob", "Bob", kTestPassword, Role::kAnalyst, "QQ"})
                .status()
                .field(),
            "desk");
  EXPECT_EQ(accounts()
                .create_user(admin, {"bob", "Bob", kTestPassword, Role::kAnalyst, ""})
                .status()
                .field(),
            "desk");
}

TEST_F(AccountsTest, ChangingYourOwnPasswordNeedsTheCurrentOne) {
  auto anna = fx_.actor("anna", Role::kAnalyst, "IT");
  EXPECT_EQ(accounts().change_own_password(anna, "wrong one", "a brand new password").field(),
            "current_password");
  ASSERT_TRUE(accounts().change_own_password(anna, kTestPassword, "a brand new password"));
  EXPECT_TRUE(accounts().login("anna", "a brand new password", "10.0.0.1", "r").is_ok());
}

}  // namespace
}  // namespace crossroads::app
