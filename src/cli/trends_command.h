// `crossroads trends`: routes and trends at the command line.
//
//   trends import frontex FILE [--as USER]   the Frontex monthly detections workbook (.xlsx)
//   trends import iom FILE [--as USER]       the IOM Missing Migrants CSV export
//   trends import synth FILE [--as USER]     events.csv of `crossroads synth --out DIR`
//   trends sources                           what is imported
//   trends shifts [--route R] [--nationality N] [--from YYYY-MM] [--to YYYY-MM]
//                 [--method pelt|binseg] [--penalty bic|aic|N] [--min-size N]
//                 [--measure M] [--source S]  change points, alerts and displacements as a table
//
// Without --as the command runs as the operator at the console ("cli:<OS user>", with the
// rights of an administrator: whoever can run it can read the database file anyway); with --as
// it runs as that account, whose rights are checked. Everything is audited.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>

#include "app/hub.h"
#include "core/status.h"

namespace crossroads::cli {

void add_trends_command(CLI::App& app, const std::function<core::Result<app::Hub>()>& open_hub);

// The table `trends shifts` prints (in-process tests call it).
void print_shift_report(const app::ShiftReport& report, std::ostream& out);

}  // namespace crossroads::cli
