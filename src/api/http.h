// The HTTP exchange as plain data, independent of the server library: the API is a function
// from HttpRequest to HttpResponse, so tests call it in-process and the server only adapts.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace crossroads::api {

struct HttpRequest {
  std::string method;  // "GET"
  std::string path;    // "/api/v1/cases/3", without the query string
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_addr;
  bool tls = false;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace crossroads::api
