// The synthetic migrant-smuggling world: organised crime groups along real routes, the cases
// that national desks open on slices of them, the identifiers with the variation real files
// have, digital evidence, smuggling events, and the ground truth behind all of it.
//
// Generation streams network by network (a network is two or three groups that hand migrants
// over along one route): everything about a network is generated, handed to the Sink and
// forgotten, so memory does not grow with the size of the world. The output is a pure function
// of the Config: the same seed gives byte-identical output.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/status.h"

namespace crossroads::synth {

// Rates of the variation in person records and identifiers (docs/synthetic-world.md explains
// the defaults). Each is a probability per record (or per name part, for transliteration).
struct Variation {
  double name_original_script = 0.10;  // name written in its original script
  double name_transliteration = 0.35;  // a name part spelled with another transliteration
  double name_father_added = 0.15;     // father's name written between given and family name
  double name_missing_part = 0.07;     // given or family name missing
  double name_swapped = 0.06;          // family name taken for the given name
  double name_typo = 0.03;             // a letter dropped, doubled or swapped
  double surname_upper_case = 0.25;    // "ABDELRAHMAN Mohamed": style only, not a variant
  double alias = 0.15;                 // nickname or kunya recorded as alias
  double birth_year_only = 0.18;
  double birth_day_month_swapped = 0.05;
  double birth_missing = 0.15;
  double phone_foreign_national_style = 0.03;  // a foreign number written without country code
  double phone_mistyped = 0.01;
  double iban_mistyped = 0.01;
  double wallet_mistyped = 0.01;
  double iban_with_spaces = 0.5;
  double forged_passport = 0.25;  // of passports: forged, and then shared by 2 to 4 persons
};

struct Config {
  std::uint64_t seed = 7;
  std::string scale = "demo";
  std::int64_t persons = 300;   // true persons (smugglers and migrants) to generate
  double mean_group_size = 16;  // smugglers per group
  int first_year = 2019;
  int last_year = 2025;
  std::int64_t max_chat_files = 2000;  // chat exports written at most (they are files)
  // Count distinct names and namesakes among the persons in cases (Summary::names): keeps 24
  // bytes per person in cases until the end, so it is off unless asked (`synth --stats`).
  bool name_census = false;
  Variation variation;
};

// demo (~300 persons, ~40 cases), small (~5,000), medium (100,000), large (1,000,000), or a
// number of persons.
core::Result<Config> scale_config(std::string_view scale, std::uint64_t seed);

struct GeneratedCase {
  core::Case info;  // desk, reference, title, summary, offences, stage, stage_date, sensitivity,
                    // shared_with; ids and bookkeeping left to the store
  std::vector<core::Entity> entities;  // FtM; ftm_id unique in the world, references resolved
};

enum class Stream {
  kGroundTruth,  // ground-truth.jsonl: never read by matching code
  kCases,        // cases.jsonl: case metadata (reference, desk, shares)
  kEvents,       // events.csv: smuggling events
  kAdverts,      // adverts.jsonl: social-media adverts
  kPersonsCsv,   // persons.csv: person records as a CSV importer sees them
  kCooperation,  // cooperation.jsonl: JITs, coordination meetings, EIOs, EAWs per case
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual core::Status on_case(const GeneratedCase& generated) = 0;
  // One line without its newline. Header lines of the CSV files come first.
  virtual core::Status on_line(Stream stream, std::string_view line) = 0;
  // A file of digital evidence ("chats/IT-2023-000012-1.txt") and its content.
  virtual core::Status on_file(std::string_view path, std::string_view content) = 0;
};

// Overlap histograms: index k counts items seen in cases of k countries (desks), 5 = 5 or more;
// index 0 is unused.
using Overlap = std::array<std::int64_t, 6>;

// How distinct the names of the persons in cases are, and how often a person seen in two or
// more cases has a namesake: another person in cases with the same canonical full name (and
// the same birth year and nationality, or the same nationality). Pairs are the true pairs a
// matcher must find: k records of one person make k(k-1)/2.
struct NameCensus {
  std::int64_t persons_in_cases = 0;
  std::int64_t distinct_names = 0;  // canonical "given family"
  std::int64_t true_pairs = 0;
  std::int64_t pairs_namesake_same_year_nationality = 0;
  std::int64_t pairs_namesake_same_nationality = 0;
};

struct Summary {
  std::int64_t networks = 0;
  std::int64_t groups = 0;
  std::int64_t persons = 0;  // true persons
  std::int64_t smugglers = 0;
  std::int64_t migrants = 0;
  std::int64_t cases = 0;
  std::int64_t shares = 0;
  std::int64_t person_records = 0;
  std::int64_t name_variants = 0;  // person records whose name differs from the canonical one
  std::int64_t corrupted_identifiers = 0;
  std::int64_t events = 0;
  std::int64_t adverts = 0;
  std::int64_t chat_files = 0;
  // Hand-overs between groups on consecutive legs of a route (a giver of the upstream group
  // in contact with a receiver downstream), the calls that put the giver's phone into cases of
  // the downstream group, and hand-overs whose giver's phone is in cases of 2+ countries.
  std::int64_t handovers = 0;
  std::int64_t handover_contacts = 0;
  std::int64_t handovers_across_countries = 0;
  std::int64_t cooperation_records = 0;
  std::map<std::string, std::int64_t> cooperation_by_kind;
  std::map<std::string, std::int64_t> cases_by_desk;
  std::map<std::string, std::int64_t> entities_by_schema;
  Overlap persons_by_countries{};  // persons that appear in cases of k countries
  Overlap persons_by_cases{};      // ... in k cases
  std::map<std::string, Overlap> identifiers_by_countries;  // "phone", "iban", ...: canonical
                                                            // values in cases of k countries
  // Distinct names and namesakes of the persons in cases, filled when Config::name_census.
  NameCensus names;
};

using Progress = std::function<void(std::int64_t persons_done, std::int64_t persons_total)>;

core::Result<Summary> generate(const Config& config, Sink& sink, const Progress& progress = {});

// Human-readable counts and overlap, what `crossroads synth --stats` prints.
std::string format_summary(const Config& config, const Summary& summary);

}  // namespace crossroads::synth
