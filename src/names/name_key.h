// Internal: the key builders behind token_keys() and NameParts::keys. See name_normalizer.h for
// what a key is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crossroads::names::detail {

// Keys of a folded Latin token (a-z; other bytes ignored), appended to out without duplicates.
void latin_token_keys(std::string_view folded, std::vector<std::string>& out);

// Keys of an Arabic-script token given as its letters (harakat, tatweel already removed),
// appended to out without duplicates, at most kMaxKeysPerToken.
void arabic_token_keys(std::u32string_view letters, std::vector<std::string>& out);

}  // namespace crossroads::names::detail
