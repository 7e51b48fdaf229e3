#include "match/matcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "core/assert.h"
#include "core/huge_pages.h"
#include "core/parallel.h"
#include "match/inline_vec.h"
#include "match/person_model.h"

namespace crossroads::match {
namespace {

constexpr std::uint32_t kNameSep = 0xFFFFFFFFu;
constexpr std::uint32_t kTempBase = 0x80000000u;  // ids of values only a query record holds
constexpr std::size_t kMaxTokensPerName = 6;
constexpr std::size_t kMaxNames = 6;
constexpr std::size_t kBlockKeysPerToken = 3;
constexpr std::size_t kMaxBlockKeys = 96;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Strings interned to dense integer ids.
class StringPool {
 public:
  std::uint32_t intern(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(s);
    ids_.emplace(strings_.back(), id);
    return id;
  }
  std::optional<std::uint32_t> find(std::string_view s) const {
    auto it = ids_.find(s);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  const std::string& str(std::uint32_t id) const { return strings_[id]; }
  std::size_t size() const { return strings_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids_;
  std::vector<std::string> strings_;
};

struct TokenEntry {
  std::string text;                  // folded token: "mohamed"
  InlineVec<std::uint32_t, 4> keys;  // sorted key ids
  std::uint32_t primary_key = 0;     // the key term frequencies are counted on
  // For blocking only: the primary key without its vowel classes and its w, y, h ("kdnA" and
  // "kdn" for Kidana / Kidane, "mhmwd" and "mhmd"), so that spellings whose keys differ in a
  // vowel still meet as candidates (and are then scored as typos). kNameSep: none.
  std::uint32_t coarse = kNameSep;
};

// The coarse blocking form of a key (see TokenEntry::coarse), or "" when too little is left.
std::string coarse_key(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c != 'A' && c != 'I' && c != 'U' && c != 'w' && c != 'y' && c != 'h') out.push_back(c);
  }
  if (out.size() < 3) out.clear();
  return out;
}

// What the index keeps per entity: ids only, one small vector per field, their values inside
// the record for all but unusual records: two cache lines, fetched at once (prefetch_ahead).
using NameTokens = InlineVec<std::uint32_t, 6>;
struct alignas(64) Rec {
  core::Id entity_id = 0;
  core::Id case_id = 0;
  std::uint32_t desk = 0;
  bool alive = false;
  bool person = false;
  bool indexed = false;  // false for query records
  std::int16_t year = 0;
  std::uint8_t month = 0;
  std::uint8_t day = 0;
  Gender gender = Gender::kUnknown;
  NameTokens names;                    // token ids, kNameSep between names
  InlineVec<std::uint16_t, 4> nats;    // sorted
  InlineVec<std::uint32_t, 4> idents;  // sorted identifier ids
  InlineVec<std::uint32_t, 4> addrs;   // sorted address ids
};
static_assert(sizeof(Rec) == 128, "a record is two cache lines");

// Values a query record holds that the index does not: temporary ids from kTempBase.
struct Overlay {
  std::unordered_map<std::string, std::uint32_t> tokens, keys, idents, addrs;
  std::vector<TokenEntry> token_entries;
  std::vector<std::string> key_strings;  // by temporary key id - kTempBase
  std::vector<Identifier> ident_values;
};

std::uint64_t pair_key(std::uint64_t a, std::uint64_t b) {
  if (a > b) std::swap(a, b);
  return (a << 32) | b;  // a < 2^31: bit 63 clear
}
std::uint64_t year_key(std::uint64_t key, int year) {
  return (std::uint64_t{1} << 63) | (key << 16) | static_cast<std::uint64_t>(year & 0xFFFF);
}

// A block entry: the record's birth year (biased to sort as unsigned) above its index, so that a
// block sorts by (year, index) as plain integers, without reading the records.
std::uint64_t block_entry(int year, std::uint32_t idx) {
  const int biased = std::clamp(year, -0x8000, 0x7FFF) + 0x8000;
  return (static_cast<std::uint64_t>(biased) << 32) | idx;
}
std::uint32_t entry_index(std::uint64_t entry) { return static_cast<std::uint32_t>(entry); }

// log2 of a count of records, from a table for the small ones: scoring takes one per agreeing
// name token of every candidate.
double log2_count(std::uint32_t count) {
  static const auto table = [] {
    std::array<double, 1024> t{};
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = std::log2(static_cast<double>(i));
    return t;
  }();
  return count < table.size() ? table[count] : std::log2(static_cast<double>(count));
}

// Damerau-Levenshtein (optimal string alignment) distance, capped: returns > cap early.
int edit_distance(std::string_view a, std::string_view b, int cap) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap) return cap + 1;
  if (n > 30 || m > 30) return a == b ? 0 : cap + 1;
  int d[32][32];
  for (int i = 0; i <= n; ++i) d[i][0] = i;
  for (int j = 0; j <= m; ++j) d[0][j] = j;
  for (int i = 1; i <= n; ++i) {
    int row_min = cap + 1;
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > cap) return cap + 1;
  }
  return d[n][m];
}

// Whether a and b are at most `cap` edits apart (optimal string alignment). The common prefix
// and suffix are cut first, and one edit is decided without the table: most token pairs the
// scoring asks about differ at once, and it asks millions of times.
bool within_edits(std::string_view a, std::string_view b, int cap) {
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer - std::min(a.size(), b.size()) > static_cast<std::size_t>(cap)) return false;
  std::size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  a.remove_prefix(p);
  b.remove_prefix(p);
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return a.size() + b.size() <= static_cast<std::size_t>(cap);
  if (cap <= 1) {
    if (cap == 0) return false;
    // What is left after the cuts begins and ends with a difference: one edit is a single
    // insertion or deletion, a substitution, or a transposition of two neighbours.
    if (a.size() == 1 && b.size() == 1) return true;
    return a.size() == 2 && b.size() == 2 && a[0] == b[1] && a[1] == b[0];
  }
  return edit_distance(a, b, cap) <= cap;
}

const char* identifier_label(normalize::Kind k) {
  using normalize::Kind;
  switch (k) {
    case Kind::kPhone:
      return "phone number";
    case Kind::kEmail:
      return "e-mail address";
    case Kind::kIban:
      return "IBAN";
    case Kind::kBic:
      return "BIC";
    case Kind::kPaymentCard:
      return "payment card";
    case Kind::kImei:
      return "IMEI";
    case Kind::kImo:
      return "IMO number";
    case Kind::kMmsi:
      return "MMSI";
    case Kind::kPlate:
      return "number plate";
    case Kind::kDocument:
      return "passport / ID number";
    case Kind::kUrl:
      return "URL";
    case Kind::kOnlineAccount:
      return "online account";
    case Kind::kCryptoWallet:
      return "crypto wallet";
    case Kind::kDate:
      return "date";
  }
  return "identifier";
}

std::string format_weight(double w) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", w);
  return buf;
}

// Makes room for `wanted` elements, growing geometrically: reserve() alone would rehash the
// whole map to the exact size at every batch of a load.
template <class Map>
void grow_to(Map& map, std::size_t wanted) {
  if (static_cast<double>(wanted) >
      static_cast<double>(map.bucket_count()) * map.max_load_factor()) {
    map.reserve(std::max(wanted, 2 * map.size()));
  }
}

struct PairIds {
  core::Id a, b;
  bool operator==(const PairIds&) const = default;
};
struct PairIdsHash {
  std::size_t operator()(const PairIds& p) const {
    return std::hash<core::Id>{}(p.a) * 1000003u ^ std::hash<core::Id>{}(p.b);
  }
};
PairIds ordered(core::Id a, core::Id b) { return a < b ? PairIds{a, b} : PairIds{b, a}; }

}  // namespace

// ---------------------------------------------------------------------------------------------

struct Matcher::Index {
  explicit Index(const MatcherOptions& o) : opts(o) {
    use_parameters(model::default_parameters());
    const double t = std::clamp(opts.threshold, 1e-9, 1 - 1e-9);
    threshold = std::log2(t / (1 - t));
  }

  const MatcherOptions& opts;
  ModelParameters params;
  // What scoring takes from params and the options, worked out once: a weight per field of
  // every candidate would otherwise be a log2 each.
  std::array<std::array<double, kMaxLevels>, kFieldCount> level_weights{};
  double prior = 0;
  double threshold = 0;  // the threshold probability as a weight

  void use_parameters(const ModelParameters& p) {
    params = p;
    for (int f = 0; f < kFieldCount; ++f) {
      for (int l = 0; l < kMaxLevels; ++l) level_weights[f][l] = model::level_weight(p, f, l);
    }
    prior = model::prior_weight(p);
  }
  double weight(int field, int level) const { return level_weights[field][level]; }

  StringPool token_pool;  // "text|key,key" -> token id
  std::vector<TokenEntry, core::HugePageAllocator<TokenEntry>> tokens;
  StringPool key_pool;
  std::vector<std::uint32_t> key_count;  // live person records per primary key
  double key_sum = 0, key_sumsq = 0;     // sum of counts and of their squares
  double log2_mean = 0;   // log2 of the count a name key typically has: max(1, sumsq / sum)
  StringPool ident_pool;  // "kind\x1fvalue"
  std::vector<normalize::Kind> ident_kind;
  std::vector<std::vector<std::uint32_t>> ident_post;  // identifier -> record indices
  std::vector<std::uint32_t> ident_cases;              // distinct cases holding it
  std::unordered_map<std::uint64_t, std::uint32_t> ident_case_count;  // (ident, case) -> records
  std::vector<std::vector<std::uint32_t>> case_idents;   // case index -> its identifiers, sorted
  std::vector<std::vector<std::uint32_t>> case_persons;  // case index -> its person records
  StringPool addr_pool;
  StringPool desk_pool;
  StringPool nat_pool;
  std::unordered_map<core::Id, std::uint32_t> case_index;

  std::vector<Rec, core::HugePageAllocator<Rec>> recs;  // read at random: on huge pages
  std::vector<std::uint32_t> free_slots;
  std::unordered_map<core::Id, std::uint32_t> by_entity;
  std::size_t live = 0;
  // Block key -> block_entry()s of its records, sorted (by year, then index).
  std::unordered_map<
      std::uint64_t, std::vector<std::uint64_t>, std::hash<std::uint64_t>, std::equal_to<>,
      core::HugePageAllocator<std::pair<const std::uint64_t, std::vector<std::uint64_t>>>>
      blocks;
  std::vector<std::uint64_t> unsorted_blocks;  // appended to by bulk inserts

  std::unordered_map<PairIds, bool, PairIdsHash> decisions;
  std::unordered_map<core::Id, std::vector<core::Id>> confirmed_with;

  // ----- preparing records ---------------------------------------------------------------

  // Interns (overlay == nullptr) or looks up (overlay given, index untouched) the values.
  std::uint32_t key_id(std::string_view k, Overlay* ov) {
    if (ov == nullptr) {
      const std::uint32_t id = key_pool.intern(k);
      if (id >= key_count.size()) key_count.resize(id + 1, 0);
      return id;
    }
    if (auto id = key_pool.find(k)) return *id;
    auto [it, fresh] = ov->keys.try_emplace(std::string(k), 0);
    if (fresh) {
      it->second = kTempBase + static_cast<std::uint32_t>(ov->keys.size() - 1);
      ov->key_strings.emplace_back(k);
    }
    return it->second;
  }

  // `composite` is the caller's buffer (one per thread), to build the pooled key in.
  std::uint32_t token_id(const std::string& text, const std::vector<std::string>& keys, Overlay* ov,
                         std::string& composite) {
    composite = text;
    composite.push_back('|');
    for (const auto& k : keys) {
      composite += k;
      composite.push_back(',');
    }
    if (auto id = token_pool.find(composite)) return *id;
    TokenEntry e;
    e.text = text;
    for (const auto& k : keys) e.keys.push_back(key_id(k, ov));
    e.primary_key = e.keys.empty() ? key_id(text, ov) : e.keys.front();
    if (const std::string c = coarse_key(keys.empty() ? text : keys.front()); !c.empty()) {
      e.coarse = key_id(c, ov);
    }
    std::sort(e.keys.begin(), e.keys.end());
    e.keys.erase(std::unique(e.keys.begin(), e.keys.end()), e.keys.end());
    if (ov == nullptr) {
      const std::uint32_t id = token_pool.intern(composite);
      tokens.push_back(std::move(e));
      return id;
    }
    auto [it, fresh] = ov->tokens.try_emplace(composite, 0);
    if (fresh) {
      it->second = kTempBase + static_cast<std::uint32_t>(ov->token_entries.size());
      ov->token_entries.push_back(std::move(e));
    }
    return it->second;
  }

  std::uint32_t pooled(StringPool& pool, std::unordered_map<std::string, std::uint32_t>* ovmap,
                       const std::string& s) {
    if (ovmap == nullptr) return pool.intern(s);
    if (auto id = pool.find(s)) return *id;
    auto [it, fresh] = ovmap->try_emplace(s, 0);
    if (fresh) it->second = kTempBase + static_cast<std::uint32_t>(ovmap->size() - 1);
    return it->second;
  }

  std::uint32_t ident_id(const Identifier& idf, Overlay* ov) {
    std::string composite = normalize::kind_name(idf.kind);
    composite.push_back('\x1f');
    composite += idf.value;
    if (ov == nullptr) {
      const std::uint32_t id = ident_pool.intern(composite);
      if (id >= ident_kind.size()) {
        ident_kind.resize(id + 1);
        ident_post.resize(id + 1);
        ident_cases.resize(id + 1, 0);
      }
      ident_kind[id] = idf.kind;
      return id;
    }
    if (auto id = ident_pool.find(composite)) return *id;
    auto [it, fresh] = ov->idents.try_emplace(composite, 0);
    if (fresh) {
      it->second = kTempBase + static_cast<std::uint32_t>(ov->ident_values.size());
      ov->ident_values.push_back(idf);
    }
    return it->second;
  }

  // A record's names as token ids (kNameSep between names). Fills the token and key pools only:
  // a bulk load runs it on one thread while prepare_values() fills the other pools.
  void prepare_names(const MatchRecord& r, Overlay* ov, NameTokens& names, std::string& composite) {
    names.clear();
    if (!r.is_person()) return;
    std::size_t n = 0;
    for (const auto& name : r.names) {
      if (name.tokens.empty()) continue;
      if (n++ == kMaxNames) break;
      if (!names.empty()) names.push_back(kNameSep);
      for (std::size_t i = 0; i < name.tokens.size() && i < kMaxTokensPerName; ++i) {
        static const std::vector<std::string> kNoKeys;
        names.push_back(
            token_id(name.tokens[i], i < name.keys.size() ? name.keys[i] : kNoKeys, ov, composite));
      }
    }
  }

  // Everything of a record but its names (desk, birth date, nationalities, gender, addresses,
  // identifiers).
  void prepare_values(const MatchRecord& r, Overlay* ov, Rec& rec) {
    rec.entity_id = r.entity_id;
    rec.case_id = r.case_id;
    rec.desk =
        ov == nullptr ? desk_pool.intern(r.desk) : desk_pool.find(r.desk).value_or(kTempBase);
    rec.person = r.is_person();
    if (rec.person) {
      rec.year = static_cast<std::int16_t>(r.birth_date.year);
      rec.month = static_cast<std::uint8_t>(r.birth_date.month);
      rec.day = static_cast<std::uint8_t>(r.birth_date.day);
      rec.gender = r.gender;
      for (const auto& n : r.nationalities) {
        rec.nats.push_back(static_cast<std::uint16_t>(
            ov == nullptr ? nat_pool.intern(n) : nat_pool.find(n).value_or(0xFFFF)));
      }
      std::sort(rec.nats.begin(), rec.nats.end());
    }
    for (const auto& a : r.addresses) {
      rec.addrs.push_back(pooled(addr_pool, ov == nullptr ? nullptr : &ov->addrs, a));
    }
    for (const auto& i : r.identifiers) rec.idents.push_back(ident_id(i, ov));
    for (auto* v : {&rec.addrs, &rec.idents}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
  }

  Rec prepare(const MatchRecord& r, Overlay* ov) {
    Rec rec;
    std::string composite;
    prepare_names(r, ov, rec.names, composite);
    prepare_values(r, ov, rec);
    return rec;
  }

  // ----- lookups shared by indexed and query records -------------------------------------

  const TokenEntry& token(std::uint32_t id, const Overlay* ov) const {
    if (id >= kTempBase) return ov->token_entries[id - kTempBase];
    return tokens[id];
  }
  std::uint32_t count_of_key(std::uint32_t key) const {
    return key >= kTempBase || key >= key_count.size() ? 0 : key_count[key];
  }
  // Distinct cases holding an identifier, counting the query's own case when not indexed.
  std::uint32_t cases_of(std::uint32_t ident, const Rec& query) const {
    if (ident >= kTempBase) return 1;
    return ident_cases[ident] + (query.indexed ? 0 : 1);
  }
  std::uint32_t max_cases() const { return static_cast<std::uint32_t>(opts.max_identifier_cases); }
  // A value held in more cases than max_identifier_cases (a hotline, an agent): weighted down,
  // neither a strong shared identifier nor evidence that two cases are one network.
  bool common(std::uint32_t ident, const Rec& query) const {
    return cases_of(ident, query) > max_cases();
  }
  double ident_weight(std::uint32_t cases) const {
    const double max_cases = std::max(1, opts.max_identifier_cases);
    if (cases <= max_cases) return opts.identifier_weight;
    return opts.identifier_weight - 4.0 * std::log2(cases / max_cases);
  }
  Identifier ident_value(std::uint32_t id, const Overlay* ov) const {
    if (id >= kTempBase) return ov->ident_values[id - kTempBase];
    const std::string& s = ident_pool.str(id);
    return Identifier{ident_kind[id], s.substr(s.find('\x1f') + 1)};
  }
  double threshold_weight() const { return threshold; }

  // ----- index maintenance ---------------------------------------------------------------

  // Blocking keys of a record: pairs of keys of two tokens of one name, and key + birth year.
  // Keys only a query holds (temporary ids) cannot meet anything and are skipped.
  void block_keys(const Rec& r, const Overlay* ov, std::vector<std::uint64_t>& out) const {
    out.clear();
    if (!r.person) return;
    std::size_t begin = 0;
    while (begin < r.names.size()) {
      std::size_t end = begin;
      while (end < r.names.size() && r.names[end] != kNameSep) ++end;
      for (std::size_t i = begin; i < end; ++i) {
        const TokenEntry& ti = token(r.names[i], ov);
        if (ti.text.size() < 2) continue;  // initials do not block
        const std::size_t ki = std::min(ti.keys.size(), kBlockKeysPerToken);
        if (r.year != 0) {
          for (std::size_t a = 0; a < ki; ++a) {
            if (ti.keys[a] < kTempBase) out.push_back(year_key(ti.keys[a], r.year));
          }
          if (ti.coarse < kTempBase) out.push_back(year_key(ti.coarse, r.year));
        }
        for (std::size_t j = i + 1; j < end; ++j) {
          const TokenEntry& tj = token(r.names[j], ov);
          if (tj.text.size() < 2) continue;
          const std::size_t kj = std::min(tj.keys.size(), kBlockKeysPerToken);
          for (std::size_t a = 0; a < ki; ++a) {
            for (std::size_t b = 0; b < kj; ++b) {
              if (ti.keys[a] != tj.keys[b] && ti.keys[a] < kTempBase && tj.keys[b] < kTempBase) {
                out.push_back(pair_key(ti.keys[a], tj.keys[b]));
              }
            }
          }
          if (ti.coarse < kTempBase && tj.coarse < kTempBase && ti.coarse != tj.coarse) {
            out.push_back(pair_key(ti.coarse, tj.coarse));
          }
        }
      }
      begin = end + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (out.size() > kMaxBlockKeys) out.resize(kMaxBlockKeys);
  }

  void count_keys(const Rec& r, int delta) {
    if (!r.person) return;
    std::vector<std::uint32_t> keys;
    for (std::uint32_t t : r.names) {
      if (t != kNameSep) keys.push_back(tokens[t].primary_key);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (std::uint32_t k : keys) {
      const double c = key_count[k];
      key_count[k] = static_cast<std::uint32_t>(static_cast<int>(key_count[k]) + delta);
      const double c2 = key_count[k];
      key_sum += c2 - c;
      key_sumsq += c2 * c2 - c * c;
    }
    log2_mean = std::log2(std::max(key_sum > 0 ? key_sumsq / key_sum : 1.0, 1.0));
  }

  std::uint32_t case_idx(core::Id c) {
    auto [it, fresh] = case_index.try_emplace(c, static_cast<std::uint32_t>(case_index.size()));
    return it->second;
  }

  void insert(const MatchRecord& mr, bool sorted_insert) {
    erase(mr.entity_id);
    std::string composite;
    Rec rec;
    prepare_names(mr, nullptr, rec.names, composite);
    prepare_values(mr, nullptr, rec);
    insert_prepared(std::move(rec), sorted_insert);
  }

  void insert_prepared(Rec rec, bool sorted_insert) {
    rec.alive = true;
    rec.indexed = true;
    std::uint32_t idx;
    if (!free_slots.empty()) {
      idx = free_slots.back();
      free_slots.pop_back();
      recs[idx] = std::move(rec);
    } else {
      idx = static_cast<std::uint32_t>(recs.size());
      recs.push_back(std::move(rec));
    }
    by_entity[recs[idx].entity_id] = idx;
    ++live;
    index_values(idx);
    std::vector<std::uint64_t> keys;
    index_blocks(idx, sorted_insert, keys);
  }

  // Term frequencies and identifier postings of record idx (not its blocks).
  void index_values(std::uint32_t idx) {
    const Rec& r = recs[idx];
    count_keys(r, +1);
    const std::uint64_t ci = case_idx(r.case_id);
    if (r.person) {
      if (ci >= case_persons.size()) case_persons.resize(ci + 1);
      case_persons[ci].push_back(idx);
    }
    for (std::uint32_t id : r.idents) {
      ident_post[id].push_back(idx);
      if (ident_case_count[(std::uint64_t{id} << 32) | ci]++ == 0) {
        ++ident_cases[id];
        if (ci >= case_idents.size()) case_idents.resize(ci + 1);
        auto& held = case_idents[ci];
        held.insert(std::lower_bound(held.begin(), held.end(), id), id);
      }
    }
  }

  // Record idx into its blocks: in place (sorted_insert), or appended for sort_blocks().
  void index_blocks(std::uint32_t idx, bool sorted_insert, std::vector<std::uint64_t>& keys) {
    const Rec& r = recs[idx];
    block_keys(r, nullptr, keys);
    const std::uint64_t entry = block_entry(r.year, idx);
    for (std::uint64_t k : keys) {
      auto& list = blocks[k];
      if (sorted_insert) {
        list.insert(std::lower_bound(list.begin(), list.end(), entry), entry);
      } else {
        list.push_back(entry);
        unsorted_blocks.push_back(k);
      }
    }
  }

  // Bulk load on two threads, in two steps, with the index it would have after one insert()
  // per record in order: the same ids in every pool (each pool is filled in record order), the
  // same record slots, the same blocks.
  //   1. Values are interned: the names (token and key pools) on one thread, everything else
  //      (desks, nationalities, addresses, identifiers) and the slots on the other.
  //   2. Records are indexed: term frequencies and identifier postings on one thread, the
  //      blocks on the other: each block's new entries sorted once and merged into it.
  // A batch that replaces indexed records or holds an entity twice goes one insert at a time.
  void insert_all(const std::vector<MatchRecord>& records, int threads,
                  const std::function<void(std::size_t, std::size_t)>& progress) {
    const std::size_t n = records.size();
    // The slots one insert() after another would take: the free ones, last freed first, then
    // new ones at the end. Records are prepared in place.
    const std::size_t reused = std::min(n, free_slots.size());
    const std::size_t old_size = recs.size();
    std::vector<std::uint32_t> slots(n);
    for (std::size_t i = 0; i < n; ++i) {
      slots[i] = i < reused ? free_slots[free_slots.size() - 1 - i]
                            : static_cast<std::uint32_t>(old_size + (i - reused));
    }
    recs.resize(old_size + (n - reused));
    std::size_t placed = 0;  // records entered in by_entity before any conflict
    bool distinct = true;
    auto intern = [&](int part) {
      if (part == 1) {
        std::string composite;
        for (std::size_t i = 0; i < n; ++i) {
          prepare_names(records[i], nullptr, recs[slots[i]].names, composite);
        }
        return;
      }
      for (std::size_t i = 0; i < n; ++i) {
        prepare_values(records[i], nullptr, recs[slots[i]]);
        if (distinct) {
          if (by_entity.try_emplace(records[i].entity_id, slots[i]).second) {
            ++placed;
          } else {
            distinct = false;
          }
        }
        if (progress && (i + 1) % 65536 == 0) progress((i + 1) / 2, n);
      }
    };
    run_parts(threads, intern);
    if (!distinct) {
      // Undo the placement and go one record at a time, as insert() would.
      for (std::size_t i = 0; i < placed; ++i) by_entity.erase(records[i].entity_id);
      std::vector<Rec> batch(n);
      for (std::size_t i = 0; i < n; ++i) {
        batch[i] = std::move(recs[slots[i]]);
        recs[slots[i]] = Rec{};
      }
      recs.resize(old_size);
      for (std::size_t i = 0; i < n; ++i) {
        erase(records[i].entity_id);
        insert_prepared(std::move(batch[i]), false);
      }
      sort_blocks();
      return;
    }
    free_slots.resize(free_slots.size() - reused);
    for (std::uint32_t idx : slots) {
      recs[idx].alive = true;
      recs[idx].indexed = true;
    }
    live += n;
    if (progress) progress(n / 2, n);
    auto index = [&](int part) {
      if (part == 0) {
        for (std::uint32_t idx : slots) index_values(idx);
      } else {
        add_to_blocks(slots);
      }
    };
    run_parts(threads, index);
  }

  // Runs part(0) and part(1): on two threads when allowed, else one after the other.
  template <class Part>
  static void run_parts(int threads, Part&& part) {
    if (threads >= 2) {
      core::on_threads(2, [&](int t) { part(t); });
    } else {
      part(0);
      part(1);
    }
  }

  // Appends records (slots) to their blocks: the (block, entry) pairs of up to kChunk records at
  // a time are sorted together, so each block is looked up once per chunk and gets its new
  // entries as one sorted run, merged into what it held. Chunks bound the pairs held at once
  // (a start-up loads the whole store in one batch).
  void add_to_blocks(const std::vector<std::uint32_t>& slots) {
    struct Pair {
      std::uint64_t key, entry;
      bool operator<(const Pair& o) const { return key != o.key ? key < o.key : entry < o.entry; }
    };
    constexpr std::size_t kChunk = 1 << 17;
    std::vector<Pair> pairs;
    std::vector<std::uint64_t> keys;
    for (std::size_t first = 0; first < slots.size(); first += kChunk) {
      const std::size_t last = std::min(slots.size(), first + kChunk);
      pairs.clear();
      for (std::size_t s = first; s < last; ++s) {
        const Rec& r = recs[slots[s]];
        block_keys(r, nullptr, keys);
        const std::uint64_t entry = block_entry(r.year, slots[s]);
        for (std::uint64_t k : keys) pairs.push_back({k, entry});
      }
      std::sort(pairs.begin(), pairs.end());
      grow_to(blocks, blocks.size() + pairs.size() / 4);
      for (std::size_t i = 0; i < pairs.size();) {
        std::size_t j = i;
        while (j < pairs.size() && pairs[j].key == pairs[i].key) ++j;
        auto& list = blocks[pairs[i].key];
        const std::size_t before = list.size();
        for (std::size_t k = i; k < j; ++k) list.push_back(pairs[k].entry);
        if (before > 0 && list[before] < list[before - 1]) {
          std::inplace_merge(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(before),
                             list.end());
        }
        i = j;
      }
    }
  }

  // Bulk inserts append to their blocks and note the block once per record appended; here each
  // touched block sorts only its appended tail and merges it into the sorted rest, so a load in
  // many batches does not sort the large blocks again and again.
  void sort_blocks() {
    std::sort(unsorted_blocks.begin(), unsorted_blocks.end());
    for (std::size_t i = 0; i < unsorted_blocks.size();) {
      std::size_t j = i;
      while (j < unsorted_blocks.size() && unsorted_blocks[j] == unsorted_blocks[i]) ++j;
      auto it = blocks.find(unsorted_blocks[i]);
      if (it != blocks.end()) {
        auto& list = it->second;
        const std::size_t added = std::min(j - i, list.size());
        const auto middle = list.end() - static_cast<std::ptrdiff_t>(added);
        std::sort(middle, list.end());
        std::inplace_merge(list.begin(), middle, list.end());
      }
      i = j;
    }
    unsorted_blocks.clear();
    unsorted_blocks.shrink_to_fit();
  }

  void erase(core::Id entity_id) {
    auto it = by_entity.find(entity_id);
    if (it == by_entity.end()) return;
    const std::uint32_t idx = it->second;
    by_entity.erase(it);
    Rec& r = recs[idx];
    count_keys(r, -1);
    const std::uint64_t ci = case_idx(r.case_id);
    if (r.person && ci < case_persons.size()) {
      auto& persons = case_persons[ci];
      persons.erase(std::remove(persons.begin(), persons.end(), idx), persons.end());
    }
    for (std::uint32_t id : r.idents) {
      auto& post = ident_post[id];
      post.erase(std::remove(post.begin(), post.end(), idx), post.end());
      auto cc = ident_case_count.find((std::uint64_t{id} << 32) | ci);
      if (cc != ident_case_count.end() && --cc->second == 0) {
        ident_case_count.erase(cc);
        --ident_cases[id];
        auto& held = case_idents[ci];
        auto pos = std::lower_bound(held.begin(), held.end(), id);
        if (pos != held.end() && *pos == id) held.erase(pos);
      }
    }
    std::vector<std::uint64_t> keys;
    block_keys(r, nullptr, keys);
    for (std::uint64_t k : keys) {
      auto b = blocks.find(k);
      if (b == blocks.end()) continue;
      const std::uint64_t entry = block_entry(r.year, idx);
      b->second.erase(std::remove(b->second.begin(), b->second.end(), entry), b->second.end());
      if (b->second.empty()) blocks.erase(b);
    }
    r = Rec{};
    free_slots.push_back(idx);
    --live;
  }

  // ----- candidates ------------------------------------------------------------------------

  // Walks what may link with `q` (persons by blocking, anything by a shared identifier that can
  // still make a hit, confirmed partners): run(first, last) for each range of block entries and
  // one(index) for each record found otherwise. A record may come up more than once, q too.
  template <class Run, class One>
  void visit_candidates(const Rec& q, const Overlay* ov, bool by_name_only,
                        std::vector<std::uint64_t>& keys, Run&& run, One&& one) const {
    if (q.person && !q.names.empty()) {
      block_keys(q, ov, keys);
      for (std::uint64_t k : keys) {
        auto b = blocks.find(k);
        if (b == blocks.end()) continue;
        const auto& list = b->second;
        const bool year_block = (k >> 63) != 0;
        // EM samples name-pair blocks only: key + year blocks hold every namesake born that
        // year, which would teach EM that a shared birth year makes a match.
        if (year_block && by_name_only) continue;
        // Nor large name blocks, which are compared only within a year of q's birth: sampled so,
        // every one of their pairs agrees on the birth year, and EM takes namesakes born the same
        // year for matches (the more records, the more of them: at 300k persons the prior rose
        // from 0.02 to 0.07 and precision fell to 0.05).
        if (by_name_only && list.size() > opts.full_block) continue;
        if (list.size() <= opts.full_block) {
          run(list.data(), list.data() + list.size());
        } else if (!year_block && q.year != 0 && list.size() <= opts.max_block) {
          // Large name blocks (common names): only records born within a year of q.
          auto lo = std::lower_bound(list.begin(), list.end(), block_entry(q.year - 1, 0));
          auto hi = std::lower_bound(lo, list.end(), block_entry(q.year + 2, 0));
          if (static_cast<std::size_t>(hi - lo) <= opts.max_window) {
            run(list.data() + (lo - list.begin()), list.data() + (hi - list.begin()));
          }
        }
      }
    }
    if (!by_name_only) {
      const double tw = threshold_weight();
      for (std::uint32_t id : q.idents) {
        if (id >= kTempBase) continue;
        if (ident_weight(cases_of(id, q)) < tw) continue;  // common value: no pairwise hits
        for (std::uint32_t c : ident_post[id]) one(c);
      }
    }
    auto conf = confirmed_with.find(q.entity_id);
    if (conf != confirmed_with.end()) {
      for (core::Id other : conf->second) {
        auto it = by_entity.find(other);
        if (it != by_entity.end()) one(it->second);
      }
    }
  }

  // Indices of records that may link with `q`, sorted, excluding q itself (`self`).
  void candidates(const Rec& q, std::uint32_t self, const Overlay* ov,
                  std::vector<std::uint32_t>& out, std::vector<std::uint64_t>& scratch,
                  bool by_name_only = false) const {
    out.clear();
    visit_candidates(
        q, ov, by_name_only, scratch,
        [&](const std::uint64_t* first, const std::uint64_t* last) {
          for (; first != last; ++first) out.push_back(entry_index(*first));
        },
        [&](std::uint32_t c) { out.push_back(c); });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (self != kNameSep) out.erase(std::remove(out.begin(), out.end(), self), out.end());
  }

  // What bulk linking reuses from one record to the next on one thread.
  struct CandidateScratch {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> seen;  // per record index: 1 + the last `self` that took it
    std::vector<std::uint32_t> out;
  };

  // The candidates of indexed record `self` with a larger index, each once, in no particular
  // order: what links() scores (each pair once, from its smaller index). A stamp per record
  // replaces the sort and dedupe of candidates().
  void later_candidates(std::uint32_t self, CandidateScratch& s) const {
    s.out.clear();
    if (s.seen.size() < recs.size()) s.seen.resize(recs.size(), 0);
    const std::uint32_t stamp = self + 1;
    const auto take = [&](std::uint32_t c) {
      if (c > self && s.seen[c] != stamp) {
        s.seen[c] = stamp;
        s.out.push_back(c);
      }
    };
    visit_candidates(
        recs[self], nullptr, false, s.keys,
        [&](const std::uint64_t* first, const std::uint64_t* last) {
          for (; first != last; ++first) take(entry_index(*first));
        },
        take);
  }

  // ----- comparison ------------------------------------------------------------------------

  struct NameResult {
    int level = model::kNameDiffer;
    double tf = 0;
    bool via_alias = false;
    bool alias_only = false;  // the names differ; only an alias agrees
  };

  const std::string& key_text(std::uint32_t key, const Overlay* ov) const {
    return key >= kTempBase ? ov->key_strings[key - kTempBase] : key_pool.str(key);
  }

  // 3: the same token; 2: a shared variant key (a transliteration); 1: close (a typo, an
  // initial, or keys one letter apart: Salameh / Salama, Khadidja / Kadija); 0: different.
  int token_score(const TokenEntry& a, const TokenEntry& b, std::uint32_t ida, std::uint32_t idb,
                  const Overlay* ova, const Overlay* ovb) const {
    if (ida == idb || a.text == b.text) return 3;
    for (std::size_t i = 0, j = 0; i < a.keys.size() && j < b.keys.size();) {
      if (a.keys[i] == b.keys[j]) return 2;
      if (a.keys[i] < b.keys[j])
        ++i;
      else
        ++j;
    }
    if (a.text.empty() || b.text.empty()) return 0;
    if ((a.text.size() == 1 || b.text.size() == 1) && a.text[0] == b.text[0]) return 1;
    const std::size_t len = std::min(a.text.size(), b.text.size());
    if (len >= 4 && within_edits(a.text, b.text, len >= 8 ? 2 : 1)) {
      return 1;
    }
    if (len >= 4) {
      // The primary keys only: one comparison per token pair (every key against every key made
      // common names' queries cost milliseconds).
      const std::string& x = key_text(a.primary_key, ova);
      const std::string& y = key_text(b.primary_key, ovb);
      const std::size_t shorter = std::min(x.size(), y.size());
      if (shorter >= 3 && std::max(x.size(), y.size()) - shorter <= 1 && within_edits(x, y, 1)) {
        return 1;
      }
    }
    return 0;
  }

  NameResult compare_one_name(const std::uint32_t* a, std::size_t na, const std::uint32_t* b,
                              std::size_t nb, const Overlay* ova, const Overlay* ovb) const {
    NameResult res;
    const bool a_short = na <= nb;
    const std::uint32_t* s = a_short ? a : b;
    const std::uint32_t* l = a_short ? b : a;
    const std::size_t ns = a_short ? na : nb, nl = a_short ? nb : na;
    const Overlay* ovs = a_short ? ova : ovb;
    const Overlay* ovl = a_short ? ovb : ova;
    struct Cand {
      int score, dist;
      std::uint8_t i, j;
    };
    Cand cands[kMaxTokensPerName * kMaxTokensPerName];
    int nc = 0;
    for (std::size_t i = 0; i < ns; ++i) {
      const TokenEntry& ts = token(s[i], ovs);
      for (std::size_t j = 0; j < nl; ++j) {
        const int sc = token_score(ts, token(l[j], ovl), s[i], l[j], ovs, ovl);
        if (sc > 0) {
          cands[nc++] = Cand{sc, std::abs(static_cast<int>(i) - static_cast<int>(j)),
                             static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(j)};
        }
      }
    }
    std::sort(cands, cands + nc, [](const Cand& x, const Cand& y) {
      return x.score != y.score ? x.score > y.score : x.dist < y.dist;
    });
    int match_of[kMaxTokensPerName];
    int score_of[kMaxTokensPerName];
    bool used[kMaxTokensPerName] = {};
    std::fill(match_of, match_of + kMaxTokensPerName, -1);
    std::fill(score_of, score_of + kMaxTokensPerName, 0);
    for (int c = 0; c < nc; ++c) {
      if (match_of[cands[c].i] >= 0 || used[cands[c].j]) continue;
      match_of[cands[c].i] = cands[c].j;
      score_of[cands[c].i] = cands[c].score;
      used[cands[c].j] = true;
    }
    std::size_t matched = 0, strong = 0, exact = 0;
    bool ordered = true;
    int last = -1;
    for (std::size_t i = 0; i < ns; ++i) {
      if (match_of[i] < 0) continue;
      ++matched;
      if (score_of[i] >= 2) {
        ++strong;
        const std::uint32_t c1 = count_of_key(token(s[i], ovs).primary_key);
        const std::uint32_t c2 = count_of_key(token(l[match_of[i]], ovl).primary_key);
        res.tf += log2_mean - log2_count(std::max({c1, c2, 1u}));
      }
      if (score_of[i] == 3) ++exact;
      if (match_of[i] < last) ordered = false;
      last = match_of[i];
    }
    using namespace model;
    if (matched == ns && ns > 0) {
      if (ns == 1) {
        res.level = strong == 1 ? kNameSingle : kNamePartial;
      } else if (strong < ns) {
        res.level = kNameFuzzy;
      } else if (ns != nl) {
        res.level = kNameSubset;
      } else if (!ordered) {
        res.level = kNameSwapped;
      } else {
        res.level = exact == ns ? kNameExact : kNameTranslit;
      }
    } else if (strong >= 1) {
      res.level = kNamePartial;
    } else {
      res.level = kNameDiffer;
      res.tf = 0;
    }
    return res;
  }

  NameResult compare_names(const Rec& a, const Rec& b, const Overlay* ova,
                           const Overlay* ovb) const {
    NameResult best;
    bool first = true;
    int main_level = model::kNameDiffer;
    std::size_t an = 0;
    for (std::size_t abegin = 0; abegin < a.names.size(); ++an) {
      std::size_t aend = abegin;
      while (aend < a.names.size() && a.names[aend] != kNameSep) ++aend;
      std::size_t bn = 0;
      for (std::size_t bbegin = 0; bbegin < b.names.size(); ++bn) {
        std::size_t bend = bbegin;
        while (bend < b.names.size() && b.names[bend] != kNameSep) ++bend;
        NameResult r = compare_one_name(&a.names[abegin], aend - abegin, &b.names[bbegin],
                                        bend - bbegin, ova, ovb);
        r.via_alias = an > 0 || bn > 0;
        if (an == 0 && bn == 0) main_level = r.level;
        if (first || r.level < best.level || (r.level == best.level && r.tf > best.tf)) {
          best = r;
          first = false;
        }
        bbegin = bend + 1;
      }
      abegin = aend + 1;
    }
    // Aliases are often nicknames shared by many ("The Captain", "Abu Ahmed", "Reis"): when the
    // names themselves differ, agreeing on an alias is a partial agreement at most.
    if (best.via_alias && main_level >= model::kNameDiffer && best.level < model::kNamePartial) {
      best.level = model::kNamePartial;
      best.alias_only = true;
    }
    return best;
  }

  struct Scored {
    model::Levels levels{};
    double person_weight = -1e9;  // log2 odds incl. prior; -1e9 when not comparable
    double ident_weight = -1e9;   // best shared identifier weight
    bool ident_link = false;
    std::vector<std::uint32_t> shared_idents;
    NameResult name;
  };

  model::Levels levels_of(const Rec& a, const Rec& b, const Overlay* ova, const Overlay* ovb,
                          NameResult* name_out, std::vector<std::uint32_t>* shared,
                          bool with_cases = true) const {
    using namespace model;
    Levels lv;
    lv.fill(kNull);
    NameResult nr;
    if (!a.names.empty() && !b.names.empty()) {
      nr = compare_names(a, b, ova, ovb);
      lv[0] = static_cast<std::int8_t>(nr.level);
    }
    if (name_out != nullptr) *name_out = nr;
    if (a.year != 0 && b.year != 0) {
      if (a.year == b.year) {
        if (a.month && b.month && a.day && b.day) {
          if (a.month == b.month && a.day == b.day)
            lv[1] = kBirthExact;
          else if (a.month == b.day && a.day == b.month)
            lv[1] = kBirthSwapped;
          else
            lv[1] = kBirthSameYear;
        } else if (a.month && b.month && a.month != b.month) {
          lv[1] = kBirthSameYear;
        } else {
          lv[1] = kBirthYearOnly;
        }
      } else {
        lv[1] = std::abs(a.year - b.year) == 1 ? kBirthYearOff1 : kBirthDiffer;
      }
    }
    if (!a.nats.empty() && !b.nats.empty()) {
      bool agree = false;
      for (auto n : a.nats) {
        if (n != 0xFFFF && std::binary_search(b.nats.begin(), b.nats.end(), n)) agree = true;
      }
      lv[2] = agree ? 0 : 1;
    }
    if (a.gender != Gender::kUnknown && b.gender != Gender::kUnknown) {
      lv[3] = a.gender == b.gender ? 0 : 1;
    }
    if (!a.idents.empty() && !b.idents.empty()) {
      bool strong_shared = false;
      for (std::uint32_t id : a.idents) {
        if (std::binary_search(b.idents.begin(), b.idents.end(), id)) {
          if (shared != nullptr) shared->push_back(id);
          const Rec& q = a.indexed ? b : a;
          if (!common(id, q)) strong_shared = true;
        }
      }
      lv[4] = strong_shared ? 0 : 1;
    }
    if (!a.addrs.empty() && !b.addrs.empty()) {
      bool agree = false;
      for (std::uint32_t id : a.addrs) {
        if (std::binary_search(b.addrs.begin(), b.addrs.end(), id)) agree = true;
      }
      lv[5] = agree ? 0 : 1;
    }
    if (with_cases && a.person && b.person) lv[6] = cases_level(a, b, lv[0]);
    return lv;
  }

  // The cases of a and b share an identifier that is not common (held in both cases, other than
  // one a and b share themselves: that is the identifiers field). kNull when either case holds
  // no identifier. A query record not indexed brings its own identifiers to its case.
  std::int8_t cases_level(const Rec& a, const Rec& b, int name_level) const {
    const std::int8_t shared = model::cases_shared_level(name_level);
    const Rec& q = a.indexed ? b : a;
    const auto held = [&](const Rec& r) -> const std::vector<std::uint32_t>* {
      auto it = case_index.find(r.case_id);
      if (it == case_index.end() || it->second >= case_idents.size()) return nullptr;
      return &case_idents[it->second];
    };
    const auto* ha = held(a);
    const auto* hb = held(b);
    const bool a_extra = !a.indexed && !a.idents.empty();
    const bool b_extra = !b.indexed && !b.idents.empty();
    if ((ha == nullptr || ha->empty()) && !a_extra) return model::kNull;
    if ((hb == nullptr || hb->empty()) && !b_extra) return model::kNull;
    const auto strong = [&](std::uint32_t id) {
      return id < kTempBase && !common(id, q) &&
             !(std::binary_search(a.idents.begin(), a.idents.end(), id) &&
               std::binary_search(b.idents.begin(), b.idents.end(), id));
    };
    const auto in = [](const std::vector<std::uint32_t>* v, std::uint32_t id) {
      return v != nullptr && std::binary_search(v->begin(), v->end(), id);
    };
    if (ha != nullptr && hb != nullptr) {
      auto i = ha->begin(), j = hb->begin();
      while (i != ha->end() && j != hb->end()) {
        if (*i < *j) {
          ++i;
        } else if (*j < *i) {
          ++j;
        } else {
          if (strong(*i)) return shared;
          ++i;
          ++j;
        }
      }
    }
    if (a_extra) {
      for (std::uint32_t id : a.idents) {
        if (in(hb, id) && strong(id)) return shared;
      }
    }
    if (b_extra) {
      for (std::uint32_t id : b.idents) {
        if (in(ha, id) && strong(id)) return shared;
      }
    }
    return model::kCasesApart;
  }

  double name_tf_adjust(const NameResult& nr) const {
    if (nr.level >= model::kNamePartial) return 0;
    return std::clamp(opts.tf_factor * nr.tf, -opts.tf_cap, opts.tf_cap);
  }

  Scored score(const Rec& a, const Rec& b, const Overlay* ova, const Overlay* ovb) const {
    Scored s;
    s.levels = levels_of(a, b, ova, ovb, &s.name, &s.shared_idents, false);
    if (a.person && b.person && s.levels[0] != model::kNull) {
      double w = prior;
      for (int f = 0; f < kFieldCount; ++f) {
        if (s.levels[f] != model::kNull) w += weight(f, s.levels[f]);
      }
      w += name_tf_adjust(s.name);
      // Whether the cases share an identifier is looked at when it can decide the link: most
      // candidate pairs are far from the threshold either way (and it costs a merge of the two
      // cases' identifier lists). The same rule for bulk and incremental matching and for
      // explanations, so a pair always gets the same weight.
      constexpr int kCases = static_cast<int>(Field::kCases);
      const double yes = weight(kCases, model::cases_shared_level(s.name.level));
      const double no = weight(kCases, model::kCasesApart);
      const double t = threshold_weight();
      if (w + std::max(yes, no) >= t && w + std::min(yes, no) < t) {
        s.levels[kCases] = cases_level(a, b, s.name.level);
        if (s.levels[kCases] != model::kNull) {
          w += weight(kCases, s.levels[kCases]);
        }
      }
      // A person link rests on the names: records whose names differ link only through an
      // identifier (or a reviewer), whatever else agrees.
      // Unless they share a (not common) identifier and their birth date or year: then the same
      // person is recorded under another name (an alias, a false identity), and both records say
      // so in the fields a person cannot share by chance.
      const bool names_differ = s.name.level >= model::kNameDiffer;
      const bool same_person_elsewise = s.levels[4] == 0 && (s.levels[1] == model::kBirthExact ||
                                                             s.levels[1] == model::kBirthSwapped ||
                                                             s.levels[1] == model::kBirthYearOnly);
      s.person_weight = names_differ && !same_person_elsewise ? std::min(w, -1.0) : w;
    }
    const Rec& q = a.indexed ? b : a;
    for (std::uint32_t id : s.shared_idents) {
      s.ident_weight = std::max(s.ident_weight, ident_weight(cases_of(id, q)));
    }
    s.ident_link = s.ident_weight >= threshold_weight();
    return s;
  }

  void explain_into(const Rec& a, const Rec& b, const Scored& s, const Overlay* ova,
                    const Overlay* ovb, std::vector<Evidence>& ev,
                    std::vector<std::string>* kinds) const {
    const Rec& q = a.indexed ? b : a;
    if (s.person_weight > -1e8) {
      ev.push_back({"prior", "prior: share of candidate pairs that are the same person", prior});
      std::string agreeing;
      for (int f = 0; f < kFieldCount; ++f) {
        if (s.levels[f] == model::kNull) continue;
        double w = weight(f, s.levels[f]);
        std::string text = model::level_text(f, s.levels[f]);
        if (f == 0) {
          const double tf = name_tf_adjust(s.name);
          w += tf;
          if (tf > 1) text += ", a rare name";
          if (tf < -1) text += ", a common name";
          if (s.name.alias_only) {
            text = "the names differ, only an alias agrees (nicknames are shared)";
          } else if (s.name.via_alias) {
            text += " (through an alias)";
          }
        }
        if (f == 4 && s.levels[f] == 0) {
          for (std::uint32_t id : s.shared_idents) {
            if (!common(id, q)) {
              text +=
                  std::string(" (") + identifier_label(ident_value(id, ova ? ova : ovb).kind) + ")";
              break;
            }
          }
        }
        if (w > 0.5 && (f <= 1 || f == static_cast<int>(Field::kCases))) {
          if (!agreeing.empty()) agreeing += " and ";
          agreeing += f == 0 ? "name" : (f == 1 ? "birth date" : "linked cases");
        }
        ev.push_back({model::field_name(f), std::move(text), w});
      }
      if (kinds != nullptr && s.person_weight >= threshold_weight()) {
        kinds->push_back("person: " + (agreeing.empty() ? std::string("name") : agreeing));
      }
    }
    for (std::uint32_t id : s.shared_idents) {
      const Identifier v = ident_value(id, id >= kTempBase ? (ova ? ova : ovb) : nullptr);
      const std::uint32_t cases = cases_of(id, q);
      const double w = ident_weight(cases);
      std::string text = std::string("same ") + identifier_label(v.kind) + " " + v.value;
      if (cases > max_cases()) {
        text += ", held in " + std::to_string(cases) +
                " cases: a common value (hotline, agent?), weighted down";
      }
      ev.push_back({normalize::kind_name(v.kind), std::move(text), w});
      if (kinds != nullptr && w >= threshold_weight()) {
        const std::string label = identifier_label(v.kind);
        if (std::find(kinds->begin(), kinds->end(), label) == kinds->end()) {
          kinds->push_back(label);
        }
      }
    }
  }

  std::optional<bool> decision(core::Id a, core::Id b) const {
    auto it = decisions.find(ordered(a, b));
    if (it == decisions.end()) return std::nullopt;
    return it->second;
  }

  // Whether a and b link, and how (no explanation): what hit() and bulk linking share.
  struct Verdict {
    Scored scored;
    std::optional<bool> decision;
    Hit::Kind kind = Hit::Kind::kIdentifier;
    double weight = 0;
    double probability = 0;
  };
  std::optional<Verdict> verdict(const Rec& a, const Rec& b, const Overlay* ova,
                                 const Overlay* ovb) const {
    if (a.case_id == b.case_id) return std::nullopt;
    Verdict v;
    v.decision = decision(a.entity_id, b.entity_id);
    if (v.decision && !*v.decision) return std::nullopt;
    v.scored = score(a, b, ova, ovb);
    const Scored& s = v.scored;
    const bool person = s.person_weight >= threshold_weight();
    if (!v.decision && !person && !s.ident_link) return std::nullopt;
    v.kind = person || (v.decision && a.person && b.person && !s.ident_link)
                 ? Hit::Kind::kPerson
                 : Hit::Kind::kIdentifier;
    v.weight = std::max(s.person_weight, s.ident_weight);
    v.probability = v.decision ? 1.0 : model::probability_from_weight(v.weight);
    return v;
  }

  std::optional<Link> link(const Rec& a, const Rec& b) const {
    auto v = verdict(a, b, nullptr, nullptr);
    if (!v) return std::nullopt;
    Link l;
    l.a = std::min(a.entity_id, b.entity_id);
    l.b = std::max(a.entity_id, b.entity_id);
    l.kind = v->kind;
    l.weight = static_cast<float>(v->weight);
    l.confirmed = v->decision.has_value();
    return l;
  }

  // The hit between a and b, if any.
  std::optional<Hit> hit(const Rec& a, const Rec& b, const Overlay* ova, const Overlay* ovb) const {
    auto v = verdict(a, b, ova, ovb);
    if (!v) return std::nullopt;
    const auto& dec = v->decision;
    const Scored& s = v->scored;
    Hit h;
    h.entity_id = a.entity_id;
    h.other_entity_id = b.entity_id;
    h.case_id = a.case_id;
    h.other_case_id = b.case_id;
    h.desk = a.desk >= kTempBase ? std::string() : desk_pool.str(a.desk);
    h.other_desk = b.desk >= kTempBase ? std::string() : desk_pool.str(b.desk);
    h.kind = v->kind;
    h.weight = v->weight;
    h.probability = v->probability;
    if (dec) {
      h.evidence.push_back({"decision", "a reviewer confirmed this link", 0});
      h.evidence_kinds.push_back("reviewer confirmed");
    }
    explain_into(a, b, s, ova, ovb, h.evidence, &h.evidence_kinds);
    return h;
  }

  // Scoring is bound by memory: before scoring candidate k, fetch the records some candidates
  // ahead, then the values of those few records that keep them on the heap, then the name
  // tokens (shared between records, but spread over the whole token table). Always inlined: as
  // a call, GCC takes it for a function without effects and drops it.
  [[gnu::always_inline]] void prefetch_ahead(const std::vector<std::uint32_t>& cands,
                                             std::size_t k) const {
    constexpr std::size_t kAhead = 4;
    if (k + 3 * kAhead < cands.size()) {
      const char* p = reinterpret_cast<const char*>(&recs[cands[k + 3 * kAhead]]);
      __builtin_prefetch(p);
      __builtin_prefetch(p + sizeof(Rec) - 1);
    }
    if (k + 2 * kAhead < cands.size()) {
      const Rec& r = recs[cands[k + 2 * kAhead]];
      if (r.names.on_heap()) __builtin_prefetch(r.names.data());
      if (r.idents.on_heap()) __builtin_prefetch(r.idents.data());
      if (r.nats.on_heap()) __builtin_prefetch(r.nats.data());
      if (r.addrs.on_heap()) __builtin_prefetch(r.addrs.data());
    }
    if (k + kAhead < cands.size()) {
      const Rec& r = recs[cands[k + kAhead]];
      for (std::size_t n = 0; n < r.names.size() && n < 4; ++n) {
        if (r.names[n] != kNameSep) __builtin_prefetch(&tokens[r.names[n]]);
      }
    }
  }

  std::vector<Hit> match_rec(const Rec& q, std::uint32_t self, const Overlay* ov) const {
    std::vector<std::uint32_t> cands;
    std::vector<std::uint64_t> scratch;
    candidates(q, self, ov, cands, scratch);
    std::vector<Hit> hits;
    for (std::size_t k = 0; k < cands.size(); ++k) {
      prefetch_ahead(cands, k);
      const Rec& other = recs[cands[k]];
      if (!other.alive) continue;
      if (auto h = hit(q, other, ov, nullptr)) hits.push_back(std::move(*h));
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
      return x.probability != y.probability ? x.probability > y.probability : x.weight > y.weight;
    });
    return hits;
  }
};

// ---------------------------------------------------------------------------------------------

std::string explain(const std::vector<Evidence>& evidence) {
  std::string out;
  for (const auto& e : evidence) {
    if (e.field == "prior") continue;
    if (!out.empty()) out += "; ";
    out += e.text;
    if (e.field != "decision") out += " " + format_weight(e.weight);
  }
  return out;
}

const char* hit_kind_name(Hit::Kind kind) {
  return kind == Hit::Kind::kPerson ? "person" : "identifier";
}

Matcher::Matcher(MatcherOptions options)
    : options_(options), index_(std::make_unique<Index>(options_)) {}
Matcher::~Matcher() = default;

void Matcher::add(const MatchRecord& record) {
  std::unique_lock lock(mutex_);
  index_->sort_blocks();
  index_->insert(record, true);
}

void Matcher::update(const MatchRecord& record) { add(record); }

void Matcher::remove(core::Id entity_id) {
  std::unique_lock lock(mutex_);
  index_->erase(entity_id);
}

void Matcher::add_all(const std::vector<MatchRecord>& records,
                      const std::function<void(std::size_t, std::size_t)>& progress) {
  std::unique_lock lock(mutex_);
  // Grow geometrically: a load in many batches would otherwise move every record and rehash
  // every entity id once per batch.
  const std::size_t wanted = index_->recs.size() + records.size();
  if (wanted > index_->recs.capacity()) {
    index_->recs.reserve(std::max(wanted, 2 * index_->recs.capacity()));
  }
  grow_to(index_->by_entity, wanted);
  index_->insert_all(records, options_.threads, progress);
  index_->sort_blocks();  // after a batch that went one insert at a time
  if (progress) progress(records.size(), records.size());
}

std::vector<core::Id> Matcher::case_persons(std::vector<core::Id> case_ids) const {
  std::sort(case_ids.begin(), case_ids.end());
  case_ids.erase(std::unique(case_ids.begin(), case_ids.end()), case_ids.end());
  std::vector<core::Id> out;
  if (case_ids.empty()) return out;
  std::shared_lock lock(mutex_);
  const Index& ix = *index_;
  for (core::Id case_id : case_ids) {
    auto it = ix.case_index.find(case_id);
    if (it == ix.case_index.end() || it->second >= ix.case_persons.size()) continue;
    for (std::uint32_t idx : ix.case_persons[it->second]) out.push_back(ix.recs[idx].entity_id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<core::Id> Matcher::case_with_identifiers(core::Id entity_id) const {
  std::shared_lock lock(mutex_);
  auto it = index_->by_entity.find(entity_id);
  if (it == index_->by_entity.end()) return std::nullopt;
  const Rec& r = index_->recs[it->second];
  if (r.idents.empty()) return std::nullopt;
  return r.case_id;
}

std::size_t Matcher::size() const {
  std::shared_lock lock(mutex_);
  return index_->live;
}

std::vector<Hit> Matcher::match(core::Id entity_id) const {
  std::shared_lock lock(mutex_);
  auto it = index_->by_entity.find(entity_id);
  if (it == index_->by_entity.end()) return {};
  return index_->match_rec(index_->recs[it->second], it->second, nullptr);
}

std::vector<Hit> Matcher::match(const MatchRecord& record) const {
  std::shared_lock lock(mutex_);
  auto it = index_->by_entity.find(record.entity_id);
  Overlay ov;
  Rec q = index_->prepare(record, &ov);  // lookups only: the index is not modified
  q.alive = true;
  return index_->match_rec(q, it == index_->by_entity.end() ? kNameSep : it->second, &ov);
}

Comparison Matcher::compare(const MatchRecord& a, const MatchRecord& b) const {
  std::shared_lock lock(mutex_);
  Overlay ov;  // one overlay for both, so that values neither indexed still meet
  Rec ra = index_->prepare(a, &ov);
  Rec rb = index_->prepare(b, &ov);
  auto s = index_->score(ra, rb, &ov, &ov);
  Comparison c;
  c.weight = std::max(s.person_weight, s.ident_weight);
  if (c.weight < -1e8) c.weight = index_->prior;
  c.probability = model::probability_from_weight(c.weight);
  c.identifier_link = s.ident_link;
  index_->explain_into(ra, rb, s, &ov, &ov, c.evidence, nullptr);
  if (const auto dec = index_->decision(a.entity_id, b.entity_id)) {
    c.evidence.insert(
        c.evidence.begin(),
        Evidence{"decision",
                 *dec ? "a reviewer confirmed this link" : "a reviewer rejected this link", 0});
    c.probability = *dec ? 1 : 0;
  }
  return c;
}

namespace {
bool link_less(const Link& x, const Link& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; }
}  // namespace

std::vector<Link> Matcher::links() const {
  std::shared_lock lock(mutex_);
  const Index& ix = *index_;
  const int threads = std::max(1, options_.threads);
  std::vector<std::vector<Link>> parts(threads);
  auto work = [&](int t) {
    Index::CandidateScratch scratch;
    for (std::size_t i = t; i < ix.recs.size(); i += threads) {
      const Rec& q = ix.recs[i];
      if (!q.alive) continue;
      ix.later_candidates(static_cast<std::uint32_t>(i), scratch);
      const std::vector<std::uint32_t>& cands = scratch.out;
      for (std::size_t k = 0; k < cands.size(); ++k) {
        ix.prefetch_ahead(cands, k);
        const Rec& o = ix.recs[cands[k]];
        if (!o.alive) continue;
        if (auto l = ix.link(q, o)) parts[t].push_back(*l);
      }
    }
    // Sort each part in its thread and merge the sorted parts below.
    std::sort(parts[t].begin(), parts[t].end(), link_less);
  };
  core::on_threads(threads, work);
  std::vector<Link> out = std::move(parts[0]);
  for (int t = 1; t < threads; ++t) {
    std::vector<Link> merged(out.size() + parts[t].size());
    std::merge(out.begin(), out.end(), parts[t].begin(), parts[t].end(), merged.begin(), link_less);
    std::vector<Link>().swap(parts[t]);
    out.swap(merged);
  }
  return out;
}

std::optional<Hit> Matcher::explain_link(core::Id a, core::Id b) const {
  std::shared_lock lock(mutex_);
  const Index& ix = *index_;
  auto ia = ix.by_entity.find(std::min(a, b));
  auto ib = ix.by_entity.find(std::max(a, b));
  if (ia == ix.by_entity.end() || ib == ix.by_entity.end() || a == b) return std::nullopt;
  return ix.hit(ix.recs[ia->second], ix.recs[ib->second], nullptr, nullptr);
}

std::vector<Hit> Matcher::all_links() const {
  const std::vector<Link> compact = links();
  std::vector<Hit> out(compact.size());
  const int threads = std::max(1, options_.threads);
  std::vector<char> found(compact.size(), 0);
  auto work = [&](int t) {
    for (std::size_t i = t; i < compact.size(); i += threads) {
      if (auto h = explain_link(compact[i].a, compact[i].b)) {
        out[i] = std::move(*h);
        found[i] = 1;
      }
    }
  };
  core::on_threads(threads, work);
  // Only a write between the two calls can make a link vanish; drop those.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (found[i]) out[kept++] = std::move(out[i]);
  }
  out.resize(kept);
  return out;
}

std::vector<std::vector<core::Id>> Matcher::identities(double threshold, double min_density) const {
  return identities(links(), threshold, min_density);
}

std::vector<std::vector<core::Id>> Matcher::identities(const std::vector<Link>& all,
                                                       double threshold, double min_density) const {
  std::shared_lock lock(mutex_);
  const double t = std::clamp(threshold, 1e-9, 1 - 1e-9);
  std::unordered_map<core::Id, std::uint32_t> node;
  std::vector<core::Id> ids;
  auto node_of = [&](core::Id id) {
    auto [it, fresh] = node.try_emplace(id, static_cast<std::uint32_t>(ids.size()));
    if (fresh) ids.push_back(id);
    return it->second;
  };
  struct Edge {
    std::uint32_t a, b;
    double w;
    bool confirmed;
  };
  std::vector<Edge> edges;
  for (const Link& l : all) {
    if (l.kind != Hit::Kind::kPerson && !l.confirmed) continue;
    if (!l.confirmed && l.probability() < t) continue;
    edges.push_back({node_of(l.a), node_of(l.b), l.weight, l.confirmed});
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    return x.confirmed != y.confirmed ? x.confirmed : x.w > y.w;
  });
  const std::size_t n = ids.size();
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<std::vector<std::uint32_t>> members(n);
  for (std::uint32_t i = 0; i < n; ++i) members[i] = {i};
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (const Edge& e : edges) {
    adj[e.a].push_back(e.b);
    adj[e.b].push_back(e.a);
  }
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const Edge& e : edges) {
    std::uint32_t ra = find(e.a), rb = find(e.b);
    if (ra == rb) continue;
    if (members[ra].size() < members[rb].size()) std::swap(ra, rb);
    // Links between the two groups, and no rejected pair across them.
    std::size_t between = 0;
    bool rejected = false;
    for (std::uint32_t m : members[rb]) {
      for (std::uint32_t o : adj[m]) {
        if (find(o) == ra) ++between;
      }
      for (std::uint32_t o : members[ra]) {
        const auto d = index_->decision(ids[m], ids[o]);
        if (d && !*d) rejected = true;
      }
    }
    if (rejected) continue;
    const double pairs = static_cast<double>(members[ra].size() * members[rb].size());
    if (!e.confirmed && pairs > 1 && static_cast<double>(between) < min_density * pairs) continue;
    parent[rb] = ra;
    members[ra].insert(members[ra].end(), members[rb].begin(), members[rb].end());
    members[rb].clear();
  }
  std::vector<std::vector<core::Id>> out;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (parent[i] != i || members[i].size() < 2) continue;
    std::vector<core::Id> group;
    for (std::uint32_t m : members[i]) group.push_back(ids[m]);
    std::sort(group.begin(), group.end());
    out.push_back(std::move(group));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Matcher::set_decisions(const std::vector<Decision>& decisions) {
  std::unique_lock lock(mutex_);
  index_->decisions.clear();
  index_->confirmed_with.clear();
  lock.unlock();
  for (const auto& d : decisions) apply_decision(d);
}

void Matcher::apply_decision(const Decision& d) {
  std::unique_lock lock(mutex_);
  const PairIds key = ordered(d.a, d.b);
  auto& with_a = index_->confirmed_with[d.a];
  auto& with_b = index_->confirmed_with[d.b];
  with_a.erase(std::remove(with_a.begin(), with_a.end(), d.b), with_a.end());
  with_b.erase(std::remove(with_b.begin(), with_b.end(), d.a), with_b.end());
  index_->decisions[key] = d.confirmed;
  if (d.confirmed) {
    with_a.push_back(d.b);
    with_b.push_back(d.a);
  }
}

namespace {
constexpr std::size_t kMinEmPairs = 5000;
}  // namespace

ModelParameters Matcher::estimate_parameters(std::size_t max_pairs, int max_iterations) {
  std::unique_lock lock(mutex_);
  Index& ix = *index_;
  ix.sort_blocks();
  // Sample query records evenly; take their cross-case person candidate pairs.
  std::vector<std::uint32_t> persons;
  for (std::uint32_t i = 0; i < ix.recs.size(); ++i) {
    if (ix.recs[i].alive && ix.recs[i].person && !ix.recs[i].names.empty()) persons.push_back(i);
  }
  const int threads = std::max(1, options_.threads);
  std::vector<std::vector<model::Levels>> parts(threads);
  const std::size_t per_thread = max_pairs / threads + 1;
  // Stride so that about max_pairs pairs are found: start dense, the cap stops early.
  const std::size_t stride = std::max<std::size_t>(1, persons.size() / 200000);
  auto work = [&](int t) {
    std::vector<std::uint32_t> cands;
    std::vector<std::uint64_t> scratch;
    for (std::size_t k = t * stride; k < persons.size(); k += stride * threads) {
      const std::uint32_t i = persons[k];
      const Rec& q = ix.recs[i];
      ix.candidates(q, i, nullptr, cands, scratch, true);
      for (std::uint32_t c : cands) {
        const Rec& o = ix.recs[c];
        if (c <= i || !o.alive || !o.person || o.names.empty() || o.case_id == q.case_id) continue;
        parts[t].push_back(ix.levels_of(q, o, nullptr, nullptr, nullptr, nullptr));
      }
      if (parts[t].size() >= per_thread) break;
    }
  };
  core::on_threads(threads, work);
  std::vector<model::Levels> all;
  for (auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  // u of the fields other than the name from random cross-case pairs of persons; the name's u
  // must be conditional on blocking (every candidate shares name keys), so EM estimates it.
  ModelParameters start = model::default_parameters();
  std::vector<model::Levels> random_pairs;
  if (persons.size() >= 2) {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&] {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      return state;
    };
    for (int k = 0; k < 200000; ++k) {
      const Rec& a = ix.recs[persons[next() % persons.size()]];
      const Rec& b = ix.recs[persons[next() % persons.size()]];
      if (a.case_id == b.case_id) continue;
      random_pairs.push_back(ix.levels_of(a, b, nullptr, nullptr, nullptr, nullptr));
    }
  }
  model::estimate_u(random_pairs, start);
  // Random pairs tell how often fields agree by chance in general, but candidates are not
  // random: they share name keys, and people who share a name also tend to share a nationality
  // and a gender. Used as is, those u would count a namesake's nationality as evidence. Candidate
  // pairs born two or more years apart are (nearly) all different persons, so among them the
  // name, nationality, gender, identifier and address levels behave as they do among namesakes:
  // their u come from there. The birth date's u stays with the random pairs (birth dates do not
  // follow names). With every u fixed, EM estimates only m and the prior, and the latent "match"
  // class cannot drift into "namesake".
  std::vector<model::Levels> apart;
  for (const auto& l : all) {
    if (l[1] == model::kBirthDiffer) apart.push_back(l);
  }
  if (apart.size() >= 1000) {
    ModelParameters among_namesakes = start;
    model::estimate_u(apart, among_namesakes);
    for (int f = 0; f < kFieldCount; ++f) {
      if (f != static_cast<int>(Field::kBirthDate)) start.u[f] = among_namesakes.u[f];
    }
  }
  // A person link rests on the names (score() caps it when they differ). Candidates whose names
  // differ entered through an identifier or an alias, so among candidates such pairs are often
  // the same person, which would make "names differ" look like evidence. EM therefore runs on
  // the pairs whose names agree at least in part, and "names differ" keeps the model's default
  // (a strong penalty).
  std::vector<model::Levels> named;
  for (const auto& l : all) {
    if (l[0] != model::kNull && l[0] < model::kNameDiffer) named.push_back(l);
  }
  const ModelParameters defaults = model::default_parameters();
  // Too few candidate pairs to learn from (a small hub, a demo): EM would fit noise (on 1,843
  // pairs it put the prior at 1). The defaults, with u of the other fields from random pairs,
  // serve until the hub holds enough.
  if (named.size() < kMinEmPairs) {
    ModelParameters d = defaults;
    for (int f = 1; f < kFieldCount; ++f) d.u[f] = start.u[f];
    d.pairs = all.size();
    ix.use_parameters(d);
    return ix.params;
  }
  start.m[0][model::kNameDiffer] = 0;
  std::array<bool, kFieldCount> fixed{};
  fixed.fill(true);
  ModelParameters p = model::run_em(named, start, max_iterations, fixed);
  // Put "names differ" back with its default m (a typing error so bad that no key agrees) and
  // a u of at least one half (most pairs of people have different names).
  for (int l = 0; l < model::kNameDiffer; ++l) {
    p.m[0][l] *= 1 - defaults.m[0][model::kNameDiffer];
  }
  p.m[0][model::kNameDiffer] = defaults.m[0][model::kNameDiffer];
  p.u[0][model::kNameDiffer] = std::max(p.u[0][model::kNameDiffer], 0.5);
  // A record with a single name part is blocked on that part and its birth year, so every one
  // of its candidates agrees on both by construction: among them "only one name part recorded,
  // it agrees" is what almost every non-match looks like. Candidates born years apart never
  // show it, so the u estimated above would make it strong evidence; it takes a u of one half
  // (the name's term frequency still tells a rare part from a common one).
  p.u[0][model::kNameSingle] = std::max(p.u[0][model::kNameSingle], 0.5);
  p.pairs = all.size();
  ix.use_parameters(p);
  return ix.params;
}

ModelParameters Matcher::parameters() const {
  std::shared_lock lock(mutex_);
  return index_->params;
}

void Matcher::set_parameters(const ModelParameters& parameters) {
  std::unique_lock lock(mutex_);
  index_->use_parameters(parameters);
}

std::vector<CommonIdentifier> Matcher::common_identifiers(std::size_t limit) const {
  std::shared_lock lock(mutex_);
  const Index& ix = *index_;
  std::vector<CommonIdentifier> out;
  for (std::uint32_t id = 0; id < ix.ident_cases.size(); ++id) {
    if (ix.ident_cases[id] > static_cast<std::uint32_t>(options_.max_identifier_cases)) {
      out.push_back({ix.ident_value(id, nullptr), static_cast<int>(ix.ident_cases[id]),
                     static_cast<int>(ix.ident_post[id].size())});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const CommonIdentifier& a, const CommonIdentifier& b) { return a.cases > b.cases; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<Hit> link_sets(const std::vector<MatchRecord>& left,
                           const std::vector<MatchRecord>& right, MatcherOptions options) {
  // Left records all go into one pseudo-case and right queries into another, so that every
  // left-right pair is "cross-case" and no left-left pair is ever looked at.
  constexpr core::Id kLeft = -1, kRight = -2;
  Matcher m(options);
  std::vector<MatchRecord> l = left;
  std::unordered_map<core::Id, core::Id> left_case;
  for (auto& r : l) {
    left_case[r.entity_id] = r.case_id;
    r.case_id = kLeft;
  }
  m.add_all(l);
  if (l.size() >= 1000) m.estimate_parameters();
  std::vector<Hit> out;
  for (const auto& r : right) {
    MatchRecord q = r;
    q.case_id = kRight;
    for (Hit& h : m.match(q)) {
      h.case_id = r.case_id;
      h.other_case_id = left_case[h.other_entity_id];
      out.push_back(std::move(h));
    }
  }
  return out;
}

}  // namespace crossroads::match
