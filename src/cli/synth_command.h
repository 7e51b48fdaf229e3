// `crossroads synth`: generates the synthetic migrant-smuggling world (src/synth) into the
// store, into files, or only counts it.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "app/hub.h"
#include "core/status.h"

namespace crossroads::cli {

// Registers the subcommand. `open_hub` opens the store of the global --data-dir; it is called
// only when the world goes into the store.
void add_synth_command(CLI::App& app, std::function<core::Result<app::Hub>()> open_hub);

}  // namespace crossroads::cli
