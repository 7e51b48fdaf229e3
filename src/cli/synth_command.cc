#include "cli/synth_command.h"

#include <chrono>
#include <iostream>
#include <memory>

#include "synth/file_sink.h"
#include "synth/store_loader.h"
#include "synth/world.h"

namespace crossroads::cli {

namespace {

struct SynthOptions {
  std::string scale = "demo";
  std::uint64_t seed = 7;
  std::string out;
  bool stats = false;
  bool into_store = false;
  std::string password = "crossroads-demo";
  bool quiet = false;
};

int fail(const core::Status& st) {
  std::cerr << "crossroads synth: " << (st.field().empty() ? "" : st.field() + ": ") << st.message()
            << "\n";
  return 1;
}

core::Status run_synth(const SynthOptions& o,
                       const std::function<core::Result<app::Hub>()>& open_hub) {
  CR_ASSIGN_OR_RETURN(synth::Config config, synth::scale_config(o.scale, o.seed));
  config.name_census = o.stats;  // distinct names and namesakes, printed with the counts
  // Without --out and --stats the world goes into the store (what `make run` does).
  const bool into_store = o.into_store || (o.out.empty() && !o.stats);
  std::vector<synth::Sink*> sinks;
  std::unique_ptr<synth::FileSink> files;
  if (!o.out.empty()) {
    CR_ASSIGN_OR_RETURN(files, synth::FileSink::open(o.out));
    sinks.push_back(files.get());
  }
  std::optional<app::Hub> hub;
  std::unique_ptr<synth::StoreLoader> loader;
  if (into_store) {
    CR_ASSIGN_OR_RETURN(app::Hub opened, open_hub());
    hub.emplace(std::move(opened));
    synth::StoreLoadOptions options;
    options.password = o.password;
    options.seed = o.seed;
    loader = std::make_unique<synth::StoreLoader>(*hub, options);
    // The first case of the world tells whether it is loaded already: generate one network's
    // worth to learn its reference.
    struct FirstCase : synth::Sink {
      std::string reference;
      core::Status on_case(const synth::GeneratedCase& g) override {
        if (reference.empty()) reference = g.info.reference;
        return core::Status::ok();
      }
      core::Status on_line(synth::Stream, std::string_view) override { return core::Status::ok(); }
      core::Status on_file(std::string_view, std::string_view) override {
        return core::Status::ok();
      }
    } first;
    synth::Config one = config;
    one.persons = 1;
    CR_RETURN_IF_ERROR(synth::generate(one, first).status());
    CR_RETURN_IF_ERROR(loader->check_not_loaded(first.reference));
    sinks.push_back(loader.get());
  }
  // The world's smuggling events (events.csv) become the trends' "synth" source.
  struct EventLines : synth::Sink {
    std::string csv;
    core::Status on_case(const synth::GeneratedCase&) override { return core::Status::ok(); }
    core::Status on_line(synth::Stream stream, std::string_view line) override {
      if (stream == synth::Stream::kEvents) {
        csv.append(line);
        csv += '\n';
      }
      return core::Status::ok();
    }
    core::Status on_file(std::string_view, std::string_view) override { return core::Status::ok(); }
  } events;
  if (loader) sinks.push_back(&events);
  synth::NullSink null_sink;
  synth::TeeSink tee(sinks);
  synth::Sink& sink = sinks.empty() ? static_cast<synth::Sink&>(null_sink) : tee;
  const auto start = std::chrono::steady_clock::now();
  const bool show_progress = !o.quiet && config.persons >= 50000;
  synth::Progress progress;
  if (show_progress) {
    progress = [&](std::int64_t done, std::int64_t total) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::cerr << "\rsynth: " << done << " / " << total << " persons, "
                << static_cast<int>(seconds) << " s" << std::flush;
    };
  }
  CR_ASSIGN_OR_RETURN(synth::Summary summary, synth::generate(config, sink, progress));
  if (show_progress) std::cerr << "\n";
  if (files) CR_RETURN_IF_ERROR(files->close());
  if (loader) CR_RETURN_IF_ERROR(loader->finish());
  std::int64_t trend_incidents = 0;
  if (loader && hub->trends) {
    core::User op;
    op.username = "synth";
    op.role = core::Role::kAdministrator;
    auto imported = hub->trends->import(
        app::command_line_actor(op), "synth", events.csv,
        "synth scale " + config.scale + " seed " + std::to_string(config.seed) + " events.csv");
    if (!imported) return imported.status();
    trend_incidents = imported->rows_imported;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Synthetic world (scale " << config.scale << ", seed " << config.seed
            << "): " << summary.persons << " persons, " << summary.cases << " cases, "
            << summary.person_records << " person records in "
            << static_cast<int>(seconds * 10) / 10.0 << " s.\n";
  if (!o.out.empty()) {
    std::cout << "Files in " << o.out
              << ": entities.ftm.jsonl, cases.jsonl, persons.csv, events.csv, adverts.jsonl, "
                 "chats/, and the ground truth in ground-truth.jsonl (never an input to "
                 "matching).\n";
  }
  if (loader) {
    std::cout << "Store: " << loader->report().cases << " cases and " << loader->report().entities
              << " entities loaded, " << loader->report().users_created
              << " accounts created (password: " << o.password << "); " << trend_incidents
              << " smuggling events loaded as the trends' synth source.\n";
    std::cout << "Cooperation: " << loader->report().cooperation
              << " records (JITs, coordination meetings, EIOs, EAWs); Focus Group: "
              << loader->report().focus_group_entries
              << " entries (members, meeting, best practices, country updates).\n";
  }
  if (o.stats) std::cout << synth::format_summary(config, summary);
  return core::Status::ok();
}

}  // namespace

void add_synth_command(CLI::App& app, std::function<core::Result<app::Hub>()> open_hub) {
  auto options = std::make_shared<SynthOptions>();
  auto* cmd = app.add_subcommand(
      "synth",
      "Generate the synthetic migrant-smuggling world: into the store (default), as files "
      "(--out), or only its counts (--stats)");
  cmd->add_option("--scale", options->scale,
                  "demo (~300 persons, ~40 cases), small (5k), medium (100k), large (1M), or a "
                  "number of persons")
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, "Seed: the same seed gives the same world")
      ->capture_default_str();
  cmd->add_option("--out", options->out,
                  "Write files to this directory (entities.ftm.jsonl, persons.csv, chats/, "
                  "ground-truth.jsonl, ...)");
  cmd->add_flag("--stats", options->stats, "Print counts and cross-case overlap");
  cmd->add_flag("--into-store", options->into_store,
                "Load into the store of --data-dir (the default without --out and --stats)");
  cmd->add_option("--password", options->password, "Password of the accounts created in the store")
      ->capture_default_str();
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options, open_hub = std::move(open_hub)] {
    if (auto st = run_synth(*options, open_hub); !st) throw CLI::RuntimeError(fail(st));
  });
}

}  // namespace crossroads::cli
