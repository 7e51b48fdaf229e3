#include "cli/text_commands.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_text.h"
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

// Lines of a file or a pipe, read in large blocks and handed out as views into the block: no
// copy and no allocation per line. A line is what std::getline would return (without '\n';
// a last line without '\n' counts, nothing after a final '\n' does).
class LineReader {
 public:
  explicit LineReader(std::FILE* in) : in_(in), buffer_(kBlockBytes) {}

  bool next(std::string_view* line) {
    for (;;) {
      const char* from = buffer_.data() + begin_;
      if (const void* nl = std::memchr(from, '\n', end_ - begin_)) {
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - from);
        *line = std::string_view(from, at);
        begin_ += at + 1;
        return true;
      }
      if (eof_) {
        if (begin_ == end_) return false;
        *line = std::string_view(from, end_ - begin_);
        begin_ = end_;
        return true;
      }
      // Keep the start of the line, make room (a line longer than the block doubles it), read.
      std::memmove(buffer_.data(), from, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
      const std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, in_);
      end_ += got;
      if (got == 0) {
        eof_ = true;
        failed_ = std::ferror(in_) != 0;
      }
    }
  }
  bool failed() const { return failed_; }

 private:
  static constexpr std::size_t kBlockBytes = 1u << 20;
  std::FILE* in_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool failed_ = false;
};

// Well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// A JSON string as nlohmann::json dumps it (UTF-8 kept, control characters escaped): the
// output of `extract` is the same as before it was written by hand, only faster. Ill-formed
// UTF-8 (OCR, cut messages) goes through nlohmann::json, which replaces it with U+FFFD.
void append_json_string(std::string& out, std::string_view s) {
  if (!valid_utf8(s)) {
    out += dump(json(std::string(s)));
    return;
  }
  core::append_json_string(out, s);
}

// Messages are kept in batches so that the language of each is judged with its conversation
// (extract::detect_languages: by script, by its own text, or by a sample of its sender's
// messages); the findings are printed when a batch is full and at the end. The senders and
// texts of a batch live in one buffer; phone numbers are judged once per run (PhoneCache).
class ExtractRun {
 public:
  ExtractRun(const normalize::Context& ctx, std::FILE* out) : ctx_(ctx), out_(out) {
    batch_.reserve(kBatchMessages);
    arena_.reserve(kArenaBytes);
  }

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
    if (m.text_size < kMaxMessageBytes) {
      // The message being built is always the last thing in the buffer.
      const std::string_view part = text.substr(offset, kMaxMessageBytes - m.text_size);
      arena_.append(part);
      arena_.push_back('\n');
      m.text_size += part.size() + 1;
    }
    for (auto& f : extract::find_identifiers(text.substr(offset), ctx_, phones_)) {
      pending_.push_back({number, offset + f.begin, offset + f.end, std::move(f)});
      ++m.pending;
    }
  }

  void flush() {
    std::vector<extract::Language> languages(batch_.size());
    if (whatsapp_) {
      messages_.clear();
      for (const auto& m : batch_)
        messages_.push_back({view(m.sender_begin, m.sender_size), text(m)});
      languages = extract::detect_languages(messages_);
    } else {
      // Lines of a plain text have no sender: judge only those with findings.
      for (std::size_t i = 0; i < batch_.size(); ++i) {
        if (batch_[i].pending > 0) languages[i] = extract::detect_language(text(batch_[i]));
      }
    }
    std::size_t next = 0;
    for (std::size_t i = 0; i < batch_.size(); ++i) {
      for (std::size_t k = 0; k < batch_[i].pending; ++k) write(pending_[next++], languages[i]);
    }
    batch_.clear();
    pending_.clear();
    arena_.clear();
  }

  // Writes what is buffered; false when the output cannot be written (disk full, closed pipe).
  bool drain() {
    write_failed_ =
        write_failed_ || std::fwrite(buffer_.data(), 1, buffer_.size(), out_) != buffer_.size();
    buffer_.clear();
    return std::fflush(out_) == 0 && !write_failed_;
  }

  std::size_t findings() const { return findings_; }

 private:
  static constexpr std::size_t kOutputBlockBytes = 1u << 20;
  // A batch of chat messages takes a few MB; reserved once (pages are touched as used).
  static constexpr std::size_t kArenaBytes = 16u << 20;

  struct Pending {
    std::size_t line;
    std::size_t begin;
    std::size_t end;
    extract::Finding finding;
  };
  struct Message {
    std::size_t sender_begin;  // in arena_
    std::size_t sender_size;
    std::size_t text_begin;
    std::size_t text_size;
    std::size_t pending;  // findings of this message, in order in pending_
  };

  std::string_view view(std::size_t begin, std::size_t size) const {
    return std::string_view(arena_).substr(begin, size);
  }
  std::string_view text(const Message& m) const { return view(m.text_begin, m.text_size); }

  void start_message(std::string_view sender) {
    if (batch_.size() >= kBatchMessages) flush();
    const std::size_t sender_begin = arena_.size();
    arena_.append(sender);
    batch_.push_back({sender_begin, sender.size(), arena_.size(), 0, 0});
  }

  // {"begin":..,"end":..,"kind":..,"language":..,"language_basis":..,"line":..,"text":..,
  // "value":..}: the keys in nlohmann::json's (sorted) order, as earlier versions printed.
  void write(const Pending& p, const extract::Language& language) {
    std::string& o = buffer_;
    o += "{\"begin\":";
    o += std::to_string(p.begin);
    o += ",\"end\":";
    o += std::to_string(p.end);
    o += ",\"kind\":";
    append_json_string(o, normalize::kind_name(p.finding.kind));
    o += ",\"language\":";
    append_json_string(o, language.code);
    o += ",\"language_basis\":";
    append_json_string(o, extract::basis_name(language.basis));
    o += ",\"line\":";
    o += std::to_string(p.line);
    o += ",\"text\":";
    append_json_string(o, p.finding.text);
    o += ",\"value\":";
    append_json_string(o, p.finding.normalized.value);
    o += "}\n";
    ++findings_;
    if (o.size() >= kOutputBlockBytes) {
      write_failed_ = write_failed_ || std::fwrite(o.data(), 1, o.size(), out_) != o.size();
      o.clear();
    }
  }

  normalize::Context ctx_;
  std::FILE* out_;
  bool whatsapp_ = false;  // once a WhatsApp header is seen, other lines continue messages
  std::vector<Message> batch_;
  std::vector<Pending> pending_;
  std::vector<extract::Message> messages_;  // views of batch_ for detect_languages
  std::string arena_;
  extract::PhoneCache phones_;
  std::string buffer_;  // JSON lines not yet written
  bool write_failed_ = false;
  std::size_t findings_ = 0;
};

void run_extract(const TextOptions& o) {
  std::FILE* in = stdin;
  if (o.file != "-") {
    in = std::fopen(o.file.c_str(), "rb");
    if (in == nullptr) {
      std::cerr << "crossroads: cannot read '" << o.file << "': " << std::strerror(errno) << "\n";
      throw CLI::RuntimeError(1);
    }
  }
  const core::Status status = extract_text(in, stdout, {o.country, o.platform}, o.file, &std::cerr);
  if (in != stdin) std::fclose(in);
  if (!status.is_ok()) {
    std::cerr << "crossroads: " << status.message() << "\n";
    throw CLI::RuntimeError(1);
  }
}

}  // namespace

core::Status extract_text(std::FILE* in, std::FILE* out, const normalize::Context& ctx,
                          std::string_view name, std::ostream* progress) {
  ExtractRun run(ctx, out);
  LineReader reader(in);
  std::string_view text;
  std::size_t number = 0;
  std::size_t bytes = 0;
  std::size_t next_progress = kProgressEveryBytes;
  while (reader.next(&text)) {
    ++number;
    bytes += text.size() + 1;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (number == 1 && text.substr(0, 3) == "\xef\xbb\xbf") text.remove_prefix(3);  // BOM
    run.line(number, text);
    if (progress != nullptr && bytes >= next_progress) {
      *progress << "extract: " << (bytes >> 20) << " MB, " << number << " lines, " << run.findings()
                << " findings\n";
      next_progress += kProgressEveryBytes;
    }
  }
  run.flush();
  if (!run.drain()) {
    return core::internal("writing the findings failed: " + std::string(std::strerror(errno)));
  }
  if (reader.failed()) {
    return core::invalid("reading '" + std::string(name) + "' failed after line " +
                         std::to_string(number) + ": " + std::strerror(errno));
  }
  return core::Status::ok();
}

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
