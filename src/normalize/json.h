// The JSON form of a normalised value, shared by `crossroads normalize` and the API:
// {"kind", "value", "display", "parts": {...}}.
#pragma once

#include <string>

#include "normalize/normalize.h"

namespace crossroads::normalize {

std::string to_json(const Normalized& normalized);

}  // namespace crossroads::normalize
