// URLs: canonical form with tracking parameters removed, so that two shares of the same page
// give one key.
#include "normalize/url.h"

#include <algorithm>

#include "normalize/domain_name.h"
#include "normalize/normalize.h"
#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

bool is_unreserved(char c) {
  return text::is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_encoded(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 0xF]);
}

bool is_tracking_parameter(std::string_view host, std::string_view key_raw) {
  const std::string key = text::to_lower_ascii(key_raw);
  if (key.rfind("utm_", 0) == 0 || key.rfind("__cft__", 0) == 0) return true;
  static constexpr std::string_view kEverywhere[] = {
      "fbclid", "gclid",     "gclsrc",      "dclid",      "gbraid",  "wbraid",   "msclkid", "yclid",
      "twclid", "ttclid",    "igshid",      "igsh",       "mc_cid",  "mc_eid",   "_ga",     "_gl",
      "_hsenc", "_hsmi",     "mkt_tok",     "ref_src",    "ref_url", "mibextid", "__tn__",  "rdid",
      "sfnsn",  "share_url", "oly_anon_id", "oly_enc_id", "vero_id", "s_cid",    "wt.mc_id"};
  for (auto k : kEverywhere) {
    if (key == k) return true;
  }
  auto host_is = [&](std::string_view domain) {
    return host == domain ||
           (host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
            host[host.size() - domain.size() - 1] == '.');
  };
  if (host_is("x.com") || host_is("twitter.com")) return key == "s" || key == "t";
  if (host_is("tiktok.com")) {
    return key == "is_from_webapp" || key == "sender_device" || key == "_r" || key == "_t" ||
           key == "is_copy_url" || key == "web_id" || key == "lang";
  }
  if (host_is("youtube.com") || host_is("youtu.be"))
    return key == "si" || key == "feature" || key == "pp";
  if (host_is("instagram.com")) return key == "hl" || key == "img_index";
  return false;
}

std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const std::size_t slash = path.find('/', i);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    const std::string_view segment = path.substr(i, end - i);
    if (segment == "..") {
      if (out.size() > 1) out.pop_back();
    } else if (segment != ".") {
      out.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  std::string result;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (k > 0) result.push_back('/');
    result.append(out[k]);
  }
  if (!path.empty() && (path.back() == '/' || path.ends_with("/.") || path.ends_with("/..")) &&
      (result.empty() || result.back() != '/')) {
    result.push_back('/');
  }
  if (result.empty() || result.front() != '/') result.insert(result.begin(), '/');
  return result;
}

}  // namespace

std::string normalize_percent_encoding(std::string_view s, std::string_view also_allowed) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      const auto decoded = static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      if (is_unreserved(decoded)) {
        out.push_back(decoded);
      } else {
        append_encoded(out, static_cast<unsigned char>(decoded));
      }
      i += 2;
    } else if (c < 0x80 && (is_unreserved(static_cast<char>(c)) ||
                            also_allowed.find(static_cast<char>(c)) != std::string_view::npos)) {
      out.push_back(static_cast<char>(c));
    } else {
      append_encoded(out, c);
    }
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else if (s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string> ParsedUrl::segments() const {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    if (slash > i) out.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

std::string ParsedUrl::param(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return v;
  }
  return {};
}

core::Result<ParsedUrl> parse_url(std::string_view value, std::string_view field) {
  const std::string_view original = text::trim(value);
  const std::string f(field);
  std::string_view s = original;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20) {
      return core::invalid(text::quote(original) +
                               " contains a space or control character; a "
                               "URL cannot",
                           f);
    }
  }
  ParsedUrl url;
  const std::size_t scheme_end = s.find("://");
  const std::size_t first_delim = s.find_first_of("/?#");
  if (scheme_end != std::string_view::npos && scheme_end < first_delim) {
    url.scheme = text::to_lower_ascii(s.substr(0, scheme_end));
    s.remove_prefix(scheme_end + 3);
  } else if (s.starts_with("//")) {
    url.scheme = "https";
    s.remove_prefix(2);
  } else {
    const std::size_t colon = s.find(':');
    if (colon != std::string_view::npos && colon < first_delim) {
      const std::string before = text::to_lower_ascii(s.substr(0, colon));
      const bool is_port =
          text::all_digits(s.substr(colon + 1, s.find_first_of("/?#", colon) - colon - 1));
      if (!is_port) {
        return core::invalid(text::quote(original) + ": '" + before +
                                 ":' links are not web addresses (only http and https)",
                             f);
      }
    }
    url.scheme = "https";
  }
  if (url.scheme != "http" && url.scheme != "https") {
    return core::invalid(text::quote(original) + ": only http and https addresses are supported",
                         f);
  }
  const std::size_t authority_end = s.find_first_of("/?#");
  std::string_view authority = s.substr(0, authority_end);
  std::string_view rest =
      authority_end == std::string_view::npos ? std::string_view{} : s.substr(authority_end);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);  // credentials: never kept
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) {
      return core::invalid(text::quote(original) + " has an unclosed '[' in the host", f);
    }
    const std::string_view port = host.substr(close + 1);
    if (!port.empty()) {
      if (port.front() != ':' || !text::all_digits(port.substr(1))) {
        return core::invalid(text::quote(original) + " has a malformed port", f);
      }
      url.port = std::string(port.substr(1));
    }
    url.host = text::to_lower_ascii(host.substr(0, close + 1));
    url.host_unicode = url.host;
  } else {
    const std::size_t colon = host.rfind(':');
    if (colon != std::string_view::npos) {
      const std::string_view port = host.substr(colon + 1);
      if (!port.empty() && !text::all_digits(port)) {
        return core::invalid(text::quote(original) + " has a malformed port", f);
      }
      if (port.size() > 5) return core::invalid(text::quote(original) + " has a malformed port", f);
      url.port = std::string(port);
      host = host.substr(0, colon);
    }
    bool numeric = !host.empty();
    for (char c : host) numeric = numeric && (text::is_digit(c) || c == '.');
    if (numeric) {
      url.host = std::string(host);
      url.host_unicode = url.host;
    } else {
      CR_ASSIGN_OR_RETURN(DomainName domain, to_ascii_domain(percent_decode(host), field));
      url.host = domain.ascii;
      url.host_unicode = domain.unicode;
    }
  }
  if (url.host.empty()) return core::invalid(text::quote(original) + " has no host", f);
  if ((url.scheme == "https" && url.port == "443") || (url.scheme == "http" && url.port == "80")) {
    url.port.clear();
  }
  if (!url.port.empty()) {
    url.port.erase(0, std::min(url.port.find_first_not_of('0'), url.port.size() - 1));
  }

  const std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    url.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  const std::size_t question = rest.find('?');
  std::string_view query;
  if (question != std::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  url.path = remove_dot_segments(normalize_percent_encoding(rest, "/:@!$&'()*+,;="));
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t amp = query.find('&', i);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view pair = query.substr(i, amp - i);
    // "?=x" has no parameter name: nothing a site reads, and "?" alone would not survive a
    // second normalisation (found by normalize_url_fuzz).
    if (!pair.empty() && pair[0] != '=') {
      const std::size_t eq = pair.find('=');
      const std::string_view k = pair.substr(0, eq);
      const std::string_view v =
          eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
      url.query.emplace_back(normalize_percent_encoding(k, "/:@!$'()*+,;"),
                             normalize_percent_encoding(v, "/:@!$'()*+,;="));
    }
    i = amp + 1;
  }
  return url;
}

core::Result<Normalized> normalize_url(std::string_view value, const Context& /*ctx*/) {
  CR_ASSIGN_OR_RETURN(ParsedUrl url, parse_url(value, "url"));
  std::vector<std::pair<std::string, std::string>> kept;
  int removed = 0;
  for (const auto& kv : url.query) {
    if (is_tracking_parameter(url.host, kv.first)) {
      ++removed;
    } else {
      kept.push_back(kv);
    }
  }
  // Parameter order carries no meaning for the sites in our cases; sorting makes one key.
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  auto build = [&](const std::string& host) {
    std::string out = url.scheme + "://" + host;
    if (!url.port.empty()) out += ":" + url.port;
    out += url.path;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      out += (k == 0 ? "?" : "&") + kept[k].first;
      if (!kept[k].second.empty()) out += "=" + kept[k].second;
    }
    // Fragments are client-side, except the routes of single-page apps ("#/x", "#!x").
    if (!url.fragment.empty() && (url.fragment[0] == '/' || url.fragment[0] == '!')) {
      out += "#" + normalize_percent_encoding(url.fragment, "/:@!$&'()*+,;=?");
    }
    return out;
  };
  Normalized out;
  out.kind = Kind::kUrl;
  out.value = build(url.host);
  out.display = build(url.host_unicode);
  out.parts["scheme"] = url.scheme;
  out.parts["host"] = url.host;
  out.parts["path"] = url.path;
  if (removed > 0) out.parts["tracking_removed"] = std::to_string(removed);
  return out;
}

}  // namespace crossroads::normalize
