#include "normalize/domain_name.h"

#include <unicode/uidna.h>

#include <memory>

#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

struct IdnaCloser {
  void operator()(UIDNA* idna) const { uidna_close(idna); }
};

// UIDNA objects are immutable after creation and documented as thread-safe for use.
const UIDNA* idna() {
  static const std::unique_ptr<UIDNA, IdnaCloser> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* p =
        uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII |
                            UIDNA_NONTRANSITIONAL_TO_UNICODE | UIDNA_USE_STD3_RULES,
                        &status);
    if (U_FAILURE(status)) p = nullptr;
    return std::unique_ptr<UIDNA, IdnaCloser>(p);
  }();
  return instance.get();
}

core::Result<std::string> convert(std::string_view in, bool to_ascii, std::string_view field) {
  const UIDNA* converter = idna();
  if (converter == nullptr) return core::internal("ICU IDNA is not available");
  char buffer[1024];
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  const auto length = static_cast<int32_t>(in.size());
  const int32_t n = to_ascii ? uidna_nameToASCII_UTF8(converter, in.data(), length, buffer,
                                                      sizeof buffer, &info, &status)
                             : uidna_nameToUnicodeUTF8(converter, in.data(), length, buffer,
                                                       sizeof buffer, &info, &status);
  if (U_FAILURE(status) || n < 0 || n >= static_cast<int32_t>(sizeof buffer)) {
    return core::invalid(text::quote(in) + " is not a valid domain name", std::string(field));
  }
  if (info.errors != 0) {
    std::string why = "is not a valid domain name";
    if (info.errors & (UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LEADING_HYPHEN |
                       UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4)) {
      why = "has an empty label or a misplaced hyphen";
    } else if (info.errors & (UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG)) {
      why = "is too long for a domain name";
    } else if (info.errors & UIDNA_ERROR_DISALLOWED) {
      why = "contains a character that domain names cannot have";
    } else if (info.errors & UIDNA_ERROR_PUNYCODE) {
      why = "has a broken xn-- (punycode) label";
    }
    return core::invalid(text::quote(in) + " " + why, std::string(field));
  }
  return std::string(buffer, static_cast<std::size_t>(n));
}

}  // namespace

core::Result<DomainName> to_ascii_domain(std::string_view host, std::string_view field) {
  std::string_view h = text::trim(host);
  if (!h.empty() && h.back() == '.') h.remove_suffix(1);  // fully qualified form
  if (h.empty()) return core::invalid("the domain name is empty", std::string(field));
  if (h.size() > 253 * 4) {
    return core::invalid(text::quote(h) + " is too long for a domain name", std::string(field));
  }
  CR_ASSIGN_OR_RETURN(std::string ascii, convert(h, true, field));
  ascii = text::to_lower_ascii(ascii);
  const std::size_t dot = ascii.rfind('.');
  if (dot == std::string::npos) {
    return core::invalid(text::quote(h) + " has no top-level domain (like .com or .it)",
                         std::string(field));
  }
  const std::string tld = ascii.substr(dot + 1);
  bool tld_ok = tld.size() >= 2;
  if (tld.rfind("xn--", 0) != 0) {
    for (char c : tld) tld_ok = tld_ok && text::is_alpha(c);
  }
  if (!tld_ok) {
    return core::invalid(text::quote(h) + " does not end in a valid top-level domain",
                         std::string(field));
  }
  DomainName out;
  out.ascii = ascii;
  auto unicode = convert(ascii, false, field);
  out.unicode = unicode.is_ok() ? unicode.value() : ascii;
  return out;
}

}  // namespace crossroads::normalize
