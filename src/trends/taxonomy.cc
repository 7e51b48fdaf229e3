#include "trends/taxonomy.h"

#include <nlohmann/json.hpp>

#include "core/assert.h"

namespace crossroads::embedded {
extern const std::string_view trends_routes_json;
}

namespace crossroads::trends {

using json = nlohmann::json;

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

core::Result<std::vector<std::string>> string_list(const json& j, const char* key,
                                                   const std::string& where) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  if (!j[key].is_array()) return core::invalid("must be a list of strings", where + "." + key);
  for (const auto& v : j[key]) {
    if (!v.is_string()) return core::invalid("must be a list of strings", where + "." + key);
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

core::Result<Taxonomy> Taxonomy::parse(std::string_view text, const std::string& origin) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("routes") || !j["routes"].is_array()) {
    return core::invalid(origin + ": not a route taxonomy; expected {\"routes\": [{\"id\": ...}]}");
  }
  Taxonomy t;
  std::size_t index = 0;
  for (const auto& r : j["routes"]) {
    const std::string where = origin + ": routes[" + std::to_string(index++) + "]";
    if (!r.is_object() || !r.contains("id") || !r["id"].is_string() || !r.contains("name") ||
        !r["name"].is_string()) {
      return core::invalid(where + ": every route needs a string \"id\" and \"name\"");
    }
    RouteInfo info;
    info.id = r["id"].get<std::string>();
    info.name = r["name"].get<std::string>();
    if (info.id.empty()) return core::invalid(where + ": \"id\" must not be empty");
    for (char c : info.id) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return core::invalid(where + ": id '" + info.id + "' must be snake_case (a-z, 0-9, _)");
      }
    }
    if (t.find(info.id)) return core::invalid(where + ": id '" + info.id + "' appears twice");
    CR_ASSIGN_OR_RETURN(info.countries, string_list(r, "countries", where));
    CR_ASSIGN_OR_RETURN(info.entry_countries, string_list(r, "entry_countries", where));
    CR_ASSIGN_OR_RETURN(info.aliases, string_list(r, "aliases", where));
    if (r.contains("border_type") && r["border_type"].is_string()) {
      info.border_type = r["border_type"].get<std::string>();
    }
    if (r.contains("path")) {
      if (!r["path"].is_array()) return core::invalid(where + ".path: must be [[lon, lat], ...]");
      for (const auto& p : r["path"]) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
          return core::invalid(where + ".path: must be [[lon, lat], ...]");
        }
        info.path.emplace_back(p[0].get<double>(), p[1].get<double>());
      }
    }
    t.alias_to_id_[ascii_lower(info.id)] = info.id;
    t.alias_to_id_[ascii_lower(info.name)] = info.id;
    for (const auto& a : info.aliases) t.alias_to_id_[ascii_lower(a)] = info.id;
    t.routes_.push_back(std::move(info));
  }
  if (!t.find("other")) {
    return core::invalid(origin + ": the taxonomy needs a route with id \"other\" for the rest");
  }
  if (j.contains("nationalities") && j["nationalities"].is_object()) {
    for (auto it = j["nationalities"].begin(); it != j["nationalities"].end(); ++it) {
      if (it.value().is_string()) t.nationalities_[it.key()] = it.value().get<std::string>();
    }
  }
  return t;
}

const Taxonomy& Taxonomy::builtin() {
  static const Taxonomy kBuiltin = [] {
    auto t = parse(embedded::trends_routes_json, "data/trends/routes.json");
    CR_ASSERT(t.is_ok());
    return std::move(t).value();
  }();
  return kBuiltin;
}

const RouteInfo* Taxonomy::find(std::string_view id) const {
  for (const auto& r : routes_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string Taxonomy::route_for_name(std::string_view name) const {
  std::string key = ascii_lower(name);
  while (!key.empty() && (key.back() == ' ' || key.back() == '*')) key.pop_back();
  while (!key.empty() && key.front() == ' ') key.erase(key.begin());
  auto it = alias_to_id_.find(key);
  return it == alias_to_id_.end() ? std::string() : it->second;
}

std::string Taxonomy::route_for_entry_country(std::string_view country) const {
  for (const auto& r : routes_) {
    for (const auto& c : r.entry_countries) {
      if (c == country) return r.id;
    }
  }
  return {};
}

std::vector<std::string> Taxonomy::routes_of_country(std::string_view country) const {
  std::vector<std::string> out;
  for (const auto& r : routes_) {
    for (const auto& c : r.countries) {
      if (c == country) {
        out.push_back(r.id);
        break;
      }
    }
  }
  return out;
}

std::string Taxonomy::nationality_name(std::string_view code_or_name) const {
  std::string upper(code_or_name);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  auto it = nationalities_.find(upper);
  return it == nationalities_.end() ? std::string(code_or_name) : it->second;
}

}  // namespace crossroads::trends
