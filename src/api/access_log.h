// The server's access log, one line per request ("<time> <method> <path> <status> <ms> <from>"),
// buffered: a request appends its line in memory and a flusher thread writes what has gathered
// at least once per interval (and at once when the buffer passes a size), so that thousands of
// requests per second cost a few write() calls instead of one each. flush() and the destructor
// write everything still buffered; nothing is dropped.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace crossroads::api {

class AccessLog {
 public:
  // Writes to the file descriptor `fd` (not closed here).
  explicit AccessLog(int fd, std::chrono::milliseconds interval = std::chrono::seconds(1),
                     std::size_t flush_bytes = 64 * 1024);
  ~AccessLog();  // flushes
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Appends one line (a newline is added).
  void write(std::string_view line);
  // Writes everything buffered before returning.
  void flush();
  // write() calls made on the descriptor so far, for tests.
  std::size_t writes() const;

 private:
  void run();
  void write_out(const std::string& bytes);  // under io_mu_

  const int fd_;
  const std::chrono::milliseconds interval_;
  const std::size_t flush_bytes_;
  std::mutex io_mu_;  // orders writes to fd_: taken before mu_ when both are needed
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::string buffer_;      // guarded by mu_
  bool stop_ = false;       // guarded by mu_
  std::size_t writes_ = 0;  // guarded by mu_
  std::thread flusher_;
};

}  // namespace crossroads::api
