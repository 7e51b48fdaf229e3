// Countries of the synthetic world: numbering plans, IBAN formats, banks, documents, plates,
// and the places of departure and arrival of each smuggling route.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "synth/name_pools.h"

namespace crossroads::synth {

struct Bank {
  std::string_view name;
  std::string_view bic;
};

struct Country {
  std::string_view code;  // ISO 3166-1 alpha-2, upper case
  std::string_view name;
  // Mobile numbering plan: country calling code, prefixes of the national significant number
  // (NSN) that mobile ranges start with, NSN length, and the trunk prefix written before the
  // NSN in national format ("0"; "" when there is none; "06" in Hungary).
  std::string_view calling_code;
  std::vector<std::string_view> mobile_prefixes;
  int nsn_length = 0;
  std::string_view trunk;
  // Patterns: '9' a digit, 'A' a capital letter, anything else as written.
  std::string_view iban_bban;  // empty: the country has no IBAN
  std::string_view passport;
  std::string_view plate;
  std::vector<Bank> banks;
  std::vector<std::string_view> mmsi_mids;  // maritime identification digits of its flag
  std::vector<Origin> name_origins;         // naming traditions of its nationals, most common first
  std::string_view language;                // main language of adverts aimed at its nationals
};

const Country& country(std::string_view code);  // asserts on unknown codes
const Country* find_country(std::string_view code);
const std::vector<Country>& countries();

struct Place {
  std::string_view name;
  std::string_view country;
  double latitude = 0;
  double longitude = 0;
};

struct RouteShift {
  std::string_view date;  // YYYY-MM: first month at the new intensity
  double factor = 1;      // multiplies the route's intensity from then on
  std::string_view why;
};

struct Route {
  std::string_view id;                      // "central_mediterranean"
  std::string_view name;                    // "Central Mediterranean"
  std::vector<std::string_view> origins;    // nationalities of the migrants
  std::vector<std::string_view> departure;  // countries the crossing starts from
  std::vector<std::string_view> arrival;    // countries the crossing reaches
  std::vector<std::string_view> onward;     // destination countries further on
  std::vector<Place> departure_places;
  std::vector<Place> arrival_places;
  bool sea = true;
  std::vector<std::string_view> conveyances;  // vessel or vehicle types
  int fee_low = 0;                            // EUR per person
  int fee_high = 0;
  std::vector<std::string_view> channels;  // payment channels
  double intensity = 1;                    // relative crossings per month before any shift
  double dead_per_crossing = 0;            // mean dead and missing per crossing (sea routes)
  std::vector<RouteShift> shifts;
};

const std::vector<Route>& routes();

}  // namespace crossroads::synth
