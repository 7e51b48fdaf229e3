#include "core/status.h"

#include <cstdio>
#include <cstdlib>

namespace crossroads::core {

void assertion_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "crossroads: internal error: assertion failed: %s at %s:%d\n", expr, file,
               line);
  std::abort();
}

const char* code_name(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kNotFound:
      return "not_found";
    case Code::kUnauthenticated:
      return "unauthenticated";
    case Code::kPermissionDenied:
      return "permission_denied";
    case Code::kConflict:
      return "conflict";
    case Code::kTooManyRequests:
      return "too_many_requests";
    case Code::kPayloadTooLarge:
      return "payload_too_large";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  std::string out = code_name(code_);
  out += ": ";
  if (!field_.empty()) {
    out += field_;
    out += ": ";
  }
  out += message_;
  return out;
}

}  // namespace crossroads::core
