// Internal string helpers shared by the normalisers (not part of the public API).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crossroads::normalize::text {

std::string_view trim(std::string_view s);
std::string to_upper_ascii(std::string_view s);
std::string to_lower_ascii(std::string_view s);
// Full Unicode lower-casing (ICU, root locale); ill-formed UTF-8 becomes U+FFFD.
std::string to_lower_unicode(std::string_view s);
bool is_digit(char c);
bool is_alpha(char c);
bool is_alnum(char c);
bool all_digits(std::string_view s);
// Well-formed UTF-8 (no stray continuation bytes, overlong forms or surrogates).
bool is_valid_utf8(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);
// Removes every byte that is in `chars`.
std::string remove_chars(std::string_view s, std::string_view chars);
// Folds Unicode digits, maps Unicode spaces to ' ' and Unicode dashes to '-'.
std::string fold_separators(std::string_view s);
// Luhn (mod 10) over ASCII digits, the rightmost being the check digit.
bool luhn_valid(std::string_view digits);
// The value as it appears in an error message: quoted, cut to a readable length.
std::string quote(std::string_view s);
// ISO 3166 alpha-2 (any case) or alpha-3 code to upper-case alpha-2, if ICU knows it.
std::optional<std::string> country_alpha2(std::string_view code);
// "Italy" for "IT"; the code itself when unknown.
std::string country_name(std::string_view alpha2);

}  // namespace crossroads::normalize::text
