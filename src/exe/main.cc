// The crossroads binary: server and command-line tool. Only wiring lives here.
#include "cli/cli.h"

int main(int argc, char** argv) { return crossroads::cli::run(argc, argv); }
