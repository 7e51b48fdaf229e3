// Checks shared by the Focus Group and cooperation services: free text fields (length in bytes,
// no control characters; newlines and tabs only where the field is multi-line) and the version
// a change names.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"

namespace crossroads::app {

inline std::string trim_text(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

inline core::Status check_text(const std::string& value, const char* field, std::size_t min,
                               std::size_t max, bool multiline) {
  if (value.size() < min) {
    return core::invalid(min == 1 ? "must not be empty" : "is too short", field);
  }
  if (value.size() > max) {
    return core::invalid("must have at most " + std::to_string(max) + " bytes", field);
  }
  const bool bad = std::any_of(value.begin(), value.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (multiline && (c == '\n' || c == '\t' || c == '\r')) return false;
    return c < 0x20 || c == 0x7f;
  });
  if (bad) {
    return core::invalid(multiline ? "must not contain control characters other than line breaks"
                                   : "must be one line without control characters",
                         field);
  }
  return core::Status::ok();
}

// A change names the version of the entry it read: none is an error, an older one a conflict
// that says how to go on. A removal may leave the version out (`required` false).
inline core::Status check_version(std::optional<std::int64_t> sent, std::int64_t current,
                                  const std::string& what, bool required = true) {
  if (!sent) {
    if (!required) return core::Status::ok();
    return core::invalid("send the version you read (\"version\": " + std::to_string(current) +
                             "), so that concurrent changes are not lost",
                         "version");
  }
  if (*sent != current) {
    return core::conflict("the " + what +
                              " was changed by someone else since you read it (it is at version " +
                              std::to_string(current) + ", you sent " + std::to_string(*sent) +
                              "); load the latest version and apply your change again",
                          "version");
  }
  return core::Status::ok();
}

}  // namespace crossroads::app
