// IBAN (ISO 13616), BIC (ISO 9362) and payment card numbers (ISO/IEC 7812).
#include <algorithm>
#include <map>
#include <vector>

#include "normalize/normalize.h"
#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

// IBAN length by country, from the SWIFT IBAN registry.
const std::map<std::string, int, std::less<>>& iban_lengths() {
  static const std::map<std::string, int, std::less<>> table = {
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
      {"BG", 22}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22},
      {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20},
      {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22},
      {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
      {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30},
      {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21},
      {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
      {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
      {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33},
      {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
      {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29},
      {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
  };
  return table;
}

// ISO 7064 MOD 97-10 over the rearranged IBAN (letters as 10..35).
int iban_mod97(std::string_view iban) {
  int remainder = 0;
  auto feed = [&](char c) {
    if (text::is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      const int v = c - 'A' + 10;
      remainder = (remainder * 100 + v) % 97;
    }
  };
  for (char c : iban.substr(4)) feed(c);
  for (char c : iban.substr(0, 4)) feed(c);
  return remainder;
}

std::string group(std::string_view s, std::size_t size, char separator = ' ') {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && i % size == 0) out.push_back(separator);
    out.push_back(s[i]);
  }
  return out;
}

// Digits of a card number written with spaces, hyphens or dots; empty when anything else is
// in it.
std::string card_digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (text::is_digit(c)) {
      out.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.') {
      return {};
    }
  }
  return out;
}

bool prefix_in(std::string_view digits, int length, int low, int high) {
  if (digits.size() < static_cast<std::size_t>(length)) return false;
  int v = 0;
  for (int i = 0; i < length; ++i) v = v * 10 + (digits[static_cast<std::size_t>(i)] - '0');
  return v >= low && v <= high;
}

struct Brand {
  const char* name;
  std::vector<std::size_t> lengths;
};

Brand card_brand(std::string_view d) {
  if (prefix_in(d, 2, 34, 34) || prefix_in(d, 2, 37, 37)) return {"amex", {15}};
  if (prefix_in(d, 4, 2200, 2204)) return {"mir", {16, 17, 18, 19}};
  if (prefix_in(d, 2, 51, 55) || prefix_in(d, 4, 2221, 2720)) return {"mastercard", {16}};
  if (prefix_in(d, 1, 4, 4)) return {"visa", {13, 16, 19}};
  if (prefix_in(d, 4, 6011, 6011) || prefix_in(d, 2, 65, 65) || prefix_in(d, 3, 644, 649)) {
    return {"discover", {16, 17, 18, 19}};
  }
  if (prefix_in(d, 4, 3528, 3589)) return {"jcb", {16, 17, 18, 19}};
  if (prefix_in(d, 2, 36, 36) || prefix_in(d, 2, 38, 39) || prefix_in(d, 3, 300, 305)) {
    return {"diners", {14, 15, 16, 17, 18, 19}};
  }
  if (prefix_in(d, 2, 62, 62)) return {"unionpay", {16, 17, 18, 19}};
  if (prefix_in(d, 2, 50, 50) || prefix_in(d, 2, 56, 69))
    return {"maestro", {12, 13, 14, 15, 16, 17, 18, 19}};
  return {"unknown", {}};
}

std::string mask(std::string_view digits) {
  std::string masked(digits.size() - 4, '*');
  masked.append(digits.substr(digits.size() - 4));
  return group(masked, 4);
}

}  // namespace

core::Result<Normalized> normalize_iban(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  std::string s = text::to_upper_ascii(text::trim(text::fold_separators(original)));
  if (s.rfind("IBAN", 0) == 0) s = std::string(text::trim(std::string_view(s).substr(4)));
  if (!s.empty() && s[0] == ':') s.erase(0, 1);
  s = text::remove_chars(s, " -.\t");
  if (s.empty()) return core::invalid("the IBAN is empty", "iban");
  for (char c : s) {
    if (!text::is_alnum(c)) {
      return core::invalid(text::quote(original) +
                               " contains characters that cannot be in an IBAN (only letters "
                               "and digits)",
                           "iban");
    }
  }
  if (s.size() < 2 || !text::is_alpha(s[0]) || !text::is_alpha(s[1])) {
    return core::invalid(
        text::quote(original) + " does not start with a two-letter country code (e.g. DE, IT)",
        "iban");
  }
  const std::string country = s.substr(0, 2);
  const auto it = iban_lengths().find(country);
  if (it == iban_lengths().end()) {
    return core::invalid(
        text::quote(original) + ": " + country + " is not a country that uses IBANs", "iban");
  }
  if (s.size() != static_cast<std::size_t>(it->second)) {
    return core::invalid(
        "an IBAN from " + text::country_name(country) + " has " + std::to_string(it->second) +
            " characters, " + text::quote(original) + " has " + std::to_string(s.size()) +
            (s.size() < static_cast<std::size_t>(it->second) ? ": a character is missing"
                                                             : ": there is a character too many"),
        "iban");
  }
  if (!text::is_digit(s[2]) || !text::is_digit(s[3])) {
    return core::invalid(text::quote(original) +
                             ": the IBAN check digits (3rd and 4th "
                             "characters) must be digits",
                         "iban");
  }
  if (iban_mod97(s) != 1) {
    return core::invalid("IBAN check digits do not match (mod-97) in " + text::quote(original) +
                             ": a digit is probably mistyped",
                         "iban");
  }
  Normalized out;
  out.kind = Kind::kIban;
  out.value = s;
  out.display = group(s, 4);
  out.parts["country"] = country;
  out.parts["check_digits"] = s.substr(2, 2);
  out.parts["bban"] = s.substr(4);
  return out;
}

core::Result<Normalized> normalize_bic(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  const std::string s = text::remove_chars(text::to_upper_ascii(original), " -\t");
  if (s.size() != 8 && s.size() != 11) {
    return core::invalid("a BIC has 8 or 11 characters, " + text::quote(original) + " has " +
                             std::to_string(s.size()),
                         "bic");
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool ok = i < 6 ? text::is_alpha(s[i]) : text::is_alnum(s[i]);
    if (!ok) {
      return core::invalid(text::quote(original) +
                               " is not a BIC: 4 letters (bank), 2 letters (country), 2 letters "
                               "or digits (location), optionally 3 for the branch",
                           "bic");
    }
  }
  const std::string country = s.substr(4, 2);
  if (!text::country_alpha2(country)) {
    return core::invalid(text::quote(original) + ": " + country + " is not a country code", "bic");
  }
  Normalized out;
  out.kind = Kind::kBic;
  // "DEUTDEFF" and "DEUTDEFFXXX" name the same institution: the primary office.
  out.value = (s.size() == 11 && s.substr(8) == "XXX") ? s.substr(0, 8) : s;
  out.display = out.value;
  out.parts["bank"] = s.substr(0, 4);
  out.parts["country"] = country;
  out.parts["location"] = s.substr(6, 2);
  out.parts["branch"] = s.size() == 11 ? s.substr(8) : "XXX";
  if (s[7] == '0') out.parts["test"] = "true";
  return out;
}

core::Result<Normalized> normalize_payment_card(std::string_view value, const Context& /*ctx*/) {
  const std::string folded(text::trim(text::fold_separators(value)));
  const std::string digits = card_digits(folded);
  // Messages never repeat the full number: it may be shown to people who must not see it.
  if (digits.empty()) {
    return core::invalid(
        "a payment card number has only digits (spaces and hyphens allowed between them)",
        "payment_card");
  }
  if (digits.size() < 12 || digits.size() > 19) {
    return core::invalid(
        "a payment card number has 12 to 19 digits, this one has " + std::to_string(digits.size()),
        "payment_card");
  }
  const std::string last4 = digits.substr(digits.size() - 4);
  if (!text::luhn_valid(digits)) {
    return core::invalid(
        "the card number ending " + last4 + " fails the Luhn check: a digit is probably mistyped",
        "payment_card");
  }
  const Brand brand = card_brand(digits);
  if (!brand.lengths.empty() &&
      std::find(brand.lengths.begin(), brand.lengths.end(), digits.size()) == brand.lengths.end()) {
    return core::invalid("the " + std::string(brand.name) + " card number ending " + last4 +
                             " has " + std::to_string(digits.size()) +
                             " digits, which that brand does not issue",
                         "payment_card");
  }
  Normalized out;
  out.kind = Kind::kPaymentCard;
  out.value = digits;
  out.display = mask(digits);
  out.parts["brand"] = brand.name;
  out.parts["last4"] = last4;
  out.parts["iin"] = digits.substr(0, 6);
  return out;
}

}  // namespace crossroads::normalize
