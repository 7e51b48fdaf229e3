#include "cli/text_commands.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "extract/language.h"
#include "names/name_json.h"
#include "normalize/json.h"
#include "normalize/normalize.h"

namespace crossroads::cli {

namespace {

using nlohmann::json;

constexpr std::size_t kProgressEveryBytes = 10u << 20;
// Enough text to judge a message's language; longer messages are judged on their start.
constexpr std::size_t kMaxMessageBytes = 16u << 10;
// Messages whose languages are judged together (a long export is cut into such batches).
constexpr std::size_t kBatchMessages = 50000;

struct TextOptions {
  std::string kind;
  std::string value;
  std::string file;
  std::string country;
  std::string platform;
};

std::string dump(const json& j) {
  // Input text may be ill-formed UTF-8 (OCR, cut messages): replace, never throw.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string all_kinds() {
  std::string out;
  for (int k = 0; k < normalize::kKindCount; ++k) {
    if (!out.empty()) out += ", ";
    out += normalize::kind_name(static_cast<normalize::Kind>(k));
  }
  return out;
}

void run_normalize(const TextOptions& o) {
  if (o.kind == "name") {  // person names: their own normaliser (src/names)
    std::cout << names::name_to_json(o.value) << "\n";
    return;
  }
  const auto kind = normalize::parse_kind(o.kind);
  if (!kind) {
    std::cerr << "crossroads: '" << o.kind << "' is not a kind (name, " << all_kinds() << ")\n";
    throw CLI::RuntimeError(2);
  }
  const normalize::Context ctx{o.country, o.platform};
  auto result = normalize::normalize(*kind, o.value, ctx);
  if (!result) {
    std::cerr << "crossroads: " << result.status().message() << "\n";
    throw CLI::RuntimeError(1);
  }
  std::cout << normalize::to_json(*result) << "\n";
}

bool digits(std::string_view s, std::size_t& p, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  while (p < s.size() && n < max && s[p] >= '0' && s[p] <= '9') {
    ++p;
    ++n;
  }
  return n >= min;
}

// Where the message text starts in a WhatsApp export line, or nullopt when the line is not
// the first line of a message. Android: "12/03/2024, 14:30 - Name: text"; iOS:
// "[12/03/2024, 14:30:05] Name: text"; 12-hour clocks ("3/12/24, 2:30 PM - ") too.
std::optional<std::size_t> whatsapp_body(std::string_view line, std::string_view* sender) {
  std::size_t p = 0;
  const bool bracket = !line.empty() && line[0] == '[';
  if (bracket) ++p;
  auto date_sep = [&] {
    if (p < line.size() && (line[p] == '/' || line[p] == '.' || line[p] == '-')) {
      ++p;
      return true;
    }
    return false;
  };
  if (!digits(line, p, 1, 2) || !date_sep() || !digits(line, p, 1, 2) || !date_sep() ||
      !digits(line, p, 2, 4)) {
    return std::nullopt;
  }
  if (p < line.size() && line[p] == ',') ++p;
  if (p >= line.size() || line[p] != ' ') return std::nullopt;
  ++p;
  if (!digits(line, p, 1, 2) || p >= line.size() || line[p] != ':' || !digits(line, ++p, 2, 2)) {
    return std::nullopt;
  }
  if (p < line.size() && line[p] == ':' && !digits(line, ++p, 2, 2)) return std::nullopt;
  // " AM", "\u202fPM", " a.m."
  std::size_t q = p;
  if (line.substr(q, 3) == "\xe2\x80\xaf") {
    q += 3;
  } else if (q < line.size() && line[q] == ' ') {
    ++q;
  }
  if (q < line.size() && (line[q] == 'A' || line[q] == 'P' || line[q] == 'a' || line[q] == 'p')) {
    std::size_t r = q + 1;
    if (r < line.size() && line[r] == '.') ++r;
    if (r < line.size() && (line[r] == 'M' || line[r] == 'm')) {
      ++r;
      if (r < line.size() && line[r] == '.') ++r;
      p = r;
    }
  }
  if (bracket) {
    if (p >= line.size() || line[p] != ']') return std::nullopt;
    ++p;
    if (p < line.size() && line[p] == ' ') ++p;
  } else {
    if (line.substr(p, 3) != " - ") return std::nullopt;
    p += 3;
  }
  // "Name: text"; system lines ("Messages are end-to-end encrypted") have no sender.
  const std::size_t colon = line.find(": ", p);
  if (colon == std::string_view::npos) {
    *sender = {};
    return p;
  }
  *sender = line.substr(p, colon - p);
  return colon + 2;
}

// Messages are kept in batches so that the language of each is judged with its conversation
// (extract::detect_languages: by script, by its own text, or by a sample of its sender's
// messages); the findings are printed when a batch is full and at the end.
class ExtractRun {
 public:
  explicit ExtractRun(const TextOptions& o) : ctx_{o.country, o.platform} {}

  void line(std::size_t number, std::string_view text) {
    std::size_t offset = 0;
    std::string_view sender;
    if (auto body = whatsapp_body(text, &sender)) {
      whatsapp_ = true;
      offset = *body;
      start_message(sender);
    } else if (!whatsapp_ || batch_.empty()) {
      start_message({});
    }
    Message& m = batch_.back();
    if (m.text.size() < kMaxMessageBytes) {
      m.text += text.substr(offset, kMaxMessageBytes - m.text.size());
      m.text += '\n';
    }
    for (auto& f : extract::find_identifiers(text.substr(offset), ctx_)) {
      m.pending.push_back({number, offset + f.begin, offset + f.end, std::move(f)});
    }
  }

  void flush() {
    std::vector<extract::Language> languages(batch_.size());
    if (whatsapp_) {
      std::vector<extract::Message> messages;
      messages.reserve(batch_.size());
      for (const auto& m : batch_) messages.push_back({m.sender, m.text});
      languages = extract::detect_languages(messages);
    } else {
      // Lines of a plain text have no sender: judge only those with findings.
      for (std::size_t i = 0; i < batch_.size(); ++i) {
        if (!batch_[i].pending.empty()) languages[i] = extract::detect_language(batch_[i].text);
      }
    }
    for (std::size_t i = 0; i < batch_.size(); ++i) {
      for (const auto& p : batch_[i].pending) {
        json out = {{"line", p.line},
                    {"begin", p.begin},
                    {"end", p.end},
                    {"kind", normalize::kind_name(p.finding.kind)},
                    {"text", p.finding.text},
                    {"value", p.finding.normalized.value},
                    {"language", languages[i].code},
                    {"language_basis", extract::basis_name(languages[i].basis)}};
        std::cout << dump(out) << "\n";
        ++findings_;
      }
    }
    batch_.clear();
  }

  std::size_t findings() const { return findings_; }

 private:
  struct Pending {
    std::size_t line;
    std::size_t begin;
    std::size_t end;
    extract::Finding finding;
  };
  struct Message {
    std::string sender;
    std::string text;
    std::vector<Pending> pending;
  };

  void start_message(std::string_view sender) {
    if (batch_.size() >= kBatchMessages) flush();
    batch_.push_back({std::string(sender), {}, {}});
  }

  normalize::Context ctx_;
  bool whatsapp_ = false;  // once a WhatsApp header is seen, other lines continue messages
  std::vector<Message> batch_;
  std::size_t findings_ = 0;
};

void run_extract(const TextOptions& o) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (o.file != "-") {
    file.open(o.file, std::ios::binary);
    if (!file) {
      std::cerr << "crossroads: cannot read '" << o.file << "'\n";
      throw CLI::RuntimeError(1);
    }
    in = &file;
  }
  std::ios::sync_with_stdio(false);
  ExtractRun run(o);
  std::string line;
  std::size_t number = 0;
  std::size_t bytes = 0;
  std::size_t next_progress = kProgressEveryBytes;
  while (std::getline(*in, line)) {
    ++number;
    bytes += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view text(line);
    if (number == 1 && text.substr(0, 3) == "\xef\xbb\xbf") text.remove_prefix(3);  // BOM
    run.line(number, text);
    if (bytes >= next_progress) {
      std::cerr << "extract: " << (bytes >> 20) << " MB, " << number << " lines, " << run.findings()
                << " findings\n";
      next_progress += kProgressEveryBytes;
    }
  }
  run.flush();
  std::cout.flush();
  if (in->bad()) {
    std::cerr << "crossroads: reading '" << o.file << "' failed\n";
    throw CLI::RuntimeError(1);
  }
}

}  // namespace

void add_text_commands(CLI::App& app) {
  // The options outlive this function: the callbacks own them.
  auto o = std::make_shared<TextOptions>();

  auto* norm = app.add_subcommand(
      "normalize",
      "Print the canonical form of an identifier or a person's name as JSON (kind, value, "
      "display, parts; for a name: script, latin, ascii, tokens, keys)");
  norm->add_option("kind", o->kind,
                   "name, phone, email, iban, bic, payment_card, imei, imo, mmsi, "
                   "plate, document, url, online_account, crypto_wallet, date")
      ->required();
  norm->add_option("value", o->value, "The identifier as written")->required();
  norm->add_option("--country", o->country, "Case country (ISO 3166), e.g. IT");
  norm->add_option("--platform", o->platform, "Platform of a bare handle, e.g. telegram");
  norm->callback([o] { run_normalize(*o); });

  auto* ext = app.add_subcommand(
      "extract",
      "Find identifiers in a text file or WhatsApp export; one JSON line per finding "
      "(line, begin, end: byte offsets in that line, kind, text, value, language, "
      "language_basis: script, text, sender or none)");
  ext->add_option("file", o->file, "Text file, or - for standard input")->required();
  ext->add_option("--country", o->country,
                  "Case country (ISO 3166): read national phone numbers in it; without it "
                  "only numbers with + or 00 are reported");
  ext->add_option("--platform", o->platform, "Platform of bare @handles, e.g. telegram");
  ext->callback([o] { run_extract(*o); });
}

}  // namespace crossroads::cli
