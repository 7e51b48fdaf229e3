#include "api/access_log.h"

#include <unistd.h>

#include <cerrno>

namespace crossroads::api {

AccessLog::AccessLog(int fd, std::chrono::milliseconds interval, std::size_t flush_bytes)
    : fd_(fd), interval_(interval), flush_bytes_(flush_bytes) {
  buffer_.reserve(flush_bytes_ * 2);
  flusher_ = std::thread([this] { run(); });
}

AccessLog::~AccessLog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  flusher_.join();
  flush();
}

void AccessLog::write(std::string_view line) {
  bool full = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    buffer_.append(line);
    buffer_.push_back('\n');
    full = buffer_.size() >= flush_bytes_;
  }
  if (full) wake_.notify_one();
}

void AccessLog::flush() {
  std::lock_guard<std::mutex> io(io_mu_);
  std::string bytes;
  {
    std::lock_guard<std::mutex> lock(mu_);
    bytes.swap(buffer_);
    buffer_.reserve(flush_bytes_ * 2);
  }
  write_out(bytes);
}

std::size_t AccessLog::writes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return writes_;
}

void AccessLog::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, interval_, [&] { return stop_ || buffer_.size() >= flush_bytes_; });
    if (buffer_.empty()) continue;
    lock.unlock();
    flush();
    lock.lock();
  }
}

void AccessLog::write_out(const std::string& bytes) {
  std::size_t done = 0;
  std::size_t calls = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    ++calls;
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the log is gone (closed pipe, full disk): requests go on regardless
    done += static_cast<std::size_t>(n);
  }
  std::lock_guard<std::mutex> lock(mu_);
  writes_ += calls;
}

}  // namespace crossroads::api
