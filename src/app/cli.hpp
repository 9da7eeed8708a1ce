#pragma once

namespace comptoir::app {

// Entry point of the `comptoir` binary: parses the subcommand and runs it. Returns the exit code.
int run_cli(int argc, char** argv);

}  // namespace comptoir::app
