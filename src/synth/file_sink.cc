#include "synth/file_sink.h"

#include <filesystem>
#include <system_error>

#include "ftm/entity.h"
#include "synth/text.h"

namespace crossroads::synth {

namespace {

constexpr const char* kStreamFiles[6] = {"ground-truth.jsonl", "cases.jsonl", "events.csv",
                                         "adverts.jsonl",      "persons.csv", "cooperation.jsonl"};
constexpr std::size_t kBufferBytes = 1 << 20;

}  // namespace

core::Result<std::unique_ptr<FileSink>> FileSink::open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(dir) / "chats", ec);
  if (ec) return core::invalid("cannot create the directory '" + dir + "': " + ec.message(), "out");
  std::unique_ptr<FileSink> sink(new FileSink());
  sink->dir_ = dir;
  const auto open_one = [&](const std::string& name) -> std::FILE* {
    std::FILE* f = std::fopen((dir + "/" + name).c_str(), "wb");
    if (f) {
      sink->buffers_.push_back(std::make_unique<char[]>(kBufferBytes));
      std::setvbuf(f, sink->buffers_.back().get(), _IOFBF, kBufferBytes);
    }
    return f;
  };
  sink->entities_ = open_one("entities.ftm.jsonl");
  if (!sink->entities_) return core::invalid("cannot write in '" + dir + "'", "out");
  for (int i = 0; i < 6; ++i) {
    sink->files_[i] = open_one(kStreamFiles[i]);
    if (!sink->files_[i]) return core::invalid("cannot write in '" + dir + "'", "out");
  }
  return sink;
}

FileSink::~FileSink() { (void)close(); }

core::Status FileSink::write(std::FILE* f, std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
    return core::internal("writing to '" + dir_ + "' failed (is the disk full?)");
  }
  return core::Status::ok();
}

core::Status FileSink::on_case(const GeneratedCase& generated) {
  // FtM's "datasets" names the case an entity belongs to.
  std::string prefix = "{\"datasets\":[";
  append_json_string(prefix, generated.info.reference);
  prefix += "],";
  std::string out;
  for (const core::Entity& e : generated.entities) {
    const std::string json = ftm::entity_to_json(e);
    out += prefix;
    out.append(json, 1, std::string::npos);
    out += '\n';
  }
  return write(entities_, out);
}

core::Status FileSink::on_line(Stream stream, std::string_view line) {
  std::FILE* f = files_[static_cast<int>(stream)];
  CR_RETURN_IF_ERROR(write(f, line));
  return write(f, "\n");
}

core::Status FileSink::on_file(std::string_view path, std::string_view content) {
  const std::string full = dir_ + "/" + std::string(path);
  std::FILE* f = std::fopen(full.c_str(), "wb");
  if (!f) return core::invalid("cannot write '" + full + "'", "out");
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  if (std::fclose(f) != 0 || !ok) return core::internal("writing '" + full + "' failed");
  return core::Status::ok();
}

core::Status FileSink::close() {
  bool ok = true;
  if (entities_) ok = std::fclose(entities_) == 0 && ok;
  entities_ = nullptr;
  for (auto& f : files_) {
    if (f) ok = std::fclose(f) == 0 && ok;
    f = nullptr;
  }
  if (!ok) return core::internal("writing to '" + dir_ + "' failed (is the disk full?)");
  return core::Status::ok();
}

core::Status TeeSink::on_case(const GeneratedCase& generated) {
  for (Sink* s : sinks_) CR_RETURN_IF_ERROR(s->on_case(generated));
  return core::Status::ok();
}

core::Status TeeSink::on_line(Stream stream, std::string_view line) {
  for (Sink* s : sinks_) CR_RETURN_IF_ERROR(s->on_line(stream, line));
  return core::Status::ok();
}

core::Status TeeSink::on_file(std::string_view path, std::string_view content) {
  for (Sink* s : sinks_) CR_RETURN_IF_ERROR(s->on_file(path, content));
  return core::Status::ok();
}

}  // namespace crossroads::synth
