// Expected failures as values: a code, a message a person can act on, and the field at fault.
// HTTP statuses are derived from the code in one place only (api/http_error.cc).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "core/assert.h"

namespace crossroads::core {

enum class Code {
  kOk,
  kInvalidArgument,   // the input is wrong; the message says what and where
  kNotFound,          // the object does not exist (or the caller may not know it exists)
  kUnauthenticated,   // no valid session or token
  kPermissionDenied,  // authenticated, but not allowed
  kConflict,          // clashes with the current state (duplicate, stale version)
  kTooManyRequests,   // throttled (failed logins)
  kPayloadTooLarge,
  kUnavailable,  // try again later (database busy)
  kInternal,     // a bug or an environment failure: logged, never shown in detail
};

const char* code_name(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status ok() { return {}; }

  bool is_ok() const { return code_ == Code::kOk; }
  explicit operator bool() const { return is_ok(); }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

  // "invalid_argument: name: must not be empty"
  std::string to_string() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

inline Status invalid(std::string message, std::string field = {}) {
  return {Code::kInvalidArgument, std::move(message), std::move(field)};
}
inline Status not_found(std::string message) { return {Code::kNotFound, std::move(message)}; }
inline Status denied(std::string message) { return {Code::kPermissionDenied, std::move(message)}; }
inline Status conflict(std::string message, std::string field = {}) {
  return {Code::kConflict, std::move(message), std::move(field)};
}
inline Status internal(std::string message) { return {Code::kInternal, std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    CR_ASSERT(!status_.is_ok());
  }

  bool is_ok() const { return value_.has_value(); }
  explicit operator bool() const { return is_ok(); }
  const Status& status() const { return status_; }

  T& value() & {
    CR_ASSERT(value_.has_value());
    return *value_;
  }
  const T& value() const& {
    CR_ASSERT(value_.has_value());
    return *value_;
  }
  T&& value() && {
    CR_ASSERT(value_.has_value());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace crossroads::core

// Early return of a failed Status or Result from a function that returns Status or Result.
#define CR_RETURN_IF_ERROR(expr)                \
  do {                                          \
    auto cr_status_ = (expr);                   \
    if (!cr_status_.is_ok()) return cr_status_; \
  } while (false)

// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` may be a declaration, which cannot be
// parenthesised, and `tmp` is a generated name.
#define CR_CONCAT_INNER(a, b) a##b
#define CR_CONCAT(a, b) CR_CONCAT_INNER(a, b)
#define CR_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.is_ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
#define CR_ASSIGN_OR_RETURN(lhs, expr) \
  CR_ASSIGN_OR_RETURN_IMPL(CR_CONCAT(cr_result_, __LINE__), lhs, expr)
// NOLINTEND(bugprone-macro-parentheses)
