#include "api/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "api/access_log.h"
#include "core/clock.h"

namespace crossroads::api {

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

void security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
}

constexpr const char* kNoWebPage = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Crossroads</title></head>
<body><h1>Crossroads</h1>
<p>The server is running. The web application is not installed in this build;
the JSON API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</body></html>
)html";

}  // namespace

struct Server::Impl {
  Api& api;
  ServerOptions options;
  httplib::Server http;
  int port = 0;
  std::atomic<bool> finished{false};
  std::unique_ptr<AccessLog> access_log;  // null: none
};

Server::Server(Api& api, ServerOptions options)
    : impl_(new Impl{api, std::move(options), {}, 0, {}, nullptr}) {
  if (impl_->options.access_log_fd >= 0) {
    impl_->access_log = std::make_unique<AccessLog>(impl_->options.access_log_fd);
  }
  auto& http = impl_->http;
  const std::size_t threads = std::max<std::size_t>(1, impl_->options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(impl_->options.max_body);
  http.set_read_timeout(30, 0);
  http.set_write_timeout(30, 0);
  http.set_keep_alive_max_count(1000);
  // Small JSON answers go out at once: without it Nagle's algorithm and delayed ACKs hold a
  // keep-alive client's next request for tens of milliseconds.
  http.set_tcp_nodelay(true);

  auto forward = [this](const httplib::Request& req, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    HttpRequest request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [key, value] : req.params) request.query.emplace(key, value);
    for (const auto& [key, value] : req.headers) {
      std::string lower = key;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[lower] = value;
    }
    request.body = req.body;
    request.remote_addr = req.remote_addr;
    HttpResponse response = impl_->api.handle(request);
    res.status = response.status;
    for (const auto& [key, value] : response.headers) res.set_header(key, value);
    if (!response.body.empty()) {
      res.set_content(response.body, response.content_type);
    }
    if (impl_->access_log) {
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
      const std::string time = core::format_iso8601(core::SystemClock().now_ms());
      auto format = [&](char* out, std::size_t size) {
        return std::snprintf(out, size, "%s %s %s %d %.1fms %s", time.c_str(), req.method.c_str(),
                             req.path.c_str(), res.status, static_cast<double>(micros) / 1000.0,
                             request.remote_addr.c_str());
      };
      char line[512];
      const int n = format(line, sizeof line);
      if (n > 0 && static_cast<std::size_t>(n) < sizeof line) {
        impl_->access_log->write(std::string_view(line, static_cast<std::size_t>(n)));
      } else if (n > 0) {  // a long path
        std::string long_line(static_cast<std::size_t>(n) + 1, '\0');
        format(long_line.data(), long_line.size());
        long_line.resize(static_cast<std::size_t>(n));
        impl_->access_log->write(long_line);
      }
    }
  };
  const std::string api_pattern = "/api/.*";
  http.Get(api_pattern, forward);
  http.Post(api_pattern, forward);
  http.Put(api_pattern, forward);
  http.Patch(api_pattern, forward);
  http.Delete(api_pattern, forward);

  if (!impl_->options.web_root.empty()) {
    http.set_mount_point("/", impl_->options.web_root);
  }
  http.Get("/", [this](const httplib::Request&, httplib::Response& res) {
    if (!impl_->options.web_root.empty()) {
      std::ifstream in(impl_->options.web_root + "/index.html", std::ios::binary);
      if (in) {
        std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        res.set_content(page, "text/html; charset=utf-8");
        return;
      }
    }
    res.set_content(kNoWebPage, "text/html; charset=utf-8");
  });
  // Every response, API, page or file, carries the security headers.
  http.set_post_routing_handler(
      [](const httplib::Request&, httplib::Response& res) { security_headers(res); });
}

Server::~Server() = default;

core::Result<int> Server::bind() {
  auto& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.host);
    if (impl_->port <= 0) {
      return core::Status(core::Code::kUnavailable, "cannot bind to any port on " + o.host);
    }
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port)) {
      return core::Status(core::Code::kUnavailable,
                          "cannot listen on " + o.host + ":" + std::to_string(o.port) +
                              "; is another server running there? Use --port to choose another");
    }
    impl_->port = o.port;
  }
  if (!o.port_file.empty()) {
    const std::string tmp = o.port_file + ".tmp";
    {
      std::ofstream out(tmp);
      out << impl_->port << "\n";
      if (!out) return core::internal("cannot write the port file " + tmp);
    }
    if (std::rename(tmp.c_str(), o.port_file.c_str()) != 0) {
      return core::internal("cannot write the port file " + o.port_file);
    }
  }
  return impl_->port;
}

core::Status Server::serve() {
  const bool ok = impl_->http.listen_after_bind();
  impl_->finished = true;
  if (impl_->access_log) impl_->access_log->flush();
  if (!ok) return core::Status(core::Code::kUnavailable, "the server stopped unexpectedly");
  return core::Status::ok();
}

void Server::stop() {
  // httplib ignores stop() until it listens: a stop that arrives between bind() and serve()
  // waits (a bounded time) for the server to start listening, then stops it.
  for (int i = 0; i < 500 && !impl_->http.is_running() && !impl_->finished; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->http.stop();
}

}  // namespace crossroads::api
