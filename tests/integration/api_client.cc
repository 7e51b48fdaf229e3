#include "api_client.h"

namespace crossroads::integration {

namespace {

constexpr const char* kSessionCookie = "crossroads_session";

ApiReply reply_of(const httplib::Result& res) {
  ApiReply out;
  if (!res) return out;
  out.status = res->status;
  out.body = res->body;
  out.headers = res->headers;
  return out;
}

}  // namespace

std::string ApiReply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string ApiReply::error_code() const {
  const auto j = json();
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return {};
  const auto& code = j["error"]["code"];
  return code.is_string() ? code.get<std::string>() : std::string();
}

ApiClient::ApiClient(int port) : http_("127.0.0.1", port) {
  http_.set_connection_timeout(5, 0);
  http_.set_read_timeout(60, 0);
  http_.set_write_timeout(60, 0);
}

ApiReply ApiClient::login(const std::string& username, const std::string& password) {
  nlohmann::json body = {{"username", username}, {"password", password}};
  ApiReply r = reply_of(http_.Post("/api/v1/auth/login", body.dump(), "application/json"));
  if (r.status != 200) return r;
  const std::string cookie = r.header("Set-Cookie");
  const std::string prefix = std::string(kSessionCookie) + "=";
  if (cookie.rfind(prefix, 0) == 0) {
    session_ = cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
  }
  const auto j = r.json();
  if (j.is_object() && j.contains("csrf_token") && j["csrf_token"].is_string()) {
    csrf_ = j["csrf_token"].get<std::string>();
  }
  return r;
}

void ApiClient::use_token(const std::string& secret) {
  token_ = secret;
  session_.clear();
  csrf_.clear();
}

void ApiClient::set_session(const std::string& cookie, const std::string& csrf) {
  session_ = cookie;
  csrf_ = csrf;
}

httplib::Headers ApiClient::headers(bool change) const {
  httplib::Headers h;
  if (!token_.empty()) h.emplace("Authorization", "Bearer " + token_);
  if (!session_.empty()) h.emplace("Cookie", std::string(kSessionCookie) + "=" + session_);
  if (change && send_csrf_ && !csrf_.empty()) h.emplace("X-CSRF-Token", csrf_);
  return h;
}

ApiReply ApiClient::get(const std::string& path) {
  return reply_of(http_.Get(path, headers(false)));
}

ApiReply ApiClient::post(const std::string& path, const nlohmann::json& body) {
  return send("POST", path, body.dump(), "application/json");
}

ApiReply ApiClient::put(const std::string& path) {
  return reply_of(http_.Put(path, headers(true), std::string(), "application/json"));
}

ApiReply ApiClient::patch(const std::string& path, const nlohmann::json& body) {
  return send("PATCH", path, body.dump(), "application/json");
}

ApiReply ApiClient::del(const std::string& path) {
  return reply_of(http_.Delete(path, headers(true)));
}

ApiReply ApiClient::send(const std::string& method, const std::string& path,
                         const std::string& body, const std::string& content_type) {
  const auto h = headers(true);
  if (method == "POST") return reply_of(http_.Post(path, h, body, content_type));
  if (method == "PUT") return reply_of(http_.Put(path, h, body, content_type));
  if (method == "PATCH") return reply_of(http_.Patch(path, h, body, content_type));
  if (method == "DELETE") return reply_of(http_.Delete(path, h, body, content_type));
  return reply_of(http_.Get(path, h));
}

}  // namespace crossroads::integration
