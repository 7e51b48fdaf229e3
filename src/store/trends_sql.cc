#include "store/trends_sql.h"

#include <nlohmann/json.hpp>

#include <map>

namespace crossroads::store::trends_sql {

using sqlite::Statement;

Result<std::pair<Id, std::int64_t>> replace_trend_source(
    const sqlite::Connection& c, const TrendSource& source,
    const std::vector<trends::Incident>& incidents) {
  std::int64_t replaced = 0;
  {
    Statement s(c,
                "SELECT count(*) FROM incidents WHERE source_id IN "
                "(SELECT id FROM trend_sources WHERE kind = ?)");
    s.bind(1, source.kind);
    if (s.step()) replaced = s.int64(0);
    CR_RETURN_IF_ERROR(s.status());
  }
  {
    // The incidents go with their source (ON DELETE CASCADE).
    Statement s(c, "DELETE FROM trend_sources WHERE kind = ?");
    s.bind(1, source.kind);
    CR_RETURN_IF_ERROR(s.run());
  }
  Id id = 0;
  {
    Statement s(c,
                "INSERT INTO trend_sources(kind, file_name, file_hash, imported_at, imported_by, "
                "rows, rejected) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, source.kind)
        .bind(2, source.file_name)
        .bind(3, source.file_hash)
        .bind(4, source.imported_at)
        .bind(5, source.imported_by)
        .bind(6, source.rows)
        .bind(7, source.rejected);
    CR_RETURN_IF_ERROR(s.run());
    id = sqlite3_last_insert_rowid(c.get());
  }
  Statement ins(c,
                "INSERT INTO incidents(source_id, month, date, route, border_type, place, country, "
                "latitude, longitude, nationality, detected, dead, missing, survivors, children, "
                "minors, vessel_type, fee, payment_channel, concealment, document_fraud, "
                "source_ref, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?)");
  for (const auto& i : incidents) {
    ins.bind(1, id)
        .bind(2, i.month)
        .bind(3, i.date)
        .bind(4, i.route)
        .bind(5, i.border_type)
        .bind(6, i.place)
        .bind(7, i.country);
    if (i.latitude) {
      ins.bind_real(8, *i.latitude);
    } else {
      ins.bind_null(8);
    }
    if (i.longitude) {
      ins.bind_real(9, *i.longitude);
    } else {
      ins.bind_null(9);
    }
    ins.bind(10, i.nationality)
        .bind(11, i.detected)
        .bind(12, i.dead)
        .bind(13, i.missing)
        .bind(14, i.survivors)
        .bind(15, i.children)
        .bind(16, i.unaccompanied_minors)
        .bind(17, i.vessel_type);
    if (i.fee) {
      ins.bind_real(18, *i.fee);
    } else {
      ins.bind_null(18);
    }
    ins.bind(19, i.payment_channel)
        .bind(20, i.concealment)
        .bind(21, i.document_fraud ? 1 : 0)
        .bind(22, i.source_ref);
    if (i.case_id) {
      ins.bind(23, i.case_id);
    } else {
      ins.bind_null(23);
    }
    CR_RETURN_IF_ERROR(ins.run());
    ins.reset();
  }
  return std::make_pair(id, replaced);
}

Result<std::vector<TrendSource>> list_trend_sources(const sqlite::Connection& c) {
  Statement s(c,
              "SELECT id, kind, file_name, file_hash, imported_at, imported_by, rows, rejected "
              "FROM trend_sources ORDER BY kind, id");
  std::vector<TrendSource> out;
  while (s.step()) {
    out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.int64(4), s.text(5), s.int64(6),
                   s.int64(7)});
  }
  CR_RETURN_IF_ERROR(s.status());
  return out;
}

Status scan_incidents(
    const sqlite::Connection& c, const IncidentScan& scan,
    const std::function<void(const trends::Incident&, const std::string& kind)>& visit) {
  Statement s(c,
              "SELECT i.month, i.date, i.route, i.border_type, i.place, i.country, i.latitude, "
              "i.longitude, i.nationality, i.detected, i.dead, i.missing, i.survivors, "
              "i.children, i.minors, i.vessel_type, i.fee, i.payment_channel, i.concealment, "
              "i.document_fraud, i.source_ref, coalesce(i.case_id, 0), t.kind "
              "FROM incidents i JOIN trend_sources t ON t.id = i.source_id "
              "WHERE (?1 = '' OR t.kind = ?1) AND (?2 = '' OR i.route = ?2) "
              "AND i.month >= ?3 AND i.month <= ?4");
  s.bind(1, scan.kind).bind(2, scan.route).bind(3, scan.from.value_or(0));
  s.bind(4, scan.to.value_or(1 << 30));
  trends::Incident i;
  while (s.step()) {
    i.month = static_cast<int>(s.int64(0));
    i.date = s.text(1);
    i.route = s.text(2);
    i.border_type = s.text(3);
    i.place = s.text(4);
    i.country = s.text(5);
    i.latitude = s.is_null(6) ? std::nullopt : std::optional<double>(s.real(6));
    i.longitude = s.is_null(7) ? std::nullopt : std::optional<double>(s.real(7));
    i.nationality = s.text(8);
    i.detected = s.int64(9);
    i.dead = s.int64(10);
    i.missing = s.int64(11);
    i.survivors = s.int64(12);
    i.children = s.int64(13);
    i.unaccompanied_minors = s.int64(14);
    i.vessel_type = s.text(15);
    i.fee = s.is_null(16) ? std::nullopt : std::optional<double>(s.real(16));
    i.payment_channel = s.text(17);
    i.concealment = s.text(18);
    i.document_fraud = s.int64(19) != 0;
    i.source_ref = s.text(20);
    i.case_id = s.int64(21);
    visit(i, s.text(22));
  }
  return s.status();
}

Status scan_case_events(const sqlite::Connection& c,
                        const std::function<void(const core::Entity&, const core::Case&)>& visit) {
  std::map<Id, std::vector<std::string>> shares;
  {
    Statement s(c, "SELECT case_id, desk FROM case_shares ORDER BY case_id, desk");
    while (s.step()) shares[s.int64(0)].push_back(s.text(1));
    CR_RETURN_IF_ERROR(s.status());
  }
  Statement s(c,
              "SELECT e.id, e.case_id, e.ftm_id, e.properties, c.desk FROM entities e "
              "JOIN cases c ON c.id = e.case_id WHERE e.schema = 'Event' ORDER BY e.id");
  core::Entity e;
  core::Case owner;
  e.schema = "Event";
  while (s.step()) {
    e.id = s.int64(0);
    e.case_id = s.int64(1);
    e.ftm_id = s.text(2);
    e.properties.clear();
    auto j = nlohmann::json::parse(s.text(3), nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_array()) continue;
        auto& values = e.properties[it.key()];
        for (const auto& v : it.value()) {
          if (v.is_string()) values.push_back(v.get<std::string>());
        }
      }
    }
    owner.id = e.case_id;
    owner.desk = s.text(4);
    auto sh = shares.find(owner.id);
    owner.shared_with = sh == shares.end() ? std::vector<std::string>() : sh->second;
    visit(e, owner);
  }
  return s.status();
}

Result<std::vector<CaseTimeline>> list_case_timelines(const sqlite::Connection& c) {
  std::vector<CaseTimeline> out;
  std::map<Id, std::size_t> index;
  {
    Statement s(c,
                "SELECT id, desk, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') FROM cases "
                "ORDER BY id");
    while (s.step()) {
      index[s.int64(0)] = out.size();
      out.push_back({s.int64(0), s.text(1), s.text(2), {}});
    }
    CR_RETURN_IF_ERROR(s.status());
  }
  Statement s(c, "SELECT case_id, stage, date FROM case_stages ORDER BY case_id, date, id");
  while (s.step()) {
    auto it = index.find(s.int64(0));
    if (it == index.end()) continue;
    core::StageChange change;
    change.stage = s.text(1);
    change.date = s.text(2);
    out[it->second].stages.push_back(std::move(change));
  }
  CR_RETURN_IF_ERROR(s.status());
  // A case is opened on its first stage's date when that is earlier than its creation (cases
  // recorded after the fact).
  for (auto& t : out) {
    if (!t.stages.empty() && !t.stages.front().date.empty() && t.stages.front().date < t.opened) {
      t.opened = t.stages.front().date;
    }
  }
  return out;
}

Result<std::vector<CooperationDates>> list_cooperation_dates(const sqlite::Connection& c) {
  Statement s(c, "SELECT kind, started_on, coalesce(ended_on, '') FROM cooperation");
  std::vector<CooperationDates> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
  CR_RETURN_IF_ERROR(s.status());
  return out;
}

}  // namespace crossroads::store::trends_sql
