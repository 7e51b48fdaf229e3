// The domain vocabulary shared by every module: desks, users and roles, cases, entities and
// audit records. Plain data; the rules about them live in auth/ (who may do what) and app/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace crossroads::core {

using Id = std::int64_t;

enum class Role {
  kAdministrator,   // accounts and desks; never case contents
  kSecretariat,     // Focus Group secretariat: counts and statistics, never case contents
  kNationalMember,  // head of a national desk
  kProsecutor,
  kAnalyst,
  kObserver,  // reads what the desk may read, changes nothing
};

const char* role_name(Role role);  // "national_member"
std::optional<Role> parse_role(std::string_view name);
const std::vector<Role>& all_roles();

struct Desk {
  std::string code;   // ISO 3166-1 alpha-2, upper case: "IT"
  std::string name;   // "Italy"
  std::string group;  // "EU", "Western Balkans", "EuroMed", "Other partner"
};

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kObserver;
  std::string desk;  // empty only for administrators
  bool disabled = false;
  std::string password_hash;  // argon2id encoded string; never leaves the store layer's callers
  TimeMs created_at = 0;
};

struct Session {
  std::string token_hash;  // SHA-256 of the cookie value: a stolen database yields no sessions
  Id user_id = 0;
  std::string csrf_token;
  TimeMs created_at = 0;
  TimeMs expires_at = 0;
  TimeMs last_seen_at = 0;
};

struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string token_hash;
  std::string prefix;  // first characters of the token, to tell tokens apart in lists
  TimeMs created_at = 0;
  TimeMs expires_at = 0;  // 0: never
  TimeMs last_used_at = 0;
};

// Offence types and stages are a closed vocabulary of the product.
const std::vector<std::string_view>& offence_types();
const std::vector<std::string_view>& case_stages();
const std::vector<std::string_view>& sensitivity_levels();
bool is_offence_type(std::string_view value);
bool is_case_stage(std::string_view value);
bool is_sensitivity_level(std::string_view value);

struct StageChange {
  std::string stage;
  std::string date;  // YYYY-MM-DD, when the case entered the stage
  Id changed_by = 0;
  TimeMs recorded_at = 0;
};

struct Case {
  Id id = 0;
  std::string desk;
  std::string reference;  // unique per desk
  std::string title;
  std::string summary;
  std::vector<std::string> offences;
  std::string stage = "opened";
  std::string stage_date;  // YYYY-MM-DD of the current stage
  std::vector<StageChange> stage_history;
  std::string sensitivity = "restricted";
  std::vector<std::string> shared_with;  // desk codes
  std::string retention_review;          // YYYY-MM-DD
  Id created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;  // bumped by every update; stale updates are refused
  std::int64_t entity_count = 0;
};

// FollowTheMoney property values: property name -> values (FtM properties are multi-valued).
using Properties = std::map<std::string, std::vector<std::string>>;

struct Entity {
  Id id = 0;
  Id case_id = 0;
  std::string ftm_id;  // the FollowTheMoney id, unique within the case
  std::string schema;  // "Person"
  Properties properties;
  std::string caption;  // display label derived from the schema's caption properties
  std::string source;   // "manual", "import:ftm:<file>", "api"
  Id created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;
};

// A link the matcher found between entities of two different cases (entity_a < entity_b).
struct LinkHit {
  Id id = 0;
  Id entity_a = 0;
  Id entity_b = 0;
  std::string kind;     // "identifier" or "person"
  double strength = 0;  // match probability, 0..1
  // JSON: {"kinds": ["phone number", ...], "explanation": [{"field", "text", "weight"}]}.
  // Kinds go to both desks; the explanation only to someone who may read both entities.
  std::string evidence;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  // Filled when read: where each side lives.
  Id case_a = 0;
  Id case_b = 0;
  std::string desk_a;
  std::string desk_b;
};

struct LinkDecision {
  Id entity_a = 0;
  Id entity_b = 0;
  bool confirmed = false;  // false: rejected
  Id decided_by = 0;
  TimeMs decided_at = 0;
  std::string note;  // the reviewer's reason, may be empty
  // Filled when read for a notice: who decided (display name) and for which desk.
  std::string decided_by_name;
  std::string decided_by_desk;
};

// What one desk is told about a link: its own entity, the other desk, strength and kinds of
// evidence. Nothing of the other desk's data.
struct HitNotice {
  Id id = 0;
  Id hit_id = 0;
  std::string desk;
  Id own_entity_id = 0;
  Id own_case_id = 0;
  std::string other_desk;
  TimeMs created_at = 0;
  TimeMs read_at = 0;
  // Filled when read, from the link: never serialised to the desk as such.
  LinkHit hit;
  std::string access_status;   // of this desk's latest access request, or empty
  bool other_visible = false;  // the reader may read the other side too (same or shared desk)
  // A reviewer's earlier decision on this link, shown when the hit comes up again.
  std::optional<LinkDecision> decision;
};

struct AccessRequest {
  Id id = 0;
  Id notice_id = 0;
  std::string requesting_desk;
  Id requested_by = 0;
  Id case_id = 0;  // the other desk's case: never shown to the requesting desk
  std::string owning_desk;
  std::string reason;
  std::string status = "pending";  // pending, granted, refused
  Id decided_by = 0;
  TimeMs decided_at = 0;
  std::string decision_note;
  TimeMs created_at = 0;
};

struct AuditRecord {
  std::int64_t seq = 0;
  TimeMs time = 0;
  std::string user;  // username, or "-" when unknown (failed login for an unknown name)
  std::string desk;
  std::string action;  // "case.read", "entity.create", "auth.login", "user.role_change"
  std::string object;  // "case:12", "entity:40", "user:3"
  Id case_id = 0;      // the case the action touched, 0 for none: lets a desk read its cases' trail
  std::string outcome;  // "ok", "denied", "failed", "invalid"
  std::string request_id;
  std::string detail;  // short, never case contents
  std::string prev_hash;
  std::string hash;
};

}  // namespace crossroads::core
