// What the matcher keeps of an entity: normalised identifiers and, for persons, the parts of
// each name, the birth date (partial allowed), nationalities, gender and addresses. Extracted
// once from an FtM entity by to_match_record(); the matcher never sees raw property text.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/domain.h"
#include "normalize/normalize.h"

namespace crossroads::match {

// A normalised identifier: `value` is the canonical key of normalize::normalize().
struct Identifier {
  normalize::Kind kind = normalize::Kind::kPhone;
  std::string value;
  friend bool operator==(const Identifier&, const Identifier&) = default;
};

// One written name of a person, as names::normalize_name gives it: folded tokens and the
// variant-tolerant keys of each token (keys[i] belongs to tokens[i]).
struct MatchName {
  std::vector<std::string> tokens;
  std::vector<std::vector<std::string>> keys;
  std::string display;  // the name as written, for explanations
  friend bool operator==(const MatchName&, const MatchName&) = default;
};

// A partial date: year 0 = unknown; month/day 0 = not recorded.
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

enum class Gender : std::uint8_t { kUnknown, kMale, kFemale, kOther };

struct MatchRecord {
  core::Id entity_id = 0;
  core::Id case_id = 0;
  std::string desk;    // owning desk (ISO alpha-2)
  std::string schema;  // FtM schema, "Person"
  // Persons only (other schemata match on identifiers alone). names[0] is the main name, the
  // rest are aliases and previous names.
  std::vector<MatchName> names;
  PartialDate birth_date;
  std::vector<std::string> nationalities;  // upper-case ISO alpha-2
  Gender gender = Gender::kUnknown;
  std::vector<std::string> addresses;   // folded: lower-case ASCII words
  std::vector<Identifier> identifiers;  // deduplicated

  bool is_person() const { return schema == "Person"; }
  friend bool operator==(const MatchRecord&, const MatchRecord&) = default;
};

// Canonical identifier values already worked out on one thread, keyed by (kind, value, default
// country, platform); phones by what libphonenumber is given (normalize::phone_cache_key), so
// that "0034 62 439 2378" and "+34 624 39 23 78" are one parse. Resolving a whole store meets the
// same phone numbers again and again (the calls and payments of a case, the persons holding them):
// libphonenumber costs about 15 µs a number, a lookup a small fraction of that. normalize() is a
// pure function of those four, so a record resolved with a cache is the record resolved without
// one. Only the kinds whose normaliser costs more than a lookup are kept (phone, e-mail, URL,
// online account, crypto wallet). Bounded: two generations of at most `capacity` entries each; when
// the newer is full the older is dropped, so a value seen recently survives. Not thread-safe: one
// per thread.
class NormalizationCache {
 public:
  explicit NormalizationCache(std::size_t capacity = kDefaultCapacity);
  NormalizationCache(const NormalizationCache&) = delete;
  NormalizationCache& operator=(const NormalizationCache&) = delete;

  // The canonical value of `value` (normalize::normalize(kind, value, ctx)->value), or nullptr
  // when it is not valid. The pointer holds until the next call.
  const std::string* canonical(normalize::Kind kind, std::string_view value,
                               const normalize::Context& ctx);

  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }
  std::size_t size() const { return newer_.size() + older_.size(); }

  static constexpr std::size_t kDefaultCapacity = 1 << 16;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, std::optional<std::string>, Hash, std::equal_to<>>;
  std::size_t capacity_;
  Map newer_;
  Map older_;
  std::string key_;       // scratch: the key of the value being looked up
  std::string uncached_;  // the value of a kind that is not kept
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

// Builds the MatchRecord of an FtM entity. Property types come from the built-in FtM schema:
// phone, email and iban properties are normalised as such; identifier properties by name
// (passportNumber/idNumber/number of Passport and Identification -> document with the
// document's country, else the person's nationality, else the desk's; registrationNumber of a
// Vehicle -> plate; imoNumber, mmsi, bic/swiftBic, publicKey of a CryptoWallet; UserAccount
// username+service -> online account). Phones without a country code take `desk_country` as
// their region. Invalid values are skipped, never indexed as garbage. Thread-safe; with a
// cache (one per thread), values seen before are not normalised again (the same record).
MatchRecord to_match_record(const core::Entity& entity, const std::string& desk_country,
                            NormalizationCache* cache = nullptr);

// Parses an FtM date prefix "YYYY", "YYYY-MM" or "YYYY-MM-DD"; anything else is unknown.
PartialDate parse_partial_date(std::string_view text);

// A person name reduced to tokens and keys (names::normalize_name).
MatchName to_match_name(std::string_view name);

}  // namespace crossroads::match
