#include "api/http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>

namespace crossroads::api {

namespace {

using Clock = std::chrono::steady_clock;

bool is_token_char(unsigned char c) {
  // RFC 9110 tchar
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return is_token_char(static_cast<unsigned char>(c)); });
}

// A header value's bytes: visible characters, obs-text, space and tab.
bool is_field_value(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c != 0x7f);
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + ('a' - 'A'));
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + ('a' - 'A'));
    if (x != y) return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_decimal(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;  // 19 digits cannot overflow 64 bits
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = v;
  return true;
}

constexpr std::string_view kKnownMethods[] = {"GET",   "HEAD",   "POST",   "PUT",
                                              "PATCH", "DELETE", "OPTIONS"};

HttpParseResult fail(int status, std::string message) { return {status, std::move(message)}; }

const char* reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Content";
    case 423:
      return "Locked";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Status";
  }
}

// A header value from the application must not split the head.
void append_field(std::string& out, std::string_view value) {
  for (char c : value) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
}

timeval to_timeval(std::chrono::milliseconds ms) {
  if (ms.count() < 1) ms = std::chrono::milliseconds(1);  // 0 would mean "no timeout"
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

std::string address_text(const sockaddr_storage& addr) {
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
  }
  return text;
}

}  // namespace

// ---- Parser ----

std::size_t find_head_end(std::string_view data, std::size_t from) {
  for (std::size_t i = data.find('\n', from); i != std::string_view::npos;
       i = data.find('\n', i + 1)) {
    if (i + 1 < data.size() && data[i + 1] == '\n') return i + 2;
    if (i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

bool percent_decode(std::string_view in, bool plus_as_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

HttpParseResult parse_request_head(std::string_view head, HttpRequestHead& out) {
  out = HttpRequestHead{};
  // Lines end in "\r\n" (a bare "\n" is accepted); the head ends with an empty line.
  auto next_line = [&head](std::string_view& line) {
    const std::size_t nl = head.find('\n');
    if (nl == std::string_view::npos) {
      line = head;
      head = {};
    } else {
      line = head.substr(0, nl);
      head.remove_prefix(nl + 1);
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  };

  std::string_view line;
  next_line(line);
  // Request line: method SP target SP version
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos ||
      line.find(' ', sp2 + 1) != std::string_view::npos) {
    return fail(400, "malformed request line: expected \"METHOD /path HTTP/1.1\"");
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method)) return fail(400, "malformed request method");
  if (version == "HTTP/1.1") {
    out.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    out.minor_version = 0;
  } else if (version.size() >= 6 && version.substr(0, 5) == "HTTP/" && version[5] >= '0' &&
             version[5] <= '9') {
    return fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
  } else {
    return fail(400, "malformed HTTP version in the request line");
  }
  if (std::find(std::begin(kKnownMethods), std::end(kKnownMethods), method) ==
      std::end(kKnownMethods)) {
    return fail(501, "method " + std::string(method) + " is not supported");
  }
  out.request.method = std::string(method);
  if (target.empty()) return fail(400, "empty request target");
  for (char ch : target) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) return fail(400, "control character in the request target");
  }

  std::string_view path_and_query = target;
  if (target == "*") {
    if (method != "OPTIONS") return fail(400, "\"*\" is a target for OPTIONS only");
  } else if (target.front() != '/') {
    // absolute-form: http://host/path?query
    const std::size_t scheme = target.find("://");
    if (scheme == std::string_view::npos ||
        !(equals_ignore_case(target.substr(0, scheme), "http") ||
          equals_ignore_case(target.substr(0, scheme), "https"))) {
      return fail(400, "malformed request target: expected a path starting with '/'");
    }
    const std::size_t slash = target.find('/', scheme + 3);
    path_and_query = slash == std::string_view::npos ? "/" : target.substr(slash);
  }
  const std::size_t fragment = path_and_query.find('#');
  if (fragment != std::string_view::npos) path_and_query = path_and_query.substr(0, fragment);
  const std::size_t question = path_and_query.find('?');
  const std::string_view raw_path = path_and_query.substr(0, question);
  if (!percent_decode(raw_path, false, out.request.path)) {
    return fail(400, "malformed percent-encoding in the request path");
  }
  // Control characters (NUL, CR, LF decoded from %00, %0D, %0A) have no use in a path and
  // would let a request forge lines in the access log.
  if (std::any_of(out.request.path.begin(), out.request.path.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c < 0x20 || c == 0x7f;
      })) {
    return fail(400, "control character (such as NUL) in the request path");
  }
  if (question != std::string_view::npos) {
    std::string_view query = path_and_query.substr(question + 1);
    std::string key;
    std::string value;
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (pair.empty()) continue;
      const std::size_t eq = pair.find('=');
      if (!percent_decode(pair.substr(0, eq), true, key) ||
          !percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1),
                          true, value)) {
        return fail(400, "malformed percent-encoding in the query string");
      }
      out.request.query.emplace(key, value);  // the first of repeated names counts
    }
  }

  // Header fields
  bool has_transfer_encoding = false;
  while (!head.empty()) {
    next_line(line);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      return fail(400, "folded header lines are not accepted");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fail(400, "malformed header line (no ':')");
    const std::string_view name = line.substr(0, colon);
    if (!is_token(name)) return fail(400, "malformed header name \"" + std::string(name) + "\"");
    const std::string_view value = trim(line.substr(colon + 1));
    if (!is_field_value(value)) {
      return fail(400, "control character in header " + std::string(name));
    }
    std::string key = lower(name);
    auto [it, inserted] = out.request.headers.emplace(key, std::string(value));
    if (!inserted) {
      if (key == "content-length") {
        if (it->second != value) return fail(400, "conflicting Content-Length headers");
      } else if (key == "host") {
        return fail(400, "more than one Host header");
      } else {
        it->second += key == "cookie" ? "; " : ", ";
        it->second += value;
      }
    }
  }

  auto& headers = out.request.headers;
  if (auto it = headers.find("content-length"); it != headers.end()) {
    if (!parse_decimal(it->second, out.content_length)) {
      return fail(400, "malformed Content-Length \"" + it->second + "\"");
    }
    out.has_content_length = true;
  }
  if (auto it = headers.find("transfer-encoding"); it != headers.end()) {
    has_transfer_encoding = true;
    if (out.minor_version == 0) return fail(400, "Transfer-Encoding in an HTTP/1.0 request");
    if (!equals_ignore_case(trim(it->second), "chunked")) {
      return fail(501, "Transfer-Encoding \"" + it->second + "\" is not supported (only chunked)");
    }
    out.chunked = true;
  }
  if (has_transfer_encoding && out.has_content_length) {
    return fail(400, "both Content-Length and Transfer-Encoding");
  }
  if (auto it = headers.find("expect"); it != headers.end() && out.minor_version == 1) {
    if (!equals_ignore_case(trim(it->second), "100-continue")) {
      return fail(417, "Expect \"" + it->second + "\" is not supported (only 100-continue)");
    }
    out.expect_continue = true;
  }
  out.keep_alive = out.minor_version == 1;
  if (auto it = headers.find("connection"); it != headers.end()) {
    std::string_view tokens = it->second;
    while (!tokens.empty()) {
      const std::size_t comma = tokens.find(',');
      const std::string_view token = trim(tokens.substr(0, comma));
      tokens = comma == std::string_view::npos ? std::string_view() : tokens.substr(comma + 1);
      if (equals_ignore_case(token, "close")) {
        out.keep_alive = false;
        break;
      }
      if (equals_ignore_case(token, "keep-alive")) out.keep_alive = true;
    }
  }
  return {};
}

std::size_t ChunkedDecoder::feed(std::string_view in, std::string& body) {
  std::size_t used = 0;
  while (used < in.size()) {
    switch (state_) {
      case State::kSizeLine:
      case State::kDataEnd:
      case State::kTrailer: {
        const std::size_t nl = in.find('\n', used);
        const std::size_t end = nl == std::string_view::npos ? in.size() : nl;
        if (line_.size() + (end - used) > max_line_) {
          state_ = State::kInvalid;
          return used;
        }
        line_.append(in.data() + used, end - used);
        used = nl == std::string_view::npos ? in.size() : nl + 1;
        if (nl != std::string_view::npos && !end_line(body)) return used;
        break;
      }
      case State::kData: {
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, in.size() - used));
        body.append(in.data() + used, n);
        used += n;
        remaining_ -= n;
        if (remaining_ == 0) state_ = State::kDataEnd;
        break;
      }
      case State::kDone:
      case State::kInvalid:
      case State::kTooLarge:
        return used;
    }
  }
  return used;
}

bool ChunkedDecoder::end_line(std::string& body) {
  std::string_view line = line_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  switch (state_) {
    case State::kSizeLine: {
      // chunk-size [ ; extensions ]
      const std::size_t semicolon = line.find(';');
      const std::string_view digits = trim(line.substr(0, semicolon));
      if (digits.empty() || digits.size() > 15) {
        state_ = State::kInvalid;
        return false;
      }
      std::uint64_t size = 0;
      for (char c : digits) {
        const int v = hex_value(c);
        if (v < 0) {
          state_ = State::kInvalid;
          return false;
        }
        size = size * 16 + static_cast<std::uint64_t>(v);
      }
      if (size > max_body_ || body.size() + size > max_body_) {
        state_ = State::kTooLarge;
        return false;
      }
      remaining_ = size;
      state_ = size == 0 ? State::kTrailer : State::kData;
      break;
    }
    case State::kDataEnd:
      if (!line.empty()) {
        state_ = State::kInvalid;
        return false;
      }
      state_ = State::kSizeLine;
      break;
    case State::kTrailer:
      trailer_bytes_ += line_.size();
      if (trailer_bytes_ > 16 * max_line_) {
        state_ = State::kInvalid;
        return false;
      }
      if (line.empty()) state_ = State::kDone;
      break;
    default:
      break;
  }
  line_.clear();
  return true;
}

// ---- Server ----

// One client connection, served by one worker: its socket, its read buffer (unparsed bytes
// between begin and end) and the receive timeout the socket has now.
struct HttpServer::Connection {
  int fd;
  std::string remote;
  std::unique_ptr<char[]> buffer;
  std::size_t capacity;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::chrono::milliseconds receive_timeout{0};
  std::string out;  // the response head (and a small body) being sent

  std::string_view pending() const { return {buffer.get() + begin, end - begin}; }
  void consume(std::size_t n) {
    begin += n;
    if (begin == end) begin = end = 0;
  }

  bool set_receive_timeout(std::chrono::milliseconds timeout) {
    if (timeout == receive_timeout) return true;
    const timeval tv = to_timeval(timeout);
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) return false;
    receive_timeout = timeout;
    return true;
  }

  enum class Read { kData, kClosed, kTimeout };

  // Receives into `to` (at most `size` bytes). Without a deadline the wait is the idle timeout;
  // with one the socket's timeout is lowered to what is left of it when needed.
  Read receive(char* to, std::size_t size, std::size_t& got, std::chrono::milliseconds idle,
               const Clock::time_point* deadline) {
    while (true) {
      if (deadline == nullptr) {
        if (!set_receive_timeout(idle)) return Read::kClosed;
      } else {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
        if (left.count() <= 0) return Read::kTimeout;
        if (receive_timeout.count() == 0 || receive_timeout > left) {
          if (!set_receive_timeout(left)) return Read::kClosed;
        }
      }
      const ssize_t n = ::recv(fd, to, size, 0);
      if (n > 0) {
        got = static_cast<std::size_t>(n);
        return Read::kData;
      }
      if (n == 0) return Read::kClosed;
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (deadline == nullptr) return Read::kTimeout;
        continue;  // the loop checks the deadline
      }
      return Read::kClosed;
    }
  }

  // Reads more into the buffer (moving pending bytes to its front when it is full).
  Read fill(std::chrono::milliseconds idle, const Clock::time_point* deadline) {
    if (end == capacity && begin > 0) {
      std::memmove(buffer.get(), buffer.get() + begin, end - begin);
      end -= begin;
      begin = 0;
    }
    std::size_t got = 0;
    const Read r = receive(buffer.get() + end, capacity - end, got, idle, deadline);
    if (r == Read::kData) end += got;
    return r;
  }

  // Sends all of `parts`; false when the peer is gone or the write deadline passed.
  bool send_all(iovec* parts, int count, Clock::time_point deadline) {
    while (count > 0) {
      msghdr msg{};
      msg.msg_iov = parts;
      msg.msg_iovlen = static_cast<decltype(msg.msg_iovlen)>(count);
      const ssize_t n = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;  // EAGAIN here is SO_SNDTIMEO expiring
      }
      auto left = static_cast<std::size_t>(n);
      while (count > 0 && left >= parts->iov_len) {
        left -= parts->iov_len;
        ++parts;
        --count;
      }
      if (count > 0) {
        parts->iov_base = static_cast<char*>(parts->iov_base) + left;
        parts->iov_len -= left;
        if (Clock::now() > deadline) return false;
      }
    }
    return true;
  }
};

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler, HttpObserver observer)
    : options_(std::move(options)), handler_(std::move(handler)), observer_(std::move(observer)) {
  for (const auto& [name, value] : options_.response_headers) {
    fixed_headers_ += name;
    fixed_headers_ += ": ";
    append_field(fixed_headers_, value);
    fixed_headers_ += "\r\n";
  }
}

HttpServer::~HttpServer() {
  stop();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  std::lock_guard<std::mutex> lock(listen_mu_);
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
}

core::Result<int> HttpServer::bind() {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string port_text = std::to_string(options_.port);
  const int gai = ::getaddrinfo(options_.host.empty() ? nullptr : options_.host.c_str(),
                                port_text.c_str(), &hints, &found);
  if (gai != 0) {
    return core::Status(core::Code::kUnavailable, "cannot listen on " + where + ": the host " +
                                                      options_.host + " is not known (" +
                                                      ::gai_strerror(gai) + ")");
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  std::string error = "no address";
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      error = std::strerror(errno);
      ::close(fd);
      continue;
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length) != 0) {
      error = std::strerror(errno);
      ::close(fd);
      continue;
    }
    const int port = bound.ss_family == AF_INET6
                         ? ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port)
                         : ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
    std::lock_guard<std::mutex> lock(listen_mu_);
    if (listen_fd_ >= 0) ::close(listen_fd_);
    listen_fd_ = fd;
    return port;
  }
  return core::Status(core::Code::kUnavailable,
                      "cannot listen on " + where + ": " + error +
                          "; is another server running there? Use --port to choose another");
}

core::Status HttpServer::serve() {
  int listen_fd = -1;
  {
    std::lock_guard<std::mutex> lock(listen_mu_);
    listen_fd = listen_fd_;
  }
  if (stopping_.load()) return core::Status::ok();
  if (listen_fd < 0) return core::internal("HttpServer::serve() called before a successful bind()");

  const std::size_t threads = std::max<std::size_t>(1, options_.threads);
  workers_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });

  while (!stopping_.load()) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC);
    if (fd < 0) {
      if (stopping_.load()) break;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // wait for descriptors
      } else if (errno == EINVAL || errno == EBADF || errno == ENOTSOCK) {
        break;  // the socket was shut down
      }
      continue;  // EINTR, ECONNABORTED, EPROTO and the like: the next one
    }
    if (stopping_.load()) {
      ::close(fd);
      break;
    }
    bool queued = false;
    {
      std::lock_guard<std::mutex> lock(queue_mu_);
      if (queue_.size() < options_.max_queued_connections) {
        queue_.emplace_back(fd, address_text(peer));
        queued = true;
      }
    }
    if (queued) {
      queue_cv_.notify_one();
    } else {
      static constexpr std::string_view kBusy =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
          "Content-Length: 33\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
          "the server is busy; try it again\n";
      (void)::send(fd, kBusy.data(), kBusy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      ::close(fd);
    }
  }

  stopping_ = true;
  queue_cv_.notify_all();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    for (const auto& queued : queue_) ::close(queued.first);
    queue_.clear();
  }
  {
    std::lock_guard<std::mutex> lock(listen_mu_);
    if (listen_fd_ >= 0) ::close(listen_fd_);
    listen_fd_ = -1;
  }
  return core::Status::ok();
}

void HttpServer::stop() {
  stopping_ = true;
  {
    std::lock_guard<std::mutex> lock(listen_mu_);
    // accept() returns at once (EINVAL) on a listening socket that was shut down.
    if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  }
  {
    // A worker waiting for its connection's next request sees the end of the stream; one
    // handling a request still sends its answer (with "Connection: close").
    std::lock_guard<std::mutex> lock(connections_mu_);
    for (const int fd : connections_) ::shutdown(fd, SHUT_RD);
  }
  {
    std::lock_guard<std::mutex> lock(queue_mu_);  // so that no worker misses the wake-up
  }
  queue_cv_.notify_all();
}

void HttpServer::work() {
  while (true) {
    std::pair<int, std::string> next;
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      queue_cv_.wait(lock, [this] { return stopping_.load() || !queue_.empty(); });
      if (stopping_.load()) return;  // serve() closes what is still queued
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!register_connection(next.first)) {
      ::close(next.first);
      continue;
    }
    connections_served_.fetch_add(1, std::memory_order_relaxed);
    serve_connection(next.first, std::move(next.second));
    unregister_and_close(next.first);
  }
}

bool HttpServer::register_connection(int fd) {
  std::lock_guard<std::mutex> lock(connections_mu_);
  if (stopping_.load()) return false;
  connections_.push_back(fd);
  return true;
}

void HttpServer::unregister_and_close(int fd) {
  // Under the lock, so that stop() never shuts down a descriptor number already reused.
  std::lock_guard<std::mutex> lock(connections_mu_);
  connections_.erase(std::find(connections_.begin(), connections_.end(), fd));
  ::close(fd);
}

void HttpServer::serve_connection(int fd, std::string remote) {
  Connection c{fd, std::move(remote),
               std::make_unique_for_overwrite<char[]>(options_.max_head_bytes),
               options_.max_head_bytes};
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  const timeval send_timeout = to_timeval(options_.write_timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  const auto idle = options_.idle_timeout;

  // Sends `response`; false when the connection is to be closed (or broke).
  auto respond = [&](const HttpRequestHead& head, HttpResponse& response, bool keep_alive,
                     Clock::time_point started) {
    const bool head_only = head.request.method == "HEAD";
    const bool no_body = response.status == 204 || response.status == 304 ||
                         (response.status >= 100 && response.status < 200);
    std::string& out = c.out;
    out.clear();
    out += "HTTP/1.1 ";
    out += std::to_string(response.status);
    out += ' ';
    out += reason_phrase(response.status);
    out += "\r\n";
    if (!response.body.empty() && !response.content_type.empty()) {
      out += "Content-Type: ";
      append_field(out, response.content_type);
      out += "\r\n";
    }
    if (!no_body) {
      out += "Content-Length: ";
      out += std::to_string(response.body.size());
      out += "\r\n";
    }
    for (const auto& [name, value] : response.headers) {
      if (equals_ignore_case(name, "content-length") || equals_ignore_case(name, "connection") ||
          equals_ignore_case(name, "transfer-encoding") || !is_token(name)) {
        continue;  // the transport's to say
      }
      out += name;
      out += ": ";
      append_field(out, value);
      out += "\r\n";
    }
    out += fixed_headers_;
    if (!keep_alive) {
      out += "Connection: close\r\n";
    } else if (head.minor_version == 0) {
      out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
    const bool send_body = !head_only && !no_body && !response.body.empty();
    iovec parts[2];
    int count = 1;
    if (send_body && response.body.size() <= 16 * 1024) {
      out += response.body;  // one buffer: small answers are the common case
    } else if (send_body) {
      parts[1].iov_base = response.body.data();
      parts[1].iov_len = response.body.size();
      count = 2;
    }
    parts[0].iov_base = out.data();
    parts[0].iov_len = out.size();
    const bool sent = c.send_all(parts, count, Clock::now() + options_.write_timeout);
    if (observer_) observer_(head.request, response.status, Clock::now() - started);
    return sent && keep_alive;
  };

  // Answers an error of the transport's own and closes: what the client sent after it is
  // drained for a moment (at most 1 MiB and 1 s), so that closing does not reset the
  // connection before the client read the answer.
  auto refuse = [&](HttpRequestHead& head, int status, std::string message,
                    Clock::time_point started) {
    HttpResponse response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.body = std::move(message) + "\n";
    head.request.remote_addr = c.remote;
    (void)respond(head, response, false, started);
    ::shutdown(fd, SHUT_WR);
    (void)c.set_receive_timeout(std::chrono::milliseconds(200));
    const Clock::time_point drain_until = Clock::now() + std::chrono::seconds(1);
    char sink[16384];
    for (std::size_t drained = 0; drained < (1u << 20) && Clock::now() < drain_until;) {
      const ssize_t n = ::recv(fd, sink, sizeof sink, 0);
      if (n <= 0) break;
      drained += static_cast<std::size_t>(n);
    }
  };

  HttpRequestHead head;
  std::size_t served = 0;
  while (true) {
    // Bytes of blank lines between requests are ignored (RFC 9112 2.2).
    while (c.begin < c.end && (c.buffer[c.begin] == '\r' || c.buffer[c.begin] == '\n')) {
      c.consume(1);
    }
    if (c.begin == c.end) {
      if (stopping_.load(std::memory_order_relaxed)) return;
      if (c.fill(idle, nullptr) != Connection::Read::kData) return;  // idle or gone
      continue;                                                      // skip blank lines again
    }
    const Clock::time_point started = Clock::now();
    const Clock::time_point deadline = started + options_.request_timeout;

    // The head
    std::size_t scanned = 0;
    std::size_t head_size = 0;
    while ((head_size = find_head_end(c.pending(), scanned)) == std::string_view::npos) {
      const std::size_t have = c.end - c.begin;
      if (have >= options_.max_head_bytes) {
        head = HttpRequestHead{};
        refuse(head, 431,
               "the request line and headers are over " +
                   std::to_string(options_.max_head_bytes / 1024) + " KiB",
               started);
        return;
      }
      scanned = have >= 3 ? have - 3 : 0;
      const auto r = c.fill(idle, &deadline);
      if (r == Connection::Read::kTimeout) {
        head = HttpRequestHead{};
        refuse(head, 408, "the request did not arrive in time", started);
        return;
      }
      if (r != Connection::Read::kData) return;
    }
    const HttpParseResult parsed =
        parse_request_head(std::string_view(c.buffer.get() + c.begin, head_size), head);
    head.request.remote_addr = c.remote;
    c.consume(head_size);
    if (parsed.status != 0) {
      refuse(head, parsed.status, parsed.message, started);
      return;
    }
    bool keep_alive = head.keep_alive && served + 1 < options_.max_requests_per_connection;

    // The body
    std::string& body = head.request.body;
    if (head.has_content_length && head.content_length > 0) {
      if (head.content_length > options_.max_body) {
        refuse(
            head, 413,
            "the request body is over the limit of " + std::to_string(options_.max_body) + " bytes",
            started);
        return;
      }
      const auto length = static_cast<std::size_t>(head.content_length);
      const std::size_t buffered = std::min(length, c.end - c.begin);
      if (head.expect_continue && buffered < length) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        iovec part{const_cast<char*>(kContinue.data()), kContinue.size()};
        if (!c.send_all(&part, 1, Clock::now() + options_.write_timeout)) return;
      }
      // The body grows as it arrives: a declared length alone reserves no memory.
      body.assign(c.buffer.get() + c.begin, buffered);
      c.consume(buffered);
      for (std::size_t have = buffered; have < length;) {
        if (body.size() == have) {
          body.resize(std::min(length, std::max<std::size_t>(2 * have, 64 * 1024)));
        }
        std::size_t got = 0;
        const auto r = c.receive(body.data() + have, body.size() - have, got, idle, &deadline);
        if (r == Connection::Read::kTimeout) {
          refuse(head, 408, "the request body did not arrive in time", started);
          return;
        }
        if (r != Connection::Read::kData) return;
        have += got;
      }
    } else if (head.chunked) {
      ChunkedDecoder decoder(options_.max_body);
      if (head.expect_continue && c.begin == c.end) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        iovec part{const_cast<char*>(kContinue.data()), kContinue.size()};
        if (!c.send_all(&part, 1, Clock::now() + options_.write_timeout)) return;
      }
      while (true) {
        c.consume(decoder.feed(c.pending(), body));
        if (decoder.finished()) break;
        if (decoder.state() == ChunkedDecoder::State::kTooLarge) {
          refuse(head, 413,
                 "the request body is over the limit of " + std::to_string(options_.max_body) +
                     " bytes",
                 started);
          return;
        }
        if (decoder.failed()) {
          refuse(head, 400, "malformed chunked request body", started);
          return;
        }
        const auto r = c.fill(idle, &deadline);
        if (r == Connection::Read::kTimeout) {
          refuse(head, 408, "the request body did not arrive in time", started);
          return;
        }
        if (r != Connection::Read::kData) return;
      }
    }

    // The answer
    HttpResponse response;
    try {
      response = handler_(head.request);
    } catch (const std::exception& e) {
      response = HttpResponse{};
      response.status = 500;
      response.content_type = "text/plain; charset=utf-8";
      response.body = "internal error\n";
    }
    if (stopping_.load(std::memory_order_relaxed)) keep_alive = false;
    if (!respond(head, response, keep_alive, started)) return;
    ++served;
  }
}

}  // namespace crossroads::api
