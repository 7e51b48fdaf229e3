// A hub over a fresh SQLite database in a temporary directory, with a fake clock and the
// cheapest password cost, plus helpers to make users of each role.
#pragma once

#include <memory>
#include <string>

#include "app/hub.h"
#include "core/clock.h"
#include "temp_dir.h"

namespace crossroads::testing {

inline constexpr core::TimeMs kTestStart = 1795341845000;  // 2026-11-22T10:04:05Z
inline constexpr const char* kTestPassword = "correct horse battery";

struct HubFixture {
  HubFixture();
  TempDir dir;
  core::FakeClock* clock = nullptr;  // owned by hub
  app::Hub hub;

  // Creates a user (password kTestPassword) and returns an actor for it.
  app::Actor actor(const std::string& username, core::Role role, const std::string& desk);
  // Opens a case owned by `owner` (who must be a national member or prosecutor).
  core::Case open_case(const app::Actor& owner, const std::string& reference);
};

}  // namespace crossroads::testing
