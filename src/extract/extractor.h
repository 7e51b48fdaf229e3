// Identifiers in free text: chat messages, adverts, documents, OCR output, in any language and
// script. One linear scan finds cheap candidates (digit runs, '@', URLs, wallet-shaped tokens,
// BIC/IBAN keywords); each candidate is then validated by the normalisers of src/normalize, so
// only values that normalise are reported (precision first: a number that is not a valid phone
// or IBAN is not a finding). Used by the importers, the forms and the matcher.
//
// Owns: finding identifiers and the language of a text. Must not touch storage or the network;
// depends on normalize, core and CLD2 only.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/language.h"
#include "normalize/normalize.h"

namespace crossroads::extract {

struct Finding {
  normalize::Kind kind = normalize::Kind::kPhone;
  std::size_t begin = 0;  // byte offsets into the input: text.substr(begin, end - begin) == text
  std::size_t end = 0;
  std::string text;  // as written (Arabic-Indic digits, spaces and all)
  normalize::Normalized normalized;
};

struct Extraction {
  std::string language = "und";  // ISO 639-1 (CLD2 code), "und" when unknown
  bool language_reliable = false;
  LanguageBasis language_basis = LanguageBasis::kNone;  // what the language was judged on
  std::vector<Finding> findings;                        // ordered by begin, never overlapping
};

// Phone numbers already judged, so that a number a conversation repeats (often written
// differently: "+44 7522 862527", "+44-752-286-2527") costs libphonenumber's parse and
// validation (~30 µs) once. Keyed by the case's country and the number's digits and '+' signs
// (separators dropped, Arabic-Indic and Persian digits read as ASCII), which is all the phone
// normaliser's answer depends on; holds the normalised number or nothing (not a valid phone).
// Bounded: emptied when it reaches kMaxEntries. Not thread-safe: one per thread or batch.
class PhoneCache {
 public:
  static constexpr std::size_t kMaxEntries = 4096;

  // nullptr when the key has not been judged.
  const std::optional<normalize::Normalized>* find(std::string_view key) const;
  void insert(std::string_view key, std::optional<normalize::Normalized> phone);
  std::size_t size() const { return entries_.size(); }
  std::size_t hits() const { return hits_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::optional<normalize::Normalized>, Hash, std::equal_to<>>
      entries_;
  mutable std::size_t hits_ = 0;
};

// Identifiers and language of one text (a message, a line, a document).
//
// Phones: with ctx.default_country, national numbers are read in that country; without it
// only numbers written with + or 00 are reported. Bare @handles are reported as online
// accounts only when ctx.platform is set or the text names the platform near the handle
// ("telegram @name", "insta: @name"). IMEI, IMO and MMSI numbers are reported only after their
// keyword ("IMEI 35...", "IMO 9074729"), BICs only after "BIC" or "SWIFT". Vehicle plates,
// document numbers and dates are never extracted: free text gives no reliable cue for them.
// When candidates overlap, the longest valid one wins (an IBAN is not also a phone).
Extraction extract(std::string_view text, const normalize::Context& ctx = {});

// Identifiers and language of every message of one conversation (a chat export, a thread), in
// order: the identifiers of each message as extract() finds them, its language as
// detect_languages() judges it (by script, by its own text, or by a sample of its sender's
// messages: several times cheaper than CLD2 on every message, see language.h).
std::vector<Extraction> extract_conversation(std::span<const Message> messages,
                                             const normalize::Context& ctx = {});

// The identifiers only, without language detection (several times faster than CLD2 on chat
// text): for callers that need the language only when there is a finding.
std::vector<Finding> find_identifiers(std::string_view text, const normalize::Context& ctx = {});
// The same, remembering phone numbers across calls (the messages of a batch).
std::vector<Finding> find_identifiers(std::string_view text, const normalize::Context& ctx,
                                      PhoneCache& cache);

}  // namespace crossroads::extract
