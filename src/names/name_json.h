// The JSON form of a normalised person name, shared by `crossroads normalize name` and
// POST /api/v1/normalize: {"kind": "name", "original", "script", "latin", "ascii", "tokens",
// "keys"}.
#pragma once

#include <string>
#include <string_view>

namespace crossroads::names {

std::string name_to_json(std::string_view name);

}  // namespace crossroads::names
