// Person names across scripts: NFKC, transliteration to Latin and ASCII, case and diacritic
// folding, particles, and variant-tolerant keys that the matcher blocks on and compares.
//
// This module owns only the text of a name. It must not know about records, stores or scoring:
// the matcher (src/match) decides what a shared key is worth.
//
// Pipeline of normalize_name():
//   1. UTF-8 is decoded (ill-formed bytes become separators), NFKC is applied when needed,
//      markup (<b>, &amp;) and digits are removed.
//   2. Words are transliterated per script: ASCII as is; Latin with diacritics by a fold table;
//      Arabic, Persian, Urdu, Pashto and Kurdish letters by our own letter table (a consonant
//      skeleton, like ICU's Any-Latin, but 20x faster and keeping which letters were long
//      vowels); Cyrillic and Greek by our own tables; every other script (Ge'ez for Tigrinya and
//      Amharic, Devanagari, Bengali, ...) by ICU "Any-Latin; Latin-ASCII" held per thread.
//   3. Particles are resolved into tokens (see NameParts::tokens).
//   4. Each token gets a small set of keys (see token_keys below).
//
// Thread-safe: no shared mutable state; ICU transliterators are thread_local.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crossroads::names {

struct NameParts {
  std::string original;  // the input as given (may be ill-formed UTF-8)
  // Dominant script of the letters as an ISO 15924 code: "Latn", "Arab" (also Persian, Urdu,
  // Pashto), "Cyrl", "Grek", "Ethi", "Deva", "Beng", ...; "Zyyy" when there are no letters.
  std::string script;
  // Readable Latin form with case: "Mohamed Abd al-Rahman"; for Arabic script a consonant
  // skeleton such as "mhmd ʿbd alrhmn" (short vowels are not written in Arabic).
  std::string latin;
  // Folded lower-case ASCII words separated by single spaces: "mohamed abd al rahman".
  std::string ascii;
  // Meaningful name parts, folded, particles resolved:
  //   - "abd"/"abdel"/"abdul"/"abdoul"/"abdur..." and the following name (with its article)
  //     become one token "abdal<name>": Abdelrahman, Abdul Rahman, Abd al-Rahman, Abdurrahman
  //     -> "abdalrahman"; عبد الرحمن -> "ʿbdalrhmn" folded to "bdalrhmn".
  //   - kunya "Abu/Abou Ahmed" -> one token "abuahmed" (أبو أحمد likewise).
  //   - a separate article "al"/"el"/"ul" before a name is dropped: "El-Sayed" -> "sayed";
  //     a joined one ("Alsayed", "السيد") stays in the token and gets an extra key without it.
  //   - "... al-Din", "ud-Din", "-uddin", "-eddine" -> suffix "aldin" on the preceding name.
  //   - "bin", "ibn", "bint" and a non-initial "ben" between names are dropped ("Ben" first is a
  //     given name).
  std::vector<std::string> tokens;
  // keys[i] are the variant-tolerant keys of tokens[i] (at least one each, see token_keys).
  std::vector<std::vector<std::string>> keys;
};

// Normalises one person name. Never fails: empty or letter-less input gives no tokens.
NameParts normalize_name(std::string_view name);

// Variant-tolerant keys of one token. Two tokens "meet" when their key sets intersect.
//
// A key is a consonant skeleton over equivalence classes of the letters transliterations
// disagree on: b=p, f=v=ph, w, g=j=gh=dj=zh (ج غ گ ژ), k=c=q=ck (ك ق), h=kh (ح خ ه), x=ks,
// t=th (ت ط ث), d=dh (د ض ذ), s=z=c(e/i) (س ص ز ظ), S=sh=ch=sch (ش چ), y, l, m, n, r;
// word-final t is d (Turkish Ahmet, Mehmet). Doubled letters are merged (Muhammad = Muhamad).
// Short vowels are dropped because Arabic script does not write them. What survives of vowels:
//   - a leading vowel becomes "A" (a, e, i) or "U" (o, u): Omar "Umr" vs Amr "Amr";
//   - a diphthong ai/ei/ay/ey or a consonant y is "y": Hussein/Husain/Hossein/Hüseyin "hsyn"
//     vs Hassan "hsn" vs Hassanein "hsnyn"; ou/oo in the last syllable is "w" (Mahmoud);
//   - the final vowel becomes "A" (a, ah), "I" (i, y, ee, ie, ay) or "U" (o, u); a final e is
//     silent: Ali "AlI" vs Alia "AlA".
// A Latin token has one key, or up to 4 (8 with a joined article: "alsayed" gives "syd" and
// "Alsyd") when a spelling reads differently in other languages: ch = sh/k/kh, ci = si/chi,
// final -ic = -ich, j = j/kh, v = f/w, w = w/v, inner th/dh = t+h/d+h (Fathi). An Arabic-script
// token has one key per reading of its ambiguous letters (ي and و in the middle of a word are a
// long vowel or a consonant, a final ه is h, a or silent, a leading ا/ع is A or U, a leading ال is
// an article or not), capped at kMaxKeysPerToken.
inline constexpr std::size_t kMaxKeysPerToken = 16;

// Keys of a folded Latin token (lower-case ASCII letters, as in NameParts::tokens of a Latin
// name). Other characters are ignored.
std::vector<std::string> token_keys(std::string_view folded_token);
// The first key of token_keys(): the one to show and to count term frequencies on.
std::string token_key(std::string_view folded_token);

// All keys of a name, each once, in token order: what the matcher blocks on.
std::vector<std::string> name_keys(const NameParts& parts);

// True when some token of a meets some token of b (they share a key).
bool share_key(const NameParts& a, const NameParts& b);

}  // namespace crossroads::names
