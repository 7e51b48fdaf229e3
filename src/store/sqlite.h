// A small RAII layer over the SQLite C API, used only inside store/.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/status.h"

namespace crossroads::store::sqlite {

class Connection {
 public:
  static core::Result<Connection> open(const std::string& path, int busy_timeout_ms,
                                       bool read_only);
  Connection(Connection&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* get() const { return db_; }
  // Prepared statements kept for reuse (parsing SQL costs more than running most of ours).
  // A connection is used by one thread at a time, so the cache needs no lock.
  sqlite3_stmt* take_prepared(std::string_view sql) const;
  void give_back(std::string sql, sqlite3_stmt* stmt) const;
  core::Status exec(const char* sql);
  // A status for the connection's last error, with what was being done.
  core::Status error(std::string_view doing) const;

 private:
  explicit Connection(sqlite3* db);
  void close();
  sqlite3* db_ = nullptr;
  std::unique_ptr<std::unordered_map<std::string, sqlite3_stmt*>> cache_;
};

class Statement {
 public:
  Statement(const Connection& conn, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  bool prepared() const { return stmt_ != nullptr; }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  Statement& bind_real(int index, double value) {
    if (stmt_) sqlite3_bind_double(stmt_, index, value);
    return *this;
  }
  // Index of a named parameter (":name"), 0 when the statement has none of that name.
  int parameter_index(const char* name) const {
    return stmt_ ? sqlite3_bind_parameter_index(stmt_, name) : 0;
  }

  // Advances: true with a row, false when done. Errors are kept in status().
  bool step();
  // Runs a statement that returns no rows.
  core::Status run();
  // Makes a statement that ran ready to run again with new bindings (bulk inserts).
  void reset() {
    if (stmt_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  core::Status status() const { return status_; }

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const;
  // The column's text without a copy: valid until the next step() or reset().
  std::string_view text_view(int col) const;
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  const Connection& conn_;
  std::string sql_;
  sqlite3_stmt* stmt_ = nullptr;
  core::Status status_;
};

}  // namespace crossroads::store::sqlite
