#include "auth/access.h"

#include <gtest/gtest.h>

namespace crossroads::auth {
namespace {

using core::Role;

core::User user(Role role, const std::string& desk) {
  core::User u;
  u.role = role;
  u.desk = desk;
  return u;
}

core::Case italian_case_shared_with_germany() {
  core::Case c;
  c.desk = "IT";
  c.shared_with = {"DE"};
  return c;
}

TEST(CaseAccess, OwningDeskProsecutorManages) {
  EXPECT_EQ(case_access(user(Role::kProsecutor, "IT"), italian_case_shared_with_germany()),
            CaseAccess::kManage);
  EXPECT_EQ(case_access(user(Role::kNationalMember, "IT"), italian_case_shared_with_germany()),
            CaseAccess::kManage);
}

TEST(CaseAccess, AnalystWritesEntitiesButDoesNotManage) {
  EXPECT_EQ(case_access(user(Role::kAnalyst, "IT"), italian_case_shared_with_germany()),
            CaseAccess::kWrite);
}

TEST(CaseAccess, SharedDeskAndObserversOnlyRead) {
  EXPECT_EQ(case_access(user(Role::kProsecutor, "DE"), italian_case_shared_with_germany()),
            CaseAccess::kRead);
  EXPECT_EQ(case_access(user(Role::kObserver, "IT"), italian_case_shared_with_germany()),
            CaseAccess::kRead);
}

TEST(CaseAccess, ForeignDeskAndAdministratorsSeeNothing) {
  EXPECT_EQ(case_access(user(Role::kNationalMember, "GR"), italian_case_shared_with_germany()),
            CaseAccess::kNone);
  EXPECT_EQ(case_access(user(Role::kAdministrator, ""), italian_case_shared_with_germany()),
            CaseAccess::kNone);
}

TEST(CaseAccess, SecretariatKnowsTheCaseButReadsNoContents) {
  const auto access =
      case_access(user(Role::kSecretariat, "IT"), italian_case_shared_with_germany());
  EXPECT_EQ(access, CaseAccess::kDenied);
  EXPECT_FALSE(at_least(access, CaseAccess::kRead));
}

TEST(CaseAccess, DisabledUsersSeeNothing) {
  auto u = user(Role::kProsecutor, "IT");
  u.disabled = true;
  EXPECT_EQ(case_access(u, italian_case_shared_with_germany()), CaseAccess::kNone);
}

TEST(CaseAccess, OnlyManagersOfTheirOwnDeskOpenCases) {
  EXPECT_TRUE(can_create_case(user(Role::kProsecutor, "IT"), "IT"));
  EXPECT_FALSE(can_create_case(user(Role::kProsecutor, "IT"), "DE"));
  EXPECT_FALSE(can_create_case(user(Role::kAnalyst, "IT"), "IT"));
  EXPECT_FALSE(can_create_case(user(Role::kAdministrator, ""), ""));
}

}  // namespace
}  // namespace crossroads::auth
