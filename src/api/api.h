// The JSON API under /api/v1. Each route names who may call it; the handler authenticates the
// caller (session cookie + CSRF header, or a personal API token), parses the body strictly and
// calls the app/ services, which decide need-to-know and write the audit trail.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/http.h"
#include "app/hub.h"

namespace crossroads::api {

// Who a route is for. Documentation for people and the OpenAPI document; the services enforce
// the fine-grained rules, and tests/api/authorization_test.cc checks the outcome per role.
enum class Audience {
  kPublic,      // no sign-in
  kSignedIn,    // anyone signed in (the handler may narrow it)
  kCaseDesk,    // the owning desk and desks the case is shared with
  kAdmin,       // administrators
  kStatistics,  // secretariat, national members, administrators
};
const char* audience_name(Audience audience);

struct RouteInfo {
  std::string method;
  std::string pattern;  // "/api/v1/cases/{id}"
  std::string summary;
  Audience audience;
};

struct ApiOptions {
  std::size_t max_json_body = 1 << 20;       // 1 MiB
  std::size_t max_import_body = 256u << 20;  // 256 MiB of JSON lines
  bool secure_cookies = false;               // also set when the request came over TLS
};

class Api {
 public:
  Api(app::Hub& hub, ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  HttpResponse handle(const HttpRequest& request);
  std::vector<RouteInfo> routes() const;
  // The OpenAPI 3 document served at /api/v1/openapi.json.
  static std::string_view openapi_document();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Maps an error to its HTTP status: the only place that does.
int http_status(core::Code code);

}  // namespace crossroads::api
