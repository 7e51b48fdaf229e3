#include "cli/match_commands.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace crossroads::cli {
namespace {

using json = nlohmann::json;

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(json::parse(line));
  }
  return out;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

json person(const std::string& name, const std::string& birth) {
  json p = {{"schema", "Person"}, {"properties", {{"name", {name}}}}};
  if (!birth.empty()) p["properties"]["birthDate"] = {birth};
  return p;
}

std::string pair_line(const json& a, const json& b) { return json{{"a", a}, {"b", b}}.dump(); }

struct BinaryRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the real binary with `args` (already shell-quoted), capturing stdout, stderr, status.
BinaryRun run_binary(const testing::TempDir& dir, const std::string& args) {
  const std::string err_file = dir.file("stderr.txt");
  const std::string command =
      std::string("'") + CROSSROADS_BINARY + "' " + args + " 2>'" + err_file + "'";
  BinaryRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::ostringstream ss;
  ss << in.rdbuf();
  run.err = ss.str();
  return run;
}

TEST(CompareCommand, LinksTransliteratedNameWithSameBirthDateButNotNamesakesBornYearsApart) {
  std::istringstream in(
      pair_line(person("Mohamed Abdelrahman", "1985-03-12"),
                person("Muhammad Abd al-Rahman", "1985-03-12")) +
      "\n" + pair_line(person("Mohamed Ali", "1980"), person("Mohamed Ali", "1995")) + "\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_compare({}, in, out, err), 0) << err.str();
  const auto lines = json_lines(out.str());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["line"], 1);
  EXPECT_TRUE(lines[0]["link"].get<bool>()) << lines[0].dump();
  EXPECT_GE(lines[0]["probability"].get<double>(), 0.9);
  EXPECT_NE(lines[0]["explanation"].get<std::string>().find("birth date"), std::string::npos);
  ASSERT_FALSE(lines[0]["evidence"].empty());
  EXPECT_TRUE(lines[0]["evidence"][0].contains("field"));
  EXPECT_EQ(lines[1]["line"], 2);
  EXPECT_FALSE(lines[1]["link"].get<bool>()) << lines[1].dump();
  EXPECT_LT(lines[1]["probability"].get<double>(), 0.5);
}

TEST(CompareCommand, ThresholdDecidesTheLinkFlag) {
  const std::string line =
      pair_line(person("Mohamed Ali", "1980"), person("Mohamed Ali", "1995")) + "\n";
  std::istringstream in(line);
  std::ostringstream out, err;
  CompareOptions o;
  o.threshold = 0.0;
  EXPECT_EQ(run_compare(o, in, out, err), 0);
  EXPECT_TRUE(json_lines(out.str()).at(0)["link"].get<bool>());
}

TEST(CompareCommand, BadLinesAreNamedByLineNumberAndExitOne) {
  std::istringstream in(pair_line(person("Ali Hassan", "1990"), person("Ali Hasan", "1990")) +
                        "\n\n" +
                        pair_line(person("Ali Hassan", "1990"), person("Ali Hasan", "yesterday")) +
                        "\n" + "not json\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_compare({}, in, out, err), 1);
  EXPECT_EQ(json_lines(out.str()).size(), 1u);  // the good line is still compared
  EXPECT_NE(err.str().find("line 3: b.properties.birthDate"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("line 4:"), std::string::npos) << err.str();
}

TEST(CompareCommand, BinaryExitsOneAndNamesTheBadLine) {
  testing::TempDir dir;
  write_file(dir.file("pairs.jsonl"), pair_line(person("Mohamed Abdelrahman", "1985-03-12"),
                                                person("Muhammad Abd al-Rahman", "1985-03-12")) +
                                          "\n{\"a\": {\"schema\": \"Person\"}}\n");
  const BinaryRun run = run_binary(dir, "compare '" + dir.file("pairs.jsonl") + "'");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("line 2"), std::string::npos) << run.err;
  const auto lines = json_lines(run.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0]["link"].get<bool>());
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  auto rows = parse_csv("id,name\r\n1,\"Ali, Mohamed\"\r\n2,\"say \"\"hi\"\"\nthere\"\n3,plain");
  ASSERT_TRUE(rows.is_ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[1].fields[1], "Ali, Mohamed");
  EXPECT_EQ((*rows)[2].fields[1], "say \"hi\"\nthere");
  EXPECT_EQ((*rows)[3].line, 5u);  // the quoted line break moved it down a line
  EXPECT_EQ((*rows)[3].fields[1], "plain");
  EXPECT_FALSE(parse_csv("a,b\n1,\"open").is_ok());
}

TEST(LinkCommand, LinksTwoCsvFilesThroughAColumnMapping) {
  testing::TempDir dir;
  write_file(dir.file("left.csv"),
             "Ref,Full name,DOB,Mobile,Country\n"
             "L1,\"ABDELRAHMAN, Mohamed\",1985-03-12,+39 333 123 4567,EG\n"
             "L2,Giulia Bianchi,1990-01-01,,IT\n"
             "L3,Bad Date,13/13/13,,EG\n");
  write_file(dir.file("right.csv"),
             "record,name,born,phone\n"
             "R1,Muhammad Abd al-Rahman,1985-03-12,\n"
             "R2,Jean Dupont,1970-05-05,\n");
  LinkOptions o;
  o.left = dir.file("left.csv");
  o.right = dir.file("right.csv");
  o.left_map = "id=Ref,name=Full name,birthDate=DOB,phone=Mobile,nationality=Country";
  o.right_map = "id=record,name=name,birthDate=born,phone=phone";
  std::ostringstream out, err;
  EXPECT_EQ(run_link(o, out, err), 1) << err.str();  // the bad row is reported
  EXPECT_NE(err.str().find("left.csv:4: properties.birthDate"), std::string::npos) << err.str();
  const auto links = json_lines(out.str());
  ASSERT_EQ(links.size(), 1u) << out.str();
  EXPECT_EQ(links[0]["left_id"], "L1");
  EXPECT_EQ(links[0]["right_id"], "R1");
  EXPECT_GE(links[0]["probability"].get<double>(), 0.9);
  EXPECT_FALSE(links[0]["explanation"].get<std::string>().empty());
}

TEST(LinkCommand, LinksCsvToFtmJsonLinesAndRefusesAnUnknownColumn) {
  testing::TempDir dir;
  write_file(dir.file("left.csv"), "Full name,DOB\nMohamed Abdelrahman,1985-03-12\n");
  json e = person("Muhammad Abd al-Rahman", "1985-03-12");
  e["id"] = "ftm-1";
  write_file(dir.file("right.jsonl"), e.dump() + "\n");
  LinkOptions o;
  o.left = dir.file("left.csv");
  o.right = dir.file("right.jsonl");
  o.left_map = "name=Full name,birthDate=DOB";
  std::ostringstream out, err;
  EXPECT_EQ(run_link(o, out, err), 0) << err.str();
  const auto links = json_lines(out.str());
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]["left_id"], "2");  // no id column: the line number
  EXPECT_EQ(links[0]["right_id"], "ftm-1");

  o.left_map = "name=Name";
  std::ostringstream out2, err2;
  EXPECT_EQ(run_link(o, out2, err2), 2);
  EXPECT_NE(err2.str().find("no column 'Name'"), std::string::npos) << err2.str();
}

TEST(EvalCommand, ScoresTheSmallWorldAtTheAccuracyTargets) {
  EvalOptions o;
  o.scale = "small";
  o.seed = 7;
  std::ostringstream out, err;
  ASSERT_EQ(run_eval(o, out, err), 0) << err.str();
  const std::string table = out.str();
  auto figure = [&](const std::string& section, const std::string& label) {
    const auto s = table.find(section);
    EXPECT_NE(s, std::string::npos) << table;
    const auto at = table.find("  " + label, s);
    EXPECT_NE(at, std::string::npos) << label << "\n" << table;
    if (s == std::string::npos || at == std::string::npos) return -1.0;
    return std::stod(table.substr(at + 2 + label.size()));
  };
  for (const char* label : {"precision", "recall", "F1"}) {
    const double v = figure("Person links", label);
    EXPECT_GE(v, 0.0) << label;
    EXPECT_LE(v, 1.0) << label;
  }
  // The small world (seed 7, the default model: too few candidate pairs for EM) gave 0.965 /
  // 0.960 when this was written; a change that loses either shows here.
  EXPECT_GE(figure("Person links", "precision"), 0.95);
  EXPECT_GE(figure("Person links", "recall"), 0.95);
  EXPECT_EQ(figure("Shared identifiers", "recall"), 1.0);
  EXPECT_GT(figure("Person links", "true pairs"), 0.0);
  EXPECT_GE(figure("Identities", "largest identity (records)"), 2.0);
  EXPECT_NE(table.find("Timing"), std::string::npos);
}

}  // namespace
}  // namespace crossroads::cli
