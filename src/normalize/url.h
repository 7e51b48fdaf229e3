// Internal: URL parsing shared by the URL and online-account normalisers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace crossroads::normalize {

struct ParsedUrl {
  std::string scheme;        // "https"
  std::string host;          // ASCII, lower case
  std::string host_unicode;  // for display
  std::string port;          // empty when default
  std::string path;          // percent-encoding normalised, at least "/"
  std::vector<std::pair<std::string, std::string>> query;  // in input order, still encoded
  std::string fragment;

  // Path segments without empty ones: "/a//b/" -> {"a", "b"}.
  std::vector<std::string> segments() const;
  // First value of a query parameter, or empty.
  std::string param(std::string_view key) const;
};

// Accepts "https://...", "http://...", "//..." and bare "www.example.com/..." (read as https).
core::Result<ParsedUrl> parse_url(std::string_view value, std::string_view field);

// "%2f" -> "%2F", "%41" -> "A"; bytes that may not appear raw are percent-encoded.
std::string normalize_percent_encoding(std::string_view s, std::string_view also_allowed);
std::string percent_decode(std::string_view s);

}  // namespace crossroads::normalize
