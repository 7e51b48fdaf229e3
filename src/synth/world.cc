#include "synth/world.h"

#include "app/desks.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "synth/countries.h"
#include "synth/evidence.h"
#include "synth/identifiers.h"
#include "synth/name_pools.h"
#include "synth/rng.h"
#include "synth/text.h"

namespace crossroads::synth {

namespace {

enum class Role {
  kLeader,
  kOrganiser,
  kRecruiter,
  kDriver,
  kBoatCaptain,
  kSafeHouseKeeper,
  kForger,
  kMoneyBroker,
  kOnlineFacilitator,
  kMigrant,
};

const char* role_name(Role role) {
  switch (role) {
    case Role::kLeader:
      return "leader";
    case Role::kOrganiser:
      return "organiser";
    case Role::kRecruiter:
      return "recruiter";
    case Role::kDriver:
      return "driver";
    case Role::kBoatCaptain:
      return "boat_captain";
    case Role::kSafeHouseKeeper:
      return "safe_house_keeper";
    case Role::kForger:
      return "document_forger";
    case Role::kMoneyBroker:
      return "money_broker";
    case Role::kOnlineFacilitator:
      return "online_facilitator";
    case Role::kMigrant:
      return "migrant";
  }
  return "unknown";
}

// How likely a member is to turn up in another country's case through seized phones, call
// records and traced transfers: the people who coordinate and hold the money are in contact
// with everyone, the foot soldiers with few.
double visibility(Role role) {
  switch (role) {
    case Role::kLeader:
      return 4;
    case Role::kOrganiser:
      return 3.5;
    case Role::kMoneyBroker:
      return 3;
    case Role::kOnlineFacilitator:
      return 1.5;
    case Role::kForger:
      return 2;
    case Role::kRecruiter:
      return 1;
    case Role::kDriver:
      return 0.7;
    case Role::kBoatCaptain:
      return 0.8;
    case Role::kSafeHouseKeeper:
      return 0.8;
    case Role::kMigrant:
      return 0;
  }
  return 1;
}

struct Phone {
  std::string e164;
  std::string country;
};

struct Person {
  std::int64_t id = 0;
  std::string key;  // "P0000001"
  Role role = Role::kMigrant;
  bool female = false;
  bool minor = false;
  Origin origin = Origin::kArabic;
  const NameForm* given = nullptr;
  const NameForm* father = nullptr;
  const NameForm* family = nullptr;
  std::string nickname;
  std::string birth_date;
  std::string nationality;  // upper case
  std::string based_in;
  std::vector<int> groups;  // indexes into Network::group_keys
  std::vector<Phone> phones;
  std::string email;
  std::string iban;
  const Bank* bank = nullptr;
  std::string wallet;
  std::string wallet_symbol;                                  // USDT, BTC, ETH
  std::vector<std::pair<std::string, std::string>> accounts;  // service, handle
  int passport = -1;
  std::string plate;
  std::string plate_country;
  std::string vehicle_model;
  int vessel = -1;

  bool smuggler() const { return role != Role::kMigrant; }
  std::string canonical_name() const { return given->latin[0] + " " + family->latin[0]; }
};

struct Passport {
  std::string number;
  std::string country;
  bool forged = false;
  std::vector<int> holders;
};

struct Vessel {
  std::string name;
  std::string imo;  // empty for boats without one
  std::string mmsi;
  std::string flag;
  std::string type;
};

struct SmugglingEvent {
  std::string key;
  std::string date;
  const Place* place = nullptr;
  int migrants = 0;
  int dead = 0;
  int missing = 0;
  std::string conveyance;
  int fee = 0;
  std::string channel;
  int minors = 0;
  std::vector<int> crew;  // persons
};

// Groups on consecutive legs of a route hand migrants over: a giver of the upstream group
// (who delivers them) is in contact with a receiver of the downstream group.
struct Handover {
  int from_group = 0;
  int to_group = 0;
  int giver = 0;     // person index
  int receiver = 0;  // person index
};

struct Network {
  int index = 0;
  std::string key;
  const Route* route = nullptr;
  int start_month = 0;  // months since January of first_year
  int months = 0;
  std::vector<std::string> group_keys;
  std::vector<std::string> group_base;
  std::vector<Person> people;
  std::vector<Passport> passports;
  std::vector<Vessel> vessels;
  std::vector<SmugglingEvent> events;
  std::string label;
  std::vector<Handover> handovers;
};

// Per-run counters that give every network, group, person and case its number.
struct Counters {
  std::int64_t person = 0;
  std::int64_t group = 0;
  std::int64_t cases = 0;
  std::int64_t event = 0;
  std::int64_t advert = 0;
};

std::string padded(const char* prefix, std::int64_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*lld", prefix, width, static_cast<long long>(n));
  return buf;
}

std::string month_string(int first_year, int month_index) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d", first_year + month_index / 12, month_index % 12 + 1);
  return buf;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

std::string date_in_month(Rng& rng, int first_year, int month_index) {
  const int year = first_year + month_index / 12;
  const int month = month_index % 12 + 1;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month,
                rng.range(1, days_in_month(year, month)));
  return buf;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Lower-case ASCII letters and digits of a Latin name, for handles and e-mail addresses.
std::string ascii_slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out.empty() ? "x" : out;
}

// The route intensity table: weight of each (route, month) for drawing when a network starts.
struct Calendar {
  int months = 0;
  std::vector<double> weights;                 // route-major
  std::vector<std::vector<double>> intensity;  // [route][month]
};

Calendar make_calendar(const Config& config) {
  Calendar cal;
  cal.months = (config.last_year - config.first_year + 1) * 12;
  for (const Route& route : routes()) {
    std::vector<double> row;
    for (int m = 0; m < cal.months; ++m) {
      double v = route.intensity;
      const std::string month = month_string(config.first_year, m);
      for (const RouteShift& shift : route.shifts) {
        if (month >= shift.date) v *= shift.factor;
      }
      // Summer peak on the sea routes.
      const int calendar_month = m % 12 + 1;
      if (route.sea && calendar_month >= 6 && calendar_month <= 9) v *= 1.4;
      row.push_back(v);
      cal.weights.push_back(v);
    }
    cal.intensity.push_back(std::move(row));
  }
  return cal;
}

const std::vector<std::string_view>& codenames() {
  static const std::vector<std::string_view> kNames = {
      "Sirocco",    "Mistral", "Libeccio", "Levante",   "Tramontana", "Poseidon", "Triton",
      "Nereus",     "Odyssey", "Ithaca",   "Argo",      "Delfino",    "Medusa",   "Caronte",
      "Scilla",     "Cariddi", "Dune",     "Oasis",     "Mirage",     "Caravan",  "Falcon",
      "Hawk",       "Kestrel", "Heron",    "Albatross", "Meltemi",    "Aegean",   "Anchor",
      "Lighthouse", "Harbour", "Compass",  "Sextant",   "Horizon",    "Crossing", "Bridge",
      "Border",     "Gateway", "Corridor", "Passage",   "Shadow",     "Ghost",    "Silk",
      "Cedar",      "Olive",   "Jasmine",  "Saffron",   "Amber",      "Cobalt",   "Onyx",
      "Granite",    "Tide",    "Current",  "Reef",      "Atoll",      "Pirogue",  "Cayuco",
      "Balkan",     "Danube",  "Sava",     "Drina",     "Vardar",     "Morava",   "Evros",
      "Maritsa",    "Bug",     "Niemen",   "Dover",     "Opal",
  };
  return kNames;
}

struct World {
  const Config& config;
  Sink& sink;
  Summary summary;
  Counters counters;
  Calendar calendar;
  std::int64_t chat_files = 0;
  // Config::name_census: per person in cases, hashes of its canonical name, of name + birth
  // year + nationality and of name + nationality; per person in 2+ cases, its pairs.
  struct CensusEntry {
    std::uint64_t name = 0;
    std::uint64_t name_year_nationality = 0;
    std::uint64_t name_nationality = 0;
  };
  std::vector<CensusEntry> census;
  std::vector<std::pair<CensusEntry, std::int64_t>> census_pairs;
};

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

void census_add(World& world, const Person& p, int cases) {
  const std::string name = p.canonical_name();
  World::CensusEntry e;
  e.name = fnv1a(name);
  e.name_nationality = fnv1a(name + "|" + p.nationality);
  e.name_year_nationality = fnv1a(name + "|" + p.nationality + "|" + p.birth_date.substr(0, 4));
  world.census.push_back(e);
  if (cases >= 2) {
    world.census_pairs.emplace_back(e, static_cast<std::int64_t>(cases) * (cases - 1) / 2);
  }
}

NameCensus census_result(const World& world) {
  NameCensus c;
  c.persons_in_cases = static_cast<std::int64_t>(world.census.size());
  std::vector<std::uint64_t> names;
  std::vector<std::uint64_t> year_nationality;
  std::vector<std::uint64_t> nationality;
  names.reserve(world.census.size());
  for (const auto& e : world.census) names.push_back(e.name);
  std::sort(names.begin(), names.end());
  c.distinct_names =
      static_cast<std::int64_t>(std::unique(names.begin(), names.end()) - names.begin());
  names = {};
  year_nationality.reserve(world.census.size());
  nationality.reserve(world.census.size());
  for (const auto& e : world.census) {
    year_nationality.push_back(e.name_year_nationality);
    nationality.push_back(e.name_nationality);
  }
  std::sort(year_nationality.begin(), year_nationality.end());
  std::sort(nationality.begin(), nationality.end());
  const auto others = [](const std::vector<std::uint64_t>& sorted, std::uint64_t key) {
    const auto [lo, hi] = std::equal_range(sorted.begin(), sorted.end(), key);
    return hi - lo - 1;  // the person itself is in the list
  };
  for (const auto& [e, pairs] : world.census_pairs) {
    c.true_pairs += pairs;
    if (others(year_nationality, e.name_year_nationality) > 0) {
      c.pairs_namesake_same_year_nationality += pairs;
    }
    if (others(nationality, e.name_nationality) > 0) c.pairs_namesake_same_nationality += pairs;
  }
  return c;
}

// ---- Networks -----------------------------------------------------------------------------

Origin origin_for(Rng& rng, std::string_view nationality) {
  const Country& c = country(nationality);
  // The first tradition of the country most of the time, the others (Kurds of Iraq and Syria,
  // Pashtuns of Afghanistan and Pakistan) for the rest.
  if (c.name_origins.size() > 1 && rng.chance(0.3)) {
    return c.name_origins[1 + rng.below(c.name_origins.size() - 1)];
  }
  return c.name_origins[0];
}

std::string pick_country(Rng& rng, const std::vector<std::string_view>& list) {
  return std::string(list[rng.below(list.size())]);
}

// Handles follow the platforms' rules: Facebook allows dots but no underscores, TikTok at most
// 24 characters, Telegram starts with a letter.
std::string make_handle(Rng& rng, const Person& p, std::string_view service) {
  static const std::vector<std::string_view> kWords = {"travel", "trip",  "europa",  "safe",
                                                       "vip",    "tours", "express", "way",
                                                       "road",   "boat",  "go",      "hope"};
  std::string base;
  if (!p.nickname.empty() && rng.chance(0.5)) {
    base = ascii_slug(p.nickname);
  } else {
    base = ascii_slug(p.given->latin[0]);
  }
  if (base.size() > 12) base.resize(12);
  if (base[0] >= '0' && base[0] <= '9') base = "a" + base;
  const char* separator = service == "facebook" ? "." : "_";
  std::string handle = base + separator + std::string(kWords[rng.below(kWords.size())]);
  if (rng.chance(0.6)) handle += std::to_string(rng.range(1, 999));
  return handle;
}

void add_identifiers(Rng& rng, const Network& net, Person& p) {
  const Route& route = *net.route;
  // Phones: one to three SIMs; smugglers carry local SIMs of where they operate.
  int phones = 1;
  if (p.smuggler()) phones = rng.chance(0.45) ? (rng.chance(0.3) ? 3 : 2) : 1;
  for (int i = 0; i < phones; ++i) {
    std::string where = p.based_in;
    const double r = rng.unit();
    if (r < 0.25) {
      where = p.nationality;
    } else if (r < 0.35) {
      where = pick_country(rng, route.arrival);
    }
    p.phones.push_back({make_mobile(rng, where), where});
  }
  if (rng.chance(p.smuggler() ? 0.3 : 0.1)) {
    static const std::vector<std::string_view> kDomains = {
        "gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "yahoo.fr", "proton.me"};
    // The person's number makes the address unique: two people never share a mailbox by chance.
    p.email = ascii_slug(p.given->latin[0]) + "." + ascii_slug(p.family->latin[0]) +
              std::to_string(p.id) + "@" + std::string(kDomains[rng.below(kDomains.size())]);
  }
  if (!p.smuggler()) return;
  const bool money =
      p.role == Role::kMoneyBroker || p.role == Role::kLeader || p.role == Role::kOrganiser;
  if (money || rng.chance(0.15)) {
    // An account in a country with IBANs where the person lives or does business.
    std::vector<std::string_view> options;
    for (std::string_view c : {std::string_view(p.based_in), std::string_view(p.nationality)}) {
      const Country* info = find_country(c);
      if (info && !info->iban_bban.empty() && !info->banks.empty()) options.push_back(info->code);
    }
    for (std::string_view c : route.onward) options.push_back(c);
    const std::string where = pick_country(rng, options);
    const Country& info = country(where);
    if (!info.banks.empty()) {
      p.iban = make_iban(rng, where);
      p.bank = &info.banks[rng.below(info.banks.size())];
    }
  }
  if (money || p.role == Role::kOnlineFacilitator || rng.chance(0.05)) {
    const double r = rng.unit();
    if (r < 0.7) {
      p.wallet = make_tron_address(rng);
      p.wallet_symbol = "USDT";
    } else if (r < 0.85) {
      p.wallet = make_bitcoin_address(rng);
      p.wallet_symbol = "BTC";
    } else {
      p.wallet = make_ethereum_address(rng);
      p.wallet_symbol = "ETH";
    }
  }
  if (p.role == Role::kOnlineFacilitator || p.role == Role::kRecruiter || rng.chance(0.1)) {
    static const std::vector<std::string_view> kServices = {"facebook", "telegram", "tiktok",
                                                            "instagram"};
    const int n = p.role == Role::kOnlineFacilitator ? rng.range(1, 3) : 1;
    for (int i = 0; i < n; ++i) {
      const std::string_view service = kServices[rng.below(kServices.size())];
      p.accounts.emplace_back(service, make_handle(rng, p, service));
    }
  }
  if (p.role == Role::kDriver || (p.role == Role::kOrganiser && rng.chance(0.3))) {
    static const std::vector<std::string_view> kModels = {"Mercedes-Benz Sprinter",
                                                          "Ford Transit",
                                                          "Volkswagen Crafter",
                                                          "Fiat Ducato",
                                                          "Renault Master",
                                                          "Iveco Daily",
                                                          "Volkswagen Passat",
                                                          "Škoda Octavia",
                                                          "Scania R450"};
    p.plate_country = route.sea ? pick_country(rng, route.onward) : p.based_in;
    if (!find_country(p.plate_country)) p.plate_country = p.based_in;
    p.plate = make_plate(rng, p.plate_country);
    p.vehicle_model = std::string(kModels[rng.below(kModels.size())]);
  }
}

bool is_european(std::string_view code) {
  static const std::set<std::string_view> kEurope = {"AT", "BE", "BG", "HR", "CY", "DE", "GR", "HU",
                                                     "IT", "LV", "LT", "MT", "NL", "PL", "ES", "SE",
                                                     "FR", "GB", "RS", "MK", "BA", "BY"};
  return kEurope.count(code) > 0;
}

// Share of persons of an origin whose family name is a forefather's given name.
double patronymic_family_share(Origin origin) {
  switch (origin) {
    case Origin::kTigrinya:
      return 0.7;
    case Origin::kArabic:
    case Origin::kKurdish:
      return 0.35;
    case Origin::kPashto:
      return 0.3;
    case Origin::kPersian:
    case Origin::kBengali:
    case Origin::kUrdu:
      return 0.2;
    default:
      return 0;
  }
}

Person make_person(Rng& rng, World& world, Network& net, Role role, std::string nationality,
                   std::string based_in, int group, const std::string& name_country = {}) {
  Person p;
  p.id = ++world.counters.person;
  p.key = padded("P", p.id, 7);
  p.role = role;
  p.nationality = std::move(nationality);
  p.based_in = std::move(based_in);
  if (group >= 0) p.groups.push_back(group);
  p.female = role == Role::kMigrant ? rng.chance(0.2) : rng.chance(0.07);
  p.origin = origin_for(rng, name_country.empty() ? p.nationality : name_country);
  const NamePool& pool = name_pool(p.origin);
  p.given = p.female ? &pool.female.draw(rng) : &pool.male.draw(rng);
  p.father = &pool.male.draw(rng);
  p.family = &pool.family.draw(rng);
  if (p.family->latin[0] == p.given->latin[0]) p.family = &pool.family.draw(rng);
  // Where names are patronymic, the "family name" on a document is often a forefather's given
  // name (Tesfay Kidane Haile: Haile is the grandfather; Ali Hassan Mahmoud), so family names are
  // far more varied than any list of surnames.
  if (rng.chance(patronymic_family_share(p.origin))) {
    const NameForm* forefather = &pool.male.draw(rng);
    if (forefather != p.given && forefather != p.father) p.family = forefather;
  }
  int birth_year = 0;
  if (role == Role::kMigrant) {
    p.minor = rng.chance(0.12);
    birth_year = net.start_month / 12 + world.config.first_year -
                 (p.minor ? rng.range(14, 17) : rng.range(18, 45));
  } else {
    birth_year = world.config.first_year - rng.range(18, 55);
  }
  const int month = rng.range(1, 12);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", birth_year, month,
                rng.range(1, days_in_month(birth_year, month)));
  p.birth_date = buf;
  if (role != Role::kMigrant && rng.chance(0.35) && !pool.nickname_patterns.empty()) {
    std::string pattern = pool.nickname_patterns[rng.below(pool.nickname_patterns.size())];
    const auto replace = [&](std::string_view what, const std::string& with) {
      const std::size_t at = pattern.find(what);
      if (at != std::string::npos) pattern.replace(at, what.size(), with);
    };
    // "Al-{family}" is said of a nisba or a plain family name (Al-Masri, Al-Haddad), not of
    // "Ben Ali" or "Abu Zaid": those get a kunya instead.
    std::string family = p.family->latin[0];
    for (std::string_view article : {"Al-", "El "}) {
      if (family.rfind(article, 0) == 0) family = family.substr(article.size());
    }
    if (pattern.find("{family}") != std::string::npos &&
        (family.find(' ') != std::string::npos || family.rfind("Abd", 0) == 0 ||
         family.rfind("Ben", 0) == 0 || family.rfind("Abu", 0) == 0)) {
      pattern = "Abu {son}";
    }
    replace("{son}", pool.male.draw(rng).latin[0]);
    replace("{given}", p.given->latin[0]);
    replace("{family}", family);
    p.nickname = pattern;
  }
  add_identifiers(rng, net, p);
  return p;
}

struct RoleCount {
  Role role;
  double share;  // of the group's members
};

// Composition of a group by its place on the route (leg 0: origin and departure, leg 1: the
// crossing, leg 2: onward travel in Europe).
std::vector<RoleCount> composition(int leg, bool sea) {
  if (leg == 0) {
    return {{Role::kOrganiser, 0.12},        {Role::kRecruiter, 0.30},
            {Role::kSafeHouseKeeper, 0.12},  {Role::kDriver, 0.16},
            {Role::kForger, 0.08},           {Role::kMoneyBroker, 0.10},
            {Role::kOnlineFacilitator, 0.12}};
  }
  if (leg == 1) {
    return {{Role::kOrganiser, 0.12},        {sea ? Role::kBoatCaptain : Role::kDriver, 0.30},
            {Role::kSafeHouseKeeper, 0.14},  {Role::kDriver, 0.16},
            {Role::kMoneyBroker, 0.10},      {Role::kRecruiter, 0.08},
            {Role::kOnlineFacilitator, 0.10}};
  }
  return {{Role::kOrganiser, 0.12}, {Role::kDriver, 0.40},      {Role::kSafeHouseKeeper, 0.16},
          {Role::kForger, 0.10},    {Role::kMoneyBroker, 0.12}, {Role::kOnlineFacilitator, 0.10}};
}

Network make_network(Rng& rng, World& world, int index) {
  Network net;
  net.index = index;
  net.key = padded("N", index + 1, 6);
  // The first networks take each route once, so that even the demo world has cases on every
  // route; the rest follow the routes' intensities over time.
  const auto months = static_cast<std::size_t>(world.calendar.months);
  const auto route_count = routes().size();
  std::size_t cell = 0;
  if (static_cast<std::size_t>(index) < route_count) {
    const auto r = static_cast<std::size_t>(index);
    cell = r * months + rng.weighted(world.calendar.intensity[r]);
  } else {
    cell = rng.weighted(world.calendar.weights);
  }
  net.route = &routes()[cell / months];
  net.start_month = static_cast<int>(cell % months);
  net.months = std::min(rng.range(3, 18), world.calendar.months - net.start_month);
  const Route& route = *net.route;
  const std::string departure = pick_country(rng, route.departure);
  const std::string arrival = pick_country(rng, route.arrival);
  const std::string onward = pick_country(rng, route.onward);
  const std::string origin = pick_country(rng, route.origins);
  const int group_count = rng.chance(0.6) ? 3 : 2;
  for (int g = 0; g < group_count; ++g) {
    net.group_keys.push_back(padded("G", ++world.counters.group, 6));
    const int leg = group_count == 2 ? (g == 0 ? 0 : 2) : g;
    const std::string base = leg == 0 ? departure : (leg == 1 ? departure : arrival);
    net.group_base.push_back(base);
    const double size_factor = 0.6 + 0.8 * rng.unit();
    const int size = std::max(5, static_cast<int>(world.config.mean_group_size * size_factor));
    // The leader first, then the roles by share.
    std::vector<Role> roles = {Role::kLeader};
    roles.reserve(static_cast<std::size_t>(std::max(size, 1)));
    std::vector<double> shares;
    const auto comp = composition(leg, route.sea);
    shares.reserve(comp.size());
    for (const auto& rc : comp) shares.push_back(rc.share);
    while (static_cast<int>(roles.size()) < size) roles.push_back(comp[rng.weighted(shares)].role);
    for (Role role : roles) {
      // Where the member works and which passport they hold.
      std::string based_in = base;
      std::string nationality = base;
      if (role == Role::kRecruiter && rng.chance(0.6)) based_in = origin;
      if (leg == 2 && role != Role::kLeader && rng.chance(0.35)) based_in = onward;
      if (leg == 1 && role == Role::kSafeHouseKeeper && rng.chance(0.4)) based_in = arrival;
      if (role == Role::kMoneyBroker && rng.chance(0.4))
        based_in = rng.chance(0.5) ? origin : onward;
      if (role == Role::kOnlineFacilitator && rng.chance(0.5)) based_in = onward;
      // Smugglers in Europe are mostly of the migrants' nationalities (diaspora).
      const double r = rng.unit();
      if (r < 0.45) {
        nationality = origin;
      } else if (r < 0.6) {
        nationality = pick_country(rng, route.origins);
      } else {
        nationality = based_in;
      }
      if (leg == 0 && r >= 0.45) nationality = rng.chance(0.7) ? departure : origin;
      if (country(nationality).name_origins.empty()) nationality = origin;
      // European nationals among the smugglers are mostly naturalised members of the diaspora:
      // their names come from the migrants' countries.
      std::string name_country = nationality;
      if (is_european(nationality) && rng.chance(0.7)) name_country = origin;
      net.people.push_back(make_person(rng, world, net, role, nationality, based_in,
                                       static_cast<int>(g), name_country));
    }
  }
  // Brokers and organisers who work for two groups of the network: the hand-over points.
  for (Person& p : net.people) {
    if ((p.role == Role::kMoneyBroker || p.role == Role::kOrganiser) && rng.chance(0.2)) {
      const int other = (p.groups[0] + 1) % group_count;
      p.groups.push_back(other);
    }
  }
  // Hand-overs between consecutive groups, drawn from a stream of their own.
  {
    Rng hand = rng.derive(0x48414E444F564552);  // "HANDOVER"
    const auto pick = [&](int group, std::initializer_list<Role> preferred) {
      std::vector<int> best;
      std::vector<int> any;
      for (std::size_t i = 0; i < net.people.size(); ++i) {
        const Person& p = net.people[i];
        if (p.groups.empty() || p.groups[0] != group || p.phones.empty()) continue;
        any.push_back(static_cast<int>(i));
        if (std::find(preferred.begin(), preferred.end(), p.role) != preferred.end()) {
          best.push_back(static_cast<int>(i));
        }
      }
      const auto& from = best.empty() ? any : best;
      return from.empty() ? -1 : from[hand.below(from.size())];
    };
    for (int g = 0; g + 1 < group_count; ++g) {
      const int giver =
          pick(g, {Role::kDriver, Role::kBoatCaptain, Role::kOrganiser, Role::kSafeHouseKeeper});
      const int receiver = pick(
          g + 1, {Role::kOrganiser, Role::kSafeHouseKeeper, Role::kDriver, Role::kMoneyBroker});
      if (giver >= 0 && receiver >= 0) net.handovers.push_back({g, g + 1, giver, receiver});
    }
  }
  // Migrants: witnesses and victims, a third as many as the smugglers.
  const int migrants = std::max(2, static_cast<int>(net.people.size()) * 4 / 10);
  for (int i = 0; i < migrants; ++i) {
    const std::string nationality = rng.chance(0.7) ? origin : pick_country(rng, route.origins);
    net.people.push_back(make_person(rng, world, net, Role::kMigrant, nationality,
                                     rng.chance(0.7) ? arrival : onward, -1));
  }
  // Passports: genuine ones for some, forged ones made by the group's forgers and shared.
  for (std::size_t i = 0; i < net.people.size(); ++i) {
    Person& p = net.people[i];
    if (p.passport >= 0 || !rng.chance(p.smuggler() ? 0.5 : 0.35)) continue;
    Passport pass;
    pass.forged = rng.chance(world.config.variation.forged_passport);
    pass.country = pass.forged ? pick_country(rng, route.onward) : p.nationality;
    pass.number = make_passport(rng, pass.country);
    pass.holders.push_back(static_cast<int>(i));
    p.passport = static_cast<int>(net.passports.size());
    if (pass.forged) {
      const int extra = rng.range(1, 3);
      for (int k = 0; k < extra; ++k) {
        const std::size_t j = rng.below(net.people.size());
        if (net.people[j].passport >= 0) continue;
        net.people[j].passport = p.passport;
        pass.holders.push_back(static_cast<int>(j));
      }
    }
    net.passports.push_back(std::move(pass));
  }
  // Vessels of the crossing, with captains.
  if (route.sea) {
    static const std::vector<std::string_view> kNames = {
        "Mare Nostrum", "Al Salam",      "Nour",    "Baraka",       "Sahara",
        "Amal",         "Ya Rab",        "Fortuna", "Stella Maris", "Sea Star",
        "Blue Wave",    "Poseidon",      "Zeus",    "Karim 2",      "Hajj Ali",
        "Bismillah",    "Alhamdulillah", "Nadia",   "Sirius",       "Hercules"};
    const int n = rng.range(1, 3);
    for (int i = 0; i < n; ++i) {
      Vessel v;
      v.name = std::string(kNames[rng.below(kNames.size())]);
      v.flag = departure;
      if (!find_country(v.flag) || country(v.flag).mmsi_mids.empty() || rng.chance(0.2)) {
        v.flag = rng.chance(0.5) ? "SL" : "TG";  // flags of convenience
      }
      v.type = std::string(route.conveyances[rng.below(route.conveyances.size())]);
      const bool ship = v.type == "fishing vessel" || v.type == "sailing yacht" ||
                        v.type == "wooden fishing boat";
      if (ship) {
        v.imo = make_imo(rng);
        v.mmsi = make_mmsi(rng, v.flag);
      }
      net.vessels.push_back(std::move(v));
    }
    for (Person& p : net.people) {
      if (p.role == Role::kBoatCaptain) p.vessel = static_cast<int>(rng.below(net.vessels.size()));
    }
  }
  // Smuggling events: crossings the network organised while it was active.
  // They follow the route's conditions month by month: a month weighs the route's intensity then
  // (shifts, summer peak) divided by the number of networks expected to be active on the route
  // then (starts follow the same intensity and networks last 3 to 18 months). Summed over the
  // networks, a route's expected crossings per month are then proportional to its intensity: a
  // shift is a step in the monthly event counts on its date, not a ramp as long as a network's
  // life. In steady times a network crosses max(1, people / 12) times per 10.5 months (the mean
  // life): about that many times over a life of average length.
  const auto& intensity =
      world.calendar.intensity[static_cast<std::size_t>(net.route - routes().data())];
  std::vector<double> month_weight;
  double weight_sum = 0;
  for (int k = 0; k < net.months; ++k) {
    const int m = net.start_month + k;
    double active = 0;  // sum over start months s of intensity(s) * P(life > m - s)
    for (int s = std::max(0, m - 17); s <= m; ++s) {
      active += intensity[static_cast<std::size_t>(s)] * std::min(1.0, (18.0 - (m - s)) / 16.0);
    }
    const double w = active > 0 ? intensity[static_cast<std::size_t>(m)] / active : 0.0;
    month_weight.push_back(w);
    weight_sum += w;
  }
  const int crossings =
      std::max(1, rng.poisson(std::max(1.0, net.people.size() / 12.0) * weight_sum));
  std::vector<int> crew;
  for (std::size_t i = 0; i < net.people.size(); ++i) {
    const Role r = net.people[i].role;
    if (r == Role::kBoatCaptain || r == Role::kDriver) crew.push_back(static_cast<int>(i));
  }
  for (int i = 0; i < crossings; ++i) {
    SmugglingEvent e;
    e.key = padded("E", ++world.counters.event, 7);
    e.date = date_in_month(rng, world.config.first_year,
                           net.start_month + static_cast<int>(rng.weighted(month_weight)));
    // Landings and interceptions on arrival, some interceptions at departure.
    std::vector<const Place*> places;
    for (const Place& pl : route.arrival_places) {
      if (pl.country == arrival || rng.chance(0.1)) places.push_back(&pl);
    }
    if (places.empty() || rng.chance(0.15)) {
      for (const Place& pl : route.departure_places) {
        if (pl.country == departure) places.push_back(&pl);
      }
    }
    if (places.empty()) places.push_back(&route.arrival_places[0]);
    e.place = places[rng.below(places.size())];
    e.conveyance = std::string(route.conveyances[rng.below(route.conveyances.size())]);
    if (e.conveyance == "fishing vessel" || e.conveyance == "wooden fishing boat") {
      e.migrants = rng.range(80, 600);
    } else if (route.sea) {
      e.migrants = rng.range(15, 70);
    } else {
      e.migrants = rng.range(3, 30);
    }
    if (route.dead_per_crossing > 0 && rng.chance(std::min(0.6, route.dead_per_crossing))) {
      e.dead = rng.poisson(route.dead_per_crossing * 2);
      e.missing = route.sea ? rng.poisson(route.dead_per_crossing * 3) : 0;
    }
    e.fee = route.fee_low + static_cast<int>(rng.below(
                                static_cast<std::uint64_t>(route.fee_high - route.fee_low) + 1)) /
                                50 * 50;
    e.channel = std::string(route.channels[rng.below(route.channels.size())]);
    e.minors = static_cast<int>(e.migrants * 0.15 * rng.unit());
    if (!crew.empty()) e.crew.push_back(crew[rng.below(crew.size())]);
    net.events.push_back(std::move(e));
  }
  const Place& hub = route.departure_places[rng.below(route.departure_places.size())];
  net.label = std::string(hub.name);
  return net;
}

// ---- Ground truth of a network ------------------------------------------------------------

core::Status emit_network_truth(World& world, const Network& net) {
  JsonWriter j;
  j.begin().field("t", "network").field("network", net.key).field("route", net.route->id);
  j.field("start", month_string(world.config.first_year, net.start_month));
  j.field("end", month_string(world.config.first_year, net.start_month + net.months - 1));
  j.key("groups").begin_array();
  for (std::size_t g = 0; g < net.group_keys.size(); ++g) {
    j.begin().field("group", net.group_keys[g]).field("based_in", net.group_base[g]);
    if (g > 0) j.field("receives_from", net.group_keys[g - 1]);
    j.end();
  }
  j.end_array().end();
  CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kGroundTruth, j.str()));
  for (const Handover& h : net.handovers) {
    const Person& giver = net.people[static_cast<std::size_t>(h.giver)];
    JsonWriter w;
    w.begin().field("t", "handover").field("network", net.key);
    w.field("from_group", net.group_keys[static_cast<std::size_t>(h.from_group)]);
    w.field("to_group", net.group_keys[static_cast<std::size_t>(h.to_group)]);
    w.field("giver", giver.key);
    w.field("receiver", net.people[static_cast<std::size_t>(h.receiver)].key);
    w.field("phone", giver.phones[0].e164).end();
    CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kGroundTruth, w.str()));
    ++world.summary.handovers;
  }
  for (const Person& p : net.people) {
    JsonWriter w;
    w.begin().field("t", "person").field("person", p.key).field("network", net.key);
    w.key("groups").begin_array();
    for (int g : p.groups) w.value(net.group_keys[static_cast<std::size_t>(g)]);
    w.end_array();
    w.field("role", role_name(p.role)).field("gender", p.female ? "female" : "male");
    if (p.minor) w.field("minor", true);
    w.field("origin", origin_name(p.origin)).field("name", p.canonical_name());
    w.field("original_script", p.given->original + " " + p.family->original);
    w.field("father", p.father->latin[0]);
    if (!p.nickname.empty()) w.field("nickname", p.nickname);
    w.field("birthDate", p.birth_date).field("nationality", lower(p.nationality));
    w.field("based_in", p.based_in);
    w.key("phones").begin_array();
    for (const Phone& ph : p.phones) w.value(ph.e164);
    w.end_array();
    if (!p.email.empty()) w.field("email", p.email);
    if (!p.iban.empty()) w.field("iban", p.iban);
    if (!p.wallet.empty()) w.field("wallet", p.wallet).field("wallet_currency", p.wallet_symbol);
    if (!p.accounts.empty()) {
      w.key("accounts").begin_array();
      for (const auto& [service, handle] : p.accounts) w.value(service + ":" + handle);
      w.end_array();
    }
    if (p.passport >= 0)
      w.field("passport", net.passports[static_cast<std::size_t>(p.passport)].number);
    if (!p.plate.empty()) w.field("plate", p.plate).field("plate_country", p.plate_country);
    if (p.vessel >= 0) w.field("vessel", net.vessels[static_cast<std::size_t>(p.vessel)].name);
    w.end();
    CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kGroundTruth, w.str()));
  }
  for (const Passport& pass : net.passports) {
    if (!pass.forged) continue;
    JsonWriter w;
    w.begin().field("t", "passport").field("number", pass.number).field("country", pass.country);
    w.field("forged", true).key("holders").begin_array();
    for (int h : pass.holders) w.value(net.people[static_cast<std::size_t>(h)].key);
    w.end_array().end();
    CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kGroundTruth, w.str()));
  }
  for (const SmugglingEvent& e : net.events) {
    JsonWriter w;
    w.begin().field("t", "event").field("event", e.key).field("network", net.key);
    w.key("crew").begin_array();
    for (int c : e.crew) w.value(net.people[static_cast<std::size_t>(c)].key);
    w.end_array().end();
    CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kGroundTruth, w.str()));
    char coords[64];
    std::snprintf(coords, sizeof coords, "%.4f,%.4f", e.place->latitude, e.place->longitude);
    std::string row = e.key + "," + e.date + "," + std::string(net.route->id) + "," +
                      csv_field(e.place->name) + "," + std::string(e.place->country) + "," +
                      coords + "," + std::to_string(e.migrants) + "," + std::to_string(e.dead) +
                      "," + std::to_string(e.missing) + "," + csv_field(e.conveyance) + "," +
                      std::to_string(e.fee) + ",EUR," + e.channel + "," + std::to_string(e.minors);
    CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kEvents, row));
    ++world.summary.events;
  }
  return core::Status::ok();
}

// ---- Cases ---------------------------------------------------------------------------------

struct CaseBuilder {
  World& world;
  const Network& net;
  Rng& rng;
  GeneratedCase out;
  std::string id_prefix;
  int next_id = 0;
  std::map<int, std::string> person_ids;  // person index -> ftm id in this case
  std::string org_id;
  std::vector<std::string> truth;

  std::string new_id(const char* kind) {
    return id_prefix + "-" + kind + std::to_string(++next_id);
  }
  core::Entity& add(const char* schema, const char* kind) {
    core::Entity e;
    e.schema = schema;
    e.ftm_id = new_id(kind);
    out.entities.push_back(std::move(e));
    return out.entities.back();
  }
};

struct IdentifierUse {
  std::string kind;  // "phone", "iban", "wallet", "passport", "plate", "imo", "account", "email"
  std::string canonical;
};

// Writes a phone as the case's file would: the style, sometimes a typing error.
std::string written_phone(CaseBuilder& b, const Phone& phone, JsonWriter& values,
                          const std::string& property) {
  const Variation& v = b.world.config.variation;
  Rng& rng = b.rng;
  PhoneStyle style = PhoneStyle::kE164;
  const double r = rng.unit();
  const bool local = phone.country == b.out.info.desk;
  if (r < 0.3) {
    style = PhoneStyle::kE164;
  } else if (r < 0.55) {
    style = PhoneStyle::kInternational;
  } else if (r < 0.7) {
    style = PhoneStyle::kDoubleZero;
  } else if (r < 0.9) {
    style = local || rng.chance(v.phone_foreign_national_style / 0.2) ? PhoneStyle::kNational
                                                                      : PhoneStyle::kInternational;
    if (style == PhoneStyle::kNational && rng.chance(0.25)) style = PhoneStyle::kNationalBare;
  } else {
    style = PhoneStyle::kDashed;
  }
  std::string written = format_phone(phone.e164, phone.country, style);
  const bool corrupted = rng.chance(v.phone_mistyped);
  if (corrupted) {
    written = mistype(rng, written, written.size() > 6 ? written.size() - 5 : 0);
    ++b.world.summary.corrupted_identifiers;
  }
  values.begin().field("property", property).field("value", written);
  values.field("canonical", phone.e164).field("country", phone.country);
  values.field("style", phone_style_name(style));
  if (corrupted) values.field("corrupted", true);
  values.end();
  return written;
}

void add_values_truth(JsonWriter& values, const std::string& property, const std::string& written,
                      const std::string& canonical, bool corrupted) {
  values.begin().field("property", property).field("value", written).field("canonical", canonical);
  if (corrupted) values.field("corrupted", true);
  values.end();
}

struct NameRendering {
  std::string full;
  std::string first;
  std::string last;
  std::vector<std::string> flags;
};

std::string typo(Rng& rng, const std::string& word) {
  // Only on ASCII letters, so that UTF-8 stays well-formed.
  std::vector<std::size_t> at;
  for (std::size_t i = 1; i < word.size(); ++i) {
    const char c = word[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) at.push_back(i);
  }
  if (at.size() < 2) return word;
  const std::size_t i = at[rng.below(at.size())];
  std::string out = word;
  switch (rng.below(3)) {
    case 0:
      out.erase(i, 1);
      break;
    case 1:
      out.insert(i, 1, out[i]);
      break;
    default:
      if (i + 1 < out.size() && out[i + 1] != out[i] &&
          ((out[i + 1] >= 'a' && out[i + 1] <= 'z'))) {
        std::swap(out[i], out[i + 1]);
      } else {
        out.erase(i, 1);
      }
  }
  return out;
}

NameRendering render_name(Rng& rng, const Variation& v, const Person& p) {
  NameRendering r;
  const NamePool& pool = name_pool(p.origin);
  std::string given;
  std::string father;
  std::string family;
  const auto spelling = [&](const NameForm& form, bool& changed) {
    if (form.latin.size() > 1 && rng.chance(v.name_transliteration)) {
      changed = true;
      return form.latin[1 + rng.below(form.latin.size() - 1)];
    }
    return form.latin[0];
  };
  bool script = false;
  const bool with_father = rng.chance(v.name_father_added);
  if (!pool.latin_script && rng.chance(v.name_original_script)) {
    script = true;
    given = p.given->original;
    father = p.father->original;
    family = p.family->original;
    r.flags.push_back("original_script");
  } else {
    bool changed = false;
    given = spelling(*p.given, changed);
    // The father's spelling counts only when the father's name is written.
    bool father_changed = false;
    father = spelling(*p.father, father_changed);
    family = spelling(*p.family, changed);
    if (changed || (with_father && father_changed)) r.flags.push_back("transliteration");
  }
  if (with_father) r.flags.push_back("father_name");
  if (rng.chance(v.name_missing_part)) {
    r.flags.push_back("missing_part");
    if (rng.chance(0.5)) {
      family.clear();
    } else {
      given.clear();
    }
  }
  if (!script && rng.chance(v.name_typo)) {
    r.flags.push_back("typo");
    if (!family.empty() && rng.chance(0.5)) {
      family = typo(rng, family);
    } else if (!given.empty()) {
      given = typo(rng, given);
    } else {
      family = typo(rng, family);
    }
  }
  const bool swapped = rng.chance(v.name_swapped);
  if (swapped) r.flags.push_back("swapped");
  if (!script && !family.empty() && rng.chance(v.surname_upper_case)) family = upper_ascii(family);
  std::string front = given;
  if (with_father && !father.empty() && !given.empty()) front += " " + father;
  if (swapped) {
    r.first = family;
    r.last = front;
    r.full = family.empty() ? front : (front.empty() ? family : family + " " + front);
  } else {
    r.first = front;
    r.last = family;
    r.full = front.empty() ? family : (family.empty() ? front : front + " " + family);
  }
  return r;
}

// True when `a` and `b` differ other than in the case of ASCII letters.
bool differs(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return true;
  }
  return false;
}

std::string render_birth_date(Rng& rng, const Variation& v, const std::string& date,
                              std::string& flag) {
  const double r = rng.unit();
  if (r < v.birth_missing) {
    flag = "missing";
    return {};
  }
  if (r < v.birth_missing + v.birth_year_only) {
    flag = "year_only";
    return date.substr(0, 4);
  }
  if (r < v.birth_missing + v.birth_year_only + v.birth_day_month_swapped) {
    const std::string month = date.substr(5, 2);
    const std::string day = date.substr(8, 2);
    if (day <= "12" && day != month) {
      flag = "day_month_swapped";
      return date.substr(0, 4) + "-" + day + "-" + month;
    }
  }
  flag = "full";
  return date;
}

// The Person entity of person `index` in this case, with the identifiers this desk knows.
void add_person_record(CaseBuilder& b, int index, std::vector<IdentifierUse>& uses) {
  const Person& p = b.net.people[static_cast<std::size_t>(index)];
  const Variation& v = b.world.config.variation;
  Rng& rng = b.rng;
  core::Entity& e = b.add("Person", "p");
  const std::string id = e.ftm_id;
  b.person_ids[index] = id;
  NameRendering name = render_name(rng, v, p);
  const bool variant = differs(name.full, p.canonical_name());
  e.properties["name"] = {name.full};
  if (rng.chance(0.5)) {
    if (!name.first.empty()) e.properties["firstName"] = {name.first};
    if (!name.last.empty()) e.properties["lastName"] = {name.last};
  }
  if (!p.nickname.empty() && rng.chance(v.alias / 0.35)) e.properties["alias"] = {p.nickname};
  std::string birth_flag;
  const std::string birth = render_birth_date(rng, v, p.birth_date, birth_flag);
  if (!birth.empty()) e.properties["birthDate"] = {birth};
  if (rng.chance(0.9)) e.properties["nationality"] = {lower(p.nationality)};
  e.properties["gender"] = {p.female ? "female" : "male"};
  JsonWriter values;
  values.begin_array();
  std::vector<std::string> phones;
  for (const Phone& ph : p.phones) {
    if (!rng.chance(0.75)) continue;
    phones.push_back(written_phone(b, ph, values, "phone"));
    uses.push_back({"phone", ph.e164});
  }
  if (!phones.empty()) b.out.entities.back().properties["phone"] = phones;
  if (!p.email.empty() && rng.chance(0.5)) {
    b.out.entities.back().properties["email"] = {p.email};
    add_values_truth(values, "email", p.email, p.email, false);
    uses.push_back({"email", p.email});
  }
  values.end_array();
  ++b.world.summary.person_records;
  if (variant) ++b.world.summary.name_variants;
  JsonWriter t;
  t.begin().field("t", "record").field("case", b.out.info.reference).field("id", id);
  t.field("schema", "Person").field("person", p.key);
  t.key("name_variation").begin_array();
  for (const auto& f : name.flags) t.value(f);
  t.end_array().field("name_differs", variant).field("birthDate", birth_flag);
  t.key("values").raw(values.str()).end();
  b.truth.push_back(t.str());
  // persons.csv row.
  std::string phones_joined;
  for (const auto& ph : phones) phones_joined += (phones_joined.empty() ? "" : ";") + ph;
  const auto& props = b.out.entities.back().properties;
  const auto prop = [&](const char* name) {
    auto it = props.find(name);
    return it == props.end() ? std::string() : it->second[0];
  };
  b.truth.push_back("\x01" + csv_field(b.out.info.reference) + "," + csv_field(id) + "," +
                    csv_field(name.full) + "," + csv_field(prop("firstName")) + "," +
                    csv_field(prop("lastName")) + "," + csv_field(prop("alias")) + "," +
                    csv_field(birth) + "," + csv_field(prop("nationality")) + "," +
                    csv_field(prop("gender")) + "," + csv_field(phones_joined));
}

void add_record_truth(CaseBuilder& b, const core::Entity& e, const Person& p,
                      const JsonWriter& values) {
  JsonWriter t;
  t.begin().field("t", "record").field("case", b.out.info.reference).field("id", e.ftm_id);
  t.field("schema", e.schema).field("person", p.key).key("values").raw(values.str()).end();
  b.truth.push_back(t.str());
}

void add_identifier_entities(CaseBuilder& b, int index, std::vector<IdentifierUse>& uses) {
  const Person& p = b.net.people[static_cast<std::size_t>(index)];
  const Variation& v = b.world.config.variation;
  Rng& rng = b.rng;
  const std::string holder = b.person_ids[index];
  if (p.passport >= 0 && rng.chance(0.5)) {
    const Passport& pass = b.net.passports[static_cast<std::size_t>(p.passport)];
    core::Entity& e = b.add("Passport", "doc");
    e.properties["holder"] = {holder};
    e.properties["number"] = {pass.number};
    e.properties["country"] = {lower(pass.country)};
    JsonWriter values;
    values.begin_array();
    add_values_truth(values, "number", pass.number, pass.number, false);
    values.end_array();
    add_record_truth(b, e, p, values);
    uses.push_back({"passport", pass.country + ":" + pass.number});
  }
  if (!p.iban.empty() && rng.chance(0.6)) {
    const bool corrupted = rng.chance(v.iban_mistyped);
    std::string written = corrupted ? mistype(rng, p.iban, 4) : p.iban;
    if (rng.chance(v.iban_with_spaces)) written = iban_with_spaces(written);
    core::Entity& e = b.add("BankAccount", "acc");
    // FtM refuses an IBAN that fails mod-97; a mistyped one is kept as the account number, as
    // an analyst would record what the bank statement shows.
    e.properties[corrupted ? "accountNumber" : "iban"] = {written};
    e.properties["bic"] = {std::string(p.bank->bic)};
    e.properties["bankName"] = {std::string(p.bank->name)};
    e.properties["country"] = {lower(p.iban.substr(0, 2))};
    const std::string account_id = e.ftm_id;
    JsonWriter values;
    values.begin_array();
    add_values_truth(values, corrupted ? "accountNumber" : "iban", written, p.iban, corrupted);
    values.end_array();
    add_record_truth(b, e, p, values);
    if (corrupted) ++b.world.summary.corrupted_identifiers;
    core::Entity& own = b.add("Ownership", "own");
    own.properties["owner"] = {holder};
    own.properties["asset"] = {account_id};
    uses.push_back({"iban", p.iban});
  }
  if (!p.wallet.empty() && rng.chance(0.6)) {
    const bool corrupted = rng.chance(v.wallet_mistyped);
    const std::string written = corrupted ? mistype(rng, p.wallet, 2) : p.wallet;
    core::Entity& e = b.add("CryptoWallet", "w");
    e.properties["publicKey"] = {written};
    e.properties["currencySymbol"] = {p.wallet_symbol};
    e.properties["holder"] = {holder};
    JsonWriter values;
    values.begin_array();
    add_values_truth(values, "publicKey", written, p.wallet, corrupted);
    values.end_array();
    add_record_truth(b, e, p, values);
    if (corrupted) ++b.world.summary.corrupted_identifiers;
    uses.push_back({"wallet", p.wallet});
  }
  for (const auto& [service, handle] : p.accounts) {
    if (!rng.chance(0.7)) continue;
    core::Entity& e = b.add("UserAccount", "ua");
    e.properties["service"] = {service};
    const std::string written = rng.chance(0.3) ? "@" + handle : handle;
    e.properties["username"] = {written};
    e.properties["owner"] = {holder};
    JsonWriter values;
    values.begin_array();
    add_values_truth(values, "username", written, service + ":" + handle, false);
    values.end_array();
    add_record_truth(b, e, p, values);
    uses.push_back({"account", service + ":" + handle});
  }
  if (!p.plate.empty() && rng.chance(0.6)) {
    core::Entity& e = b.add("Vehicle", "veh");
    std::string written = p.plate;
    if (rng.chance(0.3)) {
      std::string compact;
      for (char c : written) {
        if (c != ' ' && c != '-') compact += c;
      }
      written = compact;
    }
    e.properties["registrationNumber"] = {written};
    e.properties["model"] = {p.vehicle_model};
    e.properties["type"] = {p.vehicle_model == "Scania R450" ? "lorry" : "van"};
    e.properties["country"] = {lower(p.plate_country)};
    e.properties["owner"] = {holder};
    JsonWriter values;
    values.begin_array();
    add_values_truth(values, "registrationNumber", written, p.plate_country + ":" + p.plate, false);
    values.end_array();
    add_record_truth(b, e, p, values);
    uses.push_back({"plate", p.plate_country + ":" + p.plate});
  }
  if (p.vessel >= 0 && rng.chance(0.8)) {
    const Vessel& vessel = b.net.vessels[static_cast<std::size_t>(p.vessel)];
    core::Entity& e = b.add("Vessel", "ves");
    e.properties["name"] = {vessel.name};
    e.properties["type"] = {vessel.type};
    e.properties["flag"] = {lower(vessel.flag)};
    e.properties["operator"] = {holder};
    JsonWriter values;
    values.begin_array();
    if (!vessel.imo.empty()) {
      e.properties["imoNumber"] = {vessel.imo};
      e.properties["mmsi"] = {vessel.mmsi};
      add_values_truth(values, "imoNumber", vessel.imo, vessel.imo, false);
      add_values_truth(values, "mmsi", vessel.mmsi, vessel.mmsi, false);
      uses.push_back({"imo", vessel.imo});
    }
    values.end_array();
    add_record_truth(b, e, p, values);
  }
}

std::string case_year_date(Rng& rng, const World& world, const Network& net, int& month_index) {
  month_index = std::min(
      world.calendar.months - 1,
      net.start_month + static_cast<int>(rng.below(static_cast<std::uint64_t>(net.months) + 6)));
  return date_in_month(rng, world.config.first_year, month_index);
}

struct Stats {
  // Per network: person index -> desks, canonical identifier -> desks.
  std::map<int, std::set<std::string>> person_desks;
  std::map<int, int> person_cases;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> identifier_desks;
};

void count_overlap(Overlap& h, std::size_t n) { ++h[std::min<std::size_t>(n, 5)]; }

core::Status emit_case(World& world, CaseBuilder& b) {
  for (const core::Entity& e : b.out.entities) ++world.summary.entities_by_schema[e.schema];
  ++world.summary.cases;
  ++world.summary.cases_by_desk[b.out.info.desk];
  world.summary.shares += static_cast<std::int64_t>(b.out.info.shared_with.size());
  CR_RETURN_IF_ERROR(world.sink.on_case(b.out));
  JsonWriter c;
  c.begin().field("reference", b.out.info.reference).field("desk", b.out.info.desk);
  c.field("title", b.out.info.title).field("summary", b.out.info.summary);
  c.key("offences").begin_array();
  for (const auto& o : b.out.info.offences) c.value(o);
  c.end_array().field("stage", b.out.info.stage).field("stage_date", b.out.info.stage_date);
  c.field("sensitivity", b.out.info.sensitivity).key("shared_with").begin_array();
  for (const auto& d : b.out.info.shared_with) c.value(d);
  c.end_array().field("entities", static_cast<std::int64_t>(b.out.entities.size())).end();
  CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kCases, c.str()));
  for (const std::string& line : b.truth) {
    if (!line.empty() && line[0] == '\x01') {
      CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kPersonsCsv, std::string_view(line).substr(1)));
    } else {
      CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kGroundTruth, line));
    }
  }
  return core::Status::ok();
}

bool is_desk(std::string_view code) {
  for (const core::Desk& d : app::default_desks()) {
    if (d.code == code) return true;
  }
  return false;
}

// A phone number as a smuggler would type it in a message or an advert.
std::string casual_phone(Rng& rng, const Phone& phone) {
  const PhoneStyle styles[] = {PhoneStyle::kE164, PhoneStyle::kInternational,
                               PhoneStyle::kDoubleZero, PhoneStyle::kDashed};
  return format_phone(phone.e164, phone.country, styles[rng.below(4)]);
}

// The name under which a contact is saved in the other's phone.
std::string contact_name(Rng& rng, const Person& p) {
  if (!p.nickname.empty() && rng.chance(0.6)) return p.nickname;
  const auto& latin = p.given->latin;
  return latin[rng.below(latin.size())] + (rng.chance(0.3) ? " " + p.family->latin[0] : "");
}

core::Status write_chat(World& world, Rng& rng, CaseBuilder& b, const std::vector<int>& callers,
                        int month_index) {
  if (callers.size() < 2 || world.chat_files >= world.config.max_chat_files || !rng.chance(0.35)) {
    return core::Status::ok();
  }
  const Network& net = b.net;
  const int ia = callers[0];
  const int iz = callers[1 + rng.below(callers.size() - 1)];
  const Person& a = net.people[static_cast<std::size_t>(ia)];
  const Person& z = net.people[static_cast<std::size_t>(iz)];
  const std::string name_a = contact_name(rng, a);
  const std::string name_z = contact_name(rng, z);
  std::string iban = "cash";
  std::string wallet = "cash";
  for (const Person& p : net.people) {
    if (iban == "cash" && !p.iban.empty()) iban = iban_with_spaces(p.iban);
    if (wallet == "cash" && !p.wallet.empty()) wallet = p.wallet;
  }
  const Route& route = *net.route;
  const int messages = rng.range(8, 20);
  std::vector<ChatMessage> chat;
  int day_offset = 0;
  for (int m = 0; m < messages; ++m) {
    const bool from_a = rng.chance(0.5);
    const Person& sender = from_a ? a : z;
    const Person& other = from_a ? z : a;
    day_offset += rng.chance(0.3) ? 1 : 0;
    const int month = std::min(world.calendar.months - 1, std::max(0, month_index - 1));
    const int year = world.config.first_year + month / 12;
    const int mon = month % 12 + 1;
    char when[32];
    std::snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d", year, mon,
                  std::min(days_in_month(year, mon), 1 + day_offset), rng.range(6, 23),
                  rng.range(0, 59), rng.range(0, 59));
    const Place& place = route.departure_places[rng.below(route.departure_places.size())];
    ChatMessage msg;
    msg.date_time = when;
    msg.from_name = from_a ? name_a : name_z;
    msg.from_id = 100000000 + (from_a ? a.id : z.id) % 900000000;
    msg.text =
        chat_text(rng, {{"phone", casual_phone(rng, other.phones[0])},
                        {"place", std::string(place.name)},
                        {"date", std::string(when).substr(0, 10)},
                        {"count", std::to_string(rng.range(5, 60))},
                        {"price", std::to_string(route.fee_low / 100 * 100)},
                        {"iban", iban},
                        {"wallet", wallet},
                        {"city", sender.based_in == "TR" ? "Istanbul" : std::string(place.name)},
                        {"code", std::to_string(rng.range(1000, 9999))}});
    chat.push_back(std::move(msg));
  }
  const int format = static_cast<int>(rng.below(3));
  const std::string path =
      "chats/" + b.out.info.reference + (format == 2 ? "-telegram.json" : "-whatsapp.txt");
  const std::string content = format == 2 ? telegram_export(name_z, 4000000000 + z.id, chat)
                                          : whatsapp_export(chat, format == 1);
  CR_RETURN_IF_ERROR(world.sink.on_file(path, content));
  ++world.chat_files;
  ++world.summary.chat_files;
  JsonWriter t;
  t.begin().field("t", "chat").field("file", path).field("case", b.out.info.reference);
  t.field("format",
          format == 2 ? "telegram_json" : (format == 1 ? "whatsapp_ios" : "whatsapp_android"));
  t.key("participants").begin_array().value(a.key).value(z.key).end_array();
  t.key("names").begin_array().value(name_a).value(name_z).end_array().end();
  b.truth.push_back(t.str());
  return core::Status::ok();
}

std::string_view advert_language(Origin origin) {
  switch (origin) {
    case Origin::kArabic:
      return "ar";
    case Origin::kPersian:
      return "fa";
    case Origin::kPashto:
      return "ps";
    case Origin::kTurkish:
      return "tr";
    case Origin::kKurdish:
      return "ku";
    case Origin::kFrench:
      return "fr";
    default:
      return "en";
  }
}

core::Status emit_adverts(World& world, const Network& net, Rng& rng) {
  const Route& route = *net.route;
  for (const Person& p : net.people) {
    if (p.role != Role::kOnlineFacilitator || p.accounts.empty()) continue;
    const int n = rng.range(1, 3);
    for (int i = 0; i < n; ++i) {
      const auto& [service, handle] = p.accounts[rng.below(p.accounts.size())];
      AdvertFields f;
      const std::string dest_code =
          rng.chance(0.5) ? pick_country(rng, route.arrival) : pick_country(rng, route.onward);
      f.destination = std::string(country(dest_code).name);
      f.departure =
          std::string(route.departure_places[rng.below(route.departure_places.size())].name);
      f.price = (route.fee_low + static_cast<int>(rng.below(
                                     static_cast<std::uint64_t>(route.fee_high - route.fee_low)))) /
                100 * 100;
      f.currency = rng.chance(0.6) ? "EUR" : "USD";
      const Phone& phone = p.phones[rng.below(p.phones.size())];
      f.phone = casual_phone(rng, phone);
      const std::string url = service == "telegram"    ? "https://t.me/" + handle
                              : service == "facebook"  ? "https://www.facebook.com/" + handle
                              : service == "instagram" ? "https://www.instagram.com/" + handle
                                                       : "https://www.tiktok.com/@" + handle;
      f.handle = rng.chance(0.5) ? "@" + handle : url;
      const std::string language(advert_language(p.origin));
      const std::string key = padded("AD", ++world.counters.advert, 7);
      const std::string posted = date_in_month(
          rng, world.config.first_year,
          net.start_month + static_cast<int>(rng.below(static_cast<std::uint64_t>(net.months))));
      JsonWriter ad;
      ad.begin().field("id", key).field("platform", service).field("author", "@" + handle);
      ad.field("url", url + (service == "telegram" ? "/" + std::to_string(rng.range(10, 9999))
                                                   : std::string()));
      ad.field("posted", posted).field("language", language);
      ad.field("text", advert_text(rng, language, f)).end();
      CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kAdverts, ad.str()));
      JsonWriter t;
      t.begin().field("t", "advert").field("advert", key).field("person", p.key);
      t.field("phone", phone.e164).field("phone_written", f.phone);
      t.field("account", service + ":" + handle).field("price", f.price);
      t.field("currency", f.currency).field("destination", dest_code).end();
      CR_RETURN_IF_ERROR(world.sink.on_line(Stream::kGroundTruth, t.str()));
      ++world.summary.adverts;
    }
  }
  return core::Status::ok();
}

// What a case saw, kept until the network's cooperation is drawn.
struct CaseSlice {
  std::string reference;
  std::string desk;
  int month_index = 0;
  std::vector<int> seen;
};

std::string month_date(Rng& rng, const World& world, int month_index) {
  return date_in_month(rng, world.config.first_year,
                       std::clamp(month_index, 0, world.calendar.months - 1));
}

// The cooperation that follows when desks' cases see the same smugglers: a coordination
// meeting and a JIT led by the desk whose case came first, EIOs to the desks where members
// work, EAWs for organisers abroad. Drawn from a stream of its own.
core::Status emit_cooperation(World& world, const Network& net, Rng rng,
                              const std::vector<CaseSlice>& slices) {
  const auto record = [&](const CaseSlice& c, const std::string& kind, const std::string& title,
                          int start_month, int months, const std::vector<std::string>& partners,
                          const std::string& notes) -> core::Status {
    const std::string started = month_date(rng, world, start_month);
    JsonWriter j;
    j.begin().field("case", c.reference).field("desk", c.desk).field("kind", kind);
    j.field("title", title).field("started_on", started);
    if (kind == "coordination_meeting") {
      j.field("ended_on", started);  // a meeting of one day
    } else if (months > 0 && start_month + months < world.calendar.months) {
      std::string ended = month_date(rng, world, start_month + months);
      j.field("ended_on", ended < started ? started : ended);
    }
    j.key("partner_desks").begin_array();
    for (const std::string& d : partners) j.value(d);
    j.end_array().field("notes", notes).end();
    ++world.summary.cooperation_records;
    ++world.summary.cooperation_by_kind[kind];
    return world.sink.on_line(Stream::kCooperation, j.str());
  };
  std::set<std::string> in_team;
  for (const CaseSlice& lead : slices) {
    if (in_team.count(lead.desk)) continue;
    std::vector<std::string> partners;
    int latest = lead.month_index;
    int common = 0;
    for (const CaseSlice& other : slices) {
      if (other.desk == lead.desk || in_team.count(other.desk)) continue;
      int shared = 0;
      for (int i : other.seen) {
        if (net.people[static_cast<std::size_t>(i)].smuggler() &&
            std::find(lead.seen.begin(), lead.seen.end(), i) != lead.seen.end()) {
          ++shared;
        }
      }
      if (shared == 0) continue;
      common += shared;
      if (std::find(partners.begin(), partners.end(), other.desk) == partners.end()) {
        partners.push_back(other.desk);
      }
      latest = std::max(latest, other.month_index);
    }
    if (partners.empty()) continue;
    in_team.insert(lead.desk);
    in_team.insert(partners.begin(), partners.end());
    const std::string about = std::string(" on the ") + std::string(net.route->name) +
                              " route around " + net.label + ": the cases share " +
                              std::to_string(common) + " suspects.";
    const int meeting = latest + rng.range(1, 3);
    if (rng.chance(0.8)) {
      CR_RETURN_IF_ERROR(record(
          lead, "coordination_meeting", "Coordination meeting " + net.label, meeting, 0, partners,
          "Coordination meeting of " + std::to_string(partners.size() + 1) + " desks" + about));
    }
    if (rng.chance(0.65)) {
      CR_RETURN_IF_ERROR(record(lead, "jit", "JIT " + net.label, meeting + rng.range(1, 4),
                                rng.range(12, 30), partners, "Joint investigation team" + about));
    }
  }
  for (const CaseSlice& c : slices) {
    bool eio = false;
    bool eaw = false;
    for (int i : c.seen) {
      const Person& p = net.people[static_cast<std::size_t>(i)];
      if (!p.smuggler() || p.based_in == c.desk) continue;
      if (!eio && is_desk(p.based_in) && rng.chance(0.35)) {
        eio = true;
        CR_RETURN_IF_ERROR(record(c, "eio",
                                  "EIO to desk " + p.based_in + ": subscriber and bank data",
                                  c.month_index + rng.range(1, 4), rng.range(2, 8), {p.based_in},
                                  "Subscriber data of the phones and statements of the accounts "
                                  "of a suspect working there."));
      }
      if (!eaw && (p.role == Role::kLeader || p.role == Role::kOrganiser) && rng.chance(0.3)) {
        eaw = true;
        std::vector<std::string> executing;
        if (is_desk(p.based_in)) executing.push_back(p.based_in);
        CR_RETURN_IF_ERROR(record(
            c, "eaw", std::string("EAW for the ") + role_name(p.role) + " based in " + p.based_in,
            c.month_index + rng.range(2, 6), rng.chance(0.6) ? rng.range(1, 6) : 0, executing,
            "Arrest warrant for a suspect of the network."));
      }
    }
  }
  return core::Status::ok();
}

core::Status make_cases(World& world, Network& net, Rng& rng) {
  const Route& route = *net.route;
  // Desks that may open a case: where members work or migrants arrive, if the country has a
  // desk at the hub (Libya, Tunisia, Türkiye, Morocco and Algeria do; Belarus does not).
  std::vector<std::string> candidates;
  const auto add_candidate = [&](const std::string& c) {
    if (!is_desk(c)) return;
    if (std::find(candidates.begin(), candidates.end(), c) == candidates.end()) {
      candidates.push_back(c);
    }
  };
  for (const Person& p : net.people) {
    if (p.smuggler()) add_candidate(p.based_in);
  }
  std::vector<std::string> desks;
  for (const std::string& c : candidates) {
    const bool europe =
        std::find(route.arrival.begin(), route.arrival.end(), c) != route.arrival.end() ||
        std::find(route.onward.begin(), route.onward.end(), c) != route.onward.end();
    if (rng.chance(europe ? 0.9 : 0.6)) desks.push_back(c);
  }
  if (desks.empty())
    desks.push_back(candidates.empty() ? std::string(route.arrival[0]) : candidates[0]);

  Stats stats;
  std::vector<CaseSlice> slices;
  std::vector<double> weights;
  for (const Person& p : net.people) weights.push_back(visibility(p.role));
  for (const std::string& desk : desks) {
    const int case_count = rng.chance(0.25) ? 2 : 1;
    for (int k = 0; k < case_count; ++k) {
      CaseBuilder b{world, net, rng, {}, {}, 0, {}, {}, {}};
      int month_index = 0;
      const std::string opened = case_year_date(rng, world, net, month_index);
      const int year = world.config.first_year + month_index / 12;
      b.out.info.desk = desk;
      b.out.info.reference =
          desk + "-" + std::to_string(year) + "-" + padded("", ++world.counters.cases, 6);
      b.id_prefix = lower(b.out.info.reference);
      b.out.info.title = "Operation " + std::string(codenames()[rng.below(codenames().size())]) +
                         (rng.chance(0.3) ? " " + std::to_string(rng.range(2, 9)) : std::string());
      b.out.info.offences = {"migrant_smuggling"};
      if (rng.chance(0.5)) b.out.info.offences.push_back("criminal_organisation");
      if (rng.chance(0.25)) b.out.info.offences.push_back("money_laundering");
      if (rng.chance(0.2)) b.out.info.offences.push_back("document_fraud");
      if (rng.chance(0.05)) b.out.info.offences.push_back("trafficking_in_human_beings");
      // Older cases are further along.
      const int age = world.calendar.months - month_index;
      static const std::vector<std::string> kStages = {
          "opened",      "investigation", "coordination", "action_day",
          "prosecution", "trial",         "judgment",     "closed"};
      const int stage = std::min(
          7, static_cast<int>(rng.below(static_cast<std::uint64_t>(std::max(1, age / 6 + 1)))));
      b.out.info.stage = kStages[static_cast<std::size_t>(stage)];
      int stage_month = std::min(world.calendar.months - 1, month_index + stage * 2);
      b.out.info.stage_date =
          stage == 0 ? opened : date_in_month(rng, world.config.first_year, stage_month);
      if (b.out.info.stage_date < opened) b.out.info.stage_date = opened;
      b.out.info.sensitivity = rng.chance(0.2) ? "confidential" : "restricted";
      // Shares with other desks of the same network (a JIT, a coordination meeting).
      for (const std::string& other : desks) {
        if (other != desk && rng.chance(0.25)) b.out.info.shared_with.push_back(other);
      }

      // Who this desk sees: members working on its territory (arrested, identified), members
      // elsewhere reached through seized phones and traced transfers, and migrants heard as
      // witnesses.
      std::vector<int> seen;
      std::vector<bool> in(net.people.size(), false);
      const auto see = [&](int i) {
        if (!in[static_cast<std::size_t>(i)]) {
          in[static_cast<std::size_t>(i)] = true;
          seen.push_back(i);
        }
      };
      for (std::size_t i = 0; i < net.people.size(); ++i) {
        const Person& p = net.people[i];
        if (p.smuggler() && p.based_in == desk && rng.chance(case_count == 2 ? 0.45 : 0.7)) {
          see(static_cast<int>(i));
        }
      }
      const int contacts = rng.poisson(2.5);
      for (int c = 0; c < contacts; ++c) see(static_cast<int>(rng.weighted(weights)));
      const bool arrival =
          std::find(route.arrival.begin(), route.arrival.end(), desk) != route.arrival.end();
      const int witnesses = rng.poisson(arrival ? 3.0 : 0.8);
      std::vector<int> migrants;
      for (std::size_t i = 0; i < net.people.size(); ++i) {
        if (!net.people[i].smuggler()) migrants.push_back(static_cast<int>(i));
      }
      for (int w = 0; w < witnesses && !migrants.empty(); ++w)
        see(migrants[rng.below(migrants.size())]);
      if (seen.empty()) see(static_cast<int>(rng.weighted(weights)));

      // The group as this desk names it.
      core::Entity& org = b.add("Organization", "org");
      static const std::vector<std::string_view> kForms = {"{place} network", "{place} cell",
                                                           "Group of {nick}", "{nick} group",
                                                           "{place} organisation"};
      std::string org_name = std::string(kForms[rng.below(kForms.size())]);
      std::string nick = net.label;
      for (const Person& p : net.people) {
        if (p.role == Role::kLeader && !p.nickname.empty()) {
          nick = p.nickname;
          break;
        }
      }
      const auto replace = [&](std::string_view what, const std::string& with) {
        const std::size_t at = org_name.find(what);
        if (at != std::string::npos) org_name.replace(at, what.size(), with);
      };
      replace("{place}", net.label);
      replace("{nick}", nick);
      org.properties["name"] = {org_name};
      b.org_id = org.ftm_id;

      std::vector<IdentifierUse> all_uses;
      for (int i : seen) {
        std::vector<IdentifierUse> uses;
        add_person_record(b, i, uses);
        add_identifier_entities(b, i, uses);
        const Person& p = net.people[static_cast<std::size_t>(i)];
        if (p.smuggler() && rng.chance(0.8)) {
          core::Entity& m = b.add("Membership", "m");
          m.properties["member"] = {b.person_ids[i]};
          m.properties["organization"] = {b.org_id};
          m.properties["role"] = {role_name(p.role)};
        }
        stats.person_desks[i].insert(desk);
        ++stats.person_cases[i];
        for (const auto& u : uses) stats.identifier_desks[{u.kind, u.canonical}].insert(desk);
      }
      // Call records between the smugglers this desk sees, from seized phones.
      std::vector<int> callers;
      for (int i : seen) {
        if (net.people[static_cast<std::size_t>(i)].smuggler()) callers.push_back(i);
      }
      if (callers.size() >= 2) {
        const int calls = rng.poisson(4);
        for (int c = 0; c < calls; ++c) {
          const int a = callers[rng.below(callers.size())];
          int z = callers[rng.below(callers.size())];
          if (a == z) continue;
          const Person& pa = net.people[static_cast<std::size_t>(a)];
          const Person& pz = net.people[static_cast<std::size_t>(z)];
          core::Entity& call = b.add("Call", "call");
          call.properties["caller"] = {b.person_ids[a]};
          call.properties["receiver"] = {b.person_ids[z]};
          JsonWriter values;
          values.begin_array();
          std::string from =
              written_phone(b, pa.phones[rng.below(pa.phones.size())], values, "callerNumber");
          std::string to =
              written_phone(b, pz.phones[rng.below(pz.phones.size())], values, "receiverNumber");
          values.end_array();
          core::Entity& call2 = b.out.entities.back();
          call2.properties["callerNumber"] = {from};
          call2.properties["receiverNumber"] = {to};
          call2.properties["date"] = {
              date_in_month(rng, world.config.first_year, std::max(0, month_index - 2))};
          call2.properties["duration"] = {std::to_string(rng.range(5, 900))};
          JsonWriter t;
          t.begin().field("t", "record").field("case", b.out.info.reference);
          t.field("id", call2.ftm_id).field("schema", "Call").field("person", pa.key);
          t.field("receiver", pz.key).key("values").raw(values.str()).end();
          b.truth.push_back(t.str());
        }
        // Payments: migrants' fees to brokers, brokers settling with organisers.
        const int payments = rng.poisson(2);
        for (int c = 0; c < payments; ++c) {
          const int a = seen[rng.below(seen.size())];
          const int z = callers[rng.below(callers.size())];
          if (a == z) continue;
          core::Entity& pay = b.add("Payment", "pay");
          pay.properties["payer"] = {b.person_ids[a]};
          pay.properties["beneficiary"] = {b.person_ids[z]};
          const bool fee = !net.people[static_cast<std::size_t>(a)].smuggler();
          const int amount =
              fee ? route.fee_low + static_cast<int>(rng.below(static_cast<std::uint64_t>(
                                        route.fee_high - route.fee_low))) /
                                        50 * 50
                  : rng.range(20, 400) * 100;
          pay.properties["amount"] = {std::to_string(amount)};
          pay.properties["currency"] = {rng.chance(0.7) ? "EUR" : "USD"};
          pay.properties["date"] = {
              date_in_month(rng, world.config.first_year, std::max(0, month_index - 3))};
          pay.properties["purpose"] = {
              fee ? "fee for the crossing"
                  : std::string(route.channels[rng.below(route.channels.size())]) + " settlement"};
        }
      }
      // The smuggling events this desk investigates: landings on its territory.
      int events_added = 0;
      for (const SmugglingEvent& ev : net.events) {
        if (ev.place->country != desk || events_added >= 3) continue;
        core::Entity& e = b.add("Event", "ev");
        e.properties["name"] = {std::string(route.sea ? "Landing at " : "Interception at ") +
                                std::string(ev.place->name) + ", " + ev.date};
        e.properties["date"] = {ev.date};
        e.properties["country"] = {lower(ev.place->country)};
        e.properties["location"] = {std::string(ev.place->name)};
        e.properties["description"] = {
            std::to_string(ev.migrants) + " migrants on a " + ev.conveyance + ", " +
            std::to_string(ev.dead) + " dead, " + std::to_string(ev.missing) + " missing, " +
            std::to_string(ev.minors) + " unaccompanied minors; fee " + std::to_string(ev.fee) +
            " EUR per person paid by " + ev.channel};
        for (int c : ev.crew) {
          auto it = b.person_ids.find(c);
          if (it != b.person_ids.end()) e.properties["involved"].push_back(it->second);
        }
        ++events_added;
      }
      // Hand-over contacts: the downstream group's seized phones show calls to the upstream
      // giver, whom this desk has not identified: only the number is in its file.
      {
        Rng hand =
            rng.derive(0x434F4E5441435400ULL + static_cast<std::uint64_t>(world.counters.cases));
        for (const Handover& h : net.handovers) {
          if (in[static_cast<std::size_t>(h.giver)]) continue;
          int caller = -1;
          if (in[static_cast<std::size_t>(h.receiver)]) caller = h.receiver;
          for (int i : seen) {
            const Person& p = net.people[static_cast<std::size_t>(i)];
            if (caller < 0 && p.smuggler() && !p.phones.empty() &&
                std::find(p.groups.begin(), p.groups.end(), h.to_group) != p.groups.end()) {
              caller = i;
            }
          }
          if (caller < 0 || !hand.chance(0.8)) continue;
          const Person& from = net.people[static_cast<std::size_t>(caller)];
          const Person& giver = net.people[static_cast<std::size_t>(h.giver)];
          static const PhoneStyle kStyles[] = {PhoneStyle::kE164, PhoneStyle::kInternational,
                                               PhoneStyle::kDoubleZero, PhoneStyle::kDashed};
          const Phone& from_phone = from.phones[hand.below(from.phones.size())];
          const Phone& to_phone = giver.phones[0];
          const PhoneStyle from_style = kStyles[hand.below(4)];
          const PhoneStyle to_style = kStyles[hand.below(4)];
          const std::string from_written =
              format_phone(from_phone.e164, from_phone.country, from_style);
          const std::string to_written = format_phone(to_phone.e164, to_phone.country, to_style);
          core::Entity& call = b.add("Call", "call");
          call.properties["caller"] = {b.person_ids[caller]};
          call.properties["callerNumber"] = {from_written};
          call.properties["receiverNumber"] = {to_written};
          call.properties["date"] = {month_date(hand, world, month_index - 1)};
          call.properties["duration"] = {std::to_string(hand.range(20, 600))};
          JsonWriter values;
          values.begin_array();
          values.begin().field("property", "callerNumber").field("value", from_written);
          values.field("canonical", from_phone.e164).field("country", from_phone.country);
          values.field("style", phone_style_name(from_style)).end();
          values.begin().field("property", "receiverNumber").field("value", to_written);
          values.field("canonical", to_phone.e164).field("country", to_phone.country);
          values.field("style", phone_style_name(to_style)).end();
          values.end_array();
          JsonWriter t;
          t.begin().field("t", "record").field("case", b.out.info.reference);
          t.field("id", call.ftm_id).field("schema", "Call").field("person", from.key);
          t.field("receiver", giver.key).key("values").raw(values.str()).end();
          b.truth.push_back(t.str());
          JsonWriter c;
          c.begin().field("t", "handover_contact").field("case", b.out.info.reference);
          c.field("network", net.key);
          c.field("from_group", net.group_keys[static_cast<std::size_t>(h.from_group)]);
          c.field("to_group", net.group_keys[static_cast<std::size_t>(h.to_group)]);
          c.field("giver", giver.key).field("caller", from.key).field("id", call.ftm_id);
          c.field("phone", to_phone.e164).end();
          b.truth.push_back(c.str());
          stats.identifier_desks[{"phone", to_phone.e164}].insert(desk);
          stats.identifier_desks[{"phone", from_phone.e164}].insert(desk);
          ++world.summary.handover_contacts;
        }
      }
      b.out.info.summary = "Facilitation of illegal immigration on the " + std::string(route.name) +
                           " route around " + net.label + ": " + std::to_string(seen.size()) +
                           " persons identified, opened " + opened + ".";
      // The true slice this case sees.
      JsonWriter t;
      t.begin().field("t", "case").field("case", b.out.info.reference).field("desk", desk);
      t.field("network", net.key).key("groups").begin_array();
      std::set<int> groups;
      for (int i : seen) {
        for (int g : net.people[static_cast<std::size_t>(i)].groups) groups.insert(g);
      }
      for (int g : groups) t.value(net.group_keys[static_cast<std::size_t>(g)]);
      t.end_array().end();
      b.truth.insert(b.truth.begin(), t.str());
      // Digital evidence from the phones this desk seized.
      CR_RETURN_IF_ERROR(write_chat(world, rng, b, callers, month_index));
      slices.push_back({b.out.info.reference, desk, month_index, seen});
      CR_RETURN_IF_ERROR(emit_case(world, b));
    }
  }
  for (const Handover& h : net.handovers) {
    const auto it = stats.identifier_desks.find(
        {"phone", net.people[static_cast<std::size_t>(h.giver)].phones[0].e164});
    if (it != stats.identifier_desks.end() && it->second.size() >= 2) {
      ++world.summary.handovers_across_countries;
    }
  }
  CR_RETURN_IF_ERROR(emit_cooperation(world, net, rng.derive(0x434F4F50), slices));
  for (const auto& [person, ds] : stats.person_desks) {
    count_overlap(world.summary.persons_by_countries, ds.size());
    count_overlap(world.summary.persons_by_cases,
                  static_cast<std::size_t>(stats.person_cases[person]));
    if (world.config.name_census) {
      census_add(world, net.people[static_cast<std::size_t>(person)], stats.person_cases[person]);
    }
  }
  for (const auto& [identifier, ds] : stats.identifier_desks) {
    count_overlap(world.summary.identifiers_by_countries[identifier.first], ds.size());
  }
  return core::Status::ok();
}

}  // namespace

core::Result<Config> scale_config(std::string_view scale, std::uint64_t seed) {
  Config c;
  c.seed = seed;
  c.scale = std::string(scale);
  if (scale == "demo") {
    c.persons = 300;
    c.mean_group_size = 5;
  } else if (scale == "small") {
    c.persons = 5000;
    c.mean_group_size = 12;
  } else if (scale == "medium") {
    c.persons = 100000;
    c.mean_group_size = 16;
  } else if (scale == "large") {
    c.persons = 1000000;
    c.mean_group_size = 16;
  } else {
    std::int64_t n = 0;
    for (char ch : scale) {
      if (ch < '0' || ch > '9' || n > 100000000) {
        return core::invalid(
            "the scale is demo, small, medium, large or a number of persons "
            "(at most 100000000), not '" +
                std::string(scale) + "'",
            "scale");
      }
      n = n * 10 + (ch - '0');
    }
    if (scale.empty() || n < 1)
      return core::invalid("the number of persons must be at least 1", "scale");
    c.persons = n;
    c.mean_group_size = n < 1000 ? 7 : (n < 20000 ? 12 : 16);
  }
  return c;
}

core::Result<Summary> generate(const Config& config, Sink& sink, const Progress& progress) {
  if (config.persons < 1) return core::invalid("the world needs at least one person", "persons");
  if (config.last_year < config.first_year) return core::invalid("last_year is before first_year");
  World world{config, sink, {}, {}, make_calendar(config), 0};
  CR_RETURN_IF_ERROR(sink.on_line(
      Stream::kEvents,
      "event_id,date,route,place,country,latitude,longitude,migrants,dead,missing,conveyance,"
      "fee_per_person,currency,payment_channel,unaccompanied_minors"));
  CR_RETURN_IF_ERROR(sink.on_line(
      Stream::kPersonsCsv,
      "case,record_id,name,first_name,last_name,alias,birth_date,nationality,gender,phones"));
  {
    JsonWriter j;
    j.begin().field("t", "world").field("generator", "crossroads synth 1");
    j.field("seed", static_cast<std::int64_t>(config.seed)).field("scale", config.scale);
    j.field("persons", config.persons).end();
    CR_RETURN_IF_ERROR(sink.on_line(Stream::kGroundTruth, j.str()));
  }
  for (const Route& route : routes()) {
    for (const RouteShift& shift : route.shifts) {
      JsonWriter j;
      j.begin().field("t", "route_shift").field("route", route.id).field("date", shift.date);
      char factor[32];
      std::snprintf(factor, sizeof factor, "%.2f", shift.factor);
      j.key("factor").raw(factor).field("why", shift.why).end();
      CR_RETURN_IF_ERROR(sink.on_line(Stream::kGroundTruth, j.str()));
    }
  }
  const Rng root(config.seed);
  std::int64_t last_report = 0;
  for (int index = 0; world.counters.person < config.persons; ++index) {
    Rng rng = root.derive(static_cast<std::uint64_t>(index));
    Network net = make_network(rng, world, index);
    ++world.summary.networks;
    world.summary.groups += static_cast<std::int64_t>(net.group_keys.size());
    for (const Person& p : net.people) {
      ++world.summary.persons;
      if (p.smuggler()) {
        ++world.summary.smugglers;
      } else {
        ++world.summary.migrants;
      }
    }
    CR_RETURN_IF_ERROR(emit_network_truth(world, net));
    CR_RETURN_IF_ERROR(emit_adverts(world, net, rng));
    CR_RETURN_IF_ERROR(make_cases(world, net, rng));
    if (progress && world.counters.person - last_report >= config.persons / 50 + 1) {
      last_report = world.counters.person;
      progress(std::min(world.counters.person, config.persons), config.persons);
    }
  }
  if (progress) progress(config.persons, config.persons);
  if (config.name_census) world.summary.names = census_result(world);
  return world.summary;
}

std::string format_summary(const Config& config, const Summary& s) {
  std::string out;
  const auto line = [&](const std::string& label, std::int64_t value) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "  %-34s %12lld\n", label.c_str(),
                  static_cast<long long>(value));
    out += buf;
  };
  const auto histogram = [&](const std::string& label, const Overlap& h) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %-18s %10lld %10lld %10lld %10lld %10lld\n", label.c_str(),
                  static_cast<long long>(h[1]), static_cast<long long>(h[2]),
                  static_cast<long long>(h[3]), static_cast<long long>(h[4]),
                  static_cast<long long>(h[5]));
    out += buf;
  };
  out += "Synthetic world: scale " + config.scale + ", seed " + std::to_string(config.seed) + "\n";
  line("networks (2-3 groups on one route)", s.networks);
  line("organised crime groups", s.groups);
  line("persons (true identities)", s.persons);
  line("  smugglers", s.smugglers);
  line("  migrants (witnesses, victims)", s.migrants);
  line("cases", s.cases);
  line("shares with other desks", s.shares);
  line("person records in cases", s.person_records);
  line("  name differs from canonical", s.name_variants);
  line("identifiers deliberately mistyped", s.corrupted_identifiers);
  line("smuggling events", s.events);
  line("social-media adverts", s.adverts);
  line("chat exports", s.chat_files);
  line("hand-overs between groups", s.handovers);
  line("  calls to the giver in later cases", s.handover_contacts);
  line("  giver's phone in 2+ countries", s.handovers_across_countries);
  line("cooperation records", s.cooperation_records);
  for (const auto& [kind, n] : s.cooperation_by_kind) line("  " + kind, n);
  out += "Cases by desk:\n";
  for (const auto& [desk, n] : s.cases_by_desk) line("  " + desk, n);
  out += "Entities by schema:\n";
  for (const auto& [schema, n] : s.entities_by_schema) line("  " + schema, n);
  out += "Cross-case overlap (number of countries whose cases contain the item):\n";
  out += "  item                        1          2          3          4         5+\n";
  histogram("persons", s.persons_by_countries);
  for (const auto& [kind, h] : s.identifiers_by_countries) histogram(kind, h);
  out += "Persons by number of cases they appear in:\n";
  out += "                              1          2          3          4         5+\n";
  histogram("persons", s.persons_by_cases);
  if (s.names.persons_in_cases > 0) {
    const NameCensus& n = s.names;
    const auto percent = [](std::int64_t part, std::int64_t whole) {
      char buf[32];
      std::snprintf(
          buf, sizeof buf, "%.1f%%",
          whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
      return std::string(buf);
    };
    out += "Names of the persons in cases (canonical given + family name):\n";
    line("persons in cases", n.persons_in_cases);
    line("  distinct full names", n.distinct_names);
    line("true pairs (same person, 2 cases)", n.true_pairs);
    line("  namesake, same year + nationality", n.pairs_namesake_same_year_nationality);
    out += "    = " + percent(n.pairs_namesake_same_year_nationality, n.true_pairs) +
           " of true pairs\n";
    line("  namesake, same nationality", n.pairs_namesake_same_nationality);
    out += "    = " + percent(n.pairs_namesake_same_nationality, n.true_pairs) + " of true pairs\n";
  }
  return out;
}

}  // namespace crossroads::synth
