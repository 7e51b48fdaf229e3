#include "api/server.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "api/access_log.h"
#include "api/http_server.h"
#include "core/clock.h"

namespace crossroads::api {

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

std::vector<std::pair<std::string, std::string>> security_headers() {
  return {{"Content-Security-Policy", kContentSecurityPolicy},
          {"X-Content-Type-Options", "nosniff"},
          {"X-Frame-Options", "DENY"},
          {"Referrer-Policy", "no-referrer"},
          {"Cross-Origin-Opener-Policy", "same-origin"},
          {"Cross-Origin-Resource-Policy", "same-origin"}};
}

constexpr const char* kNoWebPage = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Crossroads</title></head>
<body><h1>Crossroads</h1>
<p>The server is running. The web application is not installed in this build;
the JSON API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</body></html>
)html";

const char* content_type_for(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

HttpResponse text_response(int status, std::string text) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(text);
  return response;
}

bool read_whole_file(const std::filesystem::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

struct Server::Impl {
  Api& api;
  ServerOptions options;
  std::filesystem::path web_root;         // canonical; empty: no web application
  std::unique_ptr<AccessLog> access_log;  // null: none
  std::unique_ptr<HttpServer> http;

  HttpResponse handle(HttpRequest& request) {
    if (request.path.rfind("/api/", 0) == 0) return api.handle(request);
    if (request.method != "GET" && request.method != "HEAD") {
      return text_response(404, "not found\n");
    }
    return static_file(request.path);
  }

  // A file of the web application. The path was percent-decoded by the transport: "..", NUL
  // and backslashes are refused outright, and what remains must resolve (symbolic links
  // included) to a regular file under the web root.
  HttpResponse static_file(const std::string& path) {
    if (path == "/") {
      HttpResponse response;
      response.content_type = "text/html; charset=utf-8";
      if (web_root.empty() || !read_whole_file(web_root / "index.html", response.body)) {
        response.body = kNoWebPage;
      }
      return response;
    }
    HttpResponse not_found = text_response(404, "not found\n");
    if (web_root.empty() || path.empty() || path.front() != '/' ||
        path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
      return not_found;
    }
    const std::filesystem::path relative = std::filesystem::path(path.substr(1)).lexically_normal();
    for (const auto& part : relative) {
      if (part == "..") return not_found;
    }
    if (relative.empty() || relative.is_absolute()) return not_found;
    std::error_code ec;
    const std::filesystem::path file = std::filesystem::canonical(web_root / relative, ec);
    if (ec) return not_found;
    const auto [end, ignored] =
        std::mismatch(web_root.begin(), web_root.end(), file.begin(), file.end());
    if (end != web_root.end()) return not_found;                        // outside the web root
    if (!std::filesystem::is_regular_file(file, ec)) return not_found;  // directories too
    HttpResponse response;
    if (!read_whole_file(file, response.body)) return not_found;
    response.content_type = content_type_for(file);
    return response;
  }

  void log(const HttpRequest& request, int status, std::chrono::steady_clock::duration took) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
    const std::string time = core::format_iso8601(core::SystemClock().now_ms());
    const char* method = request.method.empty() ? "-" : request.method.c_str();
    const char* path = request.path.empty() ? "-" : request.path.c_str();
    const char* from = request.remote_addr.empty() ? "-" : request.remote_addr.c_str();
    auto format = [&](char* out, std::size_t size) {
      return std::snprintf(out, size, "%s %s %s %d %.1fms %s", time.c_str(), method, path, status,
                           static_cast<double>(micros) / 1000.0, from);
    };
    char line[512];
    const int n = format(line, sizeof line);
    if (n > 0 && static_cast<std::size_t>(n) < sizeof line) {
      access_log->write(std::string_view(line, static_cast<std::size_t>(n)));
    } else if (n > 0) {  // a long path
      std::string long_line(static_cast<std::size_t>(n) + 1, '\0');
      format(long_line.data(), long_line.size());
      long_line.resize(static_cast<std::size_t>(n));
      access_log->write(long_line);
    }
  }
};

Server::Server(Api& api, ServerOptions options)
    : impl_(new Impl{api, std::move(options), {}, nullptr, nullptr}) {
  auto& o = impl_->options;
  if (o.access_log_fd >= 0) impl_->access_log = std::make_unique<AccessLog>(o.access_log_fd);
  if (!o.web_root.empty()) {
    std::error_code ec;
    impl_->web_root = std::filesystem::canonical(o.web_root, ec);
    if (ec) {
      std::fprintf(stderr,
                   "crossroads: the web root %s cannot be read (%s); serving the API only\n",
                   o.web_root.c_str(), ec.message().c_str());
      impl_->web_root.clear();
    }
  }
  HttpServerOptions http;
  http.host = o.host;
  http.port = o.port;
  http.threads = std::max<std::size_t>(1, o.threads);
  http.max_body = o.max_body;
  http.idle_timeout = o.idle_timeout;
  http.request_timeout = o.request_timeout;
  http.write_timeout = o.write_timeout;
  http.response_headers = security_headers();
  HttpObserver observer;
  if (impl_->access_log) {
    observer = [impl = impl_.get()](const HttpRequest& request, int status,
                                    std::chrono::steady_clock::duration took) {
      impl->log(request, status, took);
    };
  }
  impl_->http = std::make_unique<HttpServer>(
      std::move(http), [impl = impl_.get()](HttpRequest& request) { return impl->handle(request); },
      std::move(observer));
}

Server::~Server() = default;

core::Result<int> Server::bind() {
  auto& o = impl_->options;
  CR_ASSIGN_OR_RETURN(const int port, impl_->http->bind());
  if (!o.port_file.empty()) {
    const std::string tmp = o.port_file + ".tmp";
    {
      std::ofstream out(tmp);
      out << port << "\n";
      if (!out) return core::internal("cannot write the port file " + tmp);
    }
    if (std::rename(tmp.c_str(), o.port_file.c_str()) != 0) {
      return core::internal("cannot write the port file " + o.port_file);
    }
  }
  return port;
}

core::Status Server::serve() {
  core::Status st = impl_->http->serve();
  if (impl_->access_log) impl_->access_log->flush();
  return st;
}

void Server::stop() { impl_->http->stop(); }

}  // namespace crossroads::api
