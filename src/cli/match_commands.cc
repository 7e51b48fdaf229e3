#include "cli/match_commands.h"

#include <stdlib.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "ftm/entity.h"
#include "ftm/schema.h"
#include "match/evaluation.h"
#include "match/match_record.h"
#include "match/matcher.h"
#include "synth/file_sink.h"
#include "synth/world.h"

namespace crossroads::cli {

namespace {

using nlohmann::json;
using ordered_json = nlohmann::ordered_json;  // output keys in the documented order
using Clock = std::chrono::steady_clock;

template <class Json>
std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string error_text(const core::Status& st) {
  return (st.field().empty() ? "" : st.field() + ": ") + st.message();
}

core::Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::invalid("cannot read '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses and validates one FtM entity given as a JSON value; errors name the field under
// `prefix` ("a.properties.birthDate").
core::Result<core::Entity> checked_entity(const json& value, const std::string& prefix) {
  if (!value.is_object()) return core::invalid("must be an FtM entity (a JSON object)", prefix);
  auto parsed = ftm::entity_from_json(dump(value));
  if (!parsed) {
    const auto& st = parsed.status();
    return core::invalid(st.message(), st.field().empty() ? prefix : prefix + "." + st.field());
  }
  core::Entity entity = std::move(parsed).value();
  if (auto st = ftm::validate_entity(ftm::SchemaRegistry::builtin(), entity); !st) {
    return core::invalid(st.message(), st.field().empty() ? prefix : prefix + "." + st.field());
  }
  return entity;
}

ordered_json evidence_json(const std::vector<match::Evidence>& evidence) {
  ordered_json out = ordered_json::array();
  for (const auto& e : evidence) {
    out.push_back({{"field", e.field}, {"text", e.text}, {"weight", e.weight}});
  }
  return out;
}

// ---- compare ------------------------------------------------------------------------------

core::Result<ordered_json> compare_line(const match::Matcher& matcher, const CompareOptions& o,
                                        std::string_view line) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return core::invalid("not valid JSON");
  if (!j.is_object()) return core::invalid("must be a JSON object {\"a\": {...}, \"b\": {...}}");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "a" && it.key() != "b") {
      return core::invalid("unknown key; a pair has only \"a\" and \"b\"", it.key());
    }
  }
  if (!j.contains("a")) return core::invalid("is required", "a");
  if (!j.contains("b")) return core::invalid("is required", "b");
  CR_ASSIGN_OR_RETURN(core::Entity a, checked_entity(j["a"], "a"));
  CR_ASSIGN_OR_RETURN(core::Entity b, checked_entity(j["b"], "b"));
  match::MatchRecord ra = match::to_match_record(a, o.country);
  match::MatchRecord rb = match::to_match_record(b, o.country);
  ra.entity_id = 1;
  rb.entity_id = 2;
  ra.case_id = 1;
  rb.case_id = 2;
  const match::Comparison c = matcher.compare(ra, rb);
  return ordered_json{{"probability", c.probability},
                      {"weight", c.weight},
                      {"link", c.probability >= o.threshold},
                      {"explanation", match::explain(c.evidence)},
                      {"evidence", evidence_json(c.evidence)}};
}

// ---- link ---------------------------------------------------------------------------------

struct Record {
  std::string id;
  std::size_t line = 0;
  core::Entity entity;
};

// "name=Full name,birthDate=DOB" -> [(name, Full name), (birthDate, DOB)]
core::Result<std::vector<std::pair<std::string, std::string>>> parse_mapping(
    const std::string& text, const std::string& flag) {
  std::vector<std::pair<std::string, std::string>> out;
  const ftm::SchemaSpec* person = ftm::SchemaRegistry::builtin().find("Person");
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      return core::invalid("'" + item + "' is not property=Column header", flag);
    }
    std::string property = item.substr(0, eq);
    if (property != "id" && (person == nullptr || !person->properties.count(property))) {
      return core::invalid("'" + property +
                               "' is not a property of an FtM Person (e.g. name, firstName, "
                               "lastName, birthDate, nationality, gender, phone, email, "
                               "passportNumber) nor 'id'",
                           flag);
    }
    out.emplace_back(std::move(property), item.substr(eq + 1));
  }
  if (out.empty()) return core::invalid("give at least one property=Column header", flag);
  return out;
}

core::Result<std::vector<Record>> read_csv_records(const std::string& path,
                                                   const std::string& mapping_text,
                                                   const std::string& flag,
                                                   std::vector<std::string>& errors) {
  CR_ASSIGN_OR_RETURN(auto mapping, parse_mapping(mapping_text, flag));
  CR_ASSIGN_OR_RETURN(std::string text, read_text(path));
  auto rows = parse_csv(text);
  if (!rows) return core::invalid(path + ": " + rows.status().message());
  if (rows->empty()) return core::invalid(path + ": the file is empty; a header row is required");
  const auto& header = rows->front().fields;
  std::vector<std::pair<std::string, std::size_t>> columns;  // property -> column index
  for (const auto& [property, column] : mapping) {
    auto it = std::find(header.begin(), header.end(), column);
    if (it == header.end()) {
      std::string have;
      for (const auto& h : header) have += (have.empty() ? "" : ", ") + h;
      return core::invalid(
          path + ": there is no column '" + column + "' (the header has " + have + ")", flag);
    }
    columns.emplace_back(property, static_cast<std::size_t>(it - header.begin()));
  }
  std::vector<Record> out;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const CsvRecord& row = (*rows)[r];
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;  // a blank line
    Record rec;
    rec.line = row.line;
    rec.id = std::to_string(row.line);
    rec.entity.schema = "Person";
    for (const auto& [property, index] : columns) {
      if (index >= row.fields.size() || row.fields[index].empty()) continue;
      if (property == "id") {
        rec.id = row.fields[index];
      } else {
        rec.entity.properties[property].push_back(row.fields[index]);
      }
    }
    if (auto st = ftm::validate_entity(ftm::SchemaRegistry::builtin(), rec.entity); !st) {
      errors.push_back(path + ":" + std::to_string(row.line) + ": " + error_text(st));
      continue;
    }
    out.push_back(std::move(rec));
  }
  return out;
}

core::Result<std::vector<Record>> read_ftm_records(const std::string& path,
                                                   std::vector<std::string>& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::invalid("cannot read '" + path + "'");
  std::vector<Record> out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto parsed = ftm::entity_from_json(line);
    core::Status st = parsed.status();
    if (parsed) st = ftm::validate_entity(ftm::SchemaRegistry::builtin(), *parsed);
    if (!st) {
      errors.push_back(path + ":" + std::to_string(number) + ": " + error_text(st));
      continue;
    }
    Record rec;
    rec.line = number;
    rec.entity = std::move(parsed).value();
    rec.id = rec.entity.ftm_id.empty() ? std::to_string(number) : rec.entity.ftm_id;
    out.push_back(std::move(rec));
  }
  return out;
}

core::Result<std::vector<Record>> read_records(const std::string& path, std::string format,
                                               const std::string& mapping, const std::string& side,
                                               std::vector<std::string>& errors) {
  if (format.empty()) {
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".csv") {
      format = "csv";
    } else if (ext == ".jsonl" || ext == ".json" || ext == ".ndjson") {
      format = "ftm";
    } else {
      return core::invalid("cannot tell the kind of '" + path + "' from its name; say --" + side +
                               "-format csv or ftm",
                           "--" + side + "-format");
    }
  }
  if (format == "csv") {
    if (mapping.empty()) {
      return core::invalid("a CSV file needs a column mapping, e.g. --" + side +
                               "-map 'name=Full name,birthDate=DOB'",
                           "--" + side + "-map");
    }
    return read_csv_records(path, mapping, "--" + side + "-map", errors);
  }
  if (format == "ftm" || format == "jsonl" || format == "json")
    return read_ftm_records(path, errors);
  return core::invalid("'" + format + "' is not a format; use csv or ftm", "--" + side + "-format");
}

// ---- eval ---------------------------------------------------------------------------------

// A directory under $TMPDIR removed when it goes out of scope.
class TempDir {
 public:
  static core::Result<TempDir> make() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/crossroads-eval-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) return core::internal("cannot create " + tmpl);
    return TempDir(tmpl);
  }
  TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

struct EvalWorld {
  std::vector<match::MatchRecord> records;
  std::vector<std::pair<core::Id, std::string>> truth;
  std::size_t cases = 0;
  std::size_t bad_lines = 0;
};

core::Status read_world(const std::string& dir, EvalWorld& world, std::ostream& err) {
  // Case reference -> desk, and a case id per reference.
  std::unordered_map<std::string, std::pair<core::Id, std::string>> cases;
  {
    std::ifstream in(dir + "/cases.jsonl", std::ios::binary);
    if (!in) return core::invalid("cannot read '" + dir + "/cases.jsonl'", "--dir");
    std::string line;
    while (std::getline(in, line)) {
      json j = json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("reference") || !j.contains("desk")) continue;
      const std::string ref = j["reference"].get<std::string>();
      cases.emplace(ref, std::make_pair(static_cast<core::Id>(cases.size() + 1),
                                        j["desk"].get<std::string>()));
    }
  }
  world.cases = cases.size();
  // Entities -> MatchRecords; the ground truth is not read here.
  std::unordered_map<std::string, core::Id> ids;  // ftm id -> entity id
  {
    const std::string path = dir + "/entities.ftm.jsonl";
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::invalid("cannot read '" + path + "'", "--dir");
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      std::string reference;
      if (j.is_object() && j.contains("datasets") && j["datasets"].is_array() &&
          !j["datasets"].empty() && j["datasets"][0].is_string()) {
        reference = j["datasets"][0].get<std::string>();
      }
      auto c = cases.find(reference);
      auto parsed = ftm::entity_from_json(line);
      core::Status st = parsed.status();
      if (parsed) st = ftm::validate_entity(ftm::SchemaRegistry::builtin(), *parsed);
      if (st && c == cases.end()) st = core::invalid("no case '" + reference + "' in cases.jsonl");
      if (!st) {
        if (++world.bad_lines <= 10) err << path << ":" << number << ": " << error_text(st) << "\n";
        continue;
      }
      match::MatchRecord r = match::to_match_record(*parsed, c->second.second);
      r.entity_id = static_cast<core::Id>(world.records.size() + 1);
      r.case_id = c->second.first;
      r.desk = c->second.second;
      ids.emplace(parsed->ftm_id, r.entity_id);
      world.records.push_back(std::move(r));
    }
  }
  // The ground truth, for scoring only: person record id -> true person.
  {
    const std::string path = dir + "/ground-truth.jsonl";
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::invalid("cannot read '" + path + "'", "--dir");
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("\"t\":\"record\"") == std::string::npos) continue;
      json j = json::parse(line, nullptr, false);
      if (!j.is_object() || j.value("schema", "") != "Person" || !j.contains("person")) continue;
      auto it = ids.find(j.value("id", ""));
      if (it == ids.end()) continue;
      world.truth.emplace_back(it->second, j["person"].get<std::string>());
    }
  }
  if (world.truth.empty()) {
    return core::invalid("'" + dir + "' has no person records in its ground truth", "--dir");
  }
  return core::Status::ok();
}

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void print_eval(std::ostream& out, const match::EvalResult& r, const EvalWorld& world,
                double generate_s, double read_s, double total_s) {
  auto row = [&](const std::string& name, const std::string& value) {
    out << "  " << name << std::string(name.size() < 38 ? 38 - name.size() : 1, ' ') << value
        << "\n";
  };
  out << "World\n";
  row("cases", std::to_string(world.cases));
  row("records (all schemata)", std::to_string(r.records));
  row("person records", std::to_string(r.persons));
  row("person records in the ground truth", std::to_string(world.truth.size()));
  out << "Person links (pairs across cases)\n";
  row("true pairs", std::to_string(r.true_pairs));
  row("predicted pairs", std::to_string(r.predicted_pairs));
  row("true positives", std::to_string(r.true_positives));
  row("precision", fixed(r.precision, 4));
  row("recall", fixed(r.recall, 4));
  row("F1", fixed(r.f1, 4));
  out << "Identities (pairs inside resolved groups)\n";
  row("precision", fixed(r.identity_precision, 4));
  row("recall", fixed(r.identity_recall, 4));
  row("F1", fixed(r.identity_f1, 4));
  row("largest identity (records)", std::to_string(r.largest_identity));
  out << "Shared identifiers\n";
  row("pairs sharing an identifier", std::to_string(r.identifier_pairs));
  row("of them linked", std::to_string(r.identifier_pairs_linked));
  row("recall", fixed(r.identifier_recall, 4));
  row("common values (weighted down)", std::to_string(r.common_identifiers));
  row("all cross-case hits", std::to_string(r.hits));
  out << "Model\n";
  row("EM iterations", std::to_string(r.parameters.iterations) +
                           (r.parameters.converged ? " (converged)" : " (not converged)"));
  row("EM candidate pairs", std::to_string(r.parameters.pairs));
  row("prior P(match)", fixed(r.parameters.lambda, 4));
  out << "Weights (log2 m/u per comparison level)\n" << match::describe_model(r.parameters);
  out << "Timing (seconds)\n";
  if (generate_s > 0) row("generate world", fixed(generate_s, 1));
  row("read files, build records", fixed(read_s, 1));
  row("index (add_all)", fixed(r.seconds_index, 1));
  row("EM (estimate_parameters)", fixed(r.seconds_estimate, 1));
  row("links (all_links)", fixed(r.seconds_links, 1));
  row("total", fixed(total_s, 1));
}

}  // namespace

int run_compare(const CompareOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  match::MatcherOptions options;
  options.threshold = o.threshold;
  const match::Matcher matcher(options);  // empty: default parameters, no one's data
  std::string line;
  std::size_t number = 0;
  std::size_t bad = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto result = compare_line(matcher, o, line);
    if (!result) {
      ++bad;
      err << "crossroads compare: line " << number << ": " << error_text(result.status()) << "\n";
      continue;
    }
    ordered_json j = {{"line", number}};
    for (auto it = result->begin(); it != result->end(); ++it) j[it.key()] = it.value();
    out << dump(j) << "\n";
  }
  if (bad > 0) {
    err << "crossroads compare: " << bad << " line" << (bad == 1 ? "" : "s")
        << " could not be read\n";
    return 1;
  }
  return 0;
}

int run_link(const LinkOptions& o, std::ostream& out, std::ostream& err) {
  std::vector<std::string> errors;
  auto left = read_records(o.left, o.left_format, o.left_map, "left", errors);
  if (!left) {
    err << "crossroads link: " << error_text(left.status()) << "\n";
    return 2;
  }
  auto right = read_records(o.right, o.right_format, o.right_map, "right", errors);
  if (!right) {
    err << "crossroads link: " << error_text(right.status()) << "\n";
    return 2;
  }
  for (const auto& e : errors) err << e << "\n";
  // Left records take ids 1..L, right ones L+1..L+R, whatever the order of a Hit's pair.
  std::vector<match::MatchRecord> l, r;
  for (std::size_t k = 0; k < left->size(); ++k) {
    l.push_back(match::to_match_record((*left)[k].entity, o.country));
    l.back().entity_id = static_cast<core::Id>(k + 1);
  }
  const auto offset = static_cast<core::Id>(left->size());
  for (std::size_t k = 0; k < right->size(); ++k) {
    r.push_back(match::to_match_record((*right)[k].entity, o.country));
    r.back().entity_id = offset + static_cast<core::Id>(k + 1);
  }
  match::MatcherOptions options;
  options.threshold = o.threshold;
  auto hits = match::link_sets(l, r, options);
  std::sort(hits.begin(), hits.end(),
            [](const match::Hit& a, const match::Hit& b) { return a.probability > b.probability; });
  auto record_of = [&](core::Id id) -> const Record& {
    return id <= offset ? (*left)[static_cast<std::size_t>(id - 1)]
                        : (*right)[static_cast<std::size_t>(id - offset - 1)];
  };
  for (const auto& h : hits) {
    const bool left_first = h.entity_id <= offset;
    const Record& a = record_of(left_first ? h.entity_id : h.other_entity_id);
    const Record& b = record_of(left_first ? h.other_entity_id : h.entity_id);
    out << dump(ordered_json{{"left_id", a.id},
                             {"right_id", b.id},
                             {"probability", h.probability},
                             {"explanation", match::explain(h.evidence)}})
        << "\n";
  }
  err << "crossroads link: " << left->size() << " left and " << right->size() << " right records, "
      << hits.size() << " links";
  if (!errors.empty()) err << ", " << errors.size() << " rows not read (above)";
  err << "\n";
  return errors.empty() ? 0 : 1;
}

int run_eval(const EvalOptions& o, std::ostream& out, std::ostream& err) {
  const auto started = Clock::now();
  std::optional<TempDir> temp;
  std::string dir = o.dir;
  double generate_s = 0;
  if (dir.empty()) {
    auto config = synth::scale_config(o.scale, o.seed);
    if (!config) {
      err << "crossroads eval: " << error_text(config.status()) << "\n";
      return 2;
    }
    auto made = TempDir::make();
    if (!made) {
      err << "crossroads eval: " << made.status().message() << "\n";
      return 1;
    }
    temp.emplace(std::move(made).value());
    dir = temp->path();
    err << "crossroads eval: generating the " << o.scale << " world (seed " << o.seed << ") in "
        << dir << "\n";
    auto sink = synth::FileSink::open(dir);
    core::Status st = sink.status();
    if (sink) {
      auto generated = synth::generate(*config, **sink);
      st = generated.status();
      if (auto closed = (*sink)->close(); st && !closed) st = closed;
    }
    if (!st) {
      err << "crossroads eval: " << error_text(st) << "\n";
      return 1;
    }
    generate_s = seconds_since(started);
  }
  const auto read_started = Clock::now();
  EvalWorld world;
  if (auto st = read_world(dir, world, err); !st) {
    err << "crossroads eval: " << error_text(st) << "\n";
    return 1;
  }
  const double read_s = seconds_since(read_started);
  err << "crossroads eval: " << world.records.size() << " records, " << world.truth.size()
      << " person records with a true identity; matching...\n";
  match::EvalOptions options;
  options.matcher.threshold = o.threshold;
  std::ofstream errors;
  if (!o.errors.empty()) {
    errors.open(o.errors, std::ios::binary | std::ios::trunc);
    if (!errors) {
      err << "crossroads eval: cannot write '" << o.errors << "' (--errors)\n";
      return 1;
    }
    options.errors = &errors;
  }
  const match::EvalResult r = match::evaluate(world.records, world.truth, options);
  print_eval(out, r, world, generate_s, read_s, seconds_since(started));
  if (world.bad_lines > 0) {
    err << "crossroads eval: " << world.bad_lines << " entity lines could not be read\n";
    return 1;
  }
  return 0;
}

void add_match_commands(CLI::App& app) {
  auto compare_options = std::make_shared<CompareOptions>();
  auto compare_file = std::make_shared<std::string>("-");
  auto* compare = app.add_subcommand(
      "compare", "Match probability and explanation of record pairs (JSON lines)");
  compare->add_option("file", *compare_file,
                      "JSON lines {\"a\": FtM entity, \"b\": FtM entity} ('-' or none: stdin)");
  compare
      ->add_option("--threshold", compare_options->threshold,
                   "Probability at or above which a pair links (default 0.9)")
      ->check(CLI::Range(0.0, 1.0));
  compare->add_option("--country", compare_options->country,
                      "Default region (ISO 3166) of phones without a country code");
  compare->callback([compare_options, compare_file] {
    int rc = 0;
    if (*compare_file == "-") {
      rc = run_compare(*compare_options, std::cin, std::cout, std::cerr);
    } else {
      std::ifstream in(*compare_file, std::ios::binary);
      if (!in) {
        std::cerr << "crossroads compare: cannot read '" << *compare_file << "'\n";
        throw CLI::RuntimeError(2);
      }
      rc = run_compare(*compare_options, in, std::cout, std::cerr);
    }
    if (rc != 0) throw CLI::RuntimeError(rc);
  });

  auto link_options = std::make_shared<LinkOptions>();
  auto link_output = std::make_shared<std::string>();
  auto* link = app.add_subcommand(
      "link", "Link two files of person records (CSV with a column mapping, or FtM JSON lines)");
  link->add_option("--left", link_options->left, "First file (.csv, or .jsonl/.json of FtM)")
      ->required();
  link->add_option("--right", link_options->right, "Second file")->required();
  link->add_option("--left-map", link_options->left_map,
                   "CSV columns of the left file: 'name=Full name,birthDate=DOB,phone=Mobile,"
                   "nationality=Country' (id=COLUMN names the record id; default: line number)");
  link->add_option("--right-map", link_options->right_map, "CSV columns of the right file");
  link->add_option("--left-format", link_options->left_format,
                   "csv or ftm (default: from the extension)");
  link->add_option("--right-format", link_options->right_format,
                   "csv or ftm (default: from the extension)");
  link->add_option("--threshold", link_options->threshold, "Minimum probability (default 0.9)")
      ->check(CLI::Range(0.0, 1.0));
  link->add_option("--country", link_options->country,
                   "Default region (ISO 3166) of phones without a country code");
  link->add_option("-o,--output", *link_output, "Write the links here (default: stdout)");
  link->callback([link_options, link_output] {
    int rc = 0;
    if (link_output->empty()) {
      rc = run_link(*link_options, std::cout, std::cerr);
    } else {
      std::ofstream out(*link_output, std::ios::binary);
      rc = run_link(*link_options, out, std::cerr);
      out.flush();
      if (!out) {
        std::cerr << "crossroads link: cannot write '" << *link_output << "'\n";
        rc = 1;
      }
    }
    if (rc != 0) throw CLI::RuntimeError(rc);
  });

  auto eval_options = std::make_shared<EvalOptions>();
  auto* eval = app.add_subcommand(
      "eval", "Score the matcher against a synthetic world's ground truth (precision, recall)");
  auto* dir = eval->add_option("--dir", eval_options->dir,
                               "A world written by 'crossroads synth --out DIR'");
  eval->add_option("--scale", eval_options->scale,
                   "Generate a world of this size first: demo, small, medium, large or a number "
                   "of persons (default small)")
      ->excludes(dir);
  eval->add_option("--seed", eval_options->seed, "Seed of the generated world (default 7)")
      ->excludes(dir);
  eval->add_option("--threshold", eval_options->threshold, "Link threshold (default 0.9)")
      ->check(CLI::Range(0.0, 1.0));
  eval->add_option("--errors", eval_options->errors,
                   "Write every false positive and false negative person pair, with its "
                   "explanation, to this file (JSON lines)");
  eval->callback([eval_options] {
    if (int rc = run_eval(*eval_options, std::cout, std::cerr); rc != 0) {
      throw CLI::RuntimeError(rc);
    }
  });
}

}  // namespace crossroads::cli
