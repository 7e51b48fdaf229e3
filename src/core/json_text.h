// A string as a JSON string literal, escaped as nlohmann::json dumps it (UTF-8 kept, control
// characters escaped). For writers that build JSON text by hand, on hot paths.
#pragma once

#include <string>
#include <string_view>

namespace crossroads::core {

// Appends "s" with quotes; s must be valid UTF-8 (the caller checks, or knows).
void append_json_string(std::string& out, std::string_view s);

}  // namespace crossroads::core
