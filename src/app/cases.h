// Cases and their entities. Every call checks the actor's access (auth/access.h) and writes
// its audit record in the same transaction as the change; reads are audited too. A case that
// the actor's desk may not see answers "not found", so that its existence does not leak.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/actor.h"
#include "app/entity_listener.h"
#include "auth/access.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/status.h"
#include "ftm/schema.h"
#include "store/store.h"

namespace crossroads::app {

struct CaseFields {
  std::optional<std::string> reference;
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::vector<std::string>> offences;
  std::optional<std::string> stage;
  std::optional<std::string> stage_date;  // defaults to today when the stage changes
  std::optional<std::string> sensitivity;
  std::optional<std::string> retention_review;
  std::optional<std::int64_t> version;  // required for updates: the version that was read
};

struct ImportReport {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::vector<std::string> errors;  // "line 12: properties.birthDate: ..."; nothing is written then
};

// CSV with a column mapping: each data row becomes one entity of `schema`.
struct CsvImportOptions {
  std::string schema;  // FtM schema of every row, e.g. "Person"
  // (column header, target) in the order given: the target is a property of the schema, or
  // "id" for the column holding the FtM id. Several columns may feed one property (phone 1,
  // phone 2). Without an "id" column, each row's id is derived from its values, so importing
  // the same file again changes nothing.
  std::vector<std::pair<std::string, std::string>> columns;
  bool dry_run = false;       // check everything and say what would happen; write nothing
  bool skip_invalid = false;  // write the good rows and reject the bad ones (else all or nothing)
  // The field separator and the text encoding; detected when not given (core/csv.h).
  std::optional<char> delimiter;
  std::optional<core::TextEncoding> encoding;
};

// One problem of one CSV row. `line` is where the row starts in the file (the header is line 1,
// as a spreadsheet numbers its rows); `row` counts data rows from 1.
struct CsvRowError {
  std::size_t row = 0;
  std::size_t line = 0;
  std::string column;    // the header of the column at fault, or empty (the row as a whole)
  std::string property;  // the property the column feeds, or empty
  std::string message;
};

// "line 5 (row 4), column 'DOB' (birthDate): '1991-13-45' is not a date; ...".
std::string describe(const CsvRowError& error);

// A row as it will be (or would be) stored: for the dry run's preview.
struct CsvPreviewRow {
  std::size_t row = 0;
  std::size_t line = 0;
  std::string action;  // "create", "update" or "unchanged"
  core::Entity entity;
};

struct CsvImportReport {
  std::int64_t rows = 0;  // data rows read (blank lines are not rows)
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;           // rows with at least one error
  bool written = false;                // false for a dry run and for a refused file
  std::vector<CsvRowError> errors;     // the first kMaxImportErrors problems
  std::vector<CsvPreviewRow> preview;  // dry run: the first kCsvPreviewRows good rows
  // How the file was read: "semicolon-separated, Windows-1252".
  char delimiter = ',';
  core::TextEncoding encoding = core::TextEncoding::kUtf8;
  bool byte_order_mark = false;
  bool delimiter_detected = false;
  bool encoding_detected = false;
  std::string format;
};

// Limits that keep one request from exhausting the server.
inline constexpr std::int64_t kMaxPageSize = 500;
inline constexpr std::size_t kMaxImportErrors = 100;
inline constexpr std::size_t kCsvPreviewRows = 20;

class Cases {
 public:
  Cases(store::Store& store, const core::Clock& clock, const ftm::SchemaRegistry& schemata)
      : store_(store), clock_(clock), schemata_(schemata) {}
  Cases(const Cases&) = delete;
  Cases& operator=(const Cases&) = delete;

  // Told of every entity written or removed, after the commit (the matcher's index).
  void set_listener(EntityListener* listener) { listener_ = listener; }

  core::Result<core::Case> create_case(const Actor& actor, const CaseFields& fields);
  core::Result<core::Case> get_case(const Actor& actor, core::Id id);
  core::Result<core::Case> find_case(const Actor& actor, const std::string& desk,
                                     const std::string& reference);
  core::Result<core::Case> update_case(const Actor& actor, core::Id id, const CaseFields& fields);
  core::Status delete_case(const Actor& actor, core::Id id);
  core::Result<store::Listing<core::Case>> list_cases(const Actor& actor, store::CaseQuery query);
  core::Result<core::Case> share_case(const Actor& actor, core::Id id, const std::string& desk);
  core::Result<core::Case> unshare_case(const Actor& actor, core::Id id, const std::string& desk);

  core::Result<core::Entity> create_entity(const Actor& actor, core::Id case_id,
                                           core::Entity entity);
  core::Result<core::Entity> get_entity(const Actor& actor, core::Id id);
  // Replaces schema and properties; `entity.version` must be the version that was read.
  core::Result<core::Entity> update_entity(const Actor& actor, core::Id id, core::Entity entity);
  core::Status delete_entity(const Actor& actor, core::Id id);
  core::Result<store::Listing<core::Entity>> list_entities(const Actor& actor,
                                                           store::EntityQuery query);

  // FollowTheMoney JSON lines. Import is all or nothing: every line is checked first and the
  // whole file is written in one transaction. Re-importing the same file changes nothing.
  core::Result<ImportReport> import_ftm(const Actor& actor, core::Id case_id,
                                        std::string_view lines, const std::string& source);
  core::Result<std::string> export_ftm(const Actor& actor, core::Id case_id);
  // CSV (RFC 4180, a header row) with a column mapping, in any encoding and with any separator
  // of core/csv.h (detected unless given). Every value is checked as entity creation checks it;
  // errors name the row, the line, the column and the reason; a row holding bytes that are not
  // valid in the file's encoding is an error of that row. Unless
  // `skip_invalid`, one bad row and nothing is written. Audited as entity.import (a dry run as
  // entity.import.check).
  core::Result<CsvImportReport> import_csv(const Actor& actor, core::Id case_id,
                                           std::string_view csv, const CsvImportOptions& options,
                                           const std::string& source);

  // Counts of cases by desk, stage and year, without contents: for the secretariat, national
  // members and administrators.
  core::Result<std::vector<store::CaseCount>> statistics(const Actor& actor);

 private:
  // Loads the case and checks access; audits a refusal.
  core::Result<core::Case> load_case(store::Transaction& tx, const Actor& actor, core::Id id,
                                     auth::CaseAccess need, const char* action);
  core::Status check_references(store::Transaction& tx, const core::Entity& entity,
                                const std::vector<std::string>& pending_ids);
  core::Status audit_read(const Actor& actor, const std::string& action, const std::string& object,
                          core::Id case_id, const std::string& detail = {});

  store::Store& store_;
  const core::Clock& clock_;
  const ftm::SchemaRegistry& schemata_;
  EntityListener* listener_ = nullptr;
};

}  // namespace crossroads::app
