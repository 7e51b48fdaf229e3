#include "cli/config.h"

#include <charconv>
#include <cstdlib>
#include <fstream>

namespace crossroads::cli {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

core::Status parse_int(const std::string& value, int min, int max, const std::string& where,
                       int& out) {
  int v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < min || v > max) {
    return core::invalid(where + ": '" + value + "' must be a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max));
  }
  out = v;
  return core::Status::ok();
}

}  // namespace

core::Status set_config_value(Config& c, const std::string& key, const std::string& value,
                              const std::string& where) {
  if (key == "data_dir") {
    c.data_dir = value;
  } else if (key == "host") {
    c.host = value;
  } else if (key == "port") {
    return parse_int(value, 0, 65535, where, c.port);
  } else if (key == "web_root") {
    c.web_root = value;
  } else if (key == "secure_cookies") {
    if (value != "true" && value != "false") {
      return core::invalid(where + ": secure_cookies is true or false");
    }
    c.secure_cookies = value == "true";
  } else if (key == "session_idle_minutes") {
    return parse_int(value, 1, 24 * 60, where, c.session_idle_minutes);
  } else if (key == "session_hours") {
    return parse_int(value, 1, 7 * 24, where, c.session_hours);
  } else if (key == "trends_taxonomy") {
    c.trends_taxonomy = value;
  } else {
    return core::invalid(where + ": unknown setting '" + key +
                         "'; known: data_dir, host, port, web_root, secure_cookies, "
                         "session_idle_minutes, session_hours, trends_taxonomy");
  }
  return core::Status::ok();
}

core::Status apply_config_file(const std::string& path, bool must_exist, Config& config) {
  std::ifstream in(path);
  if (!in) {
    if (must_exist) return core::invalid("cannot read the configuration file '" + path + "'");
    return core::Status::ok();
  }
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    const std::string where = path + ":" + std::to_string(line_no);
    if (eq == std::string::npos) return core::invalid(where + ": expected 'key = value'");
    CR_RETURN_IF_ERROR(
        set_config_value(config, trim(line.substr(0, eq)), trim(line.substr(eq + 1)), where));
  }
  return core::Status::ok();
}

core::Status apply_environment(Config& config) {
  static const char* kKeys[] = {"data_dir",      "host",           "port",
                                "web_root",      "secure_cookies", "session_idle_minutes",
                                "session_hours", "trends_taxonomy"};
  for (const char* key : kKeys) {
    std::string var = "CROSSROADS_";
    for (const char* p = key; *p; ++p) var += static_cast<char>(std::toupper(*p));
    if (const char* value = std::getenv(var.c_str()); value && *value) {
      CR_RETURN_IF_ERROR(set_config_value(config, key, value, "environment variable " + var));
    }
  }
  return core::Status::ok();
}

}  // namespace crossroads::cli
