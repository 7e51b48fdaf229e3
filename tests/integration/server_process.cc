#include "server_process.h"

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace crossroads::integration {

namespace {

using Clock = std::chrono::steady_clock;

// The environment for children: ours, minus CROSSROADS_* settings.
std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (std::strncmp(*e, "CROSSROADS_", 11) == 0) continue;
    env.emplace_back(*e);
  }
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Runs in the child between fork and exec: die with the test process, start with default
// signal handling whatever the test process set up.
void prepare_child(pid_t test_pid) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != test_pid) _exit(126);
  signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

// Waits for `pid` until `deadline`; true (and the exit code) when it was reaped.
bool wait_until(pid_t pid, Clock::time_point deadline, int* exit_code) {
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      *exit_code = decode_status(status);
      return true;
    }
    if (r < 0 && errno != EINTR) {
      *exit_code = -1;
      return true;  // not our child any more; nothing left to wait for
    }
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

const char* crossroads_binary() { return CROSSROADS_BINARY; }

bool write_file(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(out);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          std::string_view stdin_text, std::chrono::milliseconds timeout) {
  // A child that exits without reading its input must not kill the test with SIGPIPE.
  static const bool sigpipe_ignored = [] {
    signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)sigpipe_ignored;

  CommandResult result;
  int in_pipe[2];
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) return result;
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    return result;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) close(fd);
    return result;
  }

  std::vector<std::string> argv_strings = {program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<std::string> env_strings = child_environment();
  std::vector<char*> envp = c_strings(env_strings);

  const pid_t test_pid = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    prepare_child(test_pid);
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execve(program.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (pid < 0) {
    for (int fd : {in_pipe[1], out_pipe[0], err_pipe[0]}) close(fd);
    return result;
  }

  int in_fd = in_pipe[1];
  fcntl(in_fd, F_SETFL, O_NONBLOCK);
  std::size_t written = 0;
  if (stdin_text.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  int out_fd = out_pipe[0];
  int err_fd = err_pipe[0];
  const auto deadline = Clock::now() + timeout;
  char buf[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd fds[3];
    nfds_t n = 0;
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    const int ready = poll(fds, n, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_fd) {
        const ssize_t w = write(in_fd, stdin_text.data() + written, stdin_text.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 && errno != EAGAIN && errno != EINTR) written = stdin_text.size();
        if (written >= stdin_text.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      const ssize_t r = read(fds[i].fd, buf, sizeof(buf));
      if (r > 0) {
        (fds[i].fd == out_fd ? result.out : result.err).append(buf, static_cast<std::size_t>(r));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        close(fds[i].fd);
        (fds[i].fd == out_fd ? out_fd : err_fd) = -1;
      }
    }
  }
  for (int fd : {in_fd, out_fd, err_fd}) {
    if (fd >= 0) close(fd);
  }
  if (result.timed_out) kill(pid, SIGKILL);
  int exit_code = -1;
  if (!wait_until(pid, Clock::now() + std::chrono::seconds(10), &exit_code)) {
    kill(pid, SIGKILL);
    wait_until(pid, Clock::now() + std::chrono::seconds(10), &exit_code);
    exit_code = -1;
  }
  result.exit_code = result.timed_out ? -1 : exit_code;
  return result;
}

ServerProcess::ServerProcess() = default;

ServerProcess::~ServerProcess() {
  if (running()) kill_hard();
}

CommandResult ServerProcess::cli(const std::vector<std::string>& args,
                                 std::string_view stdin_text) const {
  std::vector<std::string> full = {"--data-dir", data_dir()};
  full.insert(full.end(), args.begin(), args.end());
  return run_program(crossroads_binary(), full, stdin_text);
}

std::string ServerProcess::log() const { return log_path_.empty() ? "" : read_file(log_path_); }

bool ServerProcess::start(std::string* error, std::chrono::milliseconds timeout) {
  if (running()) {
    *error = "the server is running already";
    return false;
  }
  ++starts_;
  const std::string port_file = dir_.file("port-" + std::to_string(starts_));
  log_path_ = dir_.file("server-" + std::to_string(starts_) + ".log");
  port_ = 0;

  std::vector<std::string> argv_strings = {
      crossroads_binary(), "--data-dir", data_dir(), "serve", "--port", "0",
      "--port-file",       port_file};
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<std::string> env_strings = child_environment();
  std::vector<char*> envp = c_strings(env_strings);
  const int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (log_fd < 0 || null_fd < 0) {
    *error = "cannot open the server log " + log_path_;
    if (log_fd >= 0) close(log_fd);
    if (null_fd >= 0) close(null_fd);
    return false;
  }

  cpu_set_t one_cpu;
  CPU_ZERO(&one_cpu);
  if (one_cpu_) {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    sched_getaffinity(0, sizeof(allowed), &allowed);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &allowed)) {
        CPU_SET(cpu, &one_cpu);
        break;
      }
    }
  }

  // The server dies with the thread that started it (PR_SET_PDEATHSIG): start it from the
  // test's own thread, not from a short-lived helper thread.
  const pid_t test_pid = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    prepare_child(test_pid);
    if (CPU_COUNT(&one_cpu) > 0) sched_setaffinity(0, sizeof(one_cpu), &one_cpu);
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(log_fd);
  close(null_fd);
  if (pid < 0) {
    *error = std::string("fork failed: ") + std::strerror(errno);
    return false;
  }
  pid_ = pid;

  const auto deadline = Clock::now() + timeout;
  if (!wait_for_port(deadline, error) || !wait_for_health(deadline, error)) {
    if (running()) kill_hard();
    *error += "\n--- server log ---\n" + log();
    return false;
  }
  return true;
}

bool ServerProcess::wait_for_port(Clock::time_point deadline, std::string* error) {
  const std::string port_file = dir_.file("port-" + std::to_string(starts_));
  while (true) {
    int exit_code = 0;
    if (wait_until(pid_, Clock::now(), &exit_code)) {
      pid_ = -1;
      *error = "the server exited with code " + std::to_string(exit_code) + " before binding";
      return false;
    }
    std::string text = read_file(port_file);
    if (!text.empty() && text.back() == '\n') {
      port_ = std::atoi(text.c_str());
      if (port_ > 0 && port_ < 65536) return true;
      *error = "the port file holds '" + text + "'";
      return false;
    }
    if (Clock::now() >= deadline) {
      *error = "no port file after the start-up timeout";
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool ServerProcess::wait_for_health(Clock::time_point deadline, std::string* error) {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(2, 0);
  int last_status = -1;
  while (Clock::now() < deadline) {
    int exit_code = 0;
    if (wait_until(pid_, Clock::now(), &exit_code)) {
      pid_ = -1;
      *error = "the server exited with code " + std::to_string(exit_code) + " during start-up";
      return false;
    }
    auto res = client.Get("/api/v1/health");
    if (res) {
      last_status = res->status;
      if (res->status == 200) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  *error = "GET /api/v1/health did not answer 200 in time (last status " +
           std::to_string(last_status) + ")";
  return false;
}

int ServerProcess::stop(std::chrono::milliseconds grace) {
  if (!running()) return -1;
  kill(pid_, SIGTERM);
  int exit_code = -1;
  if (!wait_until(pid_, Clock::now() + grace, &exit_code)) {
    kill_hard();
    return -1;
  }
  pid_ = -1;
  return exit_code;
}

void ServerProcess::kill_hard() {
  if (!running()) return;
  kill(pid_, SIGKILL);
  int exit_code = 0;
  wait_until(pid_, Clock::now() + std::chrono::seconds(30), &exit_code);
  pid_ = -1;
}

}  // namespace crossroads::integration
