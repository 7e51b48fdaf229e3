#include "match/match_record.h"

#include <algorithm>
#include <cctype>

#include "ftm/schema.h"
#include "names/name_normalizer.h"

namespace crossroads::match {
namespace {

const std::vector<std::string>* values_of(const core::Entity& e, const char* property) {
  auto it = e.properties.find(property);
  return it == e.properties.end() ? nullptr : &it->second;
}

std::string first_value(const core::Entity& e, const char* property) {
  const auto* v = values_of(e, property);
  return v == nullptr || v->empty() ? std::string() : v->front();
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Addresses compare as folded word sequences: "Via Roma 12, Milano" -> "via roma 12 milano".
std::string fold_address(std::string_view s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      if (space && !out.empty()) out.push_back(' ');
      out.push_back(static_cast<char>(std::tolower(c)));
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

void add_identifier(MatchRecord& r, normalize::Kind kind, std::string_view value,
                    const normalize::Context& ctx, NormalizationCache* cache) {
  std::string canonical;
  if (cache != nullptr) {
    const std::string* found = cache->canonical(kind, value, ctx);
    if (found == nullptr) return;
    canonical = *found;
  } else {
    auto n = normalize::canonical(kind, value, ctx);
    if (!n.is_ok()) return;
    canonical = std::move(*n);
  }
  const auto same = [&](const Identifier& i) { return i.kind == kind && i.value == canonical; };
  if (std::none_of(r.identifiers.begin(), r.identifiers.end(), same)) {
    r.identifiers.push_back(Identifier{kind, std::move(canonical)});
  }
}

// The kinds whose normaliser costs more than a hash lookup (libphonenumber, ICU IDNA, Keccak
// checksums, platform tables); the others are a few passes over a short string.
bool worth_caching(normalize::Kind kind) {
  using normalize::Kind;
  return kind == Kind::kPhone || kind == Kind::kEmail || kind == Kind::kUrl ||
         kind == Kind::kOnlineAccount || kind == Kind::kCryptoWallet;
}

// The identifier kind of an FtM property of type "identifier", or nothing when the property is
// not one the matcher links on (wikidataId, programId...).
std::optional<normalize::Kind> identifier_kind(std::string_view schema, std::string_view prop) {
  using normalize::Kind;
  if (prop == "passportNumber" || prop == "idNumber" || prop == "socialSecurityNumber" ||
      prop == "personalNumber") {
    return Kind::kDocument;
  }
  if (prop == "number" && (schema == "Passport" || schema == "Identification")) {
    return Kind::kDocument;
  }
  if (prop == "registrationNumber" && (schema == "Vehicle" || schema == "Airplane")) {
    return Kind::kPlate;
  }
  if (prop == "imoNumber") return Kind::kImo;
  if (prop == "mmsi") return Kind::kMmsi;
  if (prop == "bic" || prop == "swiftBic") return Kind::kBic;
  if (prop == "publicKey" && schema == "CryptoWallet") return Kind::kCryptoWallet;
  if (prop == "imei" || prop == "imeiNumber") return Kind::kImei;
  return std::nullopt;
}

}  // namespace

NormalizationCache::NormalizationCache(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 1)) {
  newer_.reserve(capacity_);
}

const std::string* NormalizationCache::canonical(normalize::Kind kind, std::string_view value,
                                                 const normalize::Context& ctx) {
  const auto uncached = [&]() -> const std::string* {
    auto n = normalize::canonical(kind, value, ctx);
    if (!n.is_ok()) return nullptr;
    uncached_ = std::move(*n);
    return &uncached_;
  };
  if (!worth_caching(kind)) return uncached();
  key_.clear();
  key_.push_back(static_cast<char>(kind));
  if (kind == normalize::Kind::kPhone) {
    // The same number is written many ways ("+34 624 39 23 78", "0034624392378", "624392378"
    // in a Spanish case): keyed by what libphonenumber is given, they meet.
    const std::string key = normalize::phone_cache_key(value, ctx);
    if (key.empty()) return uncached();  // refused before parsing: cheap
    key_.append(key);
  } else {
    // Country and platform come from the entity's properties (any text): each is preceded by
    // its length, so that no two contexts make the same key. The value comes last.
    const auto append_sized = [&](std::string_view part) {
      const auto n = static_cast<std::uint32_t>(part.size());
      key_.append(reinterpret_cast<const char*>(&n), sizeof n);
      key_.append(part);
    };
    append_sized(ctx.default_country);
    append_sized(ctx.platform);
    key_.append(value);
  }
  if (auto it = newer_.find(std::string_view(key_)); it != newer_.end()) {
    ++hits_;
    return it->second ? &*it->second : nullptr;
  }
  std::optional<std::string> result;
  if (auto it = older_.find(std::string_view(key_)); it != older_.end()) {
    ++hits_;
    result = std::move(it->second);
    older_.erase(it);  // moves to the newer generation below
  } else {
    ++misses_;
    auto n = normalize::canonical(kind, value, ctx);
    if (n.is_ok()) result = std::move(*n);
  }
  if (newer_.size() >= capacity_) {
    older_ = std::move(newer_);
    newer_ = Map();
    newer_.reserve(capacity_);
  }
  auto [it, inserted] = newer_.emplace(key_, std::move(result));
  return it->second ? &*it->second : nullptr;
}

PartialDate parse_partial_date(std::string_view t) {
  PartialDate d;
  auto digits = [&](std::size_t pos, std::size_t n) -> int {
    if (t.size() < pos + n) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4);
  if (y < 1000 || y > 2999) return d;
  d.year = y;
  if (t.size() >= 7 && t[4] == '-') {
    const int m = digits(5, 2);
    if (m >= 1 && m <= 12) {
      d.month = m;
      if (t.size() >= 10 && t[7] == '-') {
        const int day = digits(8, 2);
        if (day >= 1 && day <= 31) d.day = day;
      }
    }
  }
  return d;
}

MatchName to_match_name(std::string_view name) {
  names::NameParts parts = names::normalize_name(name);
  MatchName out;
  out.tokens = std::move(parts.tokens);
  out.keys = std::move(parts.keys);
  out.display = std::string(name);
  return out;
}

MatchRecord to_match_record(const core::Entity& e, const std::string& desk_country,
                            NormalizationCache* cache) {
  MatchRecord r;
  r.entity_id = e.id;
  r.case_id = e.case_id;
  r.desk = desk_country;
  r.schema = e.schema;
  const ftm::SchemaSpec* spec = ftm::SchemaRegistry::builtin().find(e.schema);
  if (spec == nullptr) return r;
  const bool person = spec->is_a("Person");
  if (person) {
    r.schema = "Person";
    for (const char* prop : {"name", "alias", "previousName", "weakAlias"}) {
      if (const auto* v = values_of(e, prop)) {
        for (const auto& n : *v) {
          MatchName mn = to_match_name(n);
          if (!mn.tokens.empty()) r.names.push_back(std::move(mn));
        }
      }
      if (r.names.size() >= 8) break;
    }
    if (const auto* v = values_of(e, "birthDate")) {
      for (const auto& d : *v) {
        PartialDate pd = parse_partial_date(d);
        if (pd.year != 0 && (r.birth_date.year == 0 || pd.day > r.birth_date.day)) {
          r.birth_date = pd;
        }
      }
    }
    for (const char* prop : {"nationality", "citizenship"}) {
      if (const auto* v = values_of(e, prop)) {
        for (const auto& c : *v) {
          std::string code = upper_ascii(c);
          if (code.size() == 2 && std::find(r.nationalities.begin(), r.nationalities.end(), code) ==
                                      r.nationalities.end()) {
            r.nationalities.push_back(std::move(code));
          }
        }
      }
    }
    const std::string g = first_value(e, "gender");
    if (g == "male" || g == "m" || g == "M")
      r.gender = Gender::kMale;
    else if (g == "female" || g == "f" || g == "F")
      r.gender = Gender::kFemale;
    else if (g == "other")
      r.gender = Gender::kOther;
  }
  if (const auto* v = values_of(e, "address")) {
    for (const auto& a : *v) {
      std::string f = fold_address(a);
      if (f.size() >= 6) r.addresses.push_back(std::move(f));
    }
  }

  normalize::Context phone_ctx{desk_country, {}};
  // Documents: the document's own country, else the holder's nationality, else the desk's.
  std::string doc_country = first_value(e, "country");
  if (doc_country.empty() && !r.nationalities.empty()) doc_country = r.nationalities.front();
  if (doc_country.empty()) doc_country = desk_country;
  normalize::Context doc_ctx{upper_ascii(doc_country), {}};
  std::string plate_country = first_value(e, "country");
  normalize::Context plate_ctx{plate_country.empty() ? desk_country : upper_ascii(plate_country),
                               {}};

  for (const auto& [prop, values] : e.properties) {
    const ftm::PropertySpec* ps = spec->property(prop);
    // Lenient imports put phone/email/iban straight on a Person (FtM keeps IBANs on a
    // BankAccount): a property the schema lacks, named like a type, is read as that type.
    const std::string type = ps != nullptr ? ps->type : prop;
    std::optional<normalize::Kind> kind;
    const normalize::Context* ctx = &phone_ctx;
    if (type == "phone")
      kind = normalize::Kind::kPhone;
    else if (type == "email")
      kind = normalize::Kind::kEmail;
    else if (type == "iban")
      kind = normalize::Kind::kIban;
    else if (type == "identifier") {
      kind = identifier_kind(e.schema, prop);
      if (kind == normalize::Kind::kDocument) ctx = &doc_ctx;
      if (kind == normalize::Kind::kPlate) ctx = &plate_ctx;
    }
    if (!kind) continue;
    for (const auto& v : values) add_identifier(r, *kind, v, *ctx, cache);
  }
  if (e.schema == "UserAccount") {
    normalize::Context acct{desk_country, first_value(e, "service")};
    if (const auto* v = values_of(e, "username")) {
      for (const auto& u : *v) add_identifier(r, normalize::Kind::kOnlineAccount, u, acct, cache);
    }
  }
  return r;
}

}  // namespace crossroads::match
