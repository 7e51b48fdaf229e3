// The `crossroads` command: server and operator's tool in one binary.
#pragma once

namespace crossroads::cli {

// Exit codes: 0 success, 1 failure (the message says why), 2 wrong usage, 3 the audit trail is
// broken (audit verify).
int run(int argc, char** argv);

}  // namespace crossroads::cli
