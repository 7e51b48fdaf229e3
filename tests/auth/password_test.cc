#include "auth/password.h"

#include <gtest/gtest.h>

namespace crossroads::auth {
namespace {

TEST(Password, VerifiesOnlyTheRightPassword) {
  auto hash = hash_password("correct horse battery", PasswordCost::minimum());
  ASSERT_TRUE(hash.is_ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(*hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password("not a hash", "correct horse battery"));
}

TEST(Password, SaltsEveryHash) {
  auto a = hash_password("correct horse battery", PasswordCost::minimum());
  auto b = hash_password("correct horse battery", PasswordCost::minimum());
  EXPECT_NE(*a, *b);
}

TEST(Password, PolicyRefusesShortPasswordsAndNamesTheField) {
  auto st = check_password_policy("short");
  EXPECT_FALSE(st.is_ok());
  EXPECT_EQ(st.field(), "password");
  EXPECT_TRUE(check_password_policy("twelve chars").is_ok());
}

}  // namespace
}  // namespace crossroads::auth
