// Internal: per-code-point tables and per-script transliteration behind normalize_name().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace crossroads::names::detail {

enum class CharKind : std::uint8_t {
  kSeparator,  // spaces, punctuation, digits, symbols, ill-formed bytes
  kIgnore,     // inside a word but without a letter: combining marks, harakat, apostrophes
  kLatin,      // ASCII or Latin with diacritics: `ascii` is its folded form
  kCyrillic,   // folded by a context-free table: `ascii`
  kGreek,      // `base` is the lower-case letter without accents; needs its word (μπ, ντ)
  kArabic,     // Arabic, Persian, Urdu, Pashto, Kurdish letter: `base`
  kOther,      // a letter of another script: transliterated by ICU
};

struct CharInfo {
  CharKind kind = CharKind::kSeparator;
  bool upper = false;
  char ascii[5] = {};   // folded lower-case ASCII (kLatin, kCyrillic), NUL-terminated
  char32_t base = 0;    // kGreek, kArabic
  char script[5] = {};  // ISO 15924 code of the letter
};

// Classification of one code point; cheap (a table for U+0000..U+1FFF).
CharInfo char_info(char32_t cp);

// Readable Latin of an Arabic-script letter ("sh", "ʿ" for ain) and its ASCII fold ("sh", "").
std::string_view arabic_latin(char32_t letter);
std::string_view arabic_ascii(char32_t letter);

// Greek word (lower-case base letters) to lower-case ASCII, with the digraphs used for foreign
// names: μπ -> b, ντ -> d, γκ -> g, τζ -> j, ου -> u, αυ/ευ -> av/ev.
std::string greek_to_ascii(std::u32string_view word);

// ICU "Any-Latin; Latin-ASCII" of a run of letters, through a per-thread transliterator.
// Returns UTF-8 (mostly ASCII, a few Latin letters such as ǝ may remain).
std::string icu_to_latin(std::u32string_view run);

// NFKC of valid UTF-8 when it is not already normalised.
void nfkc_in_place(std::string& utf8);

}  // namespace crossroads::names::detail
