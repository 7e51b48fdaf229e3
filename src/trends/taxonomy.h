// The route taxonomy: ids the API uses, names, the countries each route touches, the landing
// countries that place a case's incident on a route, map waypoints, and the names other
// sources give the route (Frontex "Western Balkan Route", IOM "Western Balkans", ...).
// Built in from data/trends/routes.json; another file can replace it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace crossroads::trends {

struct RouteInfo {
  std::string id;
  std::string name;
  std::vector<std::string> countries;
  std::vector<std::string> entry_countries;
  std::string border_type;
  std::vector<std::pair<double, double>> path;  // [lon, lat]
  std::vector<std::string> aliases;
};

class Taxonomy {
 public:
  // Parses the JSON document; errors name the route and field.
  static core::Result<Taxonomy> parse(std::string_view json_text, const std::string& origin);
  static const Taxonomy& builtin();

  const std::vector<RouteInfo>& routes() const { return routes_; }
  const RouteInfo* find(std::string_view id) const;
  // A source's route name (case-insensitive, also the id itself) -> id; empty when unknown.
  std::string route_for_name(std::string_view name) const;
  // The route an incident landing in this country belongs to; empty when none claims it.
  std::string route_for_entry_country(std::string_view country) const;
  // Routes that touch a country.
  std::vector<std::string> routes_of_country(std::string_view country) const;
  // "SY" -> "Syria"; a name is returned unchanged. Case-insensitive.
  std::string nationality_name(std::string_view code_or_name) const;

 private:
  std::vector<RouteInfo> routes_;
  std::map<std::string, std::string> alias_to_id_;    // lower-case alias -> id
  std::map<std::string, std::string> nationalities_;  // upper-case code -> name
};

std::string ascii_lower(std::string_view s);

}  // namespace crossroads::trends
