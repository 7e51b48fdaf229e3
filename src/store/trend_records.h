// Records of the trends tables (migration 4) and what the annual statistics read, as the store
// hands them out. The incident itself is src/trends' model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "trends/incident.h"

namespace crossroads::store {

struct TrendSource {
  core::Id id = 0;
  std::string kind;  // frontex, iom, synth
  std::string file_name;
  std::string file_hash;  // SHA-256 of the file, hex
  core::TimeMs imported_at = 0;
  std::string imported_by;
  std::int64_t rows = 0;
  std::int64_t rejected = 0;
};

struct IncidentScan {
  std::string kind;         // empty: every kind
  std::string route;        // empty: every route
  std::optional<int> from;  // month numbers, inclusive
  std::optional<int> to;
};

// A case's life for the annual statistics: its desk, when it was opened and its stages.
struct CaseTimeline {
  core::Id id = 0;
  std::string desk;
  std::string opened;                     // YYYY-MM-DD
  std::vector<core::StageChange> stages;  // oldest first
};

struct CooperationDates {
  std::string kind;  // jit, coordination_meeting, eio, eaw
  std::string started_on;
  std::string ended_on;  // empty while ongoing
};

}  // namespace crossroads::store
