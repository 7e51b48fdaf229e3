// Versioned schema migrations, applied in order at start-up inside one transaction each.
// Never edit a released migration: add a new one.
#pragma once

#include <string_view>
#include <vector>

namespace crossroads::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& sqlite_migrations();

}  // namespace crossroads::store
