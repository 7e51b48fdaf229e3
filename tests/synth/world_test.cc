#include "synth/world.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ftm/entity.h"
#include "normalize/normalize.h"
#include "synth/file_sink.h"
#include "temp_dir.h"

namespace crossroads::synth {
namespace {

using json = nlohmann::json;

// Keeps everything in memory, in the order it came.
class MemorySink : public Sink {
 public:
  core::Status on_case(const GeneratedCase& g) override {
    cases.push_back(g);
    for (const auto& e : g.entities) all += ftm::entity_to_json(e) + "\n";
    return core::Status::ok();
  }
  core::Status on_line(Stream stream, std::string_view line) override {
    lines[stream].emplace_back(line);
    all += std::string(line) + "\n";
    return core::Status::ok();
  }
  core::Status on_file(std::string_view path, std::string_view content) override {
    files[std::string(path)] = std::string(content);
    all += std::string(path) + "\n" + std::string(content);
    return core::Status::ok();
  }
  std::vector<GeneratedCase> cases;
  std::map<Stream, std::vector<std::string>> lines;
  std::map<std::string, std::string> files;
  std::string all;
};

Config small_config(std::uint64_t seed = 11, std::int64_t persons = 3000) {
  Config c = scale_config("small", seed).value();
  c.persons = persons;
  return c;
}

// One world shared by the read-only tests (generated once: the tests stay fast).
struct Generated {
  Config config = small_config();
  MemorySink sink;
  Summary summary;
  std::vector<json> truth;
  Generated() {
    summary = generate(config, sink).value();
    for (const auto& line : sink.lines[Stream::kGroundTruth]) truth.push_back(json::parse(line));
  }
};

const Generated& world() {
  static const Generated* g = new Generated();
  return *g;
}

TEST(SynthWorld, SameSeedGivesByteIdenticalOutput) {
  MemorySink a;
  MemorySink b;
  MemorySink c;
  ASSERT_TRUE(generate(small_config(5, 1500), a).is_ok());
  ASSERT_TRUE(generate(small_config(5, 1500), b).is_ok());
  ASSERT_TRUE(generate(small_config(6, 1500), c).is_ok());
  EXPECT_FALSE(a.all.empty());
  EXPECT_EQ(a.all, b.all);
  EXPECT_NE(a.all, c.all);
}

TEST(SynthWorld, FilesAreByteIdenticalForTheSameSeed) {
  testing::TempDir dir;
  for (const char* sub : {"one", "two"}) {
    auto sink = FileSink::open(dir.file(sub));
    ASSERT_TRUE(sink.is_ok());
    ASSERT_TRUE(generate(small_config(3, 800), **sink).is_ok());
    ASSERT_TRUE((*sink)->close().is_ok());
  }
  const auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  for (const char* name : {"entities.ftm.jsonl", "ground-truth.jsonl", "persons.csv", "events.csv",
                           "adverts.jsonl", "cases.jsonl"}) {
    const std::string one = read(dir.file(std::string("one/") + name));
    EXPECT_FALSE(one.empty()) << name;
    EXPECT_EQ(one, read(dir.file(std::string("two/") + name))) << name;
  }
  // Every line of the FtM file reads back as an entity.
  std::ifstream in(dir.file("one/entities.ftm.jsonl"));
  std::string line;
  int n = 0;
  while (std::getline(in, line) && n < 2000) {
    auto e = ftm::entity_from_json(line);
    ASSERT_TRUE(e.is_ok()) << line << ": " << e.status().message();
    ++n;
  }
  EXPECT_GT(n, 100);
  EXPECT_FALSE(std::filesystem::is_empty(dir.file("one/chats")));
}

TEST(SynthWorld, ScalesHaveTheirSizes) {
  const Config demo = scale_config("demo", 7).value();
  MemorySink sink;
  const Summary s = generate(demo, sink).value();
  EXPECT_GE(s.persons, 300);
  EXPECT_LT(s.persons, 400);
  EXPECT_GE(s.cases, 25);
  EXPECT_LE(s.cases, 70);
  EXPECT_EQ(scale_config("large", 1)->persons, 1000000);
  EXPECT_EQ(scale_config("1234", 1)->persons, 1234);
  EXPECT_FALSE(scale_config("huge", 1).is_ok());
}

TEST(SynthWorld, EveryEntityIsValidFtmAndReferencesStayInsideItsCase) {
  for (const GeneratedCase& g : world().sink.cases) {
    std::set<std::string> ids;
    for (const auto& e : g.entities) ids.insert(e.ftm_id);
    EXPECT_TRUE(core::is_case_stage(g.info.stage));
    for (const auto& o : g.info.offences) EXPECT_TRUE(core::is_offence_type(o));
    for (core::Entity e : g.entities) {
      ASSERT_TRUE(ftm::validate_entity(ftm::SchemaRegistry::builtin(), e).is_ok())
          << ftm::entity_to_json(e) << ": "
          << ftm::validate_entity(ftm::SchemaRegistry::builtin(), e).message();
      for (const auto& [property, target] :
           ftm::entity_references(ftm::SchemaRegistry::builtin(), e)) {
        EXPECT_TRUE(ids.count(target)) << g.info.reference << " " << e.ftm_id << "." << property;
      }
    }
  }
}

TEST(SynthWorld, GroundTruthIsConsistentWithTheData) {
  const Generated& w = world();
  std::map<std::string, json> persons;
  std::map<std::string, std::string> case_network;
  std::map<std::pair<std::string, std::string>, json> records;
  for (const json& t : w.truth) {
    if (t["t"] == "person") persons[t["person"]] = t;
    if (t["t"] == "case") case_network[t["case"]] = t["network"];
    if (t["t"] == "record") records[{t["case"], t["id"]}] = t;
  }
  EXPECT_EQ(static_cast<std::int64_t>(persons.size()), w.summary.persons);
  std::int64_t person_entities = 0;
  for (const GeneratedCase& g : w.sink.cases) {
    ASSERT_TRUE(case_network.count(g.info.reference));
    for (const auto& e : g.entities) {
      auto it = records.find({g.info.reference, e.ftm_id});
      if (e.schema == "Person") {
        ++person_entities;
        ASSERT_NE(it, records.end()) << e.ftm_id;
        const json& p = persons.at(it->second["person"].get<std::string>());
        // The record belongs to a person of the case's network.
        EXPECT_EQ(p["network"], case_network[g.info.reference]);
        // name_differs says whether the written name is the canonical one.
        const std::string written = e.properties.at("name")[0];
        std::string a = written;
        std::string b = p["name"];
        for (auto* s : {&a, &b}) {
          for (char& ch : *s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
        EXPECT_EQ(it->second["name_differs"].get<bool>(), a != b) << written << " / " << b;
        // A full birth date is the true one.
        if (it->second["birthDate"] == "full") {
          EXPECT_EQ(e.properties.at("birthDate")[0], p["birthDate"]);
        }
        // Every phone written is one of the person's true phones.
        for (const json& v : it->second["values"]) {
          if (v["property"] == "phone") {
            const auto& phones = p["phones"];
            EXPECT_NE(std::find(phones.begin(), phones.end(), v["canonical"]), phones.end());
            const auto& written_phones = e.properties.at("phone");
            EXPECT_NE(std::find(written_phones.begin(), written_phones.end(),
                                v["value"].get<std::string>()),
                      written_phones.end());
          }
        }
      }
      if (it != records.end()) {
        // Values in the truth are the values in the entity.
        for (const json& v : it->second["values"]) {
          const auto& values = e.properties.at(v["property"].get<std::string>());
          EXPECT_NE(std::find(values.begin(), values.end(), v["value"].get<std::string>()),
                    values.end())
              << e.ftm_id << " " << v.dump();
        }
      }
    }
  }
  EXPECT_EQ(person_entities, w.summary.person_records);
  // Route shifts are in the truth.
  int shifts = 0;
  for (const json& t : w.truth) shifts += t["t"] == "route_shift";
  EXPECT_GE(shifts, 7);
}

TEST(SynthWorld, ConfiguredVariationIsReallyThere) {
  const Generated& w = world();
  const Variation& v = w.config.variation;
  std::int64_t records = 0, differs = 0, swapped = 0, script = 0, year_only = 0, missing = 0;
  std::int64_t non_latin = 0;
  std::map<std::string, json> persons;
  for (const json& t : w.truth) {
    if (t["t"] == "person") persons[t["person"]] = t;
  }
  for (const json& t : w.truth) {
    if (t["t"] != "record" || t["schema"] != "Person") continue;
    ++records;
    differs += t["name_differs"].get<bool>();
    const std::string origin = persons.at(t["person"].get<std::string>())["origin"];
    const bool latin =
        origin == "turkish" || origin == "albanian" || origin == "french" || origin == "english";
    non_latin += !latin;
    for (const auto& f : t["name_variation"]) {
      swapped += f == "swapped";
      script += f == "original_script";
    }
    year_only += t["birthDate"] == "year_only";
    missing += t["birthDate"] == "missing";
  }
  ASSERT_GT(records, 1000);
  const auto share = [&](std::int64_t n, std::int64_t of) { return static_cast<double>(n) / of; };
  // Documented in docs/synthetic-world.md: 55% to 80% of person records do not carry the
  // canonical spelling (about 70% with the default rates).
  EXPECT_GE(share(differs, records), 0.55);
  EXPECT_LE(share(differs, records), 0.80);
  EXPECT_NEAR(share(swapped, records), v.name_swapped, 0.02);
  EXPECT_NEAR(share(script, non_latin), v.name_original_script, 0.03);
  EXPECT_NEAR(share(year_only, records), v.birth_year_only, 0.03);
  EXPECT_NEAR(share(missing, records), v.birth_missing, 0.03);
}

TEST(SynthWorld, IdentifiersAreValidUnlessRecordedAsMistyped) {
  const Generated& w = world();
  std::int64_t checked = 0, corrupted = 0;
  for (const json& t : w.truth) {
    if (t["t"] != "record") continue;
    for (const json& v : t["values"]) {
      const std::string property = v["property"];
      const std::string value = v["value"];
      const std::string canonical = v["canonical"];
      const bool bad = v.value("corrupted", false);
      corrupted += bad;
      ++checked;
      if (property == "phone" || property == "callerNumber" || property == "receiverNumber") {
        auto n = normalize::normalize_phone(value, {v["country"].get<std::string>(), ""});
        if (bad) {
          EXPECT_TRUE(!n.is_ok() || n->value != canonical) << value;
        } else {
          ASSERT_TRUE(n.is_ok()) << value << ": " << n.status().message();
          EXPECT_EQ(n->value, canonical);
        }
      } else if (property == "iban" || property == "accountNumber") {
        auto n = normalize::normalize_iban(value, {});
        EXPECT_EQ(n.is_ok(), !bad) << value;
        if (!bad) {
          EXPECT_EQ(n->value, canonical);
        }
      } else if (property == "publicKey") {
        auto n = normalize::normalize_crypto_wallet(value, {});
        EXPECT_EQ(n.is_ok(), !bad) << value;
      } else if (property == "imoNumber") {
        EXPECT_TRUE(normalize::normalize_imo(value, {}).is_ok()) << value;
      } else if (property == "mmsi") {
        EXPECT_TRUE(normalize::normalize_mmsi(value, {}).is_ok()) << value;
      } else if (property == "registrationNumber") {
        const std::string country = canonical.substr(0, canonical.find(':'));
        EXPECT_TRUE(normalize::normalize_plate(value, {country, ""}).is_ok()) << value;
      } else if (property == "username") {
        const std::string platform = canonical.substr(0, canonical.find(':'));
        EXPECT_TRUE(normalize::normalize_online_account(value, {"", platform}).is_ok()) << value;
      } else if (property == "email") {
        EXPECT_TRUE(normalize::normalize_email(value, {}).is_ok()) << value;
      }
    }
  }
  EXPECT_GT(checked, 3000);
  EXPECT_GT(corrupted, 0);
  EXPECT_EQ(corrupted, w.summary.corrupted_identifiers);
}

TEST(SynthWorld, PersonsAndIdentifiersRecurAcrossCountries) {
  const Summary& s = world().summary;
  std::int64_t multi = 0;
  for (int k = 2; k <= 5; ++k) multi += s.persons_by_countries[static_cast<std::size_t>(k)];
  EXPECT_GT(multi, s.persons_by_countries[1] / 50);
  std::int64_t phones = 0;
  for (int k = 2; k <= 5; ++k) {
    phones += s.identifiers_by_countries.at("phone")[static_cast<std::size_t>(k)];
  }
  EXPECT_GT(phones, 0);
  EXPECT_GT(s.shares, 0);
  EXPECT_GE(s.cases_by_desk.size(), 8u);
  const std::string text = format_summary(world().config, s);
  EXPECT_NE(text.find("Cross-case overlap"), std::string::npos);
}

TEST(SynthWorld, ForgedPassportsAreSharedAndRecorded) {
  int forged = 0, shared = 0;
  for (const json& t : world().truth) {
    if (t["t"] != "passport") continue;
    ++forged;
    EXPECT_TRUE(t["forged"].get<bool>());
    shared += t["holders"].size() > 1;
  }
  EXPECT_GT(forged, 10);
  EXPECT_GT(shared, forged / 3);
}

TEST(SynthWorld, EvidenceFilesAndAdvertsAreProduced) {
  const Generated& w = world();
  EXPECT_GT(w.summary.adverts, 0);
  std::set<std::string> languages;
  for (const auto& line : w.sink.lines.at(Stream::kAdverts)) {
    const json ad = json::parse(line);
    languages.insert(ad["language"]);
    EXPECT_FALSE(ad["text"].get<std::string>().empty());
  }
  EXPECT_GE(languages.size(), 4u);
  bool whatsapp = false, telegram = false;
  for (const auto& [path, content] : w.sink.files) {
    if (path.ends_with(".json")) {
      telegram = true;
      const json chat = json::parse(content);
      EXPECT_EQ(chat["type"], "personal_chat");
      EXPECT_FALSE(chat["messages"].empty());
    } else {
      whatsapp = true;
      EXPECT_NE(content.find(": "), std::string::npos);
    }
  }
  EXPECT_TRUE(whatsapp);
  EXPECT_TRUE(telegram);
  EXPECT_GT(w.sink.lines.at(Stream::kEvents).size(), 10u);
}

}  // namespace
}  // namespace crossroads::synth

namespace crossroads::synth {
namespace {

// Groups hand migrants over along the route: the giver of an upstream group turns up, by his
// phone, in the cases of the downstream group, so the networks connect across groups.
TEST(SynthWorld, HandoversConnectGroupsOnConsecutiveLegs) {
  const Generated& w = world();
  std::map<std::string, std::string> receives_from;  // group -> upstream group
  std::map<std::string, json> persons;
  std::map<std::string, json> handovers;  // by giver
  for (const json& t : w.truth) {
    if (t["t"] == "network") {
      for (const json& g : t["groups"]) {
        if (g.contains("receives_from")) receives_from[g["group"]] = g["receives_from"];
      }
    }
    if (t["t"] == "person") persons[t["person"]] = t;
  }
  for (const json& t : w.truth) {
    if (t["t"] != "handover") continue;
    // Consecutive legs of one network.
    EXPECT_EQ(receives_from.at(t["to_group"]), t["from_group"]);
    const json& giver = persons.at(t["giver"].get<std::string>());
    const json& receiver = persons.at(t["receiver"].get<std::string>());
    EXPECT_EQ(giver["network"], t["network"]);
    EXPECT_EQ(giver["groups"][0], t["from_group"]);
    EXPECT_EQ(receiver["groups"][0], t["to_group"]);
    const auto& phones = giver["phones"];
    EXPECT_NE(std::find(phones.begin(), phones.end(), t["phone"]), phones.end());
    handovers[t["giver"]] = t;
  }
  EXPECT_EQ(static_cast<std::int64_t>(handovers.size()), w.summary.handovers);
  EXPECT_GT(w.summary.handovers, w.summary.networks / 2);

  // Each contact is a Call in the named case whose receiving number is the giver's phone as
  // the file wrote it, made by a member of the downstream group the case sees.
  std::map<std::string, const GeneratedCase*> cases;
  for (const GeneratedCase& g : w.sink.cases) cases[g.info.reference] = &g;
  std::int64_t contacts = 0;
  for (const json& t : w.truth) {
    if (t["t"] != "handover_contact") continue;
    ++contacts;
    const json& h = handovers.at(t["giver"].get<std::string>());
    EXPECT_EQ(t["from_group"], h["from_group"]);
    const json& caller = persons.at(t["caller"].get<std::string>());
    const auto& caller_groups = caller["groups"];
    EXPECT_NE(std::find(caller_groups.begin(), caller_groups.end(), t["to_group"]),
              caller_groups.end());
    const GeneratedCase& g = *cases.at(t["case"].get<std::string>());
    bool found = false;
    for (const auto& e : g.entities) {
      if (e.ftm_id != t["id"]) continue;
      found = true;
      EXPECT_EQ(e.schema, "Call");
      auto canonical =
          normalize::normalize(normalize::Kind::kPhone, e.properties.at("receiverNumber")[0]);
      ASSERT_TRUE(canonical.is_ok()) << e.properties.at("receiverNumber")[0];
      EXPECT_EQ(canonical->value, t["phone"].get<std::string>());
    }
    EXPECT_TRUE(found) << t.dump();
  }
  EXPECT_EQ(contacts, w.summary.handover_contacts);
  EXPECT_GT(contacts, 0);
  EXPECT_GT(w.summary.handovers_across_countries, 0);
  const std::string text = format_summary(w.config, w.summary);
  EXPECT_NE(text.find("hand-overs between groups"), std::string::npos);
}

TEST(SynthWorld, CooperationFollowsCasesThatShareSuspects) {
  const Generated& w = world();
  std::map<std::string, std::string> case_desk;
  for (const GeneratedCase& g : w.sink.cases) case_desk[g.info.reference] = g.info.desk;
  std::map<std::string, std::int64_t> kinds;
  for (const auto& line : w.sink.lines.at(Stream::kCooperation)) {
    const json r = json::parse(line);
    ++kinds[r["kind"]];
    ASSERT_TRUE(case_desk.count(r["case"])) << line;
    EXPECT_EQ(case_desk[r["case"]], r["desk"]);
    for (const auto& d : r["partner_desks"]) EXPECT_NE(d, r["desk"]);
    if (r["kind"] != "eaw") {
      EXPECT_FALSE(r["partner_desks"].empty()) << line;
    }
    if (r.contains("ended_on")) {
      EXPECT_GE(r["ended_on"], r["started_on"]);
    }
  }
  EXPECT_EQ(kinds, w.summary.cooperation_by_kind);
  for (const char* kind : {"jit", "coordination_meeting", "eio", "eaw"}) {
    EXPECT_GT(kinds[kind], 0) << kind;
  }
}

}  // namespace
}  // namespace crossroads::synth
