// Black-box harness for the real `crossroads` binary: a fresh temporary directory, synchronous
// CLI runs, and `serve` as a child process on a free loopback port. Everything a test starts
// is stopped and removed by the destructors, also when an assertion fails half-way.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "temp_dir.h"

namespace crossroads::integration {

// The path of the binary under test (from the CROSSROADS_BINARY compile definition).
const char* crossroads_binary();

using TempDir = testing::TempDir;  // mkdtemp under /tmp, removed with its contents

struct CommandResult {
  int exit_code = -1;  // 128 + N when killed by signal N (as a shell reports it); -1 on timeout
  std::string out;
  std::string err;
  bool timed_out = false;
};

// Runs `program args...` to completion with `stdin_text` on its standard input. The child gets
// the test's environment without CROSSROADS_* variables, so a developer's settings cannot leak
// into a test. A run longer than `timeout` is killed and reported as timed out.
CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          std::string_view stdin_text = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(120));

// Writes `text` to `path`, replacing it; false when it cannot.
bool write_file(const std::string& path, std::string_view text);
// The whole file, or an empty string when it cannot be read.
std::string read_file(const std::string& path);

// One data directory and the binary that works on it: CLI commands and the server.
class ServerProcess {
 public:
  ServerProcess();  // a fresh temporary data directory
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const TempDir& dir() const { return dir_; }
  std::string data_dir() const { return dir_.file("data"); }
  std::string database_path() const { return data_dir() + "/crossroads.db"; }

  // `crossroads --data-dir <data dir> args...`
  CommandResult cli(const std::vector<std::string>& args, std::string_view stdin_text = {}) const;

  // Starts `serve --port 0 --port-file ...` and waits (at most `timeout`) until the port file
  // exists and GET /api/v1/health answers 200. On failure the message says why, with the
  // server's log, and no process is left running.
  [[nodiscard]] bool start(std::string* error,
                           std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // SIGTERM, then waits for the exit (SIGKILL after `grace`). Returns the exit code (128 + N
  // when a signal N ended it), or -1 when it did not end within `grace`.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(15));
  // SIGKILL and reap: a crash, as far as the database can tell.
  void kill_hard();

  // Runs the next starts on one CPU only, which makes the server's threads take turns and
  // brings out ordering bugs between them (e.g. at shutdown).
  void pin_to_one_cpu(bool pin) { one_cpu_ = pin; }

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  // Everything the server printed since the last start.
  std::string log() const;

 private:
  bool wait_for_port(std::chrono::steady_clock::time_point deadline, std::string* error);
  bool wait_for_health(std::chrono::steady_clock::time_point deadline, std::string* error);

  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  int starts_ = 0;
  bool one_cpu_ = false;
  std::string log_path_;
};

}  // namespace crossroads::integration
