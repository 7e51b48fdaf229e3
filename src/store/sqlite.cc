#include "store/sqlite.h"

namespace crossroads::store::sqlite {

core::Result<Connection> Connection::open(const std::string& path, int busy_timeout_ms,
                                          bool read_only) {
  sqlite3* db = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database '" + path +
                          "': " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) +
                          "; check that the data directory exists and is writable";
    sqlite3_close(db);
    return core::Status(core::Code::kUnavailable, message);
  }
  Connection conn(db);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  CR_RETURN_IF_ERROR(conn.exec("PRAGMA foreign_keys = ON"));
  if (!read_only) {
    CR_RETURN_IF_ERROR(conn.exec("PRAGMA journal_mode = WAL"));
    // NORMAL is durable across process crashes in WAL mode; a power loss may drop the
    // last transactions but never corrupts the file.
    CR_RETURN_IF_ERROR(conn.exec("PRAGMA synchronous = NORMAL"));
  }
  return conn;
}

Connection::Connection(sqlite3* db)
    : db_(db), cache_(std::make_unique<std::unordered_map<std::string, sqlite3_stmt*>>()) {}

void Connection::close() {
  if (cache_) {
    for (auto& [sql, stmt] : *cache_) sqlite3_finalize(stmt);
    cache_->clear();
  }
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Connection::~Connection() { close(); }

sqlite3_stmt* Connection::take_prepared(std::string_view sql) const {
  if (!cache_) return nullptr;
  auto it = cache_->find(std::string(sql));
  if (it == cache_->end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  cache_->erase(it);
  return stmt;
}

void Connection::give_back(std::string sql, sqlite3_stmt* stmt) const {
  if (stmt == nullptr) return;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  // Statements built with varying text (IN lists, filters) would grow it without end.
  if (!cache_ || cache_->size() >= 256 || !cache_->emplace(std::move(sql), stmt).second) {
    sqlite3_finalize(stmt);
  }
}

core::Status Connection::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : "unknown error";
    sqlite3_free(err);
    return core::internal(std::string("database error: ") + message + " in: " + sql);
  }
  return core::Status::ok();
}

core::Status Connection::error(std::string_view doing) const {
  const int rc = sqlite3_extended_errcode(db_);
  std::string message = std::string(doing) + ": " + sqlite3_errmsg(db_);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return {core::Code::kUnavailable, message + "; the database is busy, try again"};
  }
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return {core::Code::kConflict, message};
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT) {
    return {core::Code::kInvalidArgument, message};
  }
  return core::internal(message);
}

Statement::Statement(const Connection& conn, std::string_view sql) : conn_(conn), sql_(sql) {
  stmt_ = conn.take_prepared(sql);
  if (stmt_ != nullptr) return;
  if (sqlite3_prepare_v2(conn.get(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    status_ = conn.error("preparing statement");
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

Statement::~Statement() { conn_.give_back(std::move(sql_), stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (stmt_) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  if (!stmt_ || !status_.is_ok()) return false;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = conn_.error("running statement");
  return false;
}

core::Status Statement::run() {
  if (!stmt_) return status_;
  while (step()) {
  }
  return status_;
}

std::string Statement::text(int col) const { return std::string(text_view(col)); }

std::string_view Statement::text_view(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

}  // namespace crossroads::store::sqlite
