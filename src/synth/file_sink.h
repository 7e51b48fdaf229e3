// Sinks that write the world as files for importer tests and benchmarks: entities.ftm.jsonl
// (FollowTheMoney JSON lines, "datasets" naming the case), cases.jsonl, persons.csv,
// events.csv, adverts.jsonl, cooperation.jsonl, chats/..., and ground-truth.jsonl in a file of its
// own.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "synth/world.h"

namespace crossroads::synth {

class FileSink : public Sink {
 public:
  // Creates `dir` (and dir/chats) if needed; existing files of the same names are replaced.
  static core::Result<std::unique_ptr<FileSink>> open(const std::string& dir);
  ~FileSink() override;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  core::Status on_case(const GeneratedCase& generated) override;
  core::Status on_line(Stream stream, std::string_view line) override;
  core::Status on_file(std::string_view path, std::string_view content) override;
  // Flushes and closes every file; reports a write error (a full disk) if there was one.
  core::Status close();

 private:
  FileSink() = default;
  core::Status write(std::FILE* f, std::string_view text);
  std::string dir_;
  std::FILE* entities_ = nullptr;
  std::FILE* files_[6] = {};  // indexed by Stream
  std::vector<std::unique_ptr<char[]>> buffers_;
};

// Discards everything: for --stats alone and for benchmarks of the generator itself.
class NullSink : public Sink {
 public:
  core::Status on_case(const GeneratedCase&) override { return core::Status::ok(); }
  core::Status on_line(Stream, std::string_view) override { return core::Status::ok(); }
  core::Status on_file(std::string_view, std::string_view) override { return core::Status::ok(); }
};

// Hands everything to several sinks in turn.
class TeeSink : public Sink {
 public:
  explicit TeeSink(std::vector<Sink*> sinks) : sinks_(std::move(sinks)) {}
  core::Status on_case(const GeneratedCase& generated) override;
  core::Status on_line(Stream stream, std::string_view line) override;
  core::Status on_file(std::string_view path, std::string_view content) override;

 private:
  std::vector<Sink*> sinks_;
};

}  // namespace crossroads::synth
