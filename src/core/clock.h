// Time comes from a Clock passed in, so that tests can use a fake one (session expiry,
// throttling, retention dates) instead of sleeping.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace crossroads::core {

// Milliseconds since the Unix epoch, UTC.
using TimeMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimeMs now_ms() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimeMs start) : now_(start) {}
  TimeMs now_ms() const override { return now_.load(); }
  void advance_ms(TimeMs delta) { now_ += delta; }

 private:
  std::atomic<TimeMs> now_;
};

// "2026-11-22T10:04:05.123Z"
std::string format_iso8601(TimeMs ms);
// "2026-11-22"
std::string format_date(TimeMs ms);

// Strict calendar date "YYYY-MM-DD" (a real day of a real month).
bool is_valid_date(std::string_view text);
// Days since the epoch of a valid "YYYY-MM-DD"; undefined for an invalid one.
std::int64_t days_from_date(std::string_view text);

}  // namespace crossroads::core
