// Language of a text with CLD2 (Compact Language Detector 2), the 83-language table that
// Debian ships as libcld2, plus rules for what that table lacks or gets wrong:
//  - Pashto (not in the table; CLD2 answers Persian): Arabic script with the letters only
//    Pashto writes (ټ ډ ړ ښ ږ ګ ڼ ې ۍ ځ څ) is "ps".
//  - Kurdish Sorani (not in the table; CLD2 answers nothing): Arabic script with the letters only
//    Sorani writes (ڕ ڵ ۆ ێ ە) is "ckb" (ISO 639-3: Sorani has no ISO 639-1 code). Kurmanji, in
//    Latin script, is in CLD2's table ("ku").
//  - Tigrinya and Amharic (not in the table): Ge'ez script is told apart by the letters and
//    small words only one of them uses ("ti", "am").
//  - Scripts of one language are settled without CLD2 (Greek "el", Armenian "hy", Georgian
//    "ka"), and a text without letters (numbers, links, emoji) is "und" without asking CLD2.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crossroads::extract {

// What a language was judged on.
enum class LanguageBasis {
  kNone,    // no letters, or nothing could be said: "und"
  kScript,  // the script and its letters settle it (Pashto, Sorani, Ge'ez, Greek, ...)
  kText,    // CLD2 on this text
  kSender,  // CLD2 on a sample of the same sender's messages in the same script (see below)
};
const char* basis_name(LanguageBasis basis);  // "none", "script", "text", "sender"

struct Language {
  std::string code = "und";  // ISO 639-1 where one exists ("ar", "fa"), else ISO 639-3 ("ckb")
  bool reliable = false;
  LanguageBasis basis = LanguageBasis::kNone;
};

// Ill-formed UTF-8 is cut at the first bad byte; a text without letters is "und".
Language detect_language(std::string_view text);

// One message of a conversation (a chat export, a thread): who wrote it and what.
struct Message {
  std::string_view sender;  // empty when unknown: then every message is judged on its own
  std::string_view text;
};

// The language of every message of one conversation, in order. CLD2 costs about as much per
// byte as finding the identifiers, so it is not run on every message: messages settled by their
// script are settled so; the rest are grouped by sender and script, and each window of up to
// kSenderWindow consecutive messages of a group is judged on a sample (one message in
// kSenderSampleStride, evenly spread, at least kSenderMinSample). When the sample is one language
// (CLD2 reliable, at least kSenderSamplePercent of its text), every message of the window gets that
// language (basis kSender); otherwise, or for groups of fewer than kSenderMinMessages messages or
// without a sender, every message is judged on its own text (basis kText).
std::vector<Language> detect_languages(std::span<const Message> messages);

inline constexpr std::size_t kSenderWindow = 24;
inline constexpr std::size_t kSenderSampleStride = 6;
inline constexpr std::size_t kSenderMinSample = 3;
inline constexpr std::size_t kSenderMinMessages = 4;
inline constexpr int kSenderSamplePercent = 90;

}  // namespace crossroads::extract
