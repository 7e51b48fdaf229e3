// Helpers for the normaliser tests: readable failures when a value is rejected or accepted.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "normalize/normalize.h"

namespace crossroads::normalize::testing {

// Normalises and fails the test with the error message when the value is rejected.
inline Normalized must(Kind kind, std::string_view value, const Context& ctx = {}) {
  auto result = normalize(kind, value, ctx);
  EXPECT_TRUE(result.is_ok()) << kind_name(kind) << " '" << value
                              << "' rejected: " << result.status().message();
  if (!result.is_ok()) return {};
  return std::move(result).value();
}

// The error message, failing the test when the value is accepted.
inline std::string rejection(Kind kind, std::string_view value, const Context& ctx = {}) {
  auto result = normalize(kind, value, ctx);
  EXPECT_FALSE(result.is_ok()) << kind_name(kind) << " '" << value << "' accepted as '"
                               << (result.is_ok() ? result->value : "") << "'";
  if (result.is_ok()) return {};
  EXPECT_EQ(result.status().code(), core::Code::kInvalidArgument);
  EXPECT_FALSE(result.status().message().empty());
  return result.status().message();
}

inline std::string part(const Normalized& n, const std::string& key) {
  auto it = n.parts.find(key);
  return it == n.parts.end() ? std::string("<none>") : it->second;
}

}  // namespace crossroads::normalize::testing
