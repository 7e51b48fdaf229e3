// The HTTP server: puts Api::handle (for /api/*) and the web application's files (GET and HEAD,
// from web_root) on our own HTTP/1.1 transport (api/http_server.h), sets the security headers
// every response carries, the transport's own error answers included, and writes the access log.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "api/api.h"
#include "core/status.h"

namespace crossroads::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;        // 0: any free port (written to port_file)
  std::string port_file;  // where the bound port is written, for tests and scripts
  std::string web_root;   // directory with the built web application; empty: none
  std::size_t max_body = 300u << 20;
  // Where the access log goes (a line per request, buffered, written at least once a second
  // and when the server stops); -1: no access log.
  int access_log_fd = 2;
  // Worker threads: each open keep-alive connection holds one while it lasts (up to 5 s idle),
  // so this bounds the connections served at once; the rest wait for a free worker.
  std::size_t threads = 32;
  // A keep-alive connection without a request for this long is closed.
  std::chrono::milliseconds idle_timeout{5000};
  // A request must arrive in full within this time of its first byte; answers must go out
  // within write_timeout.
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
};

class Server {
 public:
  Server(Api& api, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the port; returns the bound port.
  core::Result<int> bind();
  // Serves until stop() is called (from another thread or a signal watcher).
  core::Status serve();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crossroads::api
