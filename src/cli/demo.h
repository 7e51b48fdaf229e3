// The demo world of `make run`: a handful of hand-written cases across several desks, with
// identifiers and persons that recur between countries' cases (data/demo/demo.json).
#pragma once

#include <iosfwd>

#include "app/hub.h"

namespace crossroads::cli {

// Idempotent: users and cases that exist already are left as they are.
core::Status load_demo(app::Hub& hub, std::ostream& out);

}  // namespace crossroads::cli
