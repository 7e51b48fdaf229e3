// The SQL of the trends tables and of the annual statistics, used by SqliteTransaction.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite.h"
#include "store/store.h"

namespace crossroads::store::trends_sql {

Result<std::pair<Id, std::int64_t>> replace_trend_source(
    const sqlite::Connection& c, const TrendSource& source,
    const std::vector<trends::Incident>& incidents);
Result<std::vector<TrendSource>> list_trend_sources(const sqlite::Connection& c);
Status scan_incidents(
    const sqlite::Connection& c, const IncidentScan& scan,
    const std::function<void(const trends::Incident&, const std::string& kind)>& visit);
Status scan_case_events(const sqlite::Connection& c,
                        const std::function<void(const core::Entity&, const core::Case&)>& visit);
Result<std::vector<CaseTimeline>> list_case_timelines(const sqlite::Connection& c);
Result<std::vector<CooperationDates>> list_cooperation_dates(const sqlite::Connection& c);

}  // namespace crossroads::store::trends_sql
