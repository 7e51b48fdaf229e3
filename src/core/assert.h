// Programmer errors are assertions, never user-facing errors. They stay on in release builds:
// a broken invariant in case data must stop the process rather than write something wrong.
#pragma once

namespace crossroads::core {
[[noreturn]] void assertion_failed(const char* expr, const char* file, int line);
}

#define CR_ASSERT(expr) \
  ((expr) ? static_cast<void>(0) : ::crossroads::core::assertion_failed(#expr, __FILE__, __LINE__))
