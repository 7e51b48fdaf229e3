// The SQLite implementation of Store: one file, WAL, foreign keys on, one writer at a time
// (BEGIN IMMEDIATE under a mutex) and a pool of reader connections.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <sstream>

#include "core/audit_chain.h"
#include "store/migrations.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/trends_sql.h"

namespace crossroads::store {

using core::Code;
using sqlite::Connection;
using sqlite::Statement;

namespace {

std::string join(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::string cur;
  for (char c : text) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string encode_properties(const core::Properties& props) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, values] : props) j[name] = values;
  return j.dump();
}

// Reads {"name": ["value", ...], ...} straight into Properties, without building the JSON
// document first (a start-up reads every entity of the store). What is not that shape reads as
// a DOM parse would have it: a property whose value is not an array has no values, values that
// are not strings are skipped, a repeated property keeps its last occurrence, and text that is
// not a JSON object (or not JSON) gives no properties.
class PropertiesReader final : public nlohmann::json::json_sax_t {
 public:
  explicit PropertiesReader(core::Properties& props) : props_(props) {}

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool string(string_t& text) override {
    if (depth_ == 0) return fail();
    if (depth_ == 2 && in_array_ && values_ != nullptr) values_->push_back(std::move(text));
    return true;
  }
  bool start_object(std::size_t) override {
    if (depth_ == 0 && started_) return fail();
    started_ = true;
    return open(false);
  }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      values_ = &props_[name];
      values_->clear();
    }
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    if (depth_ == 0) return fail();
    return open(true);
  }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception&) override {
    return fail();
  }

 private:
  bool value() { return depth_ == 0 ? fail() : true; }
  bool open(bool array) {
    ++depth_;
    if (depth_ == 2) in_array_ = array;
    return true;
  }
  bool close() {
    if (depth_ == 2) values_ = nullptr;
    --depth_;
    return true;
  }
  bool fail() {
    props_.clear();
    return false;
  }

  core::Properties& props_;
  std::vector<std::string>* values_ = nullptr;  // the current property's, while in its array
  int depth_ = 0;
  bool started_ = false;
  bool in_array_ = false;
};

core::Properties decode_properties(std::string_view text) {
  core::Properties props;
  PropertiesReader reader(props);
  if (!nlohmann::json::sax_parse(text, &reader)) props.clear();
  return props;
}

// A JSON array of strings (partner desks, topics, speakers) in one column.
std::string encode_string_list(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

std::vector<std::string> decode_string_list(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

// LIKE pattern for a substring, with the wildcard characters of the input escaped.
std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

// The one row a lookup finds, or `missing` (a not-found message) when there is none.
template <typename Read>
auto one_row(Statement& s, Read read, std::string missing) -> Result<decltype(read(s))> {
  if (s.step()) return read(s);
  if (!s.status()) return s.status();
  return core::not_found(std::move(missing));
}

// Every row a query returns.
template <typename T, typename Read>
Result<std::vector<T>> all_rows(Statement& s, Read read) {
  std::vector<T> out;
  while (s.step()) out.push_back(read(s));
  if (!s.status()) return s.status();
  return out;
}

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(const Connection& conn) : c_(conn) {}

  // ---- desks
  Result<std::vector<core::Desk>> list_desks() override {
    Statement s(c_, "SELECT code, name, grp FROM desks ORDER BY code");
    std::vector<core::Desk> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
    if (!s.status()) return s.status();
    return out;
  }

  Result<core::Desk> get_desk(const std::string& code) override {
    Statement s(c_, "SELECT code, name, grp FROM desks WHERE code = ?");
    s.bind(1, code);
    if (s.step()) return core::Desk{s.text(0), s.text(1), s.text(2)};
    if (!s.status()) return s.status();
    return core::not_found("no desk with code '" + code + "'");
  }

  Status upsert_desk(const core::Desk& d) override {
    Statement s(c_,
                "INSERT INTO desks(code, name, grp) VALUES (?, ?, ?) "
                "ON CONFLICT(code) DO UPDATE SET name = excluded.name, grp = excluded.grp");
    s.bind(1, d.code).bind(2, d.name).bind(3, d.group);
    return s.run();
  }

  // ---- users
  static constexpr const char* kUserColumns =
      "SELECT id, username, display_name, role, coalesce(desk, ''), disabled, password_hash, "
      "created_at FROM users ";

  static core::User read_user(const Statement& s) {
    core::User u;
    u.id = s.int64(0);
    u.username = s.text(1);
    u.display_name = s.text(2);
    u.role = core::parse_role(s.text(3)).value_or(core::Role::kObserver);
    u.desk = s.text(4);
    u.disabled = s.int64(5) != 0;
    u.password_hash = s.text(6);
    u.created_at = s.int64(7);
    return u;
  }

  Result<core::User> get_user(Id id) override {
    Statement s(c_, std::string(kUserColumns) + "WHERE id = ?");
    s.bind(1, id);
    return one_row(s, read_user, "no user with id " + std::to_string(id));
  }

  Result<core::User> get_user_by_name(const std::string& username) override {
    Statement s(c_, std::string(kUserColumns) + "WHERE username = ?");
    s.bind(1, username);
    return one_row(s, read_user, "no user named '" + username + "'");
  }

  Result<std::vector<core::User>> list_users() override {
    Statement s(c_, std::string(kUserColumns) + "ORDER BY username");
    return all_rows<core::User>(s, read_user);
  }

  void bind_user(Statement& s, const core::User& u) {
    s.bind(1, u.username).bind(2, u.display_name).bind(3, core::role_name(u.role));
    if (u.desk.empty()) {
      s.bind_null(4);
    } else {
      s.bind(4, u.desk);
    }
    s.bind(5, u.disabled ? 1 : 0).bind(6, u.password_hash);
  }

  Result<Id> insert_user(const core::User& u) override {
    Statement s(c_,
                "INSERT INTO users(username, display_name, role, desk, disabled, password_hash, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    bind_user(s, u);
    s.bind(7, u.created_at);
    auto st = s.run();
    if (st.code() == Code::kConflict) {
      return core::conflict("the user name '" + u.username + "' is taken", "username");
    }
    if (!st) return st;
    return sqlite3_last_insert_rowid(c_.get());
  }

  Status update_user(const core::User& u) override {
    Statement s(c_,
                "UPDATE users SET username = ?, display_name = ?, role = ?, desk = ?, "
                "disabled = ?, password_hash = ? WHERE id = ?");
    bind_user(s, u);
    s.bind(7, u.id);
    return expect_one_change(s.run(), "user", u.id);
  }

  // ---- sessions
  Status insert_session(const core::Session& x) override {
    Statement s(c_,
                "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, "
                "last_seen_at) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, x.token_hash).bind(2, x.user_id).bind(3, x.csrf_token).bind(4, x.created_at);
    s.bind(5, x.expires_at).bind(6, x.last_seen_at);
    return s.run();
  }

  Result<core::Session> get_session(const std::string& token_hash) override {
    Statement s(c_,
                "SELECT token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at "
                "FROM sessions WHERE token_hash = ?");
    s.bind(1, token_hash);
    if (s.step()) {
      return core::Session{s.text(0), s.int64(1), s.text(2), s.int64(3), s.int64(4), s.int64(5)};
    }
    if (!s.status()) return s.status();
    return core::not_found("no such session");
  }

  Status touch_session(const std::string& token_hash, core::TimeMs last_seen,
                       core::TimeMs expires_at) override {
    Statement s(c_, "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?");
    s.bind(1, last_seen).bind(2, expires_at).bind(3, token_hash);
    return s.run();
  }

  Status delete_session(const std::string& token_hash) override {
    Statement s(c_, "DELETE FROM sessions WHERE token_hash = ?");
    s.bind(1, token_hash);
    return s.run();
  }

  Status delete_user_sessions(Id user_id) override {
    Statement s(c_, "DELETE FROM sessions WHERE user_id = ?");
    s.bind(1, user_id);
    return s.run();
  }

  Status delete_expired_sessions(core::TimeMs now) override {
    Statement s(c_, "DELETE FROM sessions WHERE expires_at <= ?");
    s.bind(1, now);
    return s.run();
  }

  // ---- API tokens
  static constexpr const char* kTokenColumns =
      "SELECT id, user_id, name, token_hash, prefix, created_at, expires_at, last_used_at "
      "FROM api_tokens ";

  static core::ApiToken read_token(const Statement& s) {
    return core::ApiToken{s.int64(0), s.int64(1), s.text(2),  s.text(3),
                          s.text(4),  s.int64(5), s.int64(6), s.int64(7)};
  }

  Result<Id> insert_token(const core::ApiToken& t) override {
    Statement s(c_,
                "INSERT INTO api_tokens(user_id, name, token_hash, prefix, created_at, "
                "expires_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, 0)");
    s.bind(1, t.user_id).bind(2, t.name).bind(3, t.token_hash).bind(4, t.prefix);
    s.bind(5, t.created_at).bind(6, t.expires_at);
    CR_RETURN_IF_ERROR(s.run());
    return sqlite3_last_insert_rowid(c_.get());
  }

  Result<core::ApiToken> get_token_by_hash(const std::string& token_hash) override {
    Statement s(c_, std::string(kTokenColumns) + "WHERE token_hash = ?");
    s.bind(1, token_hash);
    return one_row(s, read_token, "no such API token");
  }

  Result<std::vector<core::ApiToken>> list_tokens(Id user_id) override {
    Statement s(c_, std::string(kTokenColumns) + "WHERE user_id = ? ORDER BY id");
    s.bind(1, user_id);
    return all_rows<core::ApiToken>(s, read_token);
  }

  Status delete_token(Id user_id, Id token_id) override {
    Statement s(c_, "DELETE FROM api_tokens WHERE id = ? AND user_id = ?");
    s.bind(1, token_id).bind(2, user_id);
    return expect_one_change(s.run(), "API token", token_id);
  }

  Status touch_token(Id token_id, core::TimeMs when) override {
    Statement s(c_, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
    s.bind(1, when).bind(2, token_id);
    return s.run();
  }

  // ---- login throttling
  Result<std::pair<std::int64_t, core::TimeMs>> login_failures(const std::string& key) override {
    Statement s(c_, "SELECT count, last_failure FROM login_failures WHERE key = ?");
    s.bind(1, key);
    if (s.step()) return std::make_pair(s.int64(0), s.int64(1));
    if (!s.status()) return s.status();
    return std::make_pair(std::int64_t{0}, core::TimeMs{0});
  }

  Status record_login_failure(const std::string& key, core::TimeMs when) override {
    Statement s(
        c_,
        "INSERT INTO login_failures(key, count, last_failure) VALUES (?, 1, ?) "
        "ON CONFLICT(key) DO UPDATE SET count = count + 1, last_failure = excluded.last_failure");
    s.bind(1, key).bind(2, when);
    return s.run();
  }

  Status clear_login_failures(const std::string& key) override {
    Statement s(c_, "DELETE FROM login_failures WHERE key = ?");
    s.bind(1, key);
    return s.run();
  }

  // ---- cases
  static constexpr const char* kCaseColumns =
      "SELECT c.id, c.desk, c.reference, c.title, c.summary, c.offences, c.stage, c.stage_date, "
      "c.sensitivity, c.retention_review, c.created_by, c.created_at, c.updated_at, c.version, "
      "(SELECT group_concat(desk, ',') FROM (SELECT desk FROM case_shares s WHERE s.case_id = "
      "c.id ORDER BY desk)), "
      "(SELECT count(*) FROM entities e WHERE e.case_id = c.id) "
      "FROM cases c ";

  static core::Case read_case(const Statement& s) {
    core::Case c;
    c.id = s.int64(0);
    c.desk = s.text(1);
    c.reference = s.text(2);
    c.title = s.text(3);
    c.summary = s.text(4);
    c.offences = split(s.text(5), ',');
    c.stage = s.text(6);
    c.stage_date = s.text(7);
    c.sensitivity = s.text(8);
    c.retention_review = s.text(9);
    c.created_by = s.int64(10);
    c.created_at = s.int64(11);
    c.updated_at = s.int64(12);
    c.version = s.int64(13);
    c.shared_with = split(s.text(14), ',');
    c.entity_count = s.int64(15);
    return c;
  }

  Status load_stage_history(core::Case& c) {
    Statement s(c_,
                "SELECT stage, date, changed_by, recorded_at FROM case_stages WHERE case_id = ? "
                "ORDER BY id");
    s.bind(1, c.id);
    c.stage_history.clear();
    while (s.step()) c.stage_history.push_back({s.text(0), s.text(1), s.int64(2), s.int64(3)});
    return s.status();
  }

  Result<Id> insert_case(const core::Case& c) override {
    Statement s(c_,
                "INSERT INTO cases(desk, reference, title, summary, offences, stage, stage_date, "
                "sensitivity, retention_review, created_by, created_at, updated_at, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    s.bind(1, c.desk).bind(2, c.reference).bind(3, c.title).bind(4, c.summary);
    s.bind(5, join(c.offences, ',')).bind(6, c.stage).bind(7, c.stage_date);
    s.bind(8, c.sensitivity).bind(9, c.retention_review).bind(10, c.created_by);
    s.bind(11, c.created_at).bind(12, c.updated_at);
    auto st = s.run();
    if (st.code() == Code::kConflict) {
      return core::conflict(
          "desk " + c.desk + " already has a case with reference '" + c.reference + "'",
          "reference");
    }
    if (!st) return st;
    return sqlite3_last_insert_rowid(c_.get());
  }

  Result<core::Case> get_case(Id id) override {
    Statement s(c_, std::string(kCaseColumns) + "WHERE c.id = ?");
    s.bind(1, id);
    if (s.step()) {
      auto c = read_case(s);
      CR_RETURN_IF_ERROR(load_stage_history(c));
      return c;
    }
    if (!s.status()) return s.status();
    return core::not_found("no case with id " + std::to_string(id));
  }

  Result<core::Case> get_case_by_reference(const std::string& desk,
                                           const std::string& reference) override {
    Statement s(c_, std::string(kCaseColumns) + "WHERE c.desk = ? AND c.reference = ?");
    s.bind(1, desk).bind(2, reference);
    if (s.step()) {
      auto c = read_case(s);
      CR_RETURN_IF_ERROR(load_stage_history(c));
      return c;
    }
    if (!s.status()) return s.status();
    return core::not_found("desk " + desk + " has no case with reference '" + reference + "'");
  }

  Status update_case(const core::Case& c) override {
    Statement s(c_,
                "UPDATE cases SET reference = ?, title = ?, summary = ?, offences = ?, stage = ?, "
                "stage_date = ?, sensitivity = ?, retention_review = ?, updated_at = ?, "
                "version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, c.reference).bind(2, c.title).bind(3, c.summary).bind(4, join(c.offences, ','));
    s.bind(5, c.stage).bind(6, c.stage_date).bind(7, c.sensitivity).bind(8, c.retention_review);
    s.bind(9, c.updated_at).bind(10, c.id).bind(11, c.version);
    auto st = s.run();
    if (st.code() == Code::kConflict) {
      return core::conflict(
          "desk " + c.desk + " already has a case with reference '" + c.reference + "'",
          "reference");
    }
    return expect_versioned_change(st, "case", c.id);
  }

  Status delete_case(Id id) override {
    Statement s(c_, "DELETE FROM cases WHERE id = ?");
    s.bind(1, id);
    return expect_one_change(s.run(), "case", id);
  }

  Result<Listing<core::Case>> list_cases(const CaseQuery& q) override {
    std::string where = "WHERE 1 = 1";
    std::vector<std::string> args;
    if (!q.unrestricted) {
      // Without a desk nothing is visible: callers must say whose view this is.
      where +=
          " AND (c.desk = ? OR EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id "
          "AND s.desk = ?))";
      args.push_back(q.visible_to_desk);
      args.push_back(q.visible_to_desk);
    }
    if (!q.owner_desk.empty()) {
      where += " AND c.desk = ?";
      args.push_back(q.owner_desk);
    }
    if (!q.stage.empty()) {
      where += " AND c.stage = ?";
      args.push_back(q.stage);
    }
    if (!q.offence.empty()) {
      where += " AND (',' || c.offences || ',') LIKE ? ESCAPE '\\'";
      args.push_back(like_pattern("," + q.offence + ","));
    }
    if (!q.text.empty()) {
      where +=
          " AND (c.reference LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\' OR "
          "c.summary LIKE ? ESCAPE '\\')";
      const std::string pattern = like_pattern(q.text);
      args.insert(args.end(), {pattern, pattern, pattern});
    }
    static const std::map<std::string, std::string> kSort = {
        {"reference", "c.reference"},   {"title", "c.title"},           {"stage", "c.stage"},
        {"created_at", "c.created_at"}, {"updated_at", "c.updated_at"}, {"desk", "c.desk"}};
    auto sort = kSort.find(q.sort);
    if (sort == kSort.end()) {
      return core::invalid("cannot sort cases by '" + q.sort +
                               "'; use reference, title, stage, desk, created_at or updated_at",
                           "sort");
    }
    Listing<core::Case> out;
    {
      Statement s(c_, "SELECT count(*) FROM cases c " + where);
      for (std::size_t i = 0; i < args.size(); ++i) s.bind(static_cast<int>(i + 1), args[i]);
      if (s.step()) out.total = s.int64(0);
      CR_RETURN_IF_ERROR(s.status());
    }
    Statement s(c_, std::string(kCaseColumns) + where + " ORDER BY " + sort->second +
                        (q.descending ? " DESC" : " ASC") + ", c.id LIMIT ? OFFSET ?");
    int i = 1;
    for (const auto& a : args) s.bind(i++, a);
    s.bind(i, q.page.limit);
    s.bind(i + 1, q.page.offset);
    while (s.step()) out.items.push_back(read_case(s));
    if (!s.status()) return s.status();
    for (auto& c : out.items) CR_RETURN_IF_ERROR(load_stage_history(c));
    return out;
  }

  Status add_stage_change(Id case_id, const core::StageChange& x) override {
    Statement s(c_,
                "INSERT INTO case_stages(case_id, stage, date, changed_by, recorded_at) "
                "VALUES (?, ?, ?, ?, ?)");
    s.bind(1, case_id)
        .bind(2, x.stage)
        .bind(3, x.date)
        .bind(4, x.changed_by)
        .bind(5, x.recorded_at);
    return s.run();
  }

  Status add_share(Id case_id, const std::string& desk, Id granted_by, core::TimeMs when) override {
    Statement s(
        c_,
        "INSERT INTO case_shares(case_id, desk, granted_by, granted_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(case_id, desk) DO NOTHING");
    s.bind(1, case_id).bind(2, desk).bind(3, granted_by).bind(4, when);
    return s.run();
  }

  Status remove_share(Id case_id, const std::string& desk) override {
    Statement s(c_, "DELETE FROM case_shares WHERE case_id = ? AND desk = ?");
    s.bind(1, case_id).bind(2, desk);
    return s.run();
  }

  Result<std::vector<CaseCount>> count_cases() override {
    Statement s(c_,
                "SELECT desk, stage, CAST(strftime('%Y', created_at / 1000, 'unixepoch') AS "
                "INTEGER), count(*) FROM cases GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    std::vector<CaseCount> out;
    while (s.step()) {
      out.push_back({s.text(0), s.text(1), static_cast<int>(s.int64(2)), s.int64(3)});
    }
    if (!s.status()) return s.status();
    return out;
  }

  // ---- entities
  static constexpr const char* kEntityColumns =
      "SELECT id, case_id, ftm_id, schema, properties, caption, source, created_by, created_at, "
      "updated_at, version FROM entities ";

  static core::Entity read_entity(const Statement& s) {
    core::Entity e;
    e.id = s.int64(0);
    e.case_id = s.int64(1);
    e.ftm_id = s.text(2);
    e.schema = s.text(3);
    e.properties = decode_properties(s.text_view(4));
    e.caption = s.text(5);
    e.source = s.text(6);
    e.created_by = s.int64(7);
    e.created_at = s.int64(8);
    e.updated_at = s.int64(9);
    e.version = s.int64(10);
    return e;
  }

  Result<Id> insert_entity(const core::Entity& e) override {
    Statement s(
        c_,
        "INSERT INTO entities(case_id, ftm_id, schema, properties, caption, source, "
        "created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    s.bind(1, e.case_id)
        .bind(2, e.ftm_id)
        .bind(3, e.schema)
        .bind(4, encode_properties(e.properties));
    s.bind(5, e.caption).bind(6, e.source).bind(7, e.created_by).bind(8, e.created_at);
    s.bind(9, e.updated_at);
    auto st = s.run();
    if (st.code() == Code::kConflict) {
      return core::conflict("the case already has an entity with id '" + e.ftm_id + "'", "id");
    }
    if (!st) return st;
    return sqlite3_last_insert_rowid(c_.get());
  }

  Result<core::Entity> get_entity(Id id) override {
    Statement s(c_, std::string(kEntityColumns) + "WHERE id = ?");
    s.bind(1, id);
    return one_row(s, read_entity, "no entity with id " + std::to_string(id));
  }

  Result<core::Entity> get_entity_by_ftm_id(Id case_id, const std::string& ftm_id) override {
    Statement s(c_, std::string(kEntityColumns) + "WHERE case_id = ? AND ftm_id = ?");
    s.bind(1, case_id).bind(2, ftm_id);
    return one_row(s, read_entity, "the case has no entity with id '" + ftm_id + "'");
  }

  Status update_entity(const core::Entity& e) override {
    Statement s(c_,
                "UPDATE entities SET schema = ?, properties = ?, caption = ?, updated_at = ?, "
                "version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, e.schema).bind(2, encode_properties(e.properties)).bind(3, e.caption);
    s.bind(4, e.updated_at).bind(5, e.id).bind(6, e.version);
    return expect_versioned_change(s.run(), "entity", e.id);
  }

  Status delete_entity(Id id) override {
    Statement s(c_, "DELETE FROM entities WHERE id = ?");
    s.bind(1, id);
    return expect_one_change(s.run(), "entity", id);
  }

  Result<Listing<core::Entity>> list_entities(const EntityQuery& q) override {
    std::string where = "WHERE case_id = ?";
    std::vector<std::string> args;
    if (!q.schema.empty()) {
      where += " AND schema = ?";
      args.push_back(q.schema);
    }
    if (!q.text.empty()) {
      where += " AND caption LIKE ? ESCAPE '\\'";
      args.push_back(like_pattern(q.text));
    }
    static const std::map<std::string, std::string> kSort = {{"caption", "caption"},
                                                             {"schema", "schema"},
                                                             {"created_at", "created_at"},
                                                             {"updated_at", "updated_at"}};
    auto sort = kSort.find(q.sort);
    if (sort == kSort.end()) {
      return core::invalid(
          "cannot sort entities by '" + q.sort + "'; use caption, schema, created_at or updated_at",
          "sort");
    }
    Listing<core::Entity> out;
    {
      Statement s(c_, "SELECT count(*) FROM entities " + where);
      s.bind(1, q.case_id);
      for (std::size_t i = 0; i < args.size(); ++i) s.bind(static_cast<int>(i + 2), args[i]);
      if (s.step()) out.total = s.int64(0);
      CR_RETURN_IF_ERROR(s.status());
    }
    Statement s(c_, std::string(kEntityColumns) + where + " ORDER BY " + sort->second +
                        (q.descending ? " DESC" : " ASC") + ", id LIMIT ? OFFSET ?");
    int i = 1;
    s.bind(i++, q.case_id);
    for (const auto& a : args) s.bind(i++, a);
    s.bind(i, q.page.limit);
    s.bind(i + 1, q.page.offset);
    while (s.step()) out.items.push_back(read_entity(s));
    if (!s.status()) return s.status();
    return out;
  }

  Result<std::int64_t> count_entities(Id case_id) override {
    Statement s(c_, "SELECT count(*) FROM entities WHERE case_id = ?");
    s.bind(1, case_id);
    if (s.step()) return s.int64(0);
    return s.status();
  }

  Status scan_entities(
      const std::function<bool(core::Entity&&, const std::string&)>& visit) override {
    Statement s(c_,
                "SELECT e.id, e.case_id, e.ftm_id, e.schema, e.properties, e.caption, e.source, "
                "e.created_by, e.created_at, e.updated_at, e.version, c.desk FROM entities e "
                "JOIN cases c ON c.id = e.case_id ORDER BY e.id");
    std::string desk;  // the same few desks row after row: assigned, not allocated
    while (s.step()) {
      desk.assign(s.text_view(11));
      if (!visit(read_entity(s), desk)) break;
    }
    return s.status();
  }

  // ---- links, notices, decisions, access requests
  static constexpr const char* kHitColumns =
      "SELECT h.id, h.entity_a, h.entity_b, h.kind, h.strength, h.evidence, h.created_at, "
      "h.updated_at, ea.case_id, eb.case_id, ca.desk, cb.desk FROM link_hits h "
      "JOIN entities ea ON ea.id = h.entity_a JOIN entities eb ON eb.id = h.entity_b "
      "JOIN cases ca ON ca.id = ea.case_id JOIN cases cb ON cb.id = eb.case_id ";

  static core::LinkHit read_hit(const Statement& s, int o = 0) {
    core::LinkHit h;
    h.id = s.int64(o + 0);
    h.entity_a = s.int64(o + 1);
    h.entity_b = s.int64(o + 2);
    h.kind = s.text(o + 3);
    h.strength = s.real(o + 4);
    h.evidence = s.text(o + 5);
    h.created_at = s.int64(o + 6);
    h.updated_at = s.int64(o + 7);
    h.case_a = s.int64(o + 8);
    h.case_b = s.int64(o + 9);
    h.desk_a = s.text(o + 10);
    h.desk_b = s.text(o + 11);
    return h;
  }

  Result<std::pair<Id, bool>> upsert_link_hit(const core::LinkHit& h) override {
    {
      Statement s(c_, "SELECT id FROM link_hits WHERE entity_a = ? AND entity_b = ?");
      s.bind(1, h.entity_a).bind(2, h.entity_b);
      if (s.step()) {
        const Id id = s.int64(0);
        Statement u(c_,
                    "UPDATE link_hits SET kind = ?, strength = ?, evidence = ?, updated_at = ? "
                    "WHERE id = ?");
        u.bind(1, h.kind).bind_real(2, h.strength).bind(3, h.evidence).bind(4, h.updated_at);
        u.bind(5, id);
        CR_RETURN_IF_ERROR(u.run());
        return std::make_pair(id, false);
      }
      CR_RETURN_IF_ERROR(s.status());
    }
    Statement s(c_,
                "INSERT INTO link_hits(entity_a, entity_b, kind, strength, evidence, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, h.entity_a).bind(2, h.entity_b).bind(3, h.kind).bind_real(4, h.strength);
    s.bind(5, h.evidence).bind(6, h.created_at).bind(7, h.updated_at);
    CR_RETURN_IF_ERROR(s.run());
    return std::make_pair(static_cast<Id>(sqlite3_last_insert_rowid(c_.get())), true);
  }

  Result<core::LinkHit> get_link_hit(Id id) override {
    Statement s(c_, std::string(kHitColumns) + "WHERE h.id = ?");
    s.bind(1, id);
    return one_row(
        s, [](const Statement& st) { return read_hit(st); },
        "no link with id " + std::to_string(id));
  }

  Result<std::vector<core::LinkHit>> link_hits_of_entity(Id entity_id) override {
    Statement s(c_,
                std::string(kHitColumns) + "WHERE h.entity_a = ? OR h.entity_b = ? ORDER BY h.id");
    s.bind(1, entity_id).bind(2, entity_id);
    return all_rows<core::LinkHit>(s, [](const Statement& st) { return read_hit(st); });
  }

  Status delete_link_hit(Id id) override {
    Statement s(c_, "DELETE FROM link_hits WHERE id = ?");
    s.bind(1, id);
    return s.run();
  }

  Result<bool> insert_notice(const core::HitNotice& n) override {
    Statement s(c_,
                "INSERT INTO hit_notices(hit_id, desk, own_entity_id, own_case_id, other_desk, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(hit_id, desk) DO NOTHING");
    s.bind(1, n.hit_id).bind(2, n.desk).bind(3, n.own_entity_id).bind(4, n.own_case_id);
    s.bind(5, n.other_desk).bind(6, n.created_at);
    CR_RETURN_IF_ERROR(s.run());
    return sqlite3_changes(c_.get()) > 0;
  }

  static constexpr const char* kNoticeColumns =
      "SELECT n.id, n.hit_id, n.desk, n.own_entity_id, n.own_case_id, n.other_desk, "
      "n.created_at, n.read_at, "
      "(SELECT status FROM access_requests r WHERE r.notice_id = n.id ORDER BY r.id DESC LIMIT 1), "
      "h.id, h.entity_a, h.entity_b, h.kind, h.strength, h.evidence, h.created_at, h.updated_at, "
      "ea.case_id, eb.case_id, ca.desk, cb.desk "
      "FROM hit_notices n JOIN link_hits h ON h.id = n.hit_id "
      "JOIN entities ea ON ea.id = h.entity_a JOIN entities eb ON eb.id = h.entity_b "
      "JOIN cases ca ON ca.id = ea.case_id JOIN cases cb ON cb.id = eb.case_id ";

  static core::HitNotice read_notice(const Statement& s) {
    core::HitNotice n;
    n.id = s.int64(0);
    n.hit_id = s.int64(1);
    n.desk = s.text(2);
    n.own_entity_id = s.int64(3);
    n.own_case_id = s.int64(4);
    n.other_desk = s.text(5);
    n.created_at = s.int64(6);
    n.read_at = s.int64(7);
    n.access_status = s.text(8);
    n.hit = read_hit(s, 9);
    return n;
  }

  Result<core::HitNotice> get_notice(Id id) override {
    Statement s(c_, std::string(kNoticeColumns) + "WHERE n.id = ?");
    s.bind(1, id);
    return one_row(s, read_notice, "no hit notice with id " + std::to_string(id));
  }

  Result<Listing<core::HitNotice>> list_notices(const std::string& desk, bool unread_only,
                                                const Page& page) override {
    const std::string where =
        std::string("WHERE n.desk = ?") + (unread_only ? " AND n.read_at = 0" : "");
    Listing<core::HitNotice> out;
    {
      Statement s(c_, "SELECT count(*) FROM hit_notices n " + where);
      s.bind(1, desk);
      if (s.step()) out.total = s.int64(0);
      CR_RETURN_IF_ERROR(s.status());
    }
    Statement s(c_, std::string(kNoticeColumns) + where +
                        " ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?");
    s.bind(1, desk).bind(2, page.limit).bind(3, page.offset);
    while (s.step()) out.items.push_back(read_notice(s));
    if (!s.status()) return s.status();
    return out;
  }

  Status mark_notice_read(Id id, core::TimeMs when) override {
    Statement s(c_, "UPDATE hit_notices SET read_at = ? WHERE id = ? AND read_at = 0");
    s.bind(1, when).bind(2, id);
    return s.run();
  }

  Status upsert_link_decision(const core::LinkDecision& d) override {
    Statement s(c_,
                "INSERT INTO link_decisions(entity_a, entity_b, decision, decided_by, decided_at, "
                "note) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(entity_a, entity_b) DO UPDATE SET "
                "decision = excluded.decision, decided_by = excluded.decided_by, "
                "decided_at = excluded.decided_at, note = excluded.note");
    s.bind(1, d.entity_a).bind(2, d.entity_b).bind(3, d.confirmed ? "confirmed" : "rejected");
    s.bind(4, d.decided_by).bind(5, d.decided_at).bind(6, d.note);
    return s.run();
  }

  Result<std::optional<core::LinkDecision>> get_link_decision(Id entity_a, Id entity_b) override {
    Statement s(c_,
                "SELECT d.entity_a, d.entity_b, d.decision, d.decided_by, d.decided_at, d.note, "
                "coalesce(u.display_name, ''), coalesce(u.desk, '') FROM link_decisions d "
                "LEFT JOIN users u ON u.id = d.decided_by WHERE d.entity_a = ? AND d.entity_b = ?");
    s.bind(1, entity_a).bind(2, entity_b);
    std::optional<core::LinkDecision> out;
    if (s.step()) {
      core::LinkDecision d;
      d.entity_a = s.int64(0);
      d.entity_b = s.int64(1);
      d.confirmed = s.text(2) == "confirmed";
      d.decided_by = s.int64(3);
      d.decided_at = s.int64(4);
      d.note = s.text(5);
      d.decided_by_name = s.text(6);
      d.decided_by_desk = s.text(7);
      out = std::move(d);
    }
    if (!s.status()) return s.status();
    return out;
  }

  Result<std::vector<core::LinkDecision>> list_link_decisions() override {
    Statement s(c_,
                "SELECT entity_a, entity_b, decision, decided_by, decided_at, note "
                "FROM link_decisions ORDER BY entity_a, entity_b");
    std::vector<core::LinkDecision> out;
    while (s.step()) {
      core::LinkDecision d;
      d.entity_a = s.int64(0);
      d.entity_b = s.int64(1);
      d.confirmed = s.text(2) == "confirmed";
      d.decided_by = s.int64(3);
      d.decided_at = s.int64(4);
      d.note = s.text(5);
      out.push_back(std::move(d));
    }
    if (!s.status()) return s.status();
    return out;
  }

  static constexpr const char* kRequestColumns =
      "SELECT id, notice_id, requesting_desk, requested_by, case_id, owning_desk, reason, status, "
      "decided_by, decided_at, decision_note, created_at FROM access_requests ";

  static core::AccessRequest read_request(const Statement& s) {
    core::AccessRequest r;
    r.id = s.int64(0);
    r.notice_id = s.int64(1);
    r.requesting_desk = s.text(2);
    r.requested_by = s.int64(3);
    r.case_id = s.int64(4);
    r.owning_desk = s.text(5);
    r.reason = s.text(6);
    r.status = s.text(7);
    r.decided_by = s.int64(8);
    r.decided_at = s.int64(9);
    r.decision_note = s.text(10);
    r.created_at = s.int64(11);
    return r;
  }

  Result<Id> insert_access_request(const core::AccessRequest& r) override {
    Statement s(c_,
                "INSERT INTO access_requests(notice_id, requesting_desk, requested_by, case_id, "
                "owning_desk, reason, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, r.notice_id).bind(2, r.requesting_desk).bind(3, r.requested_by).bind(4, r.case_id);
    s.bind(5, r.owning_desk).bind(6, r.reason).bind(7, r.status).bind(8, r.created_at);
    CR_RETURN_IF_ERROR(s.run());
    return static_cast<Id>(sqlite3_last_insert_rowid(c_.get()));
  }

  Result<core::AccessRequest> get_access_request(Id id) override {
    Statement s(c_, std::string(kRequestColumns) + "WHERE id = ?");
    s.bind(1, id);
    return one_row(s, read_request, "no access request with id " + std::to_string(id));
  }

  Result<std::vector<core::AccessRequest>> list_access_requests(const std::string& desk,
                                                                bool incoming) override {
    Statement s(c_, std::string(kRequestColumns) +
                        (incoming ? "WHERE owning_desk = ?" : "WHERE requesting_desk = ?") +
                        " ORDER BY id DESC LIMIT 1000");
    s.bind(1, desk);
    return all_rows<core::AccessRequest>(s, read_request);
  }

  // ---- routes and trends (the SQL lives in trends_sql.cc)
  Result<std::pair<Id, std::int64_t>> replace_trend_source(
      const TrendSource& source, const std::vector<trends::Incident>& incidents) override {
    return trends_sql::replace_trend_source(c_, source, incidents);
  }
  Result<std::vector<TrendSource>> list_trend_sources() override {
    return trends_sql::list_trend_sources(c_);
  }
  Status scan_incidents(
      const IncidentScan& scan,
      const std::function<void(const trends::Incident&, const std::string&)>& visit) override {
    return trends_sql::scan_incidents(c_, scan, visit);
  }
  Status scan_case_events(
      const std::function<void(const core::Entity&, const core::Case&)>& visit) override {
    return trends_sql::scan_case_events(c_, visit);
  }
  Result<std::vector<CaseTimeline>> list_case_timelines() override {
    return trends_sql::list_case_timelines(c_);
  }
  Result<std::vector<CooperationDates>> list_cooperation_dates() override {
    return trends_sql::list_cooperation_dates(c_);
  }

  Status update_access_request(const core::AccessRequest& r) override {
    Statement s(c_,
                "UPDATE access_requests SET status = ?, decided_by = ?, decided_at = ?, "
                "decision_note = ? WHERE id = ?");
    s.bind(1, r.status).bind(2, r.decided_by).bind(3, r.decided_at).bind(4, r.decision_note);
    s.bind(5, r.id);
    return expect_one_change(s.run(), "access request", r.id);
  }

  // ---- cooperation records
  static constexpr const char* kCooperationColumns =
      "SELECT id, case_id, kind, title, started_on, coalesce(ended_on, ''), partner_desks, notes, "
      "created_by, created_at, version FROM cooperation ";

  static core::Cooperation read_cooperation(const Statement& s) {
    core::Cooperation r;
    r.id = s.int64(0);
    r.case_id = s.int64(1);
    r.kind = s.text(2);
    r.title = s.text(3);
    r.started_on = s.text(4);
    r.ended_on = s.text(5);
    r.partner_desks = decode_string_list(s.text(6));
    r.notes = s.text(7);
    r.created_by = s.int64(8);
    r.created_at = s.int64(9);
    r.version = s.int64(10);
    return r;
  }

  static void bind_optional_text(Statement& s, int index, const std::string& value) {
    if (value.empty()) {
      s.bind_null(index);
    } else {
      s.bind(index, value);
    }
  }

  Result<Id> insert_cooperation(const core::Cooperation& r) override {
    Statement s(c_,
                "INSERT INTO cooperation(case_id, kind, title, started_on, ended_on, "
                "partner_desks, notes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, r.case_id).bind(2, r.kind).bind(3, r.title).bind(4, r.started_on);
    bind_optional_text(s, 5, r.ended_on);
    s.bind(6, encode_string_list(r.partner_desks)).bind(7, r.notes).bind(8, r.created_by);
    s.bind(9, r.created_at);
    CR_RETURN_IF_ERROR(s.run());
    return sqlite3_last_insert_rowid(c_.get());
  }

  Result<core::Cooperation> get_cooperation(Id id) override {
    Statement s(c_, std::string(kCooperationColumns) + "WHERE id = ?");
    s.bind(1, id);
    return one_row(s, read_cooperation, "no cooperation record with id " + std::to_string(id));
  }

  Status update_cooperation(const core::Cooperation& r) override {
    Statement s(c_,
                "UPDATE cooperation SET kind = ?, title = ?, started_on = ?, ended_on = ?, "
                "partner_desks = ?, notes = ?, version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, r.kind).bind(2, r.title).bind(3, r.started_on);
    bind_optional_text(s, 4, r.ended_on);
    s.bind(5, encode_string_list(r.partner_desks)).bind(6, r.notes).bind(7, r.id);
    s.bind(8, r.version);
    return expect_versioned_change(s.run(), "cooperation record", r.id);
  }

  Status delete_cooperation(Id id) override {
    Statement s(c_, "DELETE FROM cooperation WHERE id = ?");
    s.bind(1, id);
    return expect_one_change(s.run(), "cooperation record", id);
  }

  Result<std::vector<core::Cooperation>> list_cooperation(Id case_id) override {
    Statement s(c_, std::string(kCooperationColumns) + "WHERE case_id = ? ORDER BY started_on, id");
    s.bind(1, case_id);
    return all_rows<core::Cooperation>(s, read_cooperation);
  }

  // ---- Focus Group
  static constexpr const char* kMemberColumns =
      "SELECT id, desk, coalesce(user_id, 0), name, role, since, created_at, updated_at, "
      "version FROM fg_members ";

  static core::FocusGroupMember read_member(const Statement& s) {
    return core::FocusGroupMember{s.int64(0), s.text(1),  s.int64(2), s.text(3), s.text(4),
                                  s.text(5),  s.int64(6), s.int64(7), s.int64(8)};
  }

  static Status member_conflict(Status st, const core::FocusGroupMember& m) {
    if (st.code() == Code::kConflict) {
      return core::conflict("desk " + m.desk + " already lists a member named '" + m.name +
                                "'; change that entry instead",
                            "name");
    }
    return st;
  }

  void bind_member_user(Statement& s, int index, Id user_id) {
    if (user_id == 0) {
      s.bind_null(index);
    } else {
      s.bind(index, user_id);
    }
  }

  Result<Id> insert_fg_member(const core::FocusGroupMember& m, Id created_by) override {
    Statement s(c_,
                "INSERT INTO fg_members(desk, user_id, name, role, since, created_by, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, m.desk);
    bind_member_user(s, 2, m.user_id);
    s.bind(3, m.name).bind(4, m.role).bind(5, m.since).bind(6, created_by);
    s.bind(7, m.created_at).bind(8, m.updated_at);
    CR_RETURN_IF_ERROR(member_conflict(s.run(), m));
    return sqlite3_last_insert_rowid(c_.get());
  }

  Result<core::FocusGroupMember> get_fg_member(Id id) override {
    Statement s(c_, std::string(kMemberColumns) + "WHERE id = ?");
    s.bind(1, id);
    return one_row(s, read_member, "no Focus Group member with id " + std::to_string(id));
  }

  Status update_fg_member(const core::FocusGroupMember& m) override {
    Statement s(c_,
                "UPDATE fg_members SET desk = ?, user_id = ?, name = ?, role = ?, since = ?, "
                "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, m.desk);
    bind_member_user(s, 2, m.user_id);
    s.bind(3, m.name).bind(4, m.role).bind(5, m.since).bind(6, m.updated_at).bind(7, m.id);
    s.bind(8, m.version);
    return expect_versioned_change(member_conflict(s.run(), m), "Focus Group member", m.id);
  }

  Status delete_fg_member(Id id) override {
    Statement s(c_, "DELETE FROM fg_members WHERE id = ?");
    s.bind(1, id);
    return expect_one_change(s.run(), "Focus Group member", id);
  }

  Result<std::vector<core::FocusGroupMember>> list_fg_members() override {
    Statement s(c_, std::string(kMemberColumns) + "ORDER BY desk, name, id");
    return all_rows<core::FocusGroupMember>(s, read_member);
  }

  Status insert_sessions(Id meeting_id, const std::vector<core::MeetingSession>& sessions) {
    std::int64_t position = 0;
    for (const auto& x : sessions) {
      Statement s(c_,
                  "INSERT INTO fg_sessions(meeting_id, position, time, title, speakers, summary) "
                  "VALUES (?, ?, ?, ?, ?, ?)");
      s.bind(1, meeting_id).bind(2, ++position).bind(3, x.time).bind(4, x.title);
      s.bind(5, encode_string_list(x.speakers)).bind(6, x.summary);
      CR_RETURN_IF_ERROR(s.run());
    }
    return Status::ok();
  }

  Status load_sessions(core::FocusGroupMeeting& m) {
    Statement s(c_,
                "SELECT id, time, title, speakers, summary FROM fg_sessions WHERE meeting_id = ? "
                "ORDER BY position");
    s.bind(1, m.id);
    m.sessions.clear();
    while (s.step()) {
      m.sessions.push_back(
          {s.int64(0), s.text(1), s.text(2), decode_string_list(s.text(3)), s.text(4)});
    }
    return s.status();
  }

  static constexpr const char* kMeetingColumns =
      "SELECT id, title, date, place, created_at, updated_at, version FROM fg_meetings ";

  static core::FocusGroupMeeting read_meeting(const Statement& s) {
    core::FocusGroupMeeting m;
    m.id = s.int64(0);
    m.title = s.text(1);
    m.date = s.text(2);
    m.place = s.text(3);
    m.created_at = s.int64(4);
    m.updated_at = s.int64(5);
    m.version = s.int64(6);
    return m;
  }

  Result<Id> insert_fg_meeting(const core::FocusGroupMeeting& m, Id created_by) override {
    Statement s(c_,
                "INSERT INTO fg_meetings(title, date, place, created_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, m.title).bind(2, m.date).bind(3, m.place).bind(4, created_by);
    s.bind(5, m.created_at).bind(6, m.updated_at);
    CR_RETURN_IF_ERROR(s.run());
    const Id id = sqlite3_last_insert_rowid(c_.get());
    CR_RETURN_IF_ERROR(insert_sessions(id, m.sessions));
    return id;
  }

  Result<core::FocusGroupMeeting> get_fg_meeting(Id id) override {
    Statement s(c_, std::string(kMeetingColumns) + "WHERE id = ?");
    s.bind(1, id);
    CR_ASSIGN_OR_RETURN(
        auto m, one_row(s, read_meeting, "no Focus Group meeting with id " + std::to_string(id)));
    CR_RETURN_IF_ERROR(load_sessions(m));
    return m;
  }

  Status update_fg_meeting(const core::FocusGroupMeeting& m) override {
    Statement s(c_,
                "UPDATE fg_meetings SET title = ?, date = ?, place = ?, updated_at = ?, "
                "version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, m.title).bind(2, m.date).bind(3, m.place).bind(4, m.updated_at).bind(5, m.id);
    s.bind(6, m.version);
    CR_RETURN_IF_ERROR(expect_versioned_change(s.run(), "Focus Group meeting", m.id));
    Statement clear(c_, "DELETE FROM fg_sessions WHERE meeting_id = ?");
    clear.bind(1, m.id);
    CR_RETURN_IF_ERROR(clear.run());
    return insert_sessions(m.id, m.sessions);
  }

  Status delete_fg_meeting(Id id) override {
    Statement s(c_, "DELETE FROM fg_meetings WHERE id = ?");
    s.bind(1, id);
    return expect_one_change(s.run(), "Focus Group meeting", id);
  }

  Result<std::vector<core::FocusGroupMeeting>> list_fg_meetings() override {
    Statement s(c_, std::string(kMeetingColumns) + "ORDER BY date DESC, id DESC");
    CR_ASSIGN_OR_RETURN(auto meetings, all_rows<core::FocusGroupMeeting>(s, read_meeting));
    for (auto& m : meetings) CR_RETURN_IF_ERROR(load_sessions(m));
    return meetings;
  }

  static constexpr const char* kBestPracticeColumns =
      "SELECT id, title, body, topics, author_desk, date, created_by, created_at, updated_at, "
      "version FROM fg_best_practices ";

  static core::BestPractice read_best_practice(const Statement& s) {
    return core::BestPractice{s.int64(0), s.text(1), s.text(2),  decode_string_list(s.text(3)),
                              s.text(4),  s.text(5), s.int64(6), s.int64(7),
                              s.int64(8), s.int64(9)};
  }

  Result<Id> insert_best_practice(const core::BestPractice& n) override {
    Statement s(c_,
                "INSERT INTO fg_best_practices(title, body, topics, author_desk, date, created_by, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, n.title).bind(2, n.body).bind(3, encode_string_list(n.topics));
    s.bind(4, n.author_desk).bind(5, n.date).bind(6, n.created_by).bind(7, n.created_at);
    s.bind(8, n.updated_at);
    CR_RETURN_IF_ERROR(s.run());
    return sqlite3_last_insert_rowid(c_.get());
  }

  Result<core::BestPractice> get_best_practice(Id id) override {
    Statement s(c_, std::string(kBestPracticeColumns) + "WHERE id = ?");
    s.bind(1, id);
    return one_row(s, read_best_practice, "no best-practice note with id " + std::to_string(id));
  }

  Status update_best_practice(const core::BestPractice& n) override {
    Statement s(c_,
                "UPDATE fg_best_practices SET title = ?, body = ?, topics = ?, author_desk = ?, "
                "date = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, n.title).bind(2, n.body).bind(3, encode_string_list(n.topics));
    s.bind(4, n.author_desk).bind(5, n.date).bind(6, n.updated_at).bind(7, n.id);
    s.bind(8, n.version);
    return expect_versioned_change(s.run(), "best-practice note", n.id);
  }

  Status delete_best_practice(Id id) override {
    Statement s(c_, "DELETE FROM fg_best_practices WHERE id = ?");
    s.bind(1, id);
    return expect_one_change(s.run(), "best-practice note", id);
  }

  Result<std::vector<core::BestPractice>> list_best_practices() override {
    Statement s(c_, std::string(kBestPracticeColumns) + "ORDER BY date DESC, id DESC");
    return all_rows<core::BestPractice>(s, read_best_practice);
  }

  static constexpr const char* kCountryUpdateColumns =
      "SELECT id, desk, date, text, created_by, created_at, updated_at, version "
      "FROM fg_country_updates ";

  static core::CountryUpdate read_country_update(const Statement& s) {
    return core::CountryUpdate{s.int64(0), s.text(1),  s.text(2),  s.text(3),
                               s.int64(4), s.int64(5), s.int64(6), s.int64(7)};
  }

  Result<Id> insert_country_update(const core::CountryUpdate& u) override {
    Statement s(c_,
                "INSERT INTO fg_country_updates(desk, date, text, created_by, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, u.desk).bind(2, u.date).bind(3, u.text).bind(4, u.created_by);
    s.bind(5, u.created_at).bind(6, u.updated_at);
    CR_RETURN_IF_ERROR(s.run());
    return sqlite3_last_insert_rowid(c_.get());
  }

  Result<core::CountryUpdate> get_country_update(Id id) override {
    Statement s(c_, std::string(kCountryUpdateColumns) + "WHERE id = ?");
    s.bind(1, id);
    return one_row(s, read_country_update, "no country update with id " + std::to_string(id));
  }

  Status update_country_update(const core::CountryUpdate& u) override {
    Statement s(c_,
                "UPDATE fg_country_updates SET date = ?, text = ?, updated_at = ?, "
                "version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, u.date).bind(2, u.text).bind(3, u.updated_at).bind(4, u.id).bind(5, u.version);
    return expect_versioned_change(s.run(), "country update", u.id);
  }

  Status delete_country_update(Id id) override {
    Statement s(c_, "DELETE FROM fg_country_updates WHERE id = ?");
    s.bind(1, id);
    return expect_one_change(s.run(), "country update", id);
  }

  Result<std::vector<core::CountryUpdate>> list_country_updates(const std::string& desk) override {
    Statement s(c_, std::string(kCountryUpdateColumns) +
                        "WHERE ? = '' OR desk = ? ORDER BY date DESC, id DESC");
    s.bind(1, desk).bind(2, desk);
    return all_rows<core::CountryUpdate>(s, read_country_update);
  }

  // ---- audit
  Result<core::AuditRecord> append_audit(core::AuditRecord r) override {
    {
      Statement s(c_, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
      if (s.step()) {
        r.seq = s.int64(0) + 1;
        r.prev_hash = s.text(1);
      } else {
        CR_RETURN_IF_ERROR(s.status());
        r.seq = 1;
        r.prev_hash = core::kAuditGenesisHash;
      }
    }
    r.hash = core::audit_record_hash(r);
    Statement s(c_,
                "INSERT INTO audit_log(seq, time, user, desk, action, object, case_id, outcome, "
                "request_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, r.seq).bind(2, r.time).bind(3, r.user).bind(4, r.desk).bind(5, r.action);
    s.bind(6, r.object).bind(7, r.case_id).bind(8, r.outcome).bind(9, r.request_id);
    s.bind(10, r.detail).bind(11, r.prev_hash).bind(12, r.hash);
    CR_RETURN_IF_ERROR(s.run());
    return r;
  }

  static constexpr const char* kAuditColumns =
      "SELECT seq, time, user, desk, action, object, case_id, outcome, request_id, detail, "
      "prev_hash, hash FROM audit_log ";

  static core::AuditRecord read_audit(const Statement& s) {
    core::AuditRecord r;
    r.seq = s.int64(0);
    r.time = s.int64(1);
    r.user = s.text(2);
    r.desk = s.text(3);
    r.action = s.text(4);
    r.object = s.text(5);
    r.case_id = s.int64(6);
    r.outcome = s.text(7);
    r.request_id = s.text(8);
    r.detail = s.text(9);
    r.prev_hash = s.text(10);
    r.hash = s.text(11);
    return r;
  }

  Result<std::vector<core::AuditRecord>> list_audit(const AuditQuery& q) override {
    std::string where = "WHERE 1 = 1";
    std::vector<std::string> text_args;
    std::vector<std::int64_t> int_args;
    // Parameters are bound by name so text and integer filters can mix freely.
    if (!q.user.empty()) where += " AND user = :user";
    if (!q.desk.empty()) where += " AND desk = :desk";
    if (!q.action_prefix.empty()) where += " AND action LIKE :action ESCAPE '\\'";
    if (!q.object.empty()) where += " AND object = :object";
    if (q.case_id != 0) where += " AND case_id = :case_id";
    if (q.from != 0) where += " AND time >= :from";
    if (q.to != 0) where += " AND time < :to";
    if (q.after_seq != 0) where += q.newest_first ? " AND seq < :after" : " AND seq > :after";
    Statement s(c_, std::string(kAuditColumns) + where + " ORDER BY seq " +
                        (q.newest_first ? "DESC" : "ASC") + " LIMIT :limit");
    auto bind_name = [&](const char* name, auto value) {
      const int index = s.parameter_index(name);
      if (index > 0) s.bind(index, value);
    };
    bind_name(":user", q.user);
    bind_name(":desk", q.desk);
    std::string action_pattern = like_pattern(q.action_prefix);
    action_pattern.erase(0, 1);  // prefix match: no leading wildcard
    bind_name(":action", action_pattern);
    bind_name(":object", q.object);
    bind_name(":case_id", q.case_id);
    bind_name(":from", q.from);
    bind_name(":to", q.to);
    bind_name(":after", q.after_seq);
    bind_name(":limit", q.limit);
    return all_rows<core::AuditRecord>(s, read_audit);
  }

  Status scan_audit(const std::function<bool(const core::AuditRecord&)>& visit) override {
    Statement s(c_, std::string(kAuditColumns) + "ORDER BY rowid");
    while (s.step()) {
      if (!visit(read_audit(s))) break;
    }
    return s.status();
  }

 private:
  Status expect_one_change(Status st, const char* what, Id id) {
    if (!st) return st;
    if (sqlite3_changes(c_.get()) == 0) {
      return core::not_found(std::string("no ") + what + " with id " + std::to_string(id));
    }
    return Status::ok();
  }

  Status expect_versioned_change(Status st, const char* what, Id id) {
    if (!st) return st;
    if (sqlite3_changes(c_.get()) == 0) {
      return core::conflict(std::string("the ") + what + " " + std::to_string(id) +
                                " was changed by someone else since you loaded it (or no "
                                "longer exists); reload it and apply your change again",
                            "version");
    }
    return Status::ok();
  }

  const Connection& c_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(SqliteOptions options, Connection writer)
      : options_(std::move(options)), writer_(std::move(writer)) {}

  Status read(const Work& work) override {
    CR_ASSIGN_OR_RETURN(Connection conn, acquire_reader());
    Status st = conn.exec("BEGIN");
    if (st) {
      SqliteTransaction tx(conn);
      st = work(tx);
      // A read transaction has nothing to keep: end it either way.
      Status end = conn.exec(st ? "COMMIT" : "ROLLBACK");
      if (st && !end) st = end;
    }
    release_reader(std::move(conn));
    return st;
  }

  Status write(const Work& work) override {
    if (options_.read_only) {
      return {Code::kPermissionDenied, "the database was opened read-only"};
    }
    std::lock_guard<std::mutex> lock(write_mu_);
    if (sqlite3_exec(writer_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return writer_.error("starting a write transaction");
    }
    SqliteTransaction tx(writer_);
    Status st = work(tx);
    if (st) {
      if (sqlite3_exec(writer_.get(), "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK) {
        return Status::ok();
      }
      st = writer_.error("committing");
    }
    sqlite3_exec(writer_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  }

  Status backup(const std::string& destination_path) override {
    CR_ASSIGN_OR_RETURN(Connection conn, acquire_reader());
    // VACUUM INTO writes a consistent, compacted snapshot while writers go on.
    Statement s(conn, "VACUUM INTO ?");
    s.bind(1, destination_path);
    Status st = s.run();
    release_reader(std::move(conn));
    if (!st) {
      return {Code::kInvalidArgument, "cannot write the backup to '" + destination_path +
                                          "': " + st.message() +
                                          " (the file must not exist yet and its folder must be "
                                          "writable)"};
    }
    return Status::ok();
  }

  std::string describe() const override {
    return std::string("sqlite ") + sqlite3_libversion() + ", schema version " +
           std::to_string(sqlite_migrations().back().version) + ", " + options_.path;
  }

 private:
  Result<Connection> acquire_reader() {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!idle_readers_.empty()) {
        Connection conn = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return conn;
      }
    }
    return Connection::open(options_.path, options_.busy_timeout_ms, /*read_only=*/false);
  }

  void release_reader(Connection conn) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(conn));
  }

  static constexpr std::size_t kMaxIdleReaders = 16;

  SqliteOptions options_;
  std::mutex write_mu_;
  Connection writer_;  // guarded by write_mu_
  std::mutex pool_mu_;
  std::vector<Connection> idle_readers_;  // guarded by pool_mu_
};

Status apply_migrations(Connection& conn) {
  CR_RETURN_IF_ERROR(
      conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"));
  int current = 0;
  {
    Statement s(conn, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (s.step()) current = static_cast<int>(s.int64(0));
    CR_RETURN_IF_ERROR(s.status());
  }
  const auto& migrations = sqlite_migrations();
  if (current > migrations.back().version) {
    return {Code::kUnavailable, "the database has schema version " + std::to_string(current) +
                                    " but this crossroads knows only up to " +
                                    std::to_string(migrations.back().version) +
                                    "; run a newer crossroads"};
  }
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    CR_RETURN_IF_ERROR(conn.exec("BEGIN IMMEDIATE"));
    Status st = conn.exec(std::string(m.sql).c_str());
    if (st) {
      Statement s(conn, "INSERT INTO schema_migrations(version, description) VALUES (?, ?)");
      s.bind(1, m.version).bind(2, m.description);
      st = s.run();
    }
    if (!st) {
      (void)conn.exec("ROLLBACK");
      return core::internal("migration " + std::to_string(m.version) + " failed: " + st.message());
    }
    CR_RETURN_IF_ERROR(conn.exec("COMMIT"));
  }
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options) {
  CR_ASSIGN_OR_RETURN(Connection writer,
                      Connection::open(options.path, options.busy_timeout_ms, options.read_only));
  if (!options.read_only) CR_RETURN_IF_ERROR(apply_migrations(writer));
  return std::unique_ptr<Store>(new SqliteStore(options, std::move(writer)));
}

}  // namespace crossroads::store
