// The need-to-know matrix: every registered route, called as every role from the case's owning
// desk, a desk it is shared with and a foreign desk (and without signing in), must be allowed
// or refused exactly as the rules say. A route without a rule here fails the test.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <set>

#include "api/api.h"
#include "hub_fixture.h"
#include "zip_builder.h"

namespace crossroads::api {
namespace {

using core::Role;
using json = nlohmann::json;

enum class Relation { kOwner, kShared, kForeign, kNone };

struct Caller {
  std::string name;
  Role role;
  Relation relation;
  bool anonymous = false;
};

// Who may call a route, as a predicate over the caller.
enum class Rule {
  kPublic,       // anyone, even without signing in
  kSignedIn,     // any signed-in user
  kAdmin,        // administrators
  kStatistics,   // administrators, secretariat, national members
  kCaseCreate,   // national members and prosecutors (for their own desk)
  kCaseList,     // national members, prosecutors, analysts, observers of any desk
  kCaseRead,     // those roles, at the owning desk or a desk the case is shared with
  kCaseWrite,    // national members, prosecutors, analysts of the owning desk
  kCaseManage,   // national members and prosecutors of the owning desk
  kCaseAudit,    // national members, prosecutors, analysts of the owning desk; administrators
  kNoticeRead,   // case roles of the desk the hit notice is addressed to
  kTrendImport,  // national members, analysts, the secretariat and administrators

  // The Focus Group: members and meetings by the secretariat and administrators; notes and
  // updates of desk IT also by IT's national members and prosecutors.
  kFocusGroupEdit,
  kFocusGroupItDesk,
};

bool case_role(Role r) {
  return r == Role::kNationalMember || r == Role::kProsecutor || r == Role::kAnalyst ||
         r == Role::kObserver;
}

bool allowed(Rule rule, const Caller& c) {
  if (rule == Rule::kPublic) return true;
  if (c.anonymous) return false;
  const bool owner = c.relation == Relation::kOwner;
  const bool reader = c.relation == Relation::kOwner || c.relation == Relation::kShared;
  const bool manager = c.role == Role::kNationalMember || c.role == Role::kProsecutor;
  switch (rule) {
    case Rule::kPublic:
    case Rule::kSignedIn:
      return true;
    case Rule::kAdmin:
      return c.role == Role::kAdministrator;
    case Rule::kStatistics:
      return c.role == Role::kAdministrator || c.role == Role::kSecretariat ||
             c.role == Role::kNationalMember;
    case Rule::kCaseCreate:
      return manager;
    case Rule::kCaseList:
      return case_role(c.role);
    case Rule::kCaseRead:
      return case_role(c.role) && reader;
    case Rule::kCaseAudit:
      if (c.role == Role::kAdministrator) return true;  // they read the whole trail anyway
      return owner && (manager || c.role == Role::kAnalyst);
    case Rule::kCaseWrite:
      return owner && (manager || c.role == Role::kAnalyst);
    case Rule::kCaseManage:
      return owner && manager;
    case Rule::kNoticeRead:
      return owner && case_role(c.role);
    case Rule::kFocusGroupEdit:
      return c.role == Role::kAdministrator || c.role == Role::kSecretariat;
    case Rule::kFocusGroupItDesk:
      return c.role == Role::kAdministrator || c.role == Role::kSecretariat || (owner && manager);
    case Rule::kTrendImport:
      return c.role == Role::kNationalMember || c.role == Role::kAnalyst ||
             c.role == Role::kSecretariat || c.role == Role::kAdministrator;
  }
  return false;
}

class AuthorizationMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = fx_.actor("owner.prosecutor", Role::kProsecutor, "IT");
    main_case_ = fx_.open_case(owner_, "MAIN-1");
    ASSERT_TRUE(fx_.hub.cases->share_case(owner_, main_case_.id, "DE").is_ok());
    main_entity_ = add_entity(main_case_.id);
    target_user_ = fx_.actor("target.user", Role::kObserver, "FR");
    fr_owner_ = fx_.actor("fr.owner", Role::kProsecutor, "FR");
    fr_case_ = fx_.open_case(fr_owner_, "FR-1");

    callers_.push_back({"administrator", Role::kAdministrator, Relation::kNone});
    const std::pair<const char*, Relation> desks[] = {
        {"IT", Relation::kOwner}, {"DE", Relation::kShared}, {"GR", Relation::kForeign}};
    const Role roles[] = {Role::kSecretariat, Role::kNationalMember, Role::kProsecutor,
                          Role::kAnalyst, Role::kObserver};
    for (const auto& [desk, relation] : desks) {
      for (Role role : roles) {
        std::string name = std::string(core::role_name(role)) + "." + desk;
        for (auto& ch : name) ch = static_cast<char>(std::tolower(ch));
        std::replace(name.begin(), name.end(), '_', '-');
        callers_.push_back({name, role, relation});
        fx_.actor(name, role, role == Role::kAdministrator ? "" : desk);
      }
    }
    fx_.actor("administrator", Role::kAdministrator, "");
    callers_.push_back({"anonymous", Role::kObserver, Relation::kNone, true});

    api_ = std::make_unique<Api>(fx_.hub, ApiOptions{});
  }

  core::Entity add_entity(core::Id case_id) {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {"Person " + std::to_string(++counter_)};
    auto made = fx_.hub.cases->create_entity(owner_, case_id, e);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return made.is_ok() ? *made : core::Entity{};
  }

  // A fresh link between an entity of the main (Italian) case and a new entity of the French
  // case; returns the notices addressed to IT and to FR.
  std::pair<core::Id, core::Id> fresh_hit() {
    core::Entity e;
    e.schema = "Person";
    e.properties["name"] = {"Linked person " + std::to_string(++counter_)};
    auto other = fx_.hub.cases->create_entity(fr_owner_, fr_case_.id, e);
    EXPECT_TRUE(other.is_ok()) << other.status().to_string();
    core::LinkHit hit;
    hit.entity_a = main_entity_.id;
    hit.entity_b = other->id;
    hit.kind = "identifier";
    hit.strength = 0.99;
    hit.evidence = R"({"kinds":["phone number"],"explanation":[]})";
    EXPECT_TRUE(fx_.hub.links->record({hit}).is_ok());
    core::Id for_it = 0;
    core::Id for_fr = 0;
    (void)fx_.hub.store->read([&](store::Transaction& tx) {
      auto hits = tx.link_hits_of_entity(other->id);
      for (const auto& desk : {"IT", "FR"}) {
        auto notices = tx.list_notices(desk, false, {1000, 0});
        for (const auto& n : notices->items) {
          if (n.hit_id == hits->front().id) (std::string(desk) == "IT" ? for_it : for_fr) = n.id;
        }
      }
      return core::Status::ok();
    });
    return {for_it, for_fr};
  }

  std::int64_t case_version(core::Id id) {
    std::int64_t version = 0;
    EXPECT_TRUE(fx_.hub.store
                    ->read([&](store::Transaction& tx) {
                      auto c = tx.get_case(id);
                      version = c ? c->version : 0;
                      return core::Status::ok();
                    })
                    .is_ok());
    return version;
  }

  // The current version of a cooperation record or Focus Group entry, by its API path: a change
  // names the version it read.
  std::int64_t entry_version(const std::string& path) {
    const core::Id id = std::stoll(path.substr(path.rfind('/') + 1));
    std::int64_t version = 0;
    auto take = [&](const auto& found) { version = found ? found->version : 0; };
    EXPECT_TRUE(fx_.hub.store
                    ->read([&](store::Transaction& tx) {
                      if (path.find("/cooperation/") != std::string::npos) {
                        take(tx.get_cooperation(id));
                      } else if (path.find("/members/") != std::string::npos) {
                        take(tx.get_fg_member(id));
                      } else if (path.find("/meetings/") != std::string::npos) {
                        take(tx.get_fg_meeting(id));
                      } else if (path.find("/best-practices/") != std::string::npos) {
                        take(tx.get_best_practice(id));
                      } else {
                        take(tx.get_country_update(id));
                      }
                      return core::Status::ok();
                    })
                    .is_ok());
    return version;
  }

  // A signed-in request as `caller` (a fresh session each time, so logout cannot spoil others).
  HttpRequest request(const Caller& caller, const std::string& method, const std::string& path,
                      const std::string& body = {}) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.remote_addr = "127.0.0.1";
    if (!body.empty()) r.headers["content-type"] = "application/json";
    if (!caller.anonymous) {
      auto login = fx_.hub.accounts->login(caller.name, testing::kTestPassword, "127.0.0.1", "t");
      EXPECT_TRUE(login.is_ok()) << caller.name << ": " << login.status().to_string();
      if (login) {
        r.headers["cookie"] = "crossroads_session=" + login->session_token;
        r.headers["x-csrf-token"] = login->csrf_token;
      }
    }
    return r;
  }

  testing::HubFixture fx_;
  app::Actor owner_;
  app::Actor target_user_;
  app::Actor fr_owner_;
  core::Case fr_case_;
  core::Case main_case_;
  core::Entity main_entity_;
  std::vector<Caller> callers_;
  std::unique_ptr<Api> api_;
  int counter_ = 0;
};

TEST_F(AuthorizationMatrix, EveryRouteAllowsExactlyWhomTheRulesAllow) {
  const std::string cases = "/api/v1/cases/";
  const std::string main = cases + std::to_string(main_case_.id);
  const std::string entity = "/api/v1/entities/" + std::to_string(main_entity_.id);
  const std::string target = "/api/v1/users/" + std::to_string(target_user_.user.id);

  using Builder = std::function<HttpRequest(const Caller&)>;
  struct Spec {
    Rule rule;
    Builder build;
  };
  std::map<std::string, Spec> specs;
  auto plain = [&](const char* method, std::string path, std::string body = {}) -> Builder {
    return [=, this](const Caller& c) { return request(c, method, path, body); };
  };
  specs["GET /api/v1/health"] = {Rule::kPublic, plain("GET", "/api/v1/health")};
  specs["GET /api/v1/openapi.json"] = {Rule::kPublic, plain("GET", "/api/v1/openapi.json")};
  specs["POST /api/v1/auth/login"] = {
      Rule::kPublic, [&](const Caller& c) {
        const std::string who = c.anonymous ? "owner.prosecutor" : c.name;
        return request({"anonymous", Role::kObserver, Relation::kNone, true}, "POST",
                       "/api/v1/auth/login",
                       json{{"username", who}, {"password", testing::kTestPassword}}.dump());
      }};
  specs["POST /api/v1/auth/logout"] = {Rule::kSignedIn, plain("POST", "/api/v1/auth/logout")};
  specs["GET /api/v1/auth/session"] = {Rule::kSignedIn, plain("GET", "/api/v1/auth/session")};
  specs["POST /api/v1/auth/password"] = {Rule::kSignedIn,
                                         plain("POST", "/api/v1/auth/password",
                                               json{{"current_password", testing::kTestPassword},
                                                    {"new_password", testing::kTestPassword}}
                                                   .dump())};
  specs["GET /api/v1/tokens"] = {Rule::kSignedIn, plain("GET", "/api/v1/tokens")};
  specs["POST /api/v1/tokens"] = {Rule::kSignedIn,
                                  plain("POST", "/api/v1/tokens", R"({"name":"script"})")};
  specs["DELETE /api/v1/tokens/{id}"] = {
      Rule::kSignedIn, [&](const Caller& c) {
        core::Id token_id = 999999;
        if (!c.anonymous) {
          auto user = fx_.hub.accounts->login(c.name, testing::kTestPassword, "127.0.0.1", "t");
          app::Actor a{user->user, "t", "127.0.0.1"};
          token_id = fx_.hub.accounts->create_token(a, "to revoke", 1)->token.id;
        }
        return request(c, "DELETE", "/api/v1/tokens/" + std::to_string(token_id));
      }};
  specs["GET /api/v1/desks"] = {Rule::kSignedIn, plain("GET", "/api/v1/desks")};
  specs["PUT /api/v1/desks/{code}"] = {
      Rule::kAdmin,
      plain("PUT", "/api/v1/desks/XK", R"({"name":"Kosovo","group":"Western Balkans"})")};
  specs["GET /api/v1/vocabulary"] = {Rule::kSignedIn, plain("GET", "/api/v1/vocabulary")};
  specs["GET /api/v1/schemata"] = {Rule::kSignedIn, plain("GET", "/api/v1/schemata")};
  specs["POST /api/v1/normalize"] = {
      Rule::kSignedIn, plain("POST", "/api/v1/normalize",
                             R"({"kind":"phone","value":"091 234 5678","country":"LY"})")};
  specs["POST /api/v1/match/compare"] = {
      Rule::kSignedIn,
      plain("POST", "/api/v1/match/compare",
            json{{"a", {{"schema", "Person"}, {"properties", {{"name", {"Mohamed Abdelrahman"}}}}}},
                 {"b",
                  {{"schema", "Person"}, {"properties", {{"name", {"Muhammad Abd al-Rahman"}}}}}}}
                .dump())};
  specs["POST /api/v1/match/check"] = {
      Rule::kCaseList,
      plain("POST", "/api/v1/match/check",
            json{{"entity",
                  {{"schema", "Person"}, {"properties", {{"name", {"Mohamed Abdelrahman"}}}}}}}
                .dump())};
  specs["GET /api/v1/users"] = {Rule::kAdmin, plain("GET", "/api/v1/users")};
  specs["POST /api/v1/users"] = {Rule::kAdmin, [&](const Caller& c) {
                                   return request(
                                       c, "POST", "/api/v1/users",
                                       json{{"username", "new.user" + std::to_string(++counter_)},
                                            {"display_name", "New user"},
                                            {"password", testing::kTestPassword},
                                            {"role", "analyst"},
                                            {"desk", "IT"}}
                                           .dump());
                                 }};
  specs["GET /api/v1/users/{id}"] = {Rule::kAdmin, plain("GET", target)};
  specs["PATCH /api/v1/users/{id}"] = {Rule::kAdmin,
                                       plain("PATCH", target, R"({"display_name":"Renamed"})")};
  specs["GET /api/v1/cases"] = {Rule::kCaseList, plain("GET", "/api/v1/cases")};
  specs["POST /api/v1/cases"] = {Rule::kCaseCreate, [&](const Caller& c) {
                                   return request(
                                       c, "POST", "/api/v1/cases",
                                       json{{"reference", "NEW-" + std::to_string(++counter_)},
                                            {"title", "A new case"},
                                            {"offences", {"migrant_smuggling"}}}
                                           .dump());
                                 }};
  specs["GET /api/v1/cases/{id}"] = {Rule::kCaseRead, plain("GET", main)};
  specs["PATCH /api/v1/cases/{id}"] = {
      Rule::kCaseManage, [&](const Caller& c) {
        return request(
            c, "PATCH", main,
            json{{"summary", "updated"}, {"version", case_version(main_case_.id)}}.dump());
      }};
  specs["DELETE /api/v1/cases/{id}"] = {
      Rule::kCaseManage, [&](const Caller& c) {
        auto fresh = fx_.open_case(owner_, "DEL-" + std::to_string(++counter_));
        EXPECT_TRUE(fx_.hub.cases->share_case(owner_, fresh.id, "DE").is_ok());
        return request(c, "DELETE", cases + std::to_string(fresh.id));
      }};
  specs["PUT /api/v1/cases/{id}/shares/{desk}"] = {Rule::kCaseManage,
                                                   plain("PUT", main + "/shares/FR")};
  specs["DELETE /api/v1/cases/{id}/shares/{desk}"] = {Rule::kCaseManage,
                                                      plain("DELETE", main + "/shares/FR")};
  specs["GET /api/v1/cases/{id}/entities"] = {Rule::kCaseRead, plain("GET", main + "/entities")};
  specs["POST /api/v1/cases/{id}/entities"] = {
      Rule::kCaseWrite,
      plain("POST", main + "/entities", R"({"schema":"Person","properties":{"name":["Ali"]}})")};
  specs["POST /api/v1/cases/{id}/import/ftm"] = {
      Rule::kCaseWrite, [&](const Caller& c) {
        HttpRequest r = request(c, "POST", main + "/import/ftm",
                                json{{"id", "imp-" + std::to_string(++counter_)},
                                     {"schema", "Person"},
                                     {"properties", {{"name", {"Imported person"}}}}}
                                    .dump());
        r.headers["content-type"] = "application/x-ndjson";
        return r;
      }};
  specs["POST /api/v1/cases/{id}/import/csv"] = {
      Rule::kCaseWrite, [&](const Caller& c) {
        HttpRequest r = request(c, "POST", main + "/import/csv",
                                "Name,Born\nCSV person " + std::to_string(++counter_) + ",1990\n");
        r.headers["content-type"] = "text/csv";
        r.query = {{"schema", "Person"}, {"mapping", R"({"Name":"name","Born":"birthDate"})"}};
        return r;
      }};
  specs["GET /api/v1/cases/{id}/export/ftm"] = {Rule::kCaseRead,
                                                plain("GET", main + "/export/ftm")};
  specs["GET /api/v1/cases/{id}/audit"] = {Rule::kCaseAudit, plain("GET", main + "/audit")};
  specs["GET /api/v1/entities/{id}"] = {Rule::kCaseRead, plain("GET", entity)};
  specs["PATCH /api/v1/entities/{id}"] = {
      Rule::kCaseWrite, [&](const Caller& c) {
        std::int64_t version = 0;
        (void)fx_.hub.store->read([&](store::Transaction& tx) {
          version = tx.get_entity(main_entity_.id)->version;
          return core::Status::ok();
        });
        return request(
            c, "PATCH", entity,
            json{{"properties", {{"name", {"Renamed person"}}}}, {"version", version}}.dump());
      }};
  specs["DELETE /api/v1/entities/{id}"] = {
      Rule::kCaseWrite, [&](const Caller& c) {
        auto fresh = add_entity(main_case_.id);
        return request(c, "DELETE", "/api/v1/entities/" + std::to_string(fresh.id));
      }};
  const std::string notice = "/api/v1/hits/" + std::to_string(fresh_hit().first);
  specs["GET /api/v1/hits"] = {Rule::kCaseList, plain("GET", "/api/v1/hits")};
  specs["GET /api/v1/hits/{id}"] = {Rule::kNoticeRead, plain("GET", notice)};
  specs["POST /api/v1/hits/{id}/decision"] = {
      Rule::kCaseWrite, plain("POST", notice + "/decision", R"({"decision":"confirm"})")};
  specs["POST /api/v1/hits/{id}/access-request"] = {
      Rule::kCaseManage, [&](const Caller& c) {
        return request(c, "POST",
                       "/api/v1/hits/" + std::to_string(fresh_hit().first) + "/access-request",
                       R"({"reason":"same phone in our investigation"})");
      }};
  specs["GET /api/v1/access-requests"] = {Rule::kCaseList, plain("GET", "/api/v1/access-requests")};
  specs["POST /api/v1/access-requests/{id}/decision"] = {
      Rule::kCaseManage, [&](const Caller& c) {
        // The French desk asks the Italian desk for its case; the caller decides.
        auto asked = fx_.hub.links->request_access(fr_owner_, fresh_hit().second, "please");
        EXPECT_TRUE(asked.is_ok()) << asked.status().to_string();
        return request(c, "POST",
                       "/api/v1/access-requests/" + std::to_string(asked->id) + "/decision",
                       R"({"grant":false,"note":"not now"})");
      }};
  specs["GET /api/v1/audit"] = {Rule::kAdmin, plain("GET", "/api/v1/audit")};
  specs["GET /api/v1/audit/verify"] = {Rule::kAdmin, plain("GET", "/api/v1/audit/verify")};
  specs["GET /api/v1/statistics"] = {Rule::kStatistics, plain("GET", "/api/v1/statistics")};

  // Cooperation records follow the case; the Focus Group is read by everyone signed in and
  // written by the secretariat (members, meetings) or by the desk a note or update is about.
  const auto fg_editor = fx_.actor("fg.editor", Role::kSecretariat, "NL");
  const auto coop_record = [&]() {
    app::CooperationFields f;
    f.kind = "jit";
    f.title = "JIT " + std::to_string(++counter_);
    f.started_on = "2025-03-01";
    f.partner_desks = std::vector<std::string>{"FR"};
    auto made = fx_.hub.cooperation->add(owner_, main_case_.id, f);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return "/api/v1/cooperation/" + std::to_string(made.is_ok() ? made->id : 0);
  };
  const std::string coop_patched = coop_record();
  // A change names the entry's current version, read when the request is built.
  const auto versioned_patch = [&](std::string path, std::string body) -> Builder {
    return [this, path, body](const Caller& c) {
      json b = json::parse(body);
      b["version"] = entry_version(path);
      return request(c, "PATCH", path, b.dump());
    };
  };
  specs["GET /api/v1/cases/{id}/cooperation"] = {Rule::kCaseRead,
                                                 plain("GET", main + "/cooperation")};
  specs["POST /api/v1/cases/{id}/cooperation"] = {
      Rule::kCaseWrite,
      plain(
          "POST", main + "/cooperation",
          R"({"kind":"eio","title":"EIO to France","started_on":"2025-04-02","partner_desks":["FR"]})")};
  specs["PATCH /api/v1/cooperation/{id}"] = {
      Rule::kCaseWrite, versioned_patch(coop_patched, R"({"ended_on":"2025-12-31"})")};
  specs["DELETE /api/v1/cooperation/{id}"] = {Rule::kCaseWrite, [&, coop_record](const Caller& c) {
                                                return request(c, "DELETE", coop_record());
                                              }};
  const auto fg_member = [&]() {
    app::MemberFields f;
    f.desk = "IT";
    f.name = "Member " + std::to_string(++counter_);
    auto made = fx_.hub.focus_group->add_member(fg_editor, f);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return "/api/v1/focus-group/members/" + std::to_string(made.is_ok() ? made->id : 0);
  };
  const auto fg_meeting = [&]() {
    app::MeetingFields f;
    f.title = "Annual meeting " + std::to_string(++counter_);
    f.date = "2025-06-10";
    f.place = "The Hague";
    auto made = fx_.hub.focus_group->add_meeting(fg_editor, f);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return "/api/v1/focus-group/meetings/" + std::to_string(made.is_ok() ? made->id : 0);
  };
  const auto fg_note = [&]() {
    app::BestPracticeFields f;
    f.title = "Note " + std::to_string(++counter_);
    f.body = "Follow the money.";
    f.author_desk = "IT";
    auto made = fx_.hub.focus_group->add_best_practice(fg_editor, f);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return "/api/v1/focus-group/best-practices/" + std::to_string(made.is_ok() ? made->id : 0);
  };
  const auto fg_update = [&]() {
    app::CountryUpdateFields f;
    f.desk = "IT";
    f.text = "Update " + std::to_string(++counter_);
    auto made = fx_.hub.focus_group->add_country_update(fg_editor, f);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return "/api/v1/focus-group/country-updates/" + std::to_string(made.is_ok() ? made->id : 0);
  };
  const std::string member_path = fg_member();
  const std::string meeting_path = fg_meeting();
  const std::string note_path = fg_note();
  const std::string update_path = fg_update();
  specs["GET /api/v1/focus-group/members"] = {Rule::kSignedIn,
                                              plain("GET", "/api/v1/focus-group/members")};
  specs["POST /api/v1/focus-group/members"] = {
      Rule::kFocusGroupEdit, [&](const Caller& c) {
        return request(
            c, "POST", "/api/v1/focus-group/members",
            json{{"desk", "GR"}, {"name", "Prosecutor " + std::to_string(++counter_)}}.dump());
      }};
  specs["PATCH /api/v1/focus-group/members/{id}"] = {
      Rule::kFocusGroupEdit, versioned_patch(member_path, R"({"role":"alternate"})")};
  specs["DELETE /api/v1/focus-group/members/{id}"] = {
      Rule::kFocusGroupEdit,
      [&, fg_member](const Caller& c) { return request(c, "DELETE", fg_member()); }};
  specs["GET /api/v1/focus-group/meetings"] = {Rule::kSignedIn,
                                               plain("GET", "/api/v1/focus-group/meetings")};
  specs["POST /api/v1/focus-group/meetings"] = {
      Rule::kFocusGroupEdit,
      plain(
          "POST", "/api/v1/focus-group/meetings",
          R"({"title":"Annual meeting","date":"2026-06-09","place":"The Hague","sessions":[{"time":"09:30","title":"Opening","speakers":["Chair"],"summary":""}]})")};
  specs["PATCH /api/v1/focus-group/meetings/{id}"] = {
      Rule::kFocusGroupEdit, versioned_patch(meeting_path, R"({"place":"Eurojust, The Hague"})")};
  specs["DELETE /api/v1/focus-group/meetings/{id}"] = {
      Rule::kFocusGroupEdit,
      [&, fg_meeting](const Caller& c) { return request(c, "DELETE", fg_meeting()); }};
  specs["GET /api/v1/focus-group/best-practices"] = {
      Rule::kSignedIn, plain("GET", "/api/v1/focus-group/best-practices")};
  specs["GET /api/v1/focus-group/best-practices/{id}"] = {Rule::kSignedIn, plain("GET", note_path)};
  specs["POST /api/v1/focus-group/best-practices"] = {
      Rule::kFocusGroupItDesk,
      plain("POST", "/api/v1/focus-group/best-practices",
            R"({"title":"Phones across borders","body":"Ask early.","author_desk":"IT"})")};
  specs["PATCH /api/v1/focus-group/best-practices/{id}"] = {
      Rule::kFocusGroupItDesk, versioned_patch(note_path, R"({"topics":["digital evidence"]})")};
  specs["DELETE /api/v1/focus-group/best-practices/{id}"] = {
      Rule::kFocusGroupItDesk,
      [&, fg_note](const Caller& c) { return request(c, "DELETE", fg_note()); }};
  specs["GET /api/v1/focus-group/country-updates"] = {
      Rule::kSignedIn, plain("GET", "/api/v1/focus-group/country-updates")};
  specs["POST /api/v1/focus-group/country-updates"] = {
      Rule::kFocusGroupItDesk,
      plain("POST", "/api/v1/focus-group/country-updates",
            R"({"desk":"IT","text":"More departures from eastern Libya."})")};
  specs["PATCH /api/v1/focus-group/country-updates/{id}"] = {
      Rule::kFocusGroupItDesk, versioned_patch(update_path, R"({"text":"Revised."})")};
  specs["DELETE /api/v1/focus-group/country-updates/{id}"] = {
      Rule::kFocusGroupItDesk,
      [&, fg_update](const Caller& c) { return request(c, "DELETE", fg_update()); }};

  // Routes and trends: published aggregates for everyone signed in; imports for national
  // members, analysts, the secretariat and administrators; the annual statistics as statistics.
  specs["GET /api/v1/trends/routes"] = {Rule::kSignedIn, plain("GET", "/api/v1/trends/routes")};
  specs["GET /api/v1/trends/series"] = {Rule::kSignedIn, plain("GET", "/api/v1/trends/series")};
  specs["GET /api/v1/trends/shifts"] = {Rule::kSignedIn, plain("GET", "/api/v1/trends/shifts")};
  specs["GET /api/v1/trends/top-nationalities"] = {
      Rule::kSignedIn, plain("GET", "/api/v1/trends/top-nationalities")};
  specs["GET /api/v1/trends/sources"] = {Rule::kSignedIn, plain("GET", "/api/v1/trends/sources")};
  specs["GET /api/v1/trends/countries/{cc}"] = {Rule::kSignedIn,
                                                plain("GET", "/api/v1/trends/countries/IT")};
  specs["POST /api/v1/trends/import/frontex"] = {
      Rule::kTrendImport, [&](const Caller& c) {
        HttpRequest r = request(
            c, "POST", "/api/v1/trends/import/frontex",
            testing::make_xlsx("Detections", {{"Route", "Nationality", "JAN2024"},
                                              {"Central Mediterranean Route", "Tunisia", "120"}}));
        r.headers["content-type"] =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        return r;
      }};
  specs["POST /api/v1/trends/import/iom"] = {
      Rule::kTrendImport, [&](const Caller& c) {
        HttpRequest r = request(c, "POST", "/api/v1/trends/import/iom",
                                "Reported Date,Number Dead,Migration Route\n12-Jan-24,3,Central "
                                "Mediterranean\n");
        r.headers["content-type"] = "text/csv";
        return r;
      }};
  specs["GET /api/v1/statistics/annual"] = {Rule::kStatistics, [&](const Caller& c) {
                                              HttpRequest r =
                                                  request(c, "GET", "/api/v1/statistics/annual");
                                              r.query = {{"year", "2026"}};
                                              return r;
                                            }};

  // Every registered route has a rule, and every rule a route.
  std::set<std::string> registered;
  for (const auto& r : api_->routes()) registered.insert(r.method + " " + r.pattern);
  for (const auto& key : registered) {
    EXPECT_TRUE(specs.count(key)) << "route " << key << " has no rule in the authorization matrix";
  }
  for (const auto& [key, spec] : specs) {
    EXPECT_TRUE(registered.count(key)) << "the matrix names " << key << ", which is not a route";
  }

  int checked = 0;
  for (const auto& [key, spec] : specs) {
    if (!registered.count(key)) continue;
    for (const auto& caller : callers_) {
      HttpRequest req = spec.build(caller);
      HttpResponse res = api_->handle(req);
      const bool expect_allowed = allowed(spec.rule, caller);
      if (expect_allowed) {
        EXPECT_TRUE(res.status >= 200 && res.status < 300)
            << key << " as " << caller.name << ": expected success, got " << res.status << " "
            << res.body;
      } else {
        EXPECT_TRUE(res.status == 401 || res.status == 403 || res.status == 404)
            << key << " as " << caller.name << ": expected refusal, got " << res.status << " "
            << res.body;
        // A refusal never carries case contents.
        EXPECT_EQ(res.body.find("MAIN-1"), std::string::npos) << key << " as " << caller.name;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(specs.size() * callers_.size()));
}

TEST_F(AuthorizationMatrix, ForeignDeskCannotTellAHiddenCaseFromAMissingOne) {
  Caller foreign{"prosecutor.gr", Role::kProsecutor, Relation::kForeign};
  auto hidden =
      api_->handle(request(foreign, "GET", "/api/v1/cases/" + std::to_string(main_case_.id)));
  auto missing = api_->handle(request(foreign, "GET", "/api/v1/cases/987654"));
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(missing.status, 404);
  auto message = [](const HttpResponse& r) {
    auto m = json::parse(r.body)["error"]["message"].get<std::string>();
    return m.substr(0, m.find(" with id"));
  };
  EXPECT_EQ(message(hidden), message(missing));
}

TEST_F(AuthorizationMatrix, ChangesWithACookieNeedTheCsrfToken) {
  Caller owner{"prosecutor.it", Role::kProsecutor, Relation::kOwner};
  HttpRequest r = request(owner, "POST", "/api/v1/cases",
                          R"({"reference":"CSRF-1","title":"t","offences":["migrant_smuggling"]})");
  r.headers.erase("x-csrf-token");
  EXPECT_EQ(api_->handle(r).status, 403);
  r.headers["x-csrf-token"] = "0000";
  EXPECT_EQ(api_->handle(r).status, 403);
}

TEST_F(AuthorizationMatrix, AdministratorsCannotReadCaseContentsInTheAuditTrail) {
  Caller admin{"administrator", Role::kAdministrator, Relation::kNone};
  HttpRequest req = request(admin, "GET", "/api/v1/audit");
  req.query["limit"] = "1000";
  auto res = api_->handle(req);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body.find("Case MAIN-1"), std::string::npos);
  EXPECT_EQ(res.body.find("Person 1"), std::string::npos);
}

}  // namespace
}  // namespace crossroads::api
