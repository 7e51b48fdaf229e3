// Our own HTTP/1.1 transport on POSIX sockets, made for many small keep-alive exchanges on a
// machine where every system call is dear: per request one recv() (into a per-connection
// buffer; pipelined bytes stay there for the next request) and one sendmsg() (status line,
// headers and body together), no poll(), timeouts set once per connection (SO_RCVTIMEO,
// SO_SNDTIMEO) and changed only for slow requests, the peer's address taken from accept().
//
// Threads: the thread calling serve() accepts; a fixed pool of workers serves one connection
// each until it closes; connections beyond the pool wait in a bounded queue (when it is full a
// new connection gets 503 and is closed). The transport answers malformed or oversized
// requests itself (400, 408, 413, 417, 431, 501, 505, then closes); everything else goes to the
// handler. It owns no routes, files or logs: api::Server puts those on top.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "api/http.h"
#include "core/status.h"

namespace crossroads::api {

struct HttpServerOptions {
  std::string host = "127.0.0.1";            // a numeric address or a name getaddrinfo() resolves
  int port = 0;                              // 0: any free port
  std::size_t threads = 32;                  // workers; each serves one connection at a time
  std::size_t max_queued_connections = 256;  // accepted, waiting for a worker
  std::size_t max_head_bytes = 64 * 1024;    // request line + headers; more: 431
  std::size_t max_body = 300u << 20;         // decoded body; more: 413, the body is not read
  std::size_t max_requests_per_connection = 1000;
  // A keep-alive connection without a request for this long is closed.
  std::chrono::milliseconds idle_timeout{5000};
  // A request must arrive in full within this time of its first byte (else 408 and close).
  std::chrono::milliseconds request_timeout{30000};
  // Sending a response may take at most this long.
  std::chrono::milliseconds write_timeout{30000};
  // Headers added to every response, the transport's own error answers included.
  std::vector<std::pair<std::string, std::string>> response_headers;
};

// The application: called on a worker thread, possibly on many at once.
using HttpHandler = std::function<HttpResponse(HttpRequest&)>;
// Told of every response after it went out (or failed to): the request as far as it was
// parsed (method and path are empty when the request line could not be read), the status and
// the time from the request's first byte to the end of the response.
using HttpObserver =
    std::function<void(const HttpRequest&, int status, std::chrono::steady_clock::duration)>;

// ---- The request parser, pure functions (unit tests and the fuzz target call them) ----

// Where the head (request line and headers) ends in `data`: the index just past the empty line
// ("\r\n\r\n", bare "\n" accepted), or npos. The search starts at `from` (bytes before it were
// searched already), so that a head arriving in pieces is scanned once.
std::size_t find_head_end(std::string_view data, std::size_t from = 0);

struct HttpRequestHead {
  HttpRequest request;    // method, path (percent-decoded), query, headers (lower-case names)
  int minor_version = 1;  // HTTP/1.<minor>
  bool has_content_length = false;
  std::uint64_t content_length = 0;
  bool chunked = false;          // Transfer-Encoding: chunked
  bool expect_continue = false;  // Expect: 100-continue (HTTP/1.1)
  bool keep_alive = true;        // what the client asked for, by version and Connection
};

struct HttpParseResult {
  int status = 0;       // 0: parsed; else the HTTP status to answer (400, 417, 501, 505)
  std::string message;  // why, for the answer's body
};

// Parses a complete head (as found by find_head_end) into `out`.
HttpParseResult parse_request_head(std::string_view head, HttpRequestHead& out);

// Decodes %XX escapes (and '+' as a space when `plus_as_space`) into `out`; false on a broken
// escape.
bool percent_decode(std::string_view in, bool plus_as_space, std::string& out);

// Decodes a chunked request body incrementally: feed() it the bytes as they come.
class ChunkedDecoder {
 public:
  enum class State { kSizeLine, kData, kDataEnd, kTrailer, kDone, kInvalid, kTooLarge };

  explicit ChunkedDecoder(std::size_t max_body, std::size_t max_line = 4096)
      : max_body_(max_body), max_line_(max_line) {}

  // Consumes bytes from `in`, appending the decoded data to `body`; returns how many bytes it
  // used: all of `in` unless the body ended (kDone) or was refused (kInvalid, kTooLarge).
  std::size_t feed(std::string_view in, std::string& body);
  State state() const { return state_; }
  bool finished() const { return state_ == State::kDone; }
  bool failed() const { return state_ == State::kInvalid || state_ == State::kTooLarge; }

 private:
  bool end_line(std::string& body);  // a whole line is in line_; false: state_ set to a failure

  std::size_t max_body_;
  std::size_t max_line_;
  State state_ = State::kSizeLine;
  std::uint64_t remaining_ = 0;  // of the current chunk
  std::size_t trailer_bytes_ = 0;
  std::string line_;
};

// ---- The server ----

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler handler, HttpObserver observer = {});
  ~HttpServer();  // stops; serve() must have returned (or never been called)
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the bound port.
  core::Result<int> bind();
  // Accepts and serves until stop(); returns once every worker has finished. A stop() that
  // came earlier (even before bind()) makes it return at once.
  core::Status serve();
  // Stops accepting, ends idle keep-alive connections at once, lets requests being handled
  // finish (their answers say "Connection: close"). Callable from any thread, any time.
  void stop();

  std::size_t connections_served() const { return connections_served_.load(); }

 private:
  struct Connection;
  void work();
  void serve_connection(int fd, std::string remote);
  bool register_connection(int fd);
  void unregister_and_close(int fd);

  const HttpServerOptions options_;
  const HttpHandler handler_;
  const HttpObserver observer_;
  std::string fixed_headers_;  // options_.response_headers, rendered once

  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> connections_served_{0};

  std::mutex listen_mu_;  // guards listen_fd_ against stop() shutting it while it is closed
  int listen_fd_ = -1;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::pair<int, std::string>> queue_;  // guarded by queue_mu_: (fd, peer address)

  std::mutex connections_mu_;
  std::vector<int> connections_;  // guarded by connections_mu_: open connections' sockets

  std::vector<std::thread> workers_;
};

}  // namespace crossroads::api
