// Incidents from the hub's own data: the synthetic world's smuggling events (`events.csv` of
// `crossroads synth`, source kind "synth") and incidents recorded in cases as FollowTheMoney
// `Event` entities (source kind "cases", with their case id).
#pragma once

#include <string_view>

#include "core/domain.h"
#include "trends/incident.h"
#include "trends/taxonomy.h"

namespace crossroads::trends {

// events.csv: event_id,date,route,place,country,latitude,longitude,migrants,dead,missing,
// conveyance,fee_per_person,currency,payment_channel,unaccompanied_minors (by header).
core::Result<ImportResult> import_synth_events(std::string_view csv_text, const Taxonomy& taxonomy);

// An FtM Event of a case as an incident: its date (YYYY-MM or YYYY-MM-DD), country (the route
// whose entry countries include it, else "other"), place, and the counts its description
// states ("120 migrants", "3 dead", "2 missing", "7 unaccompanied minors", "fee 2500 EUR",
// "paid by hawala"). nullopt when the entity is not an Event or has no readable date.
std::optional<Incident> incident_from_event(const core::Entity& entity, const Taxonomy& taxonomy);

}  // namespace crossroads::trends
