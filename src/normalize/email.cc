// E-mail addresses, including internationalised domains (IDNA 2008 / UTS #46).

#include "normalize/domain_name.h"
#include "normalize/normalize.h"
#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

bool is_atext(char c) {
  if (text::is_alnum(c)) return true;
  if (static_cast<unsigned char>(c) >= 0x80) return true;  // SMTPUTF8 local parts
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

}  // namespace

core::Result<Normalized> normalize_email(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  std::string s(text::trim(text::fold_separators(original)));
  // "Name <a@b.c>" and "mailto:a@b.c"
  const std::size_t open = s.rfind('<');
  if (open != std::string::npos && !s.empty() && s.back() == '>') {
    s = s.substr(open + 1, s.size() - open - 2);
  }
  if (text::starts_with_ci(s, "mailto:")) s = s.substr(7);
  const std::size_t query = s.find('?');
  if (query != std::string::npos) s = s.substr(0, query);
  s = std::string(text::trim(s));

  const std::size_t at = s.rfind('@');
  if (at == std::string::npos) {
    return core::invalid(text::quote(original) + " has no '@'", "email");
  }
  const std::string local = s.substr(0, at);
  const std::string domain = s.substr(at + 1);
  if (local.empty())
    return core::invalid(text::quote(original) + " has nothing before '@'", "email");
  if (local.size() > 64) {
    return core::invalid(
        text::quote(original) + ": the part before '@' is longer than 64 characters", "email");
  }
  // Ill-formed UTF-8 would be lower-cased into U+FFFD and make a key that is not the address
  // (found by normalize_email_fuzz).
  if (!text::is_valid_utf8(local)) {
    return core::invalid(text::quote(original) + ": the part before '@' is not valid UTF-8 text",
                         "email");
  }
  if (local.front() == '"') {
    return core::invalid(text::quote(original) + ": quoted local parts are not supported", "email");
  }
  for (char c : local) {
    if (c != '.' && !is_atext(c)) {
      return core::invalid(text::quote(original) + " contains '" + std::string(1, c) +
                               "' before '@', which an address cannot contain",
                           "email");
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos) {
    return core::invalid(text::quote(original) +
                             ": the part before '@' cannot start or end with a dot or have two "
                             "dots in a row",
                         "email");
  }
  CR_ASSIGN_OR_RETURN(DomainName host, to_ascii_domain(domain, "email"));

  Normalized out;
  out.kind = Kind::kEmail;
  // Local parts are case-sensitive in theory, never in practice: providers fold case.
  const std::string local_key = text::to_lower_unicode(local);
  out.value = local_key + "@" + host.ascii;
  out.display = local + "@" + host.unicode;
  out.parts["local"] = local_key;
  out.parts["domain"] = host.ascii;
  if (host.unicode != host.ascii) out.parts["domain_unicode"] = host.unicode;
  // Gmail ignores dots and anything after '+': the same mailbox under many spellings.
  if (host.ascii == "gmail.com" || host.ascii == "googlemail.com") {
    std::string mailbox = local_key.substr(0, local_key.find('+'));
    mailbox = text::remove_chars(mailbox, ".");
    out.parts["mailbox"] = mailbox + "@gmail.com";
  } else {
    out.parts["mailbox"] = out.value;
  }
  return out;
}

}  // namespace crossroads::normalize
