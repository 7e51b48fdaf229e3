// `crossroads extract` (src/cli/text_commands.cc) in-process: reading, WhatsApp messages,
// the JSON lines it prints, and failures to read or write.
#include "cli/text_commands.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace crossroads::cli {
namespace {

using json = nlohmann::json;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File file_with(const std::string& text) {
  File f(std::tmpfile());
  std::fwrite(text.data(), 1, text.size(), f.get());
  std::rewind(f.get());
  return f;
}

std::string contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, got);
  return out;
}

// The JSON lines extract prints for `input` with case country IT.
std::vector<std::string> extract_lines(const std::string& input) {
  File in = file_with(input);
  File out(std::tmpfile());
  const core::Status status = extract_text(in.get(), out.get(), {"IT", {}}, "test", nullptr);
  EXPECT_TRUE(status.is_ok()) << status.message();
  std::vector<std::string> lines;
  std::istringstream text(contents(out.get()));
  std::string line;
  while (std::getline(text, line)) lines.push_back(line);
  return lines;
}

TEST(ExtractCommand, PrintsOneJsonLinePerFindingWithOffsetsInItsLine) {
  const auto lines = extract_lines(
      "02/05/2023, 13:53 - Agroni: اتصل على +447522862527\n"
      "02/05/2023, 20:43 - Arbën Prifti: police at the port today, wait\n"
      "03/05/2023, 11:23 - Arbën Prifti: call +32 47 073 8053 when you arrive\n");
  ASSERT_EQ(lines.size(), 2u);
  // Compact, keys in sorted order, strings as UTF-8: what nlohmann::json prints.
  const json first = json::parse(lines[0]);
  EXPECT_EQ(lines[0], first.dump());
  EXPECT_EQ(lines[0].rfind("{\"begin\":44,\"end\":57,\"kind\":\"phone\",\"language\":", 0), 0u);
  EXPECT_EQ(first["line"], 1);
  EXPECT_EQ(first["text"], "+447522862527");
  const json second = json::parse(lines[1]);
  EXPECT_EQ(second["line"], 3);
  EXPECT_EQ(second["value"], "+32470738053");
  const std::string line3 =
      "03/05/2023, 11:23 - Arbën Prifti: call +32 47 073 8053 when you arrive";
  EXPECT_EQ(line3.substr(second["begin"].get<std::size_t>(),
                         second["end"].get<std::size_t>() - second["begin"].get<std::size_t>()),
            "+32 47 073 8053");
  EXPECT_EQ(second["language"], "en");
}

TEST(ExtractCommand, ContinuationLinesBelongToTheirMessageAndCrLfAndBomAreDropped) {
  const auto lines = extract_lines(
      "\xef\xbb\xbf[12/03/2024, 14:30:05] Sami: the price is 3000 euro\r\n"
      "call me on 347 123 4567\r\n"
      "[12/03/2024, 14:31:00] Sami: ok\r\n");
  ASSERT_EQ(lines.size(), 1u);
  const json j = json::parse(lines[0]);
  EXPECT_EQ(j["line"], 2);
  EXPECT_EQ(j["begin"], 11);
  EXPECT_EQ(j["end"], 23);
  EXPECT_EQ(j["text"], "347 123 4567");
  EXPECT_EQ(j["value"], "+393471234567");
}

TEST(ExtractCommand, PrintsValidJsonForALineWithIllFormedUtf8) {
  const auto lines = extract_lines("plain text line\nmail \xff\xfe x.y@example.com \"now\"\n");
  ASSERT_EQ(lines.size(), 1u);
  const json j = json::parse(lines[0]);
  EXPECT_EQ(j["value"], "x.y@example.com");
  EXPECT_EQ(j["line"], 2);
}

TEST(ExtractCommand, ReadsLinesLongerThanItsReadBlock) {
  std::string input =
      "intro\n" + std::string(3u << 20, 'a') + " +39 347 123 4567\nlast +39 06 1234 5678";
  const auto lines = extract_lines(input);
  ASSERT_EQ(lines.size(), 2u);
  const json first = json::parse(lines[0]);
  EXPECT_EQ(first["line"], 2);
  EXPECT_EQ(first["begin"], (3u << 20) + 1);
  EXPECT_EQ(first["value"], "+393471234567");
  const json last = json::parse(lines[1]);  // a last line without '\n' is read too
  EXPECT_EQ(last["line"], 3);
  EXPECT_EQ(last["value"], "+390612345678");
}

TEST(ExtractCommand, ManyMessagesAcrossBatchesKeepTheirOrder) {
  std::string input;
  for (int i = 0; i < 120000; ++i) {
    input += "01/02/2024, 10:00 - S" + std::to_string(i % 7) + ": ";
    input += i % 1000 == 0 ? "tel +39 347 " + std::to_string(1000000 + i) + "\n" : "ok ciao\n";
  }
  const auto lines = extract_lines(input);
  ASSERT_EQ(lines.size(), 120u);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const json j = json::parse(lines[k]);
    EXPECT_EQ(j["line"], k * 1000 + 1);
    EXPECT_EQ(j["value"], "+39347" + std::to_string(1000000 + k * 1000));
  }
}

TEST(ExtractCommand, FailsWhenTheFindingsCannotBeWritten) {
  File full(std::fopen("/dev/full", "w"));
  if (!full) GTEST_SKIP() << "/dev/full is not available";
  File in = file_with("call +39 347 123 4567\n");
  const core::Status status = extract_text(in.get(), full.get(), {"IT", {}}, "test", nullptr);
  EXPECT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("writing the findings failed"), std::string::npos);
}

}  // namespace
}  // namespace crossroads::cli
