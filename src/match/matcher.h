// The cross-case matcher: an in-memory index of MatchRecords that finds, for any entity, the
// entities of OTHER cases that share an exact identifier or are probably the same person.
//
// Two kinds of link, one Hit per entity pair:
//   - identifier links: a normalised identifier (phone, e-mail, IBAN, BIC, wallet, IMEI, IMO,
//     MMSI, plate+country, document+country, online account) held by entities of different
//     cases. A value held in more than `max_identifier_cases` cases (a hotline, a money-transfer
//     agent) is weighted down by its case frequency and stops producing strong hits.
//   - person links: candidate pairs come from blocking on pairs of variant-tolerant name keys
//     (and key + birth year); each pair is scored the Fellegi-Sunter way over name, birth date,
//     nationality, gender, shared identifiers, shared addresses and whether the two cases share
//     another identifier (collective evidence: the same network), with m/u probabilities
//     estimated by EM (estimate_parameters) and a term-frequency adjustment on name keys.
//     Every score carries a per-field explanation (log2 Bayes factors).
// Reviewer decisions override the model: a rejected pair never links, a confirmed one always.
//
// Thread-safety: any number of concurrent readers (match, compare, all_links, identities);
// writers (add, update, remove, decisions, estimate_parameters) are exclusive.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "match/match_record.h"

namespace crossroads::match {

// One line of an explanation: "name parts agree after transliteration", +8.1 (log2 Bayes
// factor: positive is evidence for the link, negative against).
struct Evidence {
  std::string field;  // "name", "birth_date", "nationality", "gender", "identifiers",
                      // "addresses", "cases", "prior", "decision", or an identifier kind ("phone")
  std::string text;
  double weight = 0;
};

struct Hit {
  enum class Kind : std::uint8_t { kIdentifier, kPerson };
  core::Id entity_id = 0;  // the entity asked about (or the smaller id in all_links)
  core::Id other_entity_id = 0;
  core::Id case_id = 0;
  core::Id other_case_id = 0;
  std::string desk;
  std::string other_desk;
  Kind kind = Kind::kIdentifier;
  double probability = 0;  // 0..1
  double weight = 0;       // log2 odds, sum of the evidence weights
  std::vector<Evidence> evidence;
  // What the link rests on, for the notice: "phone number", "passport / ID number",
  // "person: name and birth date", "reviewer confirmed".
  std::vector<std::string> evidence_kinds;
};

// A link without its explanation: what bulk linking keeps of each pair (24 bytes instead of a
// Hit's strings). Matcher::explain_link(a, b) gives the Hit with its evidence when it is shown.
struct Link {
  core::Id a = 0;  // a < b
  core::Id b = 0;
  float weight = 0;  // log2 odds
  Hit::Kind kind = Hit::Kind::kIdentifier;
  bool confirmed = false;  // a reviewer confirmed the pair
  double probability() const { return confirmed ? 1.0 : 1.0 / (1.0 + std::exp2(-weight)); }
};
static_assert(sizeof(Link) <= 24);

// "name parts agree after transliteration +8.1; birth year agrees, day and month swapped +3.2"
std::string explain(const std::vector<Evidence>& evidence);
const char* hit_kind_name(Hit::Kind kind);  // "identifier", "person"

struct Comparison {
  double probability = 0;
  double weight = 0;
  bool identifier_link = false;  // they share an identifier that is not common
  std::vector<Evidence> evidence;
};

struct Decision {
  core::Id a = 0;
  core::Id b = 0;
  bool confirmed = false;  // false: rejected
};

struct MatcherOptions {
  double threshold = 0.9;          // minimum probability of a hit
  int max_identifier_cases = 10;   // above this many cases an identifier is weighted down
  double identifier_weight = 10;   // log2 odds of a shared (not common) identifier
  std::size_t full_block = 400;    // blocks up to this size are compared in full...
  std::size_t max_block = 200000;  // ...larger ones only within +-1 birth year; beyond: skipped
  // Within a large block, more namesakes born within a year of each other than this are too
  // common to tell apart by name and year: they link only through identifiers. Bounds the work
  // per record, whatever the data (60,000 "John Smith"s born the same year).
  std::size_t max_window = 1000;
  double tf_factor = 1.0;  // share of the term-frequency adjustment applied to names
  double tf_cap = 6;       // |tf adjustment| cap (bits)
  int threads = 2;         // for all_links / estimate_parameters / add_all
};

// Fellegi-Sunter comparison fields and their levels (index order is rank: best first).
// kCases: whether the two records' cases share an identifier other than through these two
// records (the same phone, account or vehicle elsewhere in both cases: the same network), the
// evidence a prosecutor weighs beside the names when one record has no birth date.
enum class Field { kName, kBirthDate, kNationality, kGender, kIdentifiers, kAddresses, kCases };
inline constexpr int kFieldCount = 7;
inline constexpr int kMaxLevels = 8;

struct ModelParameters {
  double lambda = 0.05;  // P(match) among candidate pairs
  std::array<std::array<double, kMaxLevels>, kFieldCount> m{};
  std::array<std::array<double, kMaxLevels>, kFieldCount> u{};
  int iterations = 0;  // EM iterations run (0: defaults)
  bool converged = false;
  std::size_t pairs = 0;  // candidate pairs EM ran on
};

struct CommonIdentifier {
  Identifier identifier;
  int cases = 0;
  int records = 0;
};

class Matcher {
 public:
  explicit Matcher(MatcherOptions options = {});
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Index maintenance. add() of an id already indexed replaces it (as update()).
  void add(const MatchRecord& record);
  void update(const MatchRecord& record);
  void remove(core::Id entity_id);
  // Bulk start-up load; progress(done, total) is called every few thousand records.
  void add_all(const std::vector<MatchRecord>& records,
               const std::function<void(std::size_t, std::size_t)>& progress = {});
  std::size_t size() const;
  // Person records indexed in any of the cases (sorted). Whether two cases share an identifier
  // is evidence for their persons' links (Field::kCases): a write that adds or removes an
  // identifier in a case can change the links of every person of that case, so the caller
  // matches them again. From each case's list of persons: no pass over the index.
  std::vector<core::Id> case_persons(std::vector<core::Id> case_ids) const;
  // The case of an indexed entity that holds an identifier; nothing when it is not indexed or
  // holds none: the case whose identifiers a write or removal of the entity can change.
  std::optional<core::Id> case_with_identifiers(core::Id entity_id) const;

  // Hits of an indexed entity (or of a record not indexed) against entities of OTHER cases,
  // strongest first, at or above the threshold (and confirmed pairs always).
  std::vector<Hit> match(core::Id entity_id) const;
  std::vector<Hit> match(const MatchRecord& record) const;

  // Every cross-case link in the index (each pair once, a < b, sorted), using options().threads
  // threads, without explanations: bulk linking of a million records keeps only these.
  std::vector<Link> links() const;
  // The Hit (with its evidence) between two indexed entities, if they link; entity_id is the
  // smaller id. What links() leaves out, computed when a link is shown or recorded.
  std::optional<Hit> explain_link(core::Id a, core::Id b) const;
  // links() with every explanation: for indexes whose links fit in memory as Hits.
  std::vector<Hit> all_links() const;

  // Resolved identities: groups (size >= 2) of person records linked at `threshold`. Groups
  // grow strongest link first, and two groups merge only when the links between them are dense
  // enough (>= min_density of all member pairs, or one strong link between two singletons), so
  // weak links do not chain records into giant clusters. Confirmed pairs are always together,
  // rejected pairs never.
  std::vector<std::vector<core::Id>> identities(double threshold, double min_density = 0.34) const;
  // The same from links() already computed.
  std::vector<std::vector<core::Id>> identities(const std::vector<Link>& links, double threshold,
                                                double min_density = 0.34) const;

  // Reviewer decisions override the model.
  void set_decisions(const std::vector<Decision>& decisions);
  void apply_decision(const Decision& decision);

  // Estimates m, u and the prior by EM over up to max_pairs sampled candidate pairs of the
  // index (no labels). Call after a bulk load; until then sensible defaults are used.
  ModelParameters estimate_parameters(std::size_t max_pairs = 300000, int max_iterations = 50);
  ModelParameters parameters() const;
  void set_parameters(const ModelParameters& parameters);

  // Compares two records (indexed or not): probability and explanation. Uses the index's term
  // frequencies and parameters; works on an empty matcher too (compare anyone's data).
  Comparison compare(const MatchRecord& a, const MatchRecord& b) const;

  // Identifiers held in more than max_identifier_cases cases (hotlines, agents), most first.
  std::vector<CommonIdentifier> common_identifiers(std::size_t limit = 100) const;

  const MatcherOptions& options() const { return options_; }

 private:
  struct Index;
  MatcherOptions options_;
  mutable std::shared_mutex mutex_;
  std::unique_ptr<Index> index_;  // guarded by mutex_
};

// Links two sets of records (anyone's data): every pair (a from left, b from right) at or above
// the threshold, found by blocking, as Hits (case ids are whatever the records carry).
std::vector<Hit> link_sets(const std::vector<MatchRecord>& left,
                           const std::vector<MatchRecord>& right, MatcherOptions options = {});

}  // namespace crossroads::match
