#include "api/api.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>

#include "app/checks.h"
#include "app/desks.h"
#include "core/crypto.h"
#include "core/csv.h"
#include "ftm/entity.h"
#include "ftm/schema.h"
#include "match/match_record.h"
#include "match/matcher.h"
#include "names/name_json.h"
#include "normalize/json.h"
#include "normalize/normalize.h"

namespace crossroads::embedded {
extern const std::string_view openapi_json;
}

namespace crossroads::api {

using core::Code;
using core::Result;
using core::Status;
using json = nlohmann::json;

const char* audience_name(Audience audience) {
  switch (audience) {
    case Audience::kPublic:
      return "public";
    case Audience::kSignedIn:
      return "signed-in";
    case Audience::kCaseDesk:
      return "case-desk";
    case Audience::kAdmin:
      return "administrator";
    case Audience::kStatistics:
      return "statistics";
  }
  return "signed-in";
}

int http_status(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kNotFound:
      return 404;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kConflict:
      return 409;
    case Code::kTooManyRequests:
      return 429;
    case Code::kPayloadTooLarge:
      return 413;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

std::string_view Api::openapi_document() { return embedded::openapi_json; }

namespace {

constexpr const char* kSessionCookie = "crossroads_session";

// ---- JSON rendering

json case_json(const core::Case& c) {
  json stages = json::array();
  for (const auto& s : c.stage_history) {
    stages.push_back({{"stage", s.stage},
                      {"date", s.date},
                      {"changed_by", s.changed_by},
                      {"recorded_at", core::format_iso8601(s.recorded_at)}});
  }
  return {{"id", c.id},
          {"desk", c.desk},
          {"reference", c.reference},
          {"title", c.title},
          {"summary", c.summary},
          {"offences", c.offences},
          {"stage", c.stage},
          {"stage_date", c.stage_date},
          {"stage_history", stages},
          {"sensitivity", c.sensitivity},
          {"shared_with", c.shared_with},
          {"retention_review", c.retention_review},
          {"entity_count", c.entity_count},
          {"created_by", c.created_by},
          {"created_at", core::format_iso8601(c.created_at)},
          {"updated_at", core::format_iso8601(c.updated_at)},
          {"version", c.version}};
}

json entity_json(const core::Entity& e) {
  json props = json::object();
  for (const auto& [name, values] : e.properties) props[name] = values;
  return {{"id", e.id},
          {"case_id", e.case_id},
          {"ftm_id", e.ftm_id},
          {"schema", e.schema},
          {"caption", e.caption},
          {"properties", props},
          {"source", e.source},
          {"created_by", e.created_by},
          {"created_at", core::format_iso8601(e.created_at)},
          {"updated_at", core::format_iso8601(e.updated_at)},
          {"version", e.version}};
}

json user_json(const core::User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", core::role_name(u.role)},
          {"desk", u.desk.empty() ? json(nullptr) : json(u.desk)},
          {"disabled", u.disabled},
          {"created_at", core::format_iso8601(u.created_at)}};
}

json token_json(const core::ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"created_at", core::format_iso8601(t.created_at)},
          {"expires_at", t.expires_at ? json(core::format_iso8601(t.expires_at)) : json(nullptr)},
          {"last_used_at",
           t.last_used_at ? json(core::format_iso8601(t.last_used_at)) : json(nullptr)}};
}

json audit_json(const core::AuditRecord& r) {
  return {{"seq", r.seq},
          {"time", core::format_iso8601(r.time)},
          {"user", r.user},
          {"desk", r.desk},
          {"action", r.action},
          {"object", r.object},
          {"case_id", r.case_id ? json(r.case_id) : json(nullptr)},
          {"outcome", r.outcome},
          {"request_id", r.request_id},
          {"detail", r.detail},
          {"hash", r.hash}};
}

json notice_json(const core::HitNotice& n) {
  json evidence = json::parse(n.hit.evidence, nullptr, false);
  json kinds = json::array();
  if (evidence.is_object() && evidence.contains("kinds")) kinds = evidence["kinds"];
  json out = {{"id", n.id},
              {"own_entity_id", n.own_entity_id},
              {"own_case_id", n.own_case_id},
              {"other_desk", n.other_desk},
              {"kind", n.hit.kind},
              {"strength", n.hit.strength},
              {"evidence_kinds", kinds},
              {"created_at", core::format_iso8601(n.created_at)},
              {"read", n.read_at != 0},
              {"access_status", n.access_status.empty() ? json(nullptr) : json(n.access_status)}};
  // A reviewer's earlier decision on the link. Who decided and why only when a reviewer of the
  // reader's own desk did: another desk's reviewer and note say nothing to this desk.
  if (n.decision) {
    const core::LinkDecision& d = *n.decision;
    const bool own_desk = d.decided_by_desk == n.desk;
    out["decision"] = {
        {"decision", d.confirmed ? "confirmed" : "rejected"},
        {"decided_at", core::format_iso8601(d.decided_at)},
        {"decided_by_desk", d.decided_by_desk.empty() ? json(nullptr) : json(d.decided_by_desk)},
        {"decided_by", own_desk ? json(d.decided_by_name) : json(nullptr)},
        {"note", own_desk ? json(d.note) : json(nullptr)},
        {"evidence_since", n.hit.updated_at > d.decided_at}};
  } else {
    out["decision"] = nullptr;
  }
  // Only someone who may read the other side too learns which entity it is and why it matched.
  if (n.other_visible) {
    const bool a_side = n.own_entity_id == n.hit.entity_a;
    out["other_entity_id"] = a_side ? n.hit.entity_b : n.hit.entity_a;
    out["other_case_id"] = a_side ? n.hit.case_b : n.hit.case_a;
    if (evidence.is_object() && evidence.contains("explanation")) {
      out["explanation"] = evidence["explanation"];
    }
  }
  return out;
}

json access_request_json(const core::AccessRequest& r, bool incoming) {
  json out = {
      {"id", r.id},
      {"hit_id", r.notice_id},
      {"requesting_desk", r.requesting_desk},
      {"owning_desk", r.owning_desk},
      {"reason", r.reason},
      {"status", r.status},
      {"decision_note", r.decision_note},
      {"created_at", core::format_iso8601(r.created_at)},
      {"decided_at", r.decided_at ? json(core::format_iso8601(r.decided_at)) : json(nullptr)}};
  // The owning desk sees which of its cases is asked for; the requesting desk does not, and its
  // hit id refers to its own notice.
  if (incoming) {
    out["case_id"] = r.case_id;
    out.erase("hit_id");
  }
  return out;
}

// ---- strict request bodies

// A JSON object body whose fields are read through typed accessors; unknown fields and wrong
// types are errors that name the field.
class Body {
 public:
  static Result<Body> parse(const std::string& text, std::vector<std::string> allowed) {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      return core::invalid(
          "the body is not valid JSON; send an object such as {\"title\": \"...\"}");
    }
    if (!j.is_object()) return core::invalid("the body must be a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        return core::invalid("unknown field; this request takes " + list, it.key());
      }
    }
    return Body(std::move(j));
  }

  bool has(const char* name) const { return j_.contains(name); }
  // A member as JSON, for bodies that embed whole documents (FtM entities); null if absent.
  const json& raw(const char* name) const {
    static const json kNull;
    return j_.contains(name) ? j_[name] : kNull;
  }

  Result<std::optional<std::string>> string(const char* name) const {
    if (!j_.contains(name) || j_[name].is_null()) return std::optional<std::string>();
    if (!j_[name].is_string()) return core::invalid("must be a string", name);
    return std::optional<std::string>(j_[name].get<std::string>());
  }

  Result<std::optional<std::int64_t>> integer(const char* name) const {
    if (!j_.contains(name) || j_[name].is_null()) return std::optional<std::int64_t>();
    if (!j_[name].is_number_integer()) return core::invalid("must be a whole number", name);
    return std::optional<std::int64_t>(j_[name].get<std::int64_t>());
  }

  Result<std::optional<bool>> boolean(const char* name) const {
    if (!j_.contains(name) || j_[name].is_null()) return std::optional<bool>();
    if (!j_[name].is_boolean()) return core::invalid("must be true or false", name);
    return std::optional<bool>(j_[name].get<bool>());
  }

  Result<std::optional<std::vector<std::string>>> strings(const char* name) const {
    if (!j_.contains(name) || j_[name].is_null()) return std::optional<std::vector<std::string>>();
    if (!j_[name].is_array()) return core::invalid("must be a list of strings", name);
    std::vector<std::string> out;
    for (const auto& v : j_[name]) {
      if (!v.is_string()) return core::invalid("must be a list of strings", name);
      out.push_back(v.get<std::string>());
    }
    return std::optional<std::vector<std::string>>(std::move(out));
  }

  // FtM properties: {name: [strings]} (a single string is accepted as a list of one).
  Result<core::Properties> properties(const char* name) const {
    core::Properties out;
    if (!j_.contains(name)) return out;
    const json& p = j_[name];
    if (!p.is_object()) return core::invalid("must be an object of property lists", name);
    for (auto it = p.begin(); it != p.end(); ++it) {
      const std::string field = std::string(name) + "." + it.key();
      auto& values = out[it.key()];
      if (it.value().is_string()) {
        values.push_back(it.value().get<std::string>());
        continue;
      }
      if (!it.value().is_array()) return core::invalid("must be a list of strings", field);
      for (const auto& v : it.value()) {
        if (!v.is_string()) return core::invalid("must be a list of strings", field);
        values.push_back(v.get<std::string>());
      }
    }
    return out;
  }

 private:
  explicit Body(json j) : j_(std::move(j)) {}
  json j_;
};

Result<std::string> required(Result<std::optional<std::string>> value, const char* name) {
  if (!value) return value.status();
  if (!value->has_value()) return core::invalid("is required", name);
  return std::move(**value);
}

// ---- routing

struct Call {
  const HttpRequest& request;
  HttpResponse& response;
  std::map<std::string, std::string> params;  // from the path pattern
  app::Actor actor;
  bool signed_in = false;
  std::string session_token;
};

using Handler = std::function<Result<json>(Call&)>;

struct Route {
  RouteInfo info;
  std::vector<std::string> segments;
  Handler handler;
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    auto next = path.find('/', pos);
    if (next == std::string::npos) next = path.size();
    out.push_back(path.substr(pos, next - pos));
    pos = next + 1;
  }
  return out;
}

bool match(const Route& route, const std::vector<std::string>& parts,
           std::map<std::string, std::string>& params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = route.segments[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (parts[i].empty()) return false;
      params[seg.substr(1, seg.size() - 2)] = parts[i];
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

Result<core::Id> id_param(const Call& call, const char* name) {
  const std::string& text = call.params.at(name);
  core::Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return core::invalid("'" + text + "' is not an id; ids are positive whole numbers", name);
  }
  return id;
}

std::string query(const Call& call, const char* name) {
  auto it = call.request.query.find(name);
  return it == call.request.query.end() ? std::string() : it->second;
}

Result<std::int64_t> query_int(const Call& call, const char* name, std::int64_t fallback) {
  const std::string text = query(call, name);
  if (text.empty()) return fallback;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return core::invalid("'" + text + "' is not a whole number", name);
  }
  return v;
}

Status check_query(const Call& call, std::vector<std::string> allowed) {
  for (const auto& [key, value] : call.request.query) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return core::invalid(
          "unknown query parameter" + (list.empty() ? std::string("; this request takes none")
                                                    : "; this request takes " + list),
          key);
    }
  }
  return Status::ok();
}

// limit, offset and sort ("-field" for descending) of a listing request.
Status read_listing_query(const Call& call, store::Page& page, std::string* sort,
                          bool* descending) {
  CR_ASSIGN_OR_RETURN(page.limit, query_int(call, "limit", 50));
  CR_ASSIGN_OR_RETURN(page.offset, query_int(call, "offset", 0));
  if (sort) {
    const std::string text = query(call, "sort");
    if (!text.empty()) {
      *descending = text.front() == '-';
      *sort = *descending ? text.substr(1) : text;
    }
  }
  return Status::ok();
}

json paged(const json& items, std::int64_t total, std::int64_t limit, std::int64_t offset) {
  return {{"items", items}, {"total", total}, {"limit", limit}, {"offset", offset}};
}

std::string cookie_value(const std::string& cookies, const std::string& name) {
  std::size_t pos = 0;
  while (pos < cookies.size()) {
    auto end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string pair = cookies.substr(pos, end - pos);
    pos = end + 1;
    const auto b = pair.find_first_not_of(' ');
    if (b == std::string::npos) continue;
    pair = pair.substr(b);
    const auto eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

}  // namespace

struct Api::Impl {
  store::Store& store;
  const core::Clock& clock;
  app::Accounts& accounts;
  app::Cases& cases;
  app::AuditTrail& audit;
  app::Links& links;
  ApiOptions options;
  std::vector<Route> routes;
  app::Cooperation* cooperation = nullptr;
  app::FocusGroup* focus_group = nullptr;
  app::Trends* trends = nullptr;
  const match::Matcher* matcher = nullptr;   // the hub's index, for checks
  app::AuditWriter* audit_writer = nullptr;  // group commit of the checks' audit records

  void add(const char* method, const char* pattern, Audience audience, const char* summary,
           Handler handler) {
    Route r{{method, pattern, summary, audience}, split_path(pattern), std::move(handler)};
    routes.push_back(std::move(r));
  }

  Result<Body> json_body(const Call& call, std::vector<std::string> allowed) const {
    if (call.request.body.size() > options.max_json_body) {
      return Status(Code::kPayloadTooLarge,
                    "the body is larger than " + std::to_string(options.max_json_body) + " bytes");
    }
    return Body::parse(call.request.body.empty() ? "{}" : call.request.body, std::move(allowed));
  }

  Result<app::CaseFields> case_fields(const Call& call, bool update) const {
    std::vector<std::string> allowed = {"reference",   "title",           "summary",
                                        "offences",    "stage",           "stage_date",
                                        "sensitivity", "retention_review"};
    if (update) allowed.push_back("version");
    CR_ASSIGN_OR_RETURN(Body body, json_body(call, allowed));
    app::CaseFields f;
    CR_ASSIGN_OR_RETURN(f.reference, body.string("reference"));
    CR_ASSIGN_OR_RETURN(f.title, body.string("title"));
    CR_ASSIGN_OR_RETURN(f.summary, body.string("summary"));
    CR_ASSIGN_OR_RETURN(f.offences, body.strings("offences"));
    CR_ASSIGN_OR_RETURN(f.stage, body.string("stage"));
    CR_ASSIGN_OR_RETURN(f.stage_date, body.string("stage_date"));
    CR_ASSIGN_OR_RETURN(f.sensitivity, body.string("sensitivity"));
    CR_ASSIGN_OR_RETURN(f.retention_review, body.string("retention_review"));
    if (update) {
      CR_ASSIGN_OR_RETURN(f.version, body.integer("version"));
    }
    return f;
  }

  Result<core::Entity> entity_input(const Call& call, bool update) const {
    std::vector<std::string> allowed = {"schema", "properties"};
    allowed.push_back(update ? "version" : "ftm_id");
    CR_ASSIGN_OR_RETURN(Body body, json_body(call, allowed));
    core::Entity e;
    CR_ASSIGN_OR_RETURN(auto schema, body.string("schema"));
    if (!update && !schema) return core::invalid("is required, e.g. \"Person\"", "schema");
    e.schema = schema.value_or("");
    CR_ASSIGN_OR_RETURN(e.properties, body.properties("properties"));
    if (update) {
      CR_ASSIGN_OR_RETURN(auto version, body.integer("version"));
      if (!version) {
        return core::invalid("send the version you read, so that concurrent edits are not lost",
                             "version");
      }
      e.version = *version;
    } else {
      CR_ASSIGN_OR_RETURN(auto ftm_id, body.string("ftm_id"));
      e.ftm_id = ftm_id.value_or("");
    }
    return e;
  }

  // An FtM entity embedded in a body as member `name`, read and validated as an entity of a
  // case would be; errors name the member ("a.properties.birthDate").
  static Result<core::Entity> entity_member(const Body& body, const char* name) {
    const json& value = body.raw(name);
    if (!value.is_object()) return core::invalid("must be an FtM entity (an object)", name);
    auto parsed = ftm::entity_from_json(value.dump());
    Status st = parsed.status();
    if (parsed) st = ftm::validate_entity(ftm::SchemaRegistry::builtin(), *parsed);
    if (!st) {
      return core::invalid(st.message(), st.field().empty() ? std::string(name)
                                                            : std::string(name) + "." + st.field());
    }
    return std::move(parsed).value();
  }

  void register_routes();
  void register_focus_group_routes();  // cooperation records and the Focus Group
  void register_trend_routes();        // routes and trends, annual statistics
  Status authenticate(Call& call);
};

Api::Api(app::Hub& hub, ApiOptions options)
    : impl_(new Impl{
          *hub.store, *hub.clock, *hub.accounts, *hub.cases, *hub.audit, *hub.links, options, {}}) {
  impl_->matcher = &hub.linker->matcher();
  impl_->audit_writer = hub.audit_writer.get();
  impl_->cooperation = hub.cooperation.get();
  impl_->focus_group = hub.focus_group.get();
  impl_->register_routes();
  impl_->register_focus_group_routes();
  impl_->trends = hub.trends.get();
  impl_->register_trend_routes();
}

Api::~Api() = default;

std::vector<RouteInfo> Api::routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : impl_->routes) out.push_back(r.info);
  return out;
}

Status Api::Impl::authenticate(Call& call) {
  const std::string authorization = call.request.header("authorization");
  Result<app::Authenticated> who = Status(Code::kUnauthenticated, "sign in first");
  if (authorization.rfind("Bearer ", 0) == 0) {
    who = accounts.authenticate_token(authorization.substr(7));
  } else {
    call.session_token = cookie_value(call.request.header("cookie"), kSessionCookie);
    if (call.session_token.empty()) {
      return Status(Code::kUnauthenticated,
                    "sign in first (POST /api/v1/auth/login), or send 'Authorization: Bearer "
                    "<API token>'");
    }
    who = accounts.authenticate_session(call.session_token);
    if (who) {
      // Browsers: every request that changes something carries the CSRF token.
      const std::string& m = call.request.method;
      if (m != "GET" && m != "HEAD" && m != "OPTIONS" &&
          !core::constant_time_equal(call.request.header("x-csrf-token"), who->csrf_token)) {
        return core::denied(
            "missing or wrong X-CSRF-Token header; take the token from GET /api/v1/auth/session");
      }
    }
  }
  if (!who) return who.status();
  call.actor.user = who->user;
  call.signed_in = true;
  return Status::ok();
}

HttpResponse Api::handle(const HttpRequest& request) {
  HttpResponse response;
  response.status = 0;  // set by the handler, or chosen below from the method
  Call call{request, response, {}, {}, false, {}};
  call.actor.request_id = core::request_id();
  call.actor.origin = request.remote_addr;
  response.headers.emplace_back("X-Request-Id", call.actor.request_id);
  response.headers.emplace_back("Cache-Control", "no-store");

  auto fail = [&](const Status& st) {
    response.content_type = "application/json";
    response.status = http_status(st.code());
    std::string message = st.message();
    if (st.code() == Code::kInternal) {
      std::fprintf(stderr, "crossroads: request %s %s failed: %s\n", request.method.c_str(),
                   request.path.c_str(), st.message().c_str());
      message = "internal error; report request id " + call.actor.request_id;
    }
    json err = {{"code", core::code_name(st.code())}, {"message", message}};
    err["field"] = st.field().empty() ? json(nullptr) : json(st.field());
    response.body = json{{"error", err}}.dump();
    if (st.code() == Code::kTooManyRequests) response.headers.emplace_back("Retry-After", "60");
    return response;
  };

  const auto parts = split_path(request.path);
  const Route* found = nullptr;
  bool path_known = false;
  for (const auto& route : impl_->routes) {
    std::map<std::string, std::string> params;
    if (!match(route, parts, params)) continue;
    path_known = true;
    if (route.info.method != request.method) continue;
    found = &route;
    call.params = std::move(params);
    break;
  }
  if (!found) {
    if (path_known) {
      response.status = 405;
      response.body = json{{"error",
                            {{"code", "method_not_allowed"},
                             {"message", request.method + " is not allowed on " + request.path},
                             {"field", nullptr}}}}
                          .dump();
      return response;
    }
    return fail(core::not_found("no API route " + request.method + " " + request.path +
                                "; see /api/v1/openapi.json"));
  }
  if (found->info.audience != Audience::kPublic) {
    if (Status st = impl_->authenticate(call); !st) return fail(st);
  }
  const std::string& content_type = request.header("content-type");
  // File uploads come as the file's own type: FtM lines, CSV, an Excel workbook.
  static const char* const kBodyTypes[] = {
      "application/json", "application/x-ndjson", "text/csv",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  const bool known_type = std::any_of(std::begin(kBodyTypes), std::end(kBodyTypes),
                                      [&](const char* t) { return content_type.rfind(t, 0) == 0; });
  if (!request.body.empty() && request.method != "GET" && !known_type) {
    return fail(
        core::invalid("send the body as application/json (or, for imports, as "
                      "application/x-ndjson, text/csv or an .xlsx workbook)",
                      "content-type"));
  }
  Result<json> result = [&]() -> Result<json> {
    try {
      return found->handler(call);
    } catch (const std::exception& e) {
      return core::internal(e.what());
    }
  }();
  if (!result) return fail(result.status());
  if (response.content_type == "application/json" && response.body.empty()) {
    response.body = result->is_null() ? std::string() : result->dump();
  }
  if (response.status == 0) {
    response.status = response.body.empty() ? 204 : request.method == "POST" ? 201 : 200;
  }
  return response;
}

void Api::Impl::register_routes() {
  // ---- service
  add("GET", "/api/v1/health", Audience::kPublic, "Liveness and database check",
      [this](Call&) -> Result<json> {
        CR_RETURN_IF_ERROR(
            store.read([](store::Transaction& tx) { return tx.list_desks().status(); }));
        return json{{"status", "ok"}, {"version", CROSSROADS_VERSION}};
      });
  add("GET", "/api/v1/openapi.json", Audience::kPublic, "This API's OpenAPI 3 document",
      [](Call& call) -> Result<json> {
        call.response.body = std::string(Api::openapi_document());
        return json();
      });

  // ---- sign-in
  add("POST", "/api/v1/auth/login", Audience::kPublic, "Sign in with user name and password",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"username", "password"}));
        CR_ASSIGN_OR_RETURN(std::string username, required(body.string("username"), "username"));
        CR_ASSIGN_OR_RETURN(std::string password, required(body.string("password"), "password"));
        CR_ASSIGN_OR_RETURN(auto login, accounts.login(username, password, call.request.remote_addr,
                                                       call.actor.request_id));
        const auto max_age = (login.expires_at - clock.now_ms()) / 1000;
        std::string cookie = std::string(kSessionCookie) + "=" + login.session_token +
                             "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                             std::to_string(accounts.policy().session_absolute_ms / 1000);
        if (options.secure_cookies || call.request.tls) cookie += "; Secure";
        call.response.headers.emplace_back("Set-Cookie", cookie);
        call.response.status = 200;
        return json{{"user", user_json(login.user)},
                    {"csrf_token", login.csrf_token},
                    {"expires_in_seconds", max_age}};
      });
  add("POST", "/api/v1/auth/logout", Audience::kSignedIn, "Sign out (ends the session)",
      [this](Call& call) -> Result<json> {
        if (!call.session_token.empty()) {
          CR_RETURN_IF_ERROR(accounts.logout(call.session_token, call.actor));
        }
        call.response.headers.emplace_back(
            "Set-Cookie",
            std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        call.response.status = 204;
        return json();
      });
  add("GET", "/api/v1/auth/session", Audience::kSignedIn,
      "Who is signed in, and the CSRF token for changes", [this](Call& call) -> Result<json> {
        json out = {{"user", user_json(call.actor.user)}};
        if (!call.session_token.empty()) {
          CR_ASSIGN_OR_RETURN(auto who, accounts.authenticate_session(call.session_token));
          out["csrf_token"] = who.csrf_token;
        }
        return out;
      });
  add("POST", "/api/v1/auth/password", Audience::kSignedIn, "Change your own password",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"current_password", "new_password"}));
        CR_ASSIGN_OR_RETURN(std::string current,
                            required(body.string("current_password"), "current_password"));
        CR_ASSIGN_OR_RETURN(std::string replacement,
                            required(body.string("new_password"), "new_password"));
        CR_RETURN_IF_ERROR(accounts.change_own_password(call.actor, current, replacement));
        call.response.status = 204;
        return json();
      });

  // ---- personal API tokens
  add("GET", "/api/v1/tokens", Audience::kSignedIn, "Your personal API tokens",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto tokens, accounts.list_tokens(call.actor));
        json items = json::array();
        for (const auto& t : tokens) items.push_back(token_json(t));
        return json{{"items", items}};
      });
  add("POST", "/api/v1/tokens", Audience::kSignedIn,
      "Create a personal API token (its secret is shown once)", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"name", "expires_in_days"}));
        CR_ASSIGN_OR_RETURN(std::string name, required(body.string("name"), "name"));
        CR_ASSIGN_OR_RETURN(auto days, body.integer("expires_in_days"));
        CR_ASSIGN_OR_RETURN(
            auto made, accounts.create_token(call.actor, name, static_cast<int>(days.value_or(0))));
        json out = token_json(made.token);
        out["secret"] = made.secret;
        return out;
      });
  add("DELETE", "/api/v1/tokens/{id}", Audience::kSignedIn, "Revoke one of your API tokens",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_RETURN_IF_ERROR(accounts.revoke_token(call.actor, id));
        return json();
      });

  // ---- reference data
  add("GET", "/api/v1/desks", Audience::kSignedIn, "The desks (one per country)",
      [this](Call&) -> Result<json> {
        std::vector<core::Desk> desks;
        CR_RETURN_IF_ERROR(store.read([&](store::Transaction& tx) -> Status {
          CR_ASSIGN_OR_RETURN(desks, tx.list_desks());
          return Status::ok();
        }));
        json items = json::array();
        for (const auto& d : desks) {
          items.push_back({{"code", d.code}, {"name", d.name}, {"group", d.group}});
        }
        return json{{"items", items}};
      });
  add("PUT", "/api/v1/desks/{code}", Audience::kAdmin,
      "Add a desk, or change a desk's name and group (administrators)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"name", "group"}));
        core::Desk desk;
        desk.code = call.params.at("code");
        CR_ASSIGN_OR_RETURN(desk.name, required(body.string("name"), "name"));
        CR_ASSIGN_OR_RETURN(desk.group, required(body.string("group"), "group"));
        CR_ASSIGN_OR_RETURN(auto saved, app::save_desk(store, clock, call.actor, desk));
        call.response.status = 200;
        return json{{"code", saved.code}, {"name", saved.name}, {"group", saved.group}};
      });
  add("GET", "/api/v1/vocabulary", Audience::kSignedIn,
      "Offence types, stages, handling codes and roles", [](Call&) -> Result<json> {
        json roles = json::array();
        for (auto r : core::all_roles()) roles.push_back(core::role_name(r));
        return json{{"offence_types", core::offence_types()},
                    {"stages", core::case_stages()},
                    {"sensitivity_levels", core::sensitivity_levels()},
                    {"roles", roles}};
      });
  add("GET", "/api/v1/schemata", Audience::kSignedIn,
      "The FollowTheMoney schemata a case may hold, with their properties",
      [](Call&) -> Result<json> {
        json items = json::array();
        for (const auto* s : ftm::SchemaRegistry::builtin().supported()) {
          json props = json::array();
          for (const auto& [name, p] : s->properties) {
            json prop = {{"name", name}, {"label", p.label}, {"type", p.type}};
            if (!p.range.empty()) prop["range"] = p.range;
            props.push_back(prop);
          }
          items.push_back({{"name", s->name},
                           {"label", s->label},
                           {"plural", s->plural},
                           {"extends", s->extends},
                           {"required", s->required},
                           {"featured", s->featured},
                           {"edge", s->edge},
                           {"properties", props}});
        }
        return json{{"items", items}};
      });

  add("POST", "/api/v1/normalize", Audience::kSignedIn,
      "Normalise a value as the matcher will compare it (phone, iban, ..., or a person's name)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"kind", "value", "country", "platform"}));
        CR_ASSIGN_OR_RETURN(std::string kind, required(body.string("kind"), "kind"));
        CR_ASSIGN_OR_RETURN(std::string value, required(body.string("value"), "value"));
        CR_ASSIGN_OR_RETURN(auto country, body.string("country"));
        CR_ASSIGN_OR_RETURN(auto platform, body.string("platform"));
        if (value.size() > 4096) return core::invalid("at most 4096 bytes", "value");
        call.response.status = 200;
        if (kind == "name") return json::parse(names::name_to_json(value));
        const auto parsed = normalize::parse_kind(kind);
        if (!parsed) {
          return core::invalid("'" + kind +
                                   "' is not a kind; use name, phone, email, iban, bic, "
                                   "payment_card, imei, imo, mmsi, plate, document, url, "
                                   "online_account, crypto_wallet or date",
                               "kind");
        }
        auto result =
            normalize::normalize(*parsed, value, {country.value_or(""), platform.value_or("")});
        if (!result) return core::invalid(result.status().message(), "value");
        return json::parse(normalize::to_json(*result));
      });

  add("POST", "/api/v1/match/compare", Audience::kSignedIn,
      "Compare two person records (FollowTheMoney): match probability and explanation",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"a", "b"}));
        if (!body.has("a")) return core::invalid("is required: an FtM entity", "a");
        if (!body.has("b")) return core::invalid("is required: an FtM entity", "b");
        CR_ASSIGN_OR_RETURN(core::Entity a, entity_member(body, "a"));
        CR_ASSIGN_OR_RETURN(core::Entity b, entity_member(body, "b"));
        // A matcher of its own, empty: the answer never depends on (or reveals) stored cases.
        const match::Matcher matcher;
        const std::string region = call.actor.user.desk;  // phones without a country code
        match::MatchRecord ra = match::to_match_record(a, region);
        match::MatchRecord rb = match::to_match_record(b, region);
        ra.entity_id = 1;
        rb.entity_id = 2;
        ra.case_id = 1;
        rb.case_id = 2;
        const match::Comparison c = matcher.compare(ra, rb);
        json evidence = json::array();
        for (const auto& e : c.evidence) {
          evidence.push_back({{"field", e.field}, {"text", e.text}, {"weight", e.weight}});
        }
        call.response.status = 200;
        return json{{"probability", c.probability},
                    {"weight", c.weight},
                    {"link", c.probability >= matcher.options().threshold},
                    {"explanation", match::explain(c.evidence)},
                    {"evidence", evidence}};
      });

  add("POST", "/api/v1/match/check", Audience::kCaseDesk,
      "Check a record (FollowTheMoney, not stored) against every case of the hub",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"entity"}));
        if (!body.has("entity")) return core::invalid("is required: an FtM entity", "entity");
        CR_ASSIGN_OR_RETURN(core::Entity entity, entity_member(body, "entity"));
        CR_ASSIGN_OR_RETURN(
            app::CheckResult result,
            app::check_record(store, *audit_writer, clock, *matcher, call.actor, entity));
        json hits = json::array();
        for (const auto& h : result.hits) {
          json j = {{"desk", h.desk},
                    {"strength", h.strength},
                    {"kind", h.kind},
                    {"kinds", h.kinds},
                    {"visible", h.visible}};
          if (h.visible) {
            j["entity_id"] = h.entity_id;
            j["case_id"] = h.case_id;
            j["explanation"] = h.explanation;
          }
          hits.push_back(std::move(j));
        }
        call.response.status = 200;
        return json{{"hits", hits}, {"index_size", result.index_size}};
      });

  // ---- accounts (administrators)
  add("GET", "/api/v1/users", Audience::kAdmin, "List accounts",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto users, accounts.list_users(call.actor));
        json items = json::array();
        for (const auto& u : users) items.push_back(user_json(u));
        return json{{"items", items}};
      });
  add("POST", "/api/v1/users", Audience::kAdmin, "Create an account",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(
            Body body, json_body(call, {"username", "display_name", "password", "role", "desk"}));
        app::NewUser u;
        CR_ASSIGN_OR_RETURN(u.username, required(body.string("username"), "username"));
        CR_ASSIGN_OR_RETURN(u.display_name, required(body.string("display_name"), "display_name"));
        CR_ASSIGN_OR_RETURN(u.password, required(body.string("password"), "password"));
        CR_ASSIGN_OR_RETURN(std::string role, required(body.string("role"), "role"));
        auto parsed = core::parse_role(role);
        if (!parsed) {
          return core::invalid("'" + role + "' is not a role; see GET /api/v1/vocabulary", "role");
        }
        u.role = *parsed;
        CR_ASSIGN_OR_RETURN(auto desk, body.string("desk"));
        u.desk = desk.value_or("");
        CR_ASSIGN_OR_RETURN(auto user, accounts.create_user(call.actor, u));
        return user_json(user);
      });
  add("GET", "/api/v1/users/{id}", Audience::kAdmin, "One account",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto user, accounts.get_user(call.actor, id));
        return user_json(user);
      });
  add("PATCH", "/api/v1/users/{id}", Audience::kAdmin,
      "Change an account: name, role, desk, disabled, or reset its password",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(
            Body body, json_body(call, {"display_name", "role", "desk", "disabled", "password"}));
        app::UserChange change;
        CR_ASSIGN_OR_RETURN(change.display_name, body.string("display_name"));
        CR_ASSIGN_OR_RETURN(auto role, body.string("role"));
        if (role) {
          change.role = core::parse_role(*role);
          if (!change.role) return core::invalid("'" + *role + "' is not a role", "role");
        }
        if (body.has("desk")) {
          CR_ASSIGN_OR_RETURN(auto desk, body.string("desk"));
          change.desk = desk.value_or("");
        }
        CR_ASSIGN_OR_RETURN(change.disabled, body.boolean("disabled"));
        CR_ASSIGN_OR_RETURN(change.password, body.string("password"));
        CR_ASSIGN_OR_RETURN(auto user, accounts.update_user(call.actor, id, change));
        return user_json(user);
      });

  // ---- cases
  add("GET", "/api/v1/cases", Audience::kCaseDesk,
      "Cases your desk owns or that are shared with it; filter, sort, page",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(
            check_query(call, {"limit", "offset", "sort", "stage", "offence", "q", "desk"}));
        store::CaseQuery q;
        CR_RETURN_IF_ERROR(read_listing_query(call, q.page, &q.sort, &q.descending));
        q.stage = query(call, "stage");
        q.offence = query(call, "offence");
        q.text = query(call, "q");
        q.owner_desk = query(call, "desk");
        CR_ASSIGN_OR_RETURN(auto listing, cases.list_cases(call.actor, q));
        json items = json::array();
        for (const auto& c : listing.items) items.push_back(case_json(c));
        return paged(items, listing.total, q.page.limit, q.page.offset);
      });
  add("POST", "/api/v1/cases", Audience::kCaseDesk, "Open a case for your desk",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto fields, case_fields(call, false));
        CR_ASSIGN_OR_RETURN(auto c, cases.create_case(call.actor, fields));
        return case_json(c);
      });
  add("GET", "/api/v1/cases/{id}", Audience::kCaseDesk, "One case",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto c, cases.get_case(call.actor, id));
        return case_json(c);
      });
  add("PATCH", "/api/v1/cases/{id}", Audience::kCaseDesk,
      "Change a case (owning desk); send the version you read", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto fields, case_fields(call, true));
        CR_ASSIGN_OR_RETURN(auto c, cases.update_case(call.actor, id, fields));
        return case_json(c);
      });
  add("DELETE", "/api/v1/cases/{id}", Audience::kCaseDesk,
      "Delete a case and its entities (owning desk)", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_RETURN_IF_ERROR(cases.delete_case(call.actor, id));
        return json();
      });
  add("PUT", "/api/v1/cases/{id}/shares/{desk}", Audience::kCaseDesk,
      "Share a case with another desk (owning desk)", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto c, cases.share_case(call.actor, id, call.params.at("desk")));
        return case_json(c);
      });
  add("DELETE", "/api/v1/cases/{id}/shares/{desk}", Audience::kCaseDesk,
      "Stop sharing a case with a desk (owning desk)", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto c, cases.unshare_case(call.actor, id, call.params.at("desk")));
        return case_json(c);
      });
  add("GET", "/api/v1/cases/{id}/entities", Audience::kCaseDesk,
      "A case's entities; filter by schema or text, sort, page",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"limit", "offset", "sort", "schema", "q"}));
        store::EntityQuery q;
        CR_ASSIGN_OR_RETURN(q.case_id, id_param(call, "id"));
        CR_RETURN_IF_ERROR(read_listing_query(call, q.page, &q.sort, &q.descending));
        q.schema = query(call, "schema");
        q.text = query(call, "q");
        CR_ASSIGN_OR_RETURN(auto listing, cases.list_entities(call.actor, q));
        json items = json::array();
        for (const auto& e : listing.items) items.push_back(entity_json(e));
        return paged(items, listing.total, q.page.limit, q.page.offset);
      });
  add("POST", "/api/v1/cases/{id}/entities", Audience::kCaseDesk,
      "Add an entity (FollowTheMoney schema and properties) to a case",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto input, entity_input(call, false));
        input.source = call.signed_in && call.session_token.empty() ? "api" : "manual";
        CR_ASSIGN_OR_RETURN(auto e, cases.create_entity(call.actor, id, std::move(input)));
        return entity_json(e);
      });
  add("POST", "/api/v1/cases/{id}/import/ftm", Audience::kCaseDesk,
      "Import FollowTheMoney JSON lines into a case (all or nothing)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        if (call.request.body.size() > options.max_import_body) {
          return Status(Code::kPayloadTooLarge,
                        "the file is larger than " + std::to_string(options.max_import_body >> 20) +
                            " MiB; split it or use 'crossroads import ftm' on the server");
        }
        std::string source = "import:ftm";
        if (auto name = query(call, "filename"); !name.empty()) source += ":" + name.substr(0, 200);
        CR_ASSIGN_OR_RETURN(auto report,
                            cases.import_ftm(call.actor, id, call.request.body, source));
        json out = {{"created", report.created},
                    {"updated", report.updated},
                    {"unchanged", report.unchanged},
                    {"errors", report.errors}};
        if (!report.errors.empty()) {
          call.response.status = 400;
          call.response.body = json{
              {"error",
               {{"code", "invalid_argument"},
                {"message", std::to_string(report.errors.size()) +
                                " lines could not be read; nothing was imported"},
                {"field", nullptr},
                {"lines",
                 report.errors}}}}.dump();
          return json();
        }
        call.response.status = 200;
        return out;
      });
  add("POST", "/api/v1/cases/{id}/import/csv", Audience::kCaseDesk,
      "Import a CSV file into a case with a column mapping (check first with dry_run)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_RETURN_IF_ERROR(check_query(call, {"schema", "mapping", "dry_run", "skip_invalid",
                                              "filename", "delimiter", "encoding"}));
        if (call.request.body.size() > options.max_import_body) {
          return Status(Code::kPayloadTooLarge, "the file is larger than " +
                                                    std::to_string(options.max_import_body >> 20) +
                                                    " MiB; split it into several files");
        }
        auto flag = [&](const char* name) -> Result<bool> {
          const std::string text = query(call, name);
          if (text.empty() || text == "false") return false;
          if (text == "true") return true;
          return core::invalid("is true or false", name);
        };
        app::CsvImportOptions o;
        o.schema = query(call, "schema");
        if (o.schema.empty()) return core::invalid("is required, e.g. schema=Person", "schema");
        CR_ASSIGN_OR_RETURN(o.dry_run, flag("dry_run"));
        CR_ASSIGN_OR_RETURN(o.skip_invalid, flag("skip_invalid"));
        if (auto d = query(call, "delimiter"); !d.empty()) {
          CR_ASSIGN_OR_RETURN(o.delimiter, core::parse_csv_delimiter(d));
        }
        if (auto e = query(call, "encoding"); !e.empty()) {
          CR_ASSIGN_OR_RETURN(o.encoding, core::parse_text_encoding(e));
        }
        // The mapping keeps its order, so that values of one property keep the columns' order.
        const auto mapping = nlohmann::ordered_json::parse(query(call, "mapping"), nullptr, false);
        if (!mapping.is_object()) {
          return core::invalid(
              "is required: a JSON object from column header to property, "
              "e.g. {\"Surname\": \"lastName\", \"DOB\": \"birthDate\", \"Ref\": \"id\"}",
              "mapping");
        }
        for (const auto& [column, target] : mapping.items()) {
          if (!target.is_string()) {
            return core::invalid("the column '" + column + "' must map to a property name",
                                 "mapping");
          }
          o.columns.emplace_back(column, target.get<std::string>());
        }
        std::string source = "import:csv";
        if (auto name = query(call, "filename"); !name.empty()) source += ":" + name.substr(0, 200);
        CR_ASSIGN_OR_RETURN(auto report,
                            cases.import_csv(call.actor, id, call.request.body, o, source));
        json errors = json::array();
        json lines = json::array();
        for (const auto& e : report.errors) {
          errors.push_back({{"row", e.row},
                            {"line", e.line},
                            {"column", e.column},
                            {"property", e.property},
                            {"message", e.message}});
          lines.push_back(app::describe(e));
        }
        if (!o.dry_run && !report.written) {
          call.response.status = 400;
          call.response.body = json{
              {"error",
               {{"code", "invalid_argument"},
                {"message", std::to_string(report.rejected) + " of " + std::to_string(report.rows) +
                                " rows could not be read; nothing was imported"},
                {"field", nullptr},
                {"lines", lines},
                {"rows", errors}}}}.dump();
          return json();
        }
        json preview = json::array();
        for (const auto& p : report.preview) {
          json props = json::object();
          for (const auto& [name, values] : p.entity.properties) props[name] = values;
          preview.push_back({{"row", p.row},
                             {"line", p.line},
                             {"action", p.action},
                             {"ftm_id", p.entity.ftm_id},
                             {"schema", p.entity.schema},
                             {"caption", p.entity.caption},
                             {"properties", props}});
        }
        call.response.status = 200;
        return json{{"dry_run", o.dry_run},
                    {"written", report.written},
                    {"rows", report.rows},
                    {"created", report.created},
                    {"updated", report.updated},
                    {"unchanged", report.unchanged},
                    {"rejected", report.rejected},
                    {"errors", errors},
                    {"preview", preview},
                    {"delimiter", core::delimiter_name(report.delimiter)},
                    {"encoding", core::encoding_name(report.encoding)},
                    {"byte_order_mark", report.byte_order_mark},
                    {"delimiter_detected", report.delimiter_detected},
                    {"encoding_detected", report.encoding_detected},
                    {"format", report.format}};
      });
  add("GET", "/api/v1/cases/{id}/export/ftm", Audience::kCaseDesk,
      "Export a case's entities as FollowTheMoney JSON lines", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto lines, cases.export_ftm(call.actor, id));
        call.response.content_type = "application/x-ndjson";
        call.response.body = std::move(lines);
        call.response.headers.emplace_back(
            "Content-Disposition",
            "attachment; filename=\"case-" + std::to_string(id) + ".ftm.json\"");
        return json();
      });
  add("GET", "/api/v1/cases/{id}/audit", Audience::kCaseDesk,
      "The audit trail of one of your desk's cases", [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"limit", "after"}));
        store::AuditQuery q;
        CR_ASSIGN_OR_RETURN(q.case_id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(q.limit, query_int(call, "limit", 100));
        CR_ASSIGN_OR_RETURN(q.after_seq, query_int(call, "after", 0));
        CR_ASSIGN_OR_RETURN(auto records, audit.list(call.actor, q));
        json items = json::array();
        for (const auto& r : records) items.push_back(audit_json(r));
        return json{{"items", items}};
      });

  // ---- entities
  add("GET", "/api/v1/entities/{id}", Audience::kCaseDesk, "One entity",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto e, cases.get_entity(call.actor, id));
        return entity_json(e);
      });
  add("PATCH", "/api/v1/entities/{id}", Audience::kCaseDesk,
      "Replace an entity's properties; send the version you read",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto input, entity_input(call, true));
        CR_ASSIGN_OR_RETURN(auto e, cases.update_entity(call.actor, id, std::move(input)));
        return entity_json(e);
      });
  add("DELETE", "/api/v1/entities/{id}", Audience::kCaseDesk, "Delete an entity",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_RETURN_IF_ERROR(cases.delete_entity(call.actor, id));
        return json();
      });

  // ---- cross-case hits and access requests
  add("GET", "/api/v1/hits", Audience::kCaseDesk,
      "Your desk's hit notices: which of your entities match another case, how strongly, why",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"limit", "offset", "unread"}));
        store::Page page;
        CR_RETURN_IF_ERROR(read_listing_query(call, page, nullptr, nullptr));
        const std::string unread = query(call, "unread");
        if (!unread.empty() && unread != "true" && unread != "false") {
          return core::invalid("unread is true or false", "unread");
        }
        CR_ASSIGN_OR_RETURN(auto listing, links.inbox(call.actor, unread == "true", page));
        json items = json::array();
        for (const auto& n : listing.items) items.push_back(notice_json(n));
        return paged(items, listing.total, page.limit, page.offset);
      });
  add("GET", "/api/v1/hits/{id}", Audience::kCaseDesk,
      "One hit notice of your desk (marks it read)", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto notice, links.open_notice(call.actor, id));
        return notice_json(notice);
      });
  add("POST", "/api/v1/hits/{id}/decision", Audience::kCaseDesk,
      "Confirm or reject a suggested link; the decision overrides the model",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"decision", "note"}));
        CR_ASSIGN_OR_RETURN(std::string decision, required(body.string("decision"), "decision"));
        if (decision != "confirm" && decision != "reject") {
          return core::invalid("the decision is 'confirm' or 'reject'", "decision");
        }
        CR_ASSIGN_OR_RETURN(auto note, body.string("note"));
        CR_ASSIGN_OR_RETURN(auto d,
                            links.decide(call.actor, id, decision == "confirm", note.value_or("")));
        call.response.status = 200;
        return json{{"hit_id", id},
                    {"decision", d.confirmed ? "confirmed" : "rejected"},
                    {"decided_at", core::format_iso8601(d.decided_at)},
                    {"decided_by", d.decided_by_name},
                    {"note", d.note}};
      });
  add("POST", "/api/v1/hits/{id}/access-request", Audience::kCaseDesk,
      "Ask the other desk for access to the case behind a hit", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"reason"}));
        CR_ASSIGN_OR_RETURN(auto reason, body.string("reason"));
        CR_ASSIGN_OR_RETURN(auto request,
                            links.request_access(call.actor, id, reason.value_or("")));
        return access_request_json(request, false);
      });
  add("GET", "/api/v1/access-requests", Audience::kCaseDesk,
      "Access requests to your desk (incoming) or from it (outgoing)",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"direction"}));
        const std::string direction = query(call, "direction");
        if (!direction.empty() && direction != "incoming" && direction != "outgoing") {
          return core::invalid("direction is incoming or outgoing", "direction");
        }
        const bool incoming = direction != "outgoing";
        CR_ASSIGN_OR_RETURN(auto requests, links.access_requests(call.actor, incoming));
        json items = json::array();
        for (const auto& r : requests) items.push_back(access_request_json(r, incoming));
        return json{{"items", items}, {"direction", incoming ? "incoming" : "outgoing"}};
      });
  add("POST", "/api/v1/access-requests/{id}/decision", Audience::kCaseDesk,
      "Grant (share the case with the requesting desk) or refuse an access request",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"grant", "note"}));
        CR_ASSIGN_OR_RETURN(auto grant, body.boolean("grant"));
        if (!grant) return core::invalid("is required: true to grant, false to refuse", "grant");
        CR_ASSIGN_OR_RETURN(auto note, body.string("note"));
        CR_ASSIGN_OR_RETURN(auto request,
                            links.decide_access(call.actor, id, *grant, note.value_or("")));
        call.response.status = 200;
        return access_request_json(request, true);
      });

  // ---- audit and statistics
  add("GET", "/api/v1/audit", Audience::kAdmin, "The whole audit trail, filtered",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(
            call, {"limit", "after", "user", "desk", "action", "object", "case_id", "from", "to"}));
        store::AuditQuery q;
        CR_ASSIGN_OR_RETURN(q.limit, query_int(call, "limit", 100));
        CR_ASSIGN_OR_RETURN(q.after_seq, query_int(call, "after", 0));
        CR_ASSIGN_OR_RETURN(q.case_id, query_int(call, "case_id", 0));
        CR_ASSIGN_OR_RETURN(q.from, query_int(call, "from", 0));
        CR_ASSIGN_OR_RETURN(q.to, query_int(call, "to", 0));
        q.user = query(call, "user");
        q.desk = query(call, "desk");
        q.action_prefix = query(call, "action");
        q.object = query(call, "object");
        CR_ASSIGN_OR_RETURN(auto records, audit.list(call.actor, q));
        json items = json::array();
        for (const auto& r : records) items.push_back(audit_json(r));
        return json{{"items", items}};
      });
  add("GET", "/api/v1/audit/verify", Audience::kAdmin, "Verify the audit trail's hash chain",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto v, audit.verify(call.actor));
        return json{{"intact", v.intact},
                    {"records", v.records},
                    {"first_bad_seq", v.first_bad_seq ? json(v.first_bad_seq) : json(nullptr)},
                    {"problem", v.problem},
                    {"head_hash", v.head_hash}};
      });
  add("GET", "/api/v1/statistics", Audience::kStatistics,
      "Case counts by desk, stage and year (no contents)", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto counts, cases.statistics(call.actor));
        json items = json::array();
        for (const auto& c : counts) {
          items.push_back(
              {{"desk", c.desk}, {"stage", c.stage}, {"year", c.year}, {"count", c.count}});
        }
        return json{{"cases", items}};
      });
}

// ---- cooperation records and the Focus Group

namespace {

json nullable_date(const std::string& date) { return date.empty() ? json(nullptr) : json(date); }

// ?version=N on a removal: the version that was read (a stale one answers 409).
Result<std::optional<std::int64_t>> version_query(const Call& call) {
  CR_RETURN_IF_ERROR(check_query(call, {"version"}));
  const std::string text = query(call, "version");
  if (text.empty()) return std::optional<std::int64_t>();
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1) {
    return core::invalid("is the version you read: a whole number from 1", "version");
  }
  return std::optional<std::int64_t>(v);
}

json cooperation_json(const core::Cooperation& r) {
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"kind", r.kind},
          {"title", r.title},
          {"started_on", r.started_on},
          {"ended_on", nullable_date(r.ended_on)},
          {"partner_desks", r.partner_desks},
          {"notes", r.notes},
          {"created_by", r.created_by},
          {"created_at", core::format_iso8601(r.created_at)},
          {"version", r.version}};
}

json member_json(const core::FocusGroupMember& m) {
  return {{"id", m.id},
          {"desk", m.desk},
          {"user_id", m.user_id ? json(m.user_id) : json(nullptr)},
          {"name", m.name},
          {"role", m.role},
          {"since", m.since},
          {"updated_at", core::format_iso8601(m.updated_at)},
          {"version", m.version}};
}

json meeting_json(const core::FocusGroupMeeting& m) {
  json sessions = json::array();
  for (const auto& s : m.sessions) {
    sessions.push_back({{"id", s.id},
                        {"time", s.time},
                        {"title", s.title},
                        {"speakers", s.speakers},
                        {"summary", s.summary}});
  }
  return {{"id", m.id},           {"title", m.title},
          {"date", m.date},       {"place", m.place},
          {"sessions", sessions}, {"updated_at", core::format_iso8601(m.updated_at)},
          {"version", m.version}};
}

json best_practice_json(const core::BestPractice& n) {
  return {{"id", n.id},
          {"title", n.title},
          {"body", n.body},
          {"topics", n.topics},
          {"author_desk", n.author_desk},
          {"date", n.date},
          {"created_by", n.created_by},
          {"updated_at", core::format_iso8601(n.updated_at)},
          {"version", n.version}};
}

json country_update_json(const core::CountryUpdate& u) {
  return {{"id", u.id},
          {"desk", u.desk},
          {"date", u.date},
          {"text", u.text},
          {"created_by", u.created_by},
          {"updated_at", core::format_iso8601(u.updated_at)},
          {"version", u.version}};
}

template <typename T>
json items_json(const std::vector<T>& items, json (*render)(const T&)) {
  json out = json::array();
  for (const auto& item : items) out.push_back(render(item));
  return json{{"items", out}};
}

// The programme of a meeting: [{time, title, speakers, summary}].
Result<std::optional<std::vector<core::MeetingSession>>> sessions_field(const json& raw) {
  using Out = std::optional<std::vector<core::MeetingSession>>;
  if (raw.is_null()) return Out();
  if (!raw.is_array()) {
    return core::invalid("must be a list of {time, title, speakers, summary}", "sessions");
  }
  std::vector<core::MeetingSession> out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const json& s = raw[i];
    const std::string at = "sessions[" + std::to_string(i) + "]";
    if (!s.is_object()) return core::invalid("must be an object", at);
    core::MeetingSession session;
    for (auto it = s.begin(); it != s.end(); ++it) {
      const std::string field = at + "." + it.key();
      if (it.key() == "time" || it.key() == "title" || it.key() == "summary") {
        if (!it.value().is_string()) return core::invalid("must be a string", field);
        std::string& target = it.key() == "time"    ? session.time
                              : it.key() == "title" ? session.title
                                                    : session.summary;
        target = it.value().get<std::string>();
      } else if (it.key() == "speakers") {
        if (!it.value().is_array()) return core::invalid("must be a list of names", field);
        for (const auto& v : it.value()) {
          if (!v.is_string()) return core::invalid("must be a list of names", field);
          session.speakers.push_back(v.get<std::string>());
        }
      } else if (it.key() != "id") {
        return core::invalid("unknown field; a session takes time, title, speakers, summary",
                             field);
      }
    }
    out.push_back(std::move(session));
  }
  return Out(std::move(out));
}

}  // namespace

void Api::Impl::register_focus_group_routes() {
  // ---- cooperation records (case data)
  add("GET", "/api/v1/cases/{id}/cooperation", Audience::kCaseDesk,
      "A case's cooperation records (JITs, coordination meetings, EIOs, EAWs)",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {}));
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto records, cooperation->list(call.actor, id));
        return items_json<core::Cooperation>(records, cooperation_json);
      });
  const auto cooperation_fields = [this](const Call& call) -> Result<app::CooperationFields> {
    CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"kind", "title", "started_on", "ended_on",
                                                    "partner_desks", "notes", "version"}));
    app::CooperationFields f;
    CR_ASSIGN_OR_RETURN(f.kind, body.string("kind"));
    CR_ASSIGN_OR_RETURN(f.title, body.string("title"));
    CR_ASSIGN_OR_RETURN(f.started_on, body.string("started_on"));
    CR_ASSIGN_OR_RETURN(f.ended_on, body.string("ended_on"));
    // null (or "") makes the record ongoing again.
    if (!f.ended_on && body.has("ended_on")) f.ended_on = std::string();
    CR_ASSIGN_OR_RETURN(f.partner_desks, body.strings("partner_desks"));
    CR_ASSIGN_OR_RETURN(f.notes, body.string("notes"));
    CR_ASSIGN_OR_RETURN(f.version, body.integer("version"));
    return f;
  };
  add("POST", "/api/v1/cases/{id}/cooperation", Audience::kCaseDesk,
      "Record a JIT, coordination meeting, EIO or EAW in a case (desks that may write it)",
      [this, cooperation_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto fields, cooperation_fields(call));
        CR_ASSIGN_OR_RETURN(auto record, cooperation->add(call.actor, id, fields));
        return cooperation_json(record);
      });
  add("PATCH", "/api/v1/cooperation/{id}", Audience::kCaseDesk,
      "Change a cooperation record (desks that may write its case)",
      [this, cooperation_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto fields, cooperation_fields(call));
        CR_ASSIGN_OR_RETURN(auto record, cooperation->update(call.actor, id, fields));
        return cooperation_json(record);
      });
  add("DELETE", "/api/v1/cooperation/{id}", Audience::kCaseDesk,
      "Remove a cooperation record (desks that may write its case)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto version, version_query(call));
        CR_RETURN_IF_ERROR(cooperation->remove(call.actor, id, version));
        return json();
      });

  // ---- Focus Group: members
  add("GET", "/api/v1/focus-group/members", Audience::kSignedIn,
      "The Focus Group's members by desk", [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {}));
        CR_ASSIGN_OR_RETURN(auto members, focus_group->members(call.actor));
        return items_json<core::FocusGroupMember>(members, member_json);
      });
  const auto member_fields = [this](const Call& call) -> Result<app::MemberFields> {
    CR_ASSIGN_OR_RETURN(Body body,
                        json_body(call, {"desk", "user_id", "name", "role", "since", "version"}));
    app::MemberFields f;
    CR_ASSIGN_OR_RETURN(f.desk, body.string("desk"));
    CR_ASSIGN_OR_RETURN(f.user_id, body.integer("user_id"));
    if (!f.user_id && body.has("user_id")) f.user_id = 0;
    CR_ASSIGN_OR_RETURN(f.name, body.string("name"));
    CR_ASSIGN_OR_RETURN(f.role, body.string("role"));
    CR_ASSIGN_OR_RETURN(f.since, body.string("since"));
    CR_ASSIGN_OR_RETURN(f.version, body.integer("version"));
    return f;
  };
  add("POST", "/api/v1/focus-group/members", Audience::kSignedIn,
      "Add a member (secretariat, administrators)",
      [this, member_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto fields, member_fields(call));
        CR_ASSIGN_OR_RETURN(auto member, focus_group->add_member(call.actor, fields));
        return member_json(member);
      });
  add("PATCH", "/api/v1/focus-group/members/{id}", Audience::kSignedIn,
      "Change a member (secretariat, administrators)",
      [this, member_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto fields, member_fields(call));
        CR_ASSIGN_OR_RETURN(auto member, focus_group->update_member(call.actor, id, fields));
        return member_json(member);
      });
  add("DELETE", "/api/v1/focus-group/members/{id}", Audience::kSignedIn,
      "Remove a member (secretariat, administrators)", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto version, version_query(call));
        CR_RETURN_IF_ERROR(focus_group->remove_member(call.actor, id, version));
        return json();
      });

  // ---- Focus Group: meetings
  add("GET", "/api/v1/focus-group/meetings", Audience::kSignedIn,
      "The Focus Group's meetings with their programmes, newest first",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {}));
        CR_ASSIGN_OR_RETURN(auto meetings, focus_group->meetings(call.actor));
        return items_json<core::FocusGroupMeeting>(meetings, meeting_json);
      });
  const auto meeting_fields = [this](const Call& call) -> Result<app::MeetingFields> {
    CR_ASSIGN_OR_RETURN(Body body,
                        json_body(call, {"title", "date", "place", "sessions", "version"}));
    app::MeetingFields f;
    CR_ASSIGN_OR_RETURN(f.title, body.string("title"));
    CR_ASSIGN_OR_RETURN(f.date, body.string("date"));
    CR_ASSIGN_OR_RETURN(f.place, body.string("place"));
    CR_ASSIGN_OR_RETURN(f.sessions, sessions_field(body.raw("sessions")));
    CR_ASSIGN_OR_RETURN(f.version, body.integer("version"));
    return f;
  };
  add("POST", "/api/v1/focus-group/meetings", Audience::kSignedIn,
      "Add a meeting with its sessions (secretariat, administrators)",
      [this, meeting_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto fields, meeting_fields(call));
        CR_ASSIGN_OR_RETURN(auto meeting, focus_group->add_meeting(call.actor, fields));
        return meeting_json(meeting);
      });
  add("PATCH", "/api/v1/focus-group/meetings/{id}", Audience::kSignedIn,
      "Change a meeting; sessions, when sent, replace the programme (secretariat, "
      "administrators)",
      [this, meeting_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto fields, meeting_fields(call));
        CR_ASSIGN_OR_RETURN(auto meeting, focus_group->update_meeting(call.actor, id, fields));
        return meeting_json(meeting);
      });
  add("DELETE", "/api/v1/focus-group/meetings/{id}", Audience::kSignedIn,
      "Remove a meeting and its sessions (secretariat, administrators)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto version, version_query(call));
        CR_RETURN_IF_ERROR(focus_group->remove_meeting(call.actor, id, version));
        return json();
      });

  // ---- Focus Group: best practices
  add("GET", "/api/v1/focus-group/best-practices", Audience::kSignedIn,
      "The library of best-practice notes, newest first", [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {}));
        CR_ASSIGN_OR_RETURN(auto notes, focus_group->best_practices(call.actor));
        return items_json<core::BestPractice>(notes, best_practice_json);
      });
  add("GET", "/api/v1/focus-group/best-practices/{id}", Audience::kSignedIn,
      "One best-practice note", [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto note, focus_group->best_practice(call.actor, id));
        return best_practice_json(note);
      });
  const auto note_fields = [this](const Call& call) -> Result<app::BestPracticeFields> {
    CR_ASSIGN_OR_RETURN(
        Body body, json_body(call, {"title", "body", "topics", "author_desk", "date", "version"}));
    app::BestPracticeFields f;
    CR_ASSIGN_OR_RETURN(f.title, body.string("title"));
    CR_ASSIGN_OR_RETURN(f.body, body.string("body"));
    CR_ASSIGN_OR_RETURN(f.topics, body.strings("topics"));
    CR_ASSIGN_OR_RETURN(f.author_desk, body.string("author_desk"));
    CR_ASSIGN_OR_RETURN(f.date, body.string("date"));
    CR_ASSIGN_OR_RETURN(f.version, body.integer("version"));
    return f;
  };
  add("POST", "/api/v1/focus-group/best-practices", Audience::kSignedIn,
      "Write a best-practice note (national members and prosecutors for their desk, secretariat)",
      [this, note_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto fields, note_fields(call));
        CR_ASSIGN_OR_RETURN(auto note, focus_group->add_best_practice(call.actor, fields));
        return best_practice_json(note);
      });
  add("PATCH", "/api/v1/focus-group/best-practices/{id}", Audience::kSignedIn,
      "Change a best-practice note (its desk's national members and prosecutors, secretariat)",
      [this, note_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto fields, note_fields(call));
        CR_ASSIGN_OR_RETURN(auto note, focus_group->update_best_practice(call.actor, id, fields));
        return best_practice_json(note);
      });
  add("DELETE", "/api/v1/focus-group/best-practices/{id}", Audience::kSignedIn,
      "Remove a best-practice note (its desk's national members and prosecutors, secretariat)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto version, version_query(call));
        CR_RETURN_IF_ERROR(focus_group->remove_best_practice(call.actor, id, version));
        return json();
      });

  // ---- Focus Group: country updates
  add("GET", "/api/v1/focus-group/country-updates", Audience::kSignedIn,
      "Country updates, newest first; ?desk=IT for one desk's", [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"desk"}));
        CR_ASSIGN_OR_RETURN(auto updates,
                            focus_group->country_updates(call.actor, query(call, "desk")));
        return items_json<core::CountryUpdate>(updates, country_update_json);
      });
  const auto update_fields = [this](const Call& call) -> Result<app::CountryUpdateFields> {
    CR_ASSIGN_OR_RETURN(Body body, json_body(call, {"desk", "date", "text", "version"}));
    app::CountryUpdateFields f;
    CR_ASSIGN_OR_RETURN(f.desk, body.string("desk"));
    CR_ASSIGN_OR_RETURN(f.date, body.string("date"));
    CR_ASSIGN_OR_RETURN(f.text, body.string("text"));
    CR_ASSIGN_OR_RETURN(f.version, body.integer("version"));
    return f;
  };
  add("POST", "/api/v1/focus-group/country-updates", Audience::kSignedIn,
      "Write a country update (national members and prosecutors for their desk, secretariat)",
      [this, update_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(auto fields, update_fields(call));
        CR_ASSIGN_OR_RETURN(auto update, focus_group->add_country_update(call.actor, fields));
        return country_update_json(update);
      });
  add("PATCH", "/api/v1/focus-group/country-updates/{id}", Audience::kSignedIn,
      "Change a country update (its desk's national members and prosecutors, secretariat)",
      [this, update_fields](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto fields, update_fields(call));
        CR_ASSIGN_OR_RETURN(auto update,
                            focus_group->update_country_update(call.actor, id, fields));
        return country_update_json(update);
      });
  add("DELETE", "/api/v1/focus-group/country-updates/{id}", Audience::kSignedIn,
      "Remove a country update (its desk's national members and prosecutors, secretariat)",
      [this](Call& call) -> Result<json> {
        CR_ASSIGN_OR_RETURN(core::Id id, id_param(call, "id"));
        CR_ASSIGN_OR_RETURN(auto version, version_query(call));
        CR_RETURN_IF_ERROR(focus_group->remove_country_update(call.actor, id, version));
        return json();
      });
}

// ---- routes and trends

namespace {

json trend_source_json(const store::TrendSource& s) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"file_name", s.file_name},
          {"file_hash", s.file_hash},
          {"imported_at", core::format_iso8601(s.imported_at)},
          {"imported_by", s.imported_by},
          {"rows", s.rows},
          {"rejected", s.rejected}};
}

json series_json(const std::vector<trends::Series>& all) {
  json out = json::array();
  for (const auto& s : all) {
    json points = json::array();
    json yoy = json::array();
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      points.push_back({{"period", s.points[i].period}, {"value", s.points[i].value}});
      yoy.push_back(
          {{"period", s.points[i].period}, {"change", s.yoy[i] ? json(*s.yoy[i]) : json(nullptr)}});
    }
    out.push_back({{"key", s.key},
                   {"label", s.label},
                   {"points", points},
                   {"total", s.total},
                   {"share", s.share},
                   {"yoy", yoy}});
  }
  return out;
}

json series_ref_json(const app::ShiftSeriesRef& r) {
  return {{"route", r.route.empty() ? json(nullptr) : json(r.route)},
          {"nationality", r.nationality.empty() ? json(nullptr) : json(r.nationality)}};
}

// "YYYY-MM" or "YYYY-Qn" as a month number: the first month of the period, or its last when
// `end` (for "to").
Result<std::optional<int>> period_param(const Call& call, const char* name, bool end) {
  const std::string text = query(call, name);
  if (text.empty()) return std::optional<int>();
  if (text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q') && text[6] >= '1' &&
      text[6] <= '4') {
    auto year = trends::parse_month(text.substr(0, 4) + "-01");
    if (year) {
      const int first = *year + (text[6] - '1') * 3;
      return std::optional<int>(end ? first + 2 : first);
    }
  }
  auto month = trends::parse_month(text);
  if (!month) {
    return core::invalid("'" + text + "' is not a period; write YYYY-MM or YYYY-Qn", name);
  }
  return std::optional<int>(*month);
}

}  // namespace

void Api::Impl::register_trend_routes() {
  // The filters most trend routes share.
  const auto trend_query = [this](const Call& call) -> Result<app::TrendQuery> {
    app::TrendQuery q;
    q.filter.route = query(call, "route");
    const std::string nationality = query(call, "nationality");
    if (!nationality.empty())
      q.filter.nationality = trends->taxonomy().nationality_name(nationality);
    q.filter.border_type = query(call, "border_type");
    if (!q.filter.border_type.empty() && q.filter.border_type != "sea" &&
        q.filter.border_type != "land" && q.filter.border_type != "air") {
      return core::invalid(
          "'" + q.filter.border_type + "' is not a border type; use sea, land or air",
          "border_type");
    }
    CR_ASSIGN_OR_RETURN(q.filter.from, period_param(call, "from", false));
    CR_ASSIGN_OR_RETURN(q.filter.to, period_param(call, "to", true));
    if (q.filter.from && q.filter.to && *q.filter.from > *q.filter.to) {
      return core::invalid("'from' is after 'to'", "from");
    }
    q.source = query(call, "source");
    return q;
  };
  const auto granularity = [](const Call& call) -> Result<bool> {
    const std::string g = query(call, "granularity");
    if (g.empty() || g == "month") return false;
    if (g == "quarter") return true;
    return core::invalid("'" + g + "' is not a granularity; use month or quarter", "granularity");
  };

  add("GET", "/api/v1/trends/routes", Audience::kSignedIn,
      "The route taxonomy: ids, names, countries and map waypoints [lon, lat]",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {}));
        json routes = json::array();
        for (const auto& r : trends->taxonomy().routes()) {
          json path = json::array();
          for (const auto& [lon, lat] : r.path) path.push_back({lon, lat});
          routes.push_back(
              {{"id", r.id},
               {"name", r.name},
               {"countries", r.countries},
               {"border_type", r.border_type.empty() ? json(nullptr) : json(r.border_type)},
               {"path", path}});
        }
        return json{{"routes", routes}};
      });
  add("GET", "/api/v1/trends/series", Audience::kSignedIn,
      "Monthly or quarterly series per route, nationality or border type, with shares and "
      "year-on-year change",
      [this, trend_query, granularity](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(
            check_query(call, {"measure", "granularity", "group_by", "route", "nationality",
                               "border_type", "from", "to", "source"}));
        CR_ASSIGN_OR_RETURN(auto q, trend_query(call));
        trends::SeriesOptions o;
        CR_ASSIGN_OR_RETURN(o.measure, trends::parse_measure(query(call, "measure")));
        CR_ASSIGN_OR_RETURN(o.quarterly, granularity(call));
        CR_ASSIGN_OR_RETURN(o.group_by, trends::parse_group_by(query(call, "group_by")));
        CR_ASSIGN_OR_RETURN(auto series, trends->series(call.actor, q, o));
        return json{
            {"measure", trends::measure_name(o.measure)},
            {"granularity", o.quarterly ? "quarter" : "month"},
            {"group_by", query(call, "group_by").empty() ? "route" : query(call, "group_by")},
            {"series", series_json(series)}};
      });
  add("GET", "/api/v1/trends/shifts", Audience::kSignedIn,
      "Shifts (change points) per route series, online alerts on the newest months, "
      "displacements between routes and nationalities changing routes",
      [this, trend_query](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"route", "nationality", "measure", "from", "to",
                                              "method", "penalty", "min_size", "source"}));
        CR_ASSIGN_OR_RETURN(auto q, trend_query(call));
        CR_ASSIGN_OR_RETURN(auto measure, trends::parse_measure(query(call, "measure")));
        trends::ShiftOptions o;
        CR_ASSIGN_OR_RETURN(o.method, trends::parse_method(query(call, "method")));
        CR_ASSIGN_OR_RETURN(o.penalty, trends::parse_penalty(query(call, "penalty")));
        CR_ASSIGN_OR_RETURN(auto min_size, query_int(call, "min_size", 3));
        o.min_size = static_cast<int>(std::clamp<std::int64_t>(min_size, -1, 1000));
        CR_ASSIGN_OR_RETURN(auto report, trends->shifts(call.actor, q, measure, o));
        json shifts = json::array();
        for (const auto& s : report.shifts) {
          shifts.push_back({{"series", series_ref_json(s.series)},
                            {"period", s.period},
                            {"direction", s.change.change >= 0 ? "up" : "down"},
                            {"before", s.change.before},
                            {"after", s.change.after},
                            {"change", s.change.change},
                            {"confidence", s.change.confidence}});
        }
        json alerts = json::array();
        for (const auto& a : report.alerts) {
          alerts.push_back({{"series", series_ref_json(a.series)},
                            {"period", a.period},
                            {"probability", a.alert.probability},
                            {"direction", a.alert.up ? "up" : "down"}});
        }
        json displacements = json::array();
        for (const auto& d : report.displacements) {
          displacements.push_back(
              {{"period", d.period},
               {"falling", {{"route", d.falling_route}, {"change", d.falling_change}}},
               {"rising", {{"route", d.rising_route}, {"change", d.rising_change}}}});
        }
        json moves = json::array();
        for (const auto& m : report.nationality_moves) {
          moves.push_back({{"nationality", m.nationality},
                           {"from_route", m.from_route},
                           {"to_route", m.to_route},
                           {"period", m.period}});
        }
        return json{{"shifts", shifts},
                    {"alerts", alerts},
                    {"displacements", displacements},
                    {"nationality_moves", moves}};
      });
  add("GET", "/api/v1/trends/top-nationalities", Audience::kSignedIn,
      "The nationalities detected most on a route, with their shares",
      [this, trend_query](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(
            check_query(call, {"route", "from", "to", "limit", "measure", "source"}));
        CR_ASSIGN_OR_RETURN(auto q, trend_query(call));
        CR_ASSIGN_OR_RETURN(auto measure, trends::parse_measure(query(call, "measure")));
        CR_ASSIGN_OR_RETURN(auto limit, query_int(call, "limit", 10));
        if (limit < 1 || limit > 500) return core::invalid("must be between 1 and 500", "limit");
        CR_ASSIGN_OR_RETURN(auto top, trends->top_nationalities(call.actor, q, measure,
                                                                static_cast<std::size_t>(limit)));
        json items = json::array();
        for (const auto& n : top) {
          items.push_back({{"nationality", n.nationality}, {"value", n.value}, {"share", n.share}});
        }
        return json{{"route", q.filter.route.empty() ? json(nullptr) : json(q.filter.route)},
                    {"nationalities", items}};
      });
  add("GET", "/api/v1/trends/sources", Audience::kSignedIn,
      "The imported trend sources (kind, file, when, rows, rejected rows)",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {}));
        CR_ASSIGN_OR_RETURN(auto sources, trends->sources(call.actor));
        json items = json::array();
        for (const auto& s : sources) items.push_back(trend_source_json(s));
        return json{{"sources", items}};
      });
  const auto import_route = [this](const char* kind) {
    return [this, kind](Call& call) -> Result<json> {
      CR_RETURN_IF_ERROR(check_query(call, {"file_name"}));
      if (call.request.body.size() > options.max_import_body) {
        return Status(Code::kPayloadTooLarge,
                      "the file is larger than " + std::to_string(options.max_import_body >> 20) +
                          " MiB; use 'crossroads trends import' on the server");
      }
      std::string file_name = query(call, "file_name");
      if (file_name.empty()) file_name = std::string(kind) + " upload";
      CR_ASSIGN_OR_RETURN(auto report,
                          trends->import(call.actor, kind, call.request.body, file_name));
      json errors = json::array();
      for (std::size_t i = 0; i < report.errors.size() && i < 1000; ++i) {
        const auto& e = report.errors[i];
        errors.push_back({{"row", e.row},
                          {"column", e.column.empty() ? json(nullptr) : json(e.column)},
                          {"reason", e.reason}});
      }
      return json{{"source", trend_source_json(report.source)},
                  {"rows_imported", report.rows_imported},
                  {"rows_replaced", report.rows_replaced},
                  {"errors", errors},
                  {"errors_total", report.errors.size()}};
    };
  };
  add("POST", "/api/v1/trends/import/frontex", Audience::kSignedIn,
      "Import the Frontex monthly detections workbook (raw .xlsx body); replaces the previous one",
      import_route("frontex"));
  add("POST", "/api/v1/trends/import/iom", Audience::kSignedIn,
      "Import the IOM Missing Migrants CSV export (raw text/csv body); replaces the previous one",
      import_route("iom"));
  add("GET", "/api/v1/trends/countries/{cc}", Audience::kSignedIn,
      "A country's routes, incidents and series, and its desk's case counts per year",
      [this, trend_query, granularity](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"from", "to", "granularity", "source"}));
        CR_ASSIGN_OR_RETURN(auto q, trend_query(call));
        CR_ASSIGN_OR_RETURN(bool quarterly, granularity(call));
        CR_ASSIGN_OR_RETURN(auto page,
                            trends->country(call.actor, call.params.at("cc"), q, quarterly));
        json years = json::array();
        for (const auto& y : page.cases_per_year) {
          years.push_back({{"year", y.year}, {"new", y.opened}, {"ongoing", y.ongoing}});
        }
        return json{
            {"country", page.country},
            {"routes", page.routes},
            {"incidents",
             {{"detections", page.detections}, {"dead", page.dead}, {"missing", page.missing}}},
            {"series", series_json(page.series)},
            {"cases_per_year", years},
            {"cases_visible", page.cases_visible}};
      });
  add("GET", "/api/v1/statistics/annual", Audience::kStatistics,
      "The hub's year in figures: cases new and ongoing (by desk, by stage), JITs, coordination "
      "meetings",
      [this](Call& call) -> Result<json> {
        CR_RETURN_IF_ERROR(check_query(call, {"year"}));
        const std::int64_t this_year =
            std::stoll(core::format_iso8601(clock.now_ms()).substr(0, 4));
        CR_ASSIGN_OR_RETURN(auto year, query_int(call, "year", this_year));
        if (year < 1990 || year > 2200) return core::invalid("must be a year such as 2025", "year");
        CR_ASSIGN_OR_RETURN(auto stats, trends->annual(call.actor, static_cast<int>(year)));
        json by_desk = json::array();
        for (const auto& d : stats.by_desk) {
          by_desk.push_back({{"desk", d.desk}, {"new", d.opened}, {"ongoing", d.ongoing}});
        }
        json by_stage = json::array();
        for (const auto& [stage, count] : stats.by_stage) {
          by_stage.push_back({{"stage", stage}, {"count", count}});
        }
        return json{{"year", stats.year},
                    {"cases",
                     {{"new", stats.cases_new},
                      {"ongoing", stats.cases_ongoing},
                      {"by_desk", by_desk},
                      {"by_stage", by_stage}}},
                    {"jits", {{"new", stats.jits_new}, {"ongoing", stats.jits_ongoing}}},
                    {"coordination_meetings", stats.coordination_meetings}};
      });
}

}  // namespace crossroads::api
