#include "names/name_json.h"

#include <nlohmann/json.hpp>

#include "names/name_normalizer.h"

namespace crossroads::names {

std::string name_to_json(std::string_view name) {
  const NameParts parts = normalize_name(name);
  const nlohmann::json j = {{"kind", "name"},          {"original", parts.original},
                            {"script", parts.script},  {"latin", parts.latin},
                            {"ascii", parts.ascii},    {"tokens", parts.tokens},
                            {"keys", name_keys(parts)}};
  // The input may be ill-formed UTF-8 (OCR, cut messages): replace, never throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace crossroads::names
