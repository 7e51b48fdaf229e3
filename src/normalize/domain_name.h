// Internal: host names to their ASCII (punycode) and Unicode forms, shared by e-mail and URLs.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace crossroads::normalize {

struct DomainName {
  std::string ascii;    // "xn--mller-kva.de", lower case, no trailing dot
  std::string unicode;  // "müller.de"
};

// UTS #46 non-transitional processing with the bidi and ContextJ checks; needs at least two
// labels and a top-level domain that is not numeric.
core::Result<DomainName> to_ascii_domain(std::string_view host, std::string_view field);

}  // namespace crossroads::normalize
