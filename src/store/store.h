// The storage interface. Callers see only Store and Transaction, so that a PostgreSQL
// implementation can follow the SQLite one without changing them. Every multi-row write
// happens inside one Store::write() call: either all of it is committed or none of it.
//
// The store does not check permissions: that is app/'s job, before it calls in here.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/focus_group.h"
#include "core/status.h"
#include "store/trend_records.h"

namespace crossroads::store {

using core::Id;
using core::Result;
using core::Status;

struct Page {
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

struct CaseQuery {
  // Visibility: only cases owned by or shared with this desk. Empty: no desk filter at all
  // (used by statistics and the command line, never for a person's request).
  std::string visible_to_desk;
  bool unrestricted = false;  // must be set explicitly to list every case
  std::string owner_desk;     // filter: owned by this desk
  std::string stage;
  std::string offence;
  std::string text;  // substring of reference, title or summary (case-insensitive for ASCII)
  std::string sort = "updated_at";  // reference, title, stage, created_at, updated_at
  bool descending = true;
  Page page;
};

struct EntityQuery {
  Id case_id = 0;
  std::string schema;
  std::string text;                 // substring of the caption
  std::string sort = "created_at";  // caption, schema, created_at, updated_at
  bool descending = false;
  Page page;
};

struct AuditQuery {
  std::string user;
  std::string desk;
  std::string action_prefix;
  std::string object;
  Id case_id = 0;
  core::TimeMs from = 0;
  core::TimeMs to = 0;  // exclusive; 0: no bound
  std::int64_t after_seq = 0;
  std::int64_t limit = 100;
  bool newest_first = true;
};

template <typename T>
struct Listing {
  std::vector<T> items;
  std::int64_t total = 0;  // matches without paging
};

struct CaseCount {
  std::string desk;
  std::string stage;
  int year = 0;  // year the case was opened
  std::int64_t count = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;

  // Desks
  virtual Result<std::vector<core::Desk>> list_desks() = 0;
  virtual Result<core::Desk> get_desk(const std::string& code) = 0;
  virtual Status upsert_desk(const core::Desk& desk) = 0;

  // Users
  virtual Result<core::User> get_user(Id id) = 0;
  virtual Result<core::User> get_user_by_name(const std::string& username) = 0;
  virtual Result<std::vector<core::User>> list_users() = 0;
  virtual Result<Id> insert_user(const core::User& user) = 0;  // kConflict if the name is taken
  virtual Status update_user(const core::User& user) = 0;

  // Sessions and API tokens
  virtual Status insert_session(const core::Session& session) = 0;
  virtual Result<core::Session> get_session(const std::string& token_hash) = 0;
  virtual Status touch_session(const std::string& token_hash, core::TimeMs last_seen,
                               core::TimeMs expires_at) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
  virtual Status delete_user_sessions(Id user_id) = 0;
  virtual Status delete_expired_sessions(core::TimeMs now) = 0;
  virtual Result<Id> insert_token(const core::ApiToken& token) = 0;
  virtual Result<core::ApiToken> get_token_by_hash(const std::string& token_hash) = 0;
  virtual Result<std::vector<core::ApiToken>> list_tokens(Id user_id) = 0;
  virtual Status delete_token(Id user_id, Id token_id) = 0;
  virtual Status touch_token(Id token_id, core::TimeMs when) = 0;

  // Failed-login throttling, keyed by "user:<name>" and "ip:<address>".
  virtual Result<std::pair<std::int64_t, core::TimeMs>> login_failures(const std::string& key) = 0;
  virtual Status record_login_failure(const std::string& key, core::TimeMs when) = 0;
  virtual Status clear_login_failures(const std::string& key) = 0;

  // Cases
  virtual Result<Id> insert_case(const core::Case& c) = 0;  // kConflict on a duplicate reference
  virtual Result<core::Case> get_case(Id id) = 0;
  virtual Result<core::Case> get_case_by_reference(const std::string& desk,
                                                   const std::string& reference) = 0;
  // Writes every field but id/desk/created_*; fails with kConflict unless c.version is the
  // stored version, and stores version + 1.
  virtual Status update_case(const core::Case& c) = 0;
  virtual Status delete_case(Id id) = 0;  // with its entities, shares and stage history
  virtual Result<Listing<core::Case>> list_cases(const CaseQuery& query) = 0;
  virtual Status add_stage_change(Id case_id, const core::StageChange& change) = 0;
  virtual Status add_share(Id case_id, const std::string& desk, Id granted_by,
                           core::TimeMs when) = 0;
  virtual Status remove_share(Id case_id, const std::string& desk) = 0;
  virtual Result<std::vector<CaseCount>> count_cases() = 0;

  // Entities
  virtual Result<Id> insert_entity(const core::Entity& e) = 0;  // kConflict on duplicate ftm_id
  virtual Result<core::Entity> get_entity(Id id) = 0;
  virtual Result<core::Entity> get_entity_by_ftm_id(Id case_id, const std::string& ftm_id) = 0;
  virtual Status update_entity(const core::Entity& e) = 0;  // version check as update_case
  virtual Status delete_entity(Id id) = 0;
  virtual Result<Listing<core::Entity>> list_entities(const EntityQuery& query) = 0;
  virtual Result<std::int64_t> count_entities(Id case_id) = 0;
  // Every entity of every case, in id order, with the owning desk (for building indexes); the
  // visitor may keep the entity (move from it). Returning false stops the scan.
  virtual Status scan_entities(
      const std::function<bool(core::Entity&&, const std::string& desk)>& visit) = 0;

  // Cross-case links. upsert returns the link's id and whether it is new.
  virtual Result<std::pair<Id, bool>> upsert_link_hit(const core::LinkHit& hit) = 0;
  virtual Result<core::LinkHit> get_link_hit(Id id) = 0;
  virtual Result<std::vector<core::LinkHit>> link_hits_of_entity(Id entity_id) = 0;
  virtual Status delete_link_hit(Id id) = 0;
  // Returns false (and changes nothing) when the desk was told about this link already.
  virtual Result<bool> insert_notice(const core::HitNotice& notice) = 0;
  virtual Result<core::HitNotice> get_notice(Id id) = 0;
  virtual Result<Listing<core::HitNotice>> list_notices(const std::string& desk, bool unread_only,
                                                        const Page& page) = 0;
  virtual Status mark_notice_read(Id id, core::TimeMs when) = 0;
  virtual Status upsert_link_decision(const core::LinkDecision& decision) = 0;
  virtual Result<std::vector<core::LinkDecision>> list_link_decisions() = 0;
  // The decision on one link, with the decider's display name and desk; nullopt when none.
  virtual Result<std::optional<core::LinkDecision>> get_link_decision(Id entity_a, Id entity_b) = 0;
  virtual Result<Id> insert_access_request(const core::AccessRequest& request) = 0;
  virtual Result<core::AccessRequest> get_access_request(Id id) = 0;
  // Requests to (incoming) or from (outgoing) the desk, newest first.
  virtual Result<std::vector<core::AccessRequest>> list_access_requests(const std::string& desk,
                                                                        bool incoming) = 0;
  virtual Status update_access_request(const core::AccessRequest& request) = 0;

  // Cooperation records of a case (JITs, coordination meetings, EIOs, EAWs).
  virtual Result<Id> insert_cooperation(const core::Cooperation& record) = 0;
  virtual Result<core::Cooperation> get_cooperation(Id id) = 0;
  virtual Status update_cooperation(const core::Cooperation& record) = 0;  // all but case/created
  virtual Status delete_cooperation(Id id) = 0;
  // A case's records, oldest start first.
  virtual Result<std::vector<core::Cooperation>> list_cooperation(Id case_id) = 0;

  // The Focus Group. Members by desk and name; meetings newest first with their sessions in
  // programme order; best practices and country updates newest first.
  virtual Result<Id> insert_fg_member(const core::FocusGroupMember& member,
                                      Id created_by) = 0;  // kConflict on a duplicate name
  virtual Result<core::FocusGroupMember> get_fg_member(Id id) = 0;
  virtual Status update_fg_member(const core::FocusGroupMember& member) = 0;
  virtual Status delete_fg_member(Id id) = 0;
  virtual Result<std::vector<core::FocusGroupMember>> list_fg_members() = 0;
  // Inserts the meeting and its sessions.
  virtual Result<Id> insert_fg_meeting(const core::FocusGroupMeeting& meeting, Id created_by) = 0;
  virtual Result<core::FocusGroupMeeting> get_fg_meeting(Id id) = 0;
  // Writes title, date, place, updated_at and replaces the sessions.
  virtual Status update_fg_meeting(const core::FocusGroupMeeting& meeting) = 0;
  virtual Status delete_fg_meeting(Id id) = 0;
  virtual Result<std::vector<core::FocusGroupMeeting>> list_fg_meetings() = 0;
  virtual Result<Id> insert_best_practice(const core::BestPractice& note) = 0;
  virtual Result<core::BestPractice> get_best_practice(Id id) = 0;
  virtual Status update_best_practice(const core::BestPractice& note) = 0;
  virtual Status delete_best_practice(Id id) = 0;
  virtual Result<std::vector<core::BestPractice>> list_best_practices() = 0;
  virtual Result<Id> insert_country_update(const core::CountryUpdate& update) = 0;
  virtual Result<core::CountryUpdate> get_country_update(Id id) = 0;
  virtual Status update_country_update(const core::CountryUpdate& update) = 0;
  virtual Status delete_country_update(Id id) = 0;
  // Empty desk: every desk's.
  virtual Result<std::vector<core::CountryUpdate>> list_country_updates(
      const std::string& desk) = 0;

  // Routes and trends (migration 4). Replaces every source of `source.kind` and its incidents
  // by this source and `incidents`; returns the new source's id and how many incidents went.
  virtual Result<std::pair<Id, std::int64_t>> replace_trend_source(
      const TrendSource& source, const std::vector<trends::Incident>& incidents) = 0;
  virtual Result<std::vector<TrendSource>> list_trend_sources() = 0;
  virtual Status scan_incidents(
      const IncidentScan& scan,
      const std::function<void(const trends::Incident&, const std::string& kind)>& visit) = 0;
  // Every FtM Event entity of every case, with its case's desk and shares (no other fields).
  virtual Status scan_case_events(
      const std::function<void(const core::Entity&, const core::Case&)>& visit) = 0;
  // For the annual statistics: every case's desk, opening date and stages; every cooperation
  // record's kind and dates.
  virtual Result<std::vector<CaseTimeline>> list_case_timelines() = 0;
  virtual Result<std::vector<CooperationDates>> list_cooperation_dates() = 0;

  // Audit trail: append-only. The store assigns seq, prev_hash and hash.
  virtual Result<core::AuditRecord> append_audit(core::AuditRecord record) = 0;
  virtual Result<std::vector<core::AuditRecord>> list_audit(const AuditQuery& query) = 0;
  // Every record in seq order; the callback returns false to stop early.
  virtual Status scan_audit(const std::function<bool(const core::AuditRecord&)>& visit) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  using Work = std::function<Status(Transaction&)>;

  // Runs `work` in a read-only snapshot.
  virtual Status read(const Work& work) = 0;
  // Runs `work` in one write transaction: committed if it returns ok, rolled back otherwise.
  virtual Status write(const Work& work) = 0;
  // A consistent copy of the whole database, taken while the server runs.
  virtual Status backup(const std::string& destination_path) = 0;
  // "sqlite 3.40.1, schema version 1"
  virtual std::string describe() const = 0;
};

struct SqliteOptions {
  std::string path;  // database file
  int busy_timeout_ms = 10000;
  bool read_only = false;
};

// Opens (creating if needed) the database and applies pending migrations.
Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options);

}  // namespace crossroads::store
