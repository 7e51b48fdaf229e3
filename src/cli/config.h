// Configuration: command-line flags override environment variables (CROSSROADS_*), which
// override the configuration file (<data dir>/crossroads.conf or --config), which overrides
// the defaults. The file holds `key = value` lines; '#' starts a comment.
#pragma once

#include <map>
#include <string>

#include "core/status.h"

namespace crossroads::cli {

struct Config {
  std::string data_dir = "var";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_root;  // built web application; empty: none
  bool secure_cookies = false;
  int session_idle_minutes = 30;
  int session_hours = 12;
  std::string trends_taxonomy;  // route taxonomy file replacing data/trends/routes.json
};

// Keys of the file and their environment variables:
//   data_dir CROSSROADS_DATA_DIR, host CROSSROADS_HOST, port CROSSROADS_PORT,
//   web_root CROSSROADS_WEB_ROOT, secure_cookies CROSSROADS_SECURE_COOKIES,
//   session_idle_minutes CROSSROADS_SESSION_IDLE_MINUTES, session_hours CROSSROADS_SESSION_HOURS,
//   trends_taxonomy CROSSROADS_TRENDS_TAXONOMY
core::Status apply_config_file(const std::string& path, bool must_exist, Config& config);
core::Status apply_environment(Config& config);
// One setting by key, as the file and the environment give it.
core::Status set_config_value(Config& config, const std::string& key, const std::string& value,
                              const std::string& where);

}  // namespace crossroads::cli
