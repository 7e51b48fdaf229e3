// An HTTP client for the Crossroads API as a browser or script uses it: the session cookie and
// CSRF token after a login, or a personal API token as Bearer.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <string>

namespace crossroads::integration {

struct ApiReply {
  int status = -1;  // -1: no HTTP answer (connection refused, reset, timeout)
  std::string body;
  httplib::Headers headers;

  // The body as JSON (discarded when it is not JSON).
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(const std::string& name) const;
  // The {"error": {...}} envelope's code, or "" when the body has none.
  std::string error_code() const;
};

class ApiClient {
 public:
  explicit ApiClient(int port);

  // Signs in; on 200 keeps the session cookie and CSRF token for the following requests.
  ApiReply login(const std::string& username, const std::string& password);
  // Uses a personal API token instead of the session from now on.
  void use_token(const std::string& secret);
  // Whether changes carry the X-CSRF-Token header (they do by default after a login).
  void send_csrf(bool send) { send_csrf_ = send; }
  // Sends requests with this session cookie (e.g. one taken before a restart).
  void set_session(const std::string& cookie, const std::string& csrf);

  const std::string& session_cookie() const { return session_; }
  const std::string& csrf_token() const { return csrf_; }

  ApiReply get(const std::string& path);
  ApiReply post(const std::string& path, const nlohmann::json& body);
  ApiReply put(const std::string& path);
  ApiReply patch(const std::string& path, const nlohmann::json& body);
  ApiReply del(const std::string& path);
  // A body sent as is, e.g. malformed JSON or FtM JSON lines.
  ApiReply send(const std::string& method, const std::string& path, const std::string& body,
                const std::string& content_type);

 private:
  httplib::Headers headers(bool change) const;

  httplib::Client http_;
  std::string session_;
  std::string csrf_;
  std::string token_;
  bool send_csrf_ = true;
};

}  // namespace crossroads::integration
