// What the matcher keeps of an entity: normalised identifiers and, for persons, the parts of
// each name, the birth date (partial allowed), nationalities, gender and addresses. Extracted
// once from an FtM entity by to_match_record(); the matcher never sees raw property text.
#pragma once

#include <cstdint>
#include <string>
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
};

// A partial date: year 0 = unknown; month/day 0 = not recorded.
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;
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
};

// Builds the MatchRecord of an FtM entity. Property types come from the built-in FtM schema:
// phone, email and iban properties are normalised as such; identifier properties by name
// (passportNumber/idNumber/number of Passport and Identification -> document with the
// document's country, else the person's nationality, else the desk's; registrationNumber of a
// Vehicle -> plate; imoNumber, mmsi, bic/swiftBic, publicKey of a CryptoWallet; UserAccount
// username+service -> online account). Phones without a country code take `desk_country` as
// their region. Invalid values are skipped, never indexed as garbage. Thread-safe.
MatchRecord to_match_record(const core::Entity& entity, const std::string& desk_country);

// Parses an FtM date prefix "YYYY", "YYYY-MM" or "YYYY-MM-DD"; anything else is unknown.
PartialDate parse_partial_date(std::string_view text);

// A person name reduced to tokens and keys (names::normalize_name).
MatchName to_match_name(std::string_view name);

}  // namespace crossroads::match
