#include "store/migrations.h"

namespace crossroads::store {

const std::vector<Migration>& sqlite_migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "desks, users, sessions, cases, entities, audit trail", R"sql(
CREATE TABLE desks (
  code TEXT PRIMARY KEY CHECK (length(code) = 2),
  name TEXT NOT NULL,
  grp  TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL,
  desk          TEXT REFERENCES desks(code),
  disabled      INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  prefix       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE login_failures (
  key          TEXT PRIMARY KEY,
  count        INTEGER NOT NULL,
  last_failure INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
  id               INTEGER PRIMARY KEY,
  desk             TEXT NOT NULL REFERENCES desks(code),
  reference        TEXT NOT NULL,
  title            TEXT NOT NULL,
  summary          TEXT NOT NULL,
  offences         TEXT NOT NULL,
  stage            TEXT NOT NULL,
  stage_date       TEXT NOT NULL,
  sensitivity      TEXT NOT NULL,
  retention_review TEXT NOT NULL,
  created_by       INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  UNIQUE (desk, reference)
) STRICT;

CREATE TABLE case_stages (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  stage       TEXT NOT NULL,
  date        TEXT NOT NULL,
  changed_by  INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_stages_case ON case_stages(case_id);

CREATE TABLE case_shares (
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  desk       TEXT NOT NULL REFERENCES desks(code),
  granted_by INTEGER NOT NULL,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, desk)
) STRICT;
CREATE INDEX case_shares_desk ON case_shares(desk);

CREATE TABLE entities (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  ftm_id     TEXT NOT NULL,
  schema     TEXT NOT NULL,
  properties TEXT NOT NULL,
  caption    TEXT NOT NULL,
  source     TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  UNIQUE (case_id, ftm_id)
) STRICT;
CREATE INDEX entities_case_schema ON entities(case_id, schema);

CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  time       INTEGER NOT NULL,
  user       TEXT NOT NULL,
  desk       TEXT NOT NULL,
  action     TEXT NOT NULL,
  object     TEXT NOT NULL,
  case_id    INTEGER NOT NULL,
  outcome    TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail     TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_case ON audit_log(case_id) WHERE case_id <> 0;
CREATE INDEX audit_user ON audit_log(user);
CREATE INDEX audit_time ON audit_log(time);

-- The audit trail is append-only, whatever the code above the store does.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit records cannot be deleted'); END;
)sql"},
      {2, "cross-case links, hit notices, reviewer decisions, access requests", R"sql(
-- A link between two entities of different cases (entity_a < entity_b). Derived from the
-- entities by the matcher, kept so that notices and decisions can refer to it.
CREATE TABLE link_hits (
  id         INTEGER PRIMARY KEY,
  entity_a   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  entity_b   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  strength   REAL NOT NULL,
  evidence   TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (entity_a, entity_b),
  CHECK (entity_a < entity_b)
) STRICT;
CREATE INDEX link_hits_b ON link_hits(entity_b);

-- What one desk is told about a link: its own entity, the other desk, the strength and the
-- kinds of evidence. Never the other desk's data.
CREATE TABLE hit_notices (
  id            INTEGER PRIMARY KEY,
  hit_id        INTEGER NOT NULL REFERENCES link_hits(id) ON DELETE CASCADE,
  desk          TEXT NOT NULL,
  own_entity_id INTEGER NOT NULL,
  own_case_id   INTEGER NOT NULL,
  other_desk    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  read_at       INTEGER NOT NULL DEFAULT 0,
  UNIQUE (hit_id, desk)
) STRICT;
CREATE INDEX hit_notices_desk ON hit_notices(desk, created_at);

CREATE TABLE link_decisions (
  entity_a   INTEGER NOT NULL,
  entity_b   INTEGER NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
  decided_by INTEGER NOT NULL,
  decided_at INTEGER NOT NULL,
  PRIMARY KEY (entity_a, entity_b),
  CHECK (entity_a < entity_b)
) STRICT;

CREATE TABLE access_requests (
  id              INTEGER PRIMARY KEY,
  notice_id       INTEGER NOT NULL REFERENCES hit_notices(id) ON DELETE CASCADE,
  requesting_desk TEXT NOT NULL,
  requested_by    INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  owning_desk     TEXT NOT NULL,
  reason          TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'granted', 'refused')),
  decided_by      INTEGER NOT NULL DEFAULT 0,
  decided_at      INTEGER NOT NULL DEFAULT 0,
  decision_note   TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX access_requests_owner ON access_requests(owning_desk, status);
CREATE INDEX access_requests_requester ON access_requests(requesting_desk, status);
)sql"},
      {3, "cooperation records, Focus Group members, meetings, best practices, country updates",
       R"sql(
-- The cooperation that follows a link, per case (agreed with the annual statistics, which read
-- it): a JIT is new in the year of started_on and ongoing until ended_on.
CREATE TABLE cooperation (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('jit', 'coordination_meeting', 'eio', 'eaw')),
  title         TEXT NOT NULL,
  started_on    TEXT NOT NULL,
  ended_on      TEXT,
  partner_desks TEXT NOT NULL DEFAULT '[]',
  notes         TEXT NOT NULL DEFAULT '',
  created_by    INTEGER NOT NULL REFERENCES users(id),
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX cooperation_case ON cooperation(case_id);
CREATE INDEX cooperation_kind_start ON cooperation(kind, started_on);

-- The Focus Group's shared knowledge: not case data, readable by every signed-in user.
CREATE TABLE fg_members (
  id         INTEGER PRIMARY KEY,
  desk       TEXT NOT NULL REFERENCES desks(code),
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'alternate',
                                           'contact_point')),
  since      TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (desk, name)
) STRICT;

CREATE TABLE fg_meetings (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  date       TEXT NOT NULL,
  place      TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE fg_sessions (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES fg_meetings(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  time       TEXT NOT NULL,
  title      TEXT NOT NULL,
  speakers   TEXT NOT NULL DEFAULT '[]',
  summary    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX fg_sessions_meeting ON fg_sessions(meeting_id, position);

CREATE TABLE fg_best_practices (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  topics      TEXT NOT NULL DEFAULT '[]',
  author_desk TEXT NOT NULL REFERENCES desks(code),
  date        TEXT NOT NULL,
  created_by  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE fg_country_updates (
  id         INTEGER PRIMARY KEY,
  desk       TEXT NOT NULL REFERENCES desks(code),
  date       TEXT NOT NULL,
  text       TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX fg_country_updates_desk ON fg_country_updates(desk, date);
)sql"},
      {4, "routes and trends: trend sources and their incidents", R"sql(
-- A published source imported for the trends (Frontex workbook, IOM export, the synthetic
-- world's events). Importing a newer file of a kind replaces that kind's source and incidents.
CREATE TABLE trend_sources (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('frontex', 'iom', 'synth')),
  file_name   TEXT NOT NULL,
  file_hash   TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  rows        INTEGER NOT NULL,
  rejected    INTEGER NOT NULL
) STRICT;

-- One row of a source: a Frontex cell (route, border type, nationality, month), an IOM
-- incident, a synthetic landing. Incidents recorded in cases are not copied here: they are
-- read from the cases' Event entities, so that need-to-know applies.
CREATE TABLE incidents (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL REFERENCES trend_sources(id) ON DELETE CASCADE,
  month          INTEGER NOT NULL,
  date           TEXT NOT NULL DEFAULT '',
  route          TEXT NOT NULL,
  border_type    TEXT NOT NULL DEFAULT '',
  place          TEXT NOT NULL DEFAULT '',
  country        TEXT NOT NULL DEFAULT '',
  latitude       REAL,
  longitude      REAL,
  nationality    TEXT NOT NULL DEFAULT '',
  detected       INTEGER NOT NULL DEFAULT 0,
  dead           INTEGER NOT NULL DEFAULT 0,
  missing        INTEGER NOT NULL DEFAULT 0,
  survivors      INTEGER NOT NULL DEFAULT 0,
  children       INTEGER NOT NULL DEFAULT 0,
  minors         INTEGER NOT NULL DEFAULT 0,
  vessel_type    TEXT NOT NULL DEFAULT '',
  fee            REAL,
  payment_channel TEXT NOT NULL DEFAULT '',
  concealment    TEXT NOT NULL DEFAULT '',
  document_fraud INTEGER NOT NULL DEFAULT 0,
  source_ref     TEXT NOT NULL DEFAULT '',
  case_id        INTEGER REFERENCES cases(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX incidents_source ON incidents(source_id);
CREATE INDEX incidents_month ON incidents(month);
)sql"},
      {5, "versions of cooperation records and Focus Group entries (stale writes are refused)",
       R"sql(
ALTER TABLE cooperation ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE fg_members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE fg_meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE fg_best_practices ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE fg_country_updates ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
)sql"},
      {6, "a reviewer's note on a link decision", R"sql(
ALTER TABLE link_decisions ADD COLUMN note TEXT NOT NULL DEFAULT '';
)sql"},
  };
  return kMigrations;
}

}  // namespace crossroads::store
