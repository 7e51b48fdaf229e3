#include "normalize/json.h"

#include <nlohmann/json.hpp>

namespace crossroads::normalize {

std::string to_json(const Normalized& n) {
  nlohmann::json out = {{"kind", kind_name(n.kind)},
                        {"value", n.value},
                        {"display", n.display},
                        {"parts", nlohmann::json::object()}};
  for (const auto& [name, part] : n.parts) out["parts"][name] = part;
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace crossroads::normalize
