#include "app/cli.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "core/build_info.hpp"
#include "observe/log.hpp"

namespace comptoir::app {
namespace {

constexpr std::string_view kUsage = R"(comptoir - bilingual (fr/en) e-commerce server

Usage: comptoir <command> [options]

Commands:
  serve          Run the storefront, JSON API and back office over HTTP (HOST:PORT)
  migrate        Apply pending database migrations (safe to run concurrently)
  seed --demo    Load demonstration data (safe to run twice)
  check-config   Report missing or malformed settings; never prints a secret

Options:
  --help         Show this help (also: comptoir <command> --help)
  --version      Show the version

Settings come from environment variables (see README.md); any NAME may instead be read
from the file named by NAME_FILE.
)";

struct Command {
  std::string_view name;
  std::string_view help;
};

constexpr Command kCommands[] = {
    {"serve", R"(Usage: comptoir serve

Serves the shop on HOST:PORT (default 127.0.0.1:8080 in development) until SIGINT or SIGTERM,
then finishes in-flight requests within COMPTOIR_SHUTDOWN_GRACE and exits 0.
In development pending migrations are applied first; in production the server refuses to start
while migrations are pending, or while a required setting is missing.
)"},
    {"migrate", R"(Usage: comptoir migrate

Applies the pending migrations of migrations/ to DATABASE_URL in order, each in its own
transaction. Refuses to run when an applied migration was edited. Concurrent runs are safe:
they wait for each other on a PostgreSQL advisory lock.
)"},
    {"seed", R"(Usage: comptoir seed --demo

Loads demonstration data into DATABASE_URL. Running it again changes nothing.
)"},
    {"check-config", R"(Usage: comptoir check-config

Lists every setting, where it came from (environment, file, default) and any problem.
Secret values are never printed. Exits 1 when a problem would stop `comptoir serve`.
)"},
};

const Command* find_command(std::string_view name) {
  for (const auto& command : kCommands)
    if (command.name == name) return &command;
  return nullptr;
}

int usage_error(std::string_view message) {
  fmt::print(stderr, "comptoir: {}\nRun 'comptoir --help' for usage.\n", message);
  return kExitUsage;
}

}  // namespace

int run_cli(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    fmt::print(stderr, "{}", kUsage);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    fmt::print("{}", kUsage);
    return kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    fmt::print("comptoir {} ({})\n", core::build::kVersion, core::build::kCommit);
    return kExitOk;
  }
  const Command* command = find_command(args[0]);
  if (command == nullptr) return usage_error(fmt::format("unknown command '{}'", args[0]));
  std::vector<std::string_view> rest(args.begin() + 1, args.end());
  for (auto arg : rest) {
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}", command->help);
      return kExitOk;
    }
  }

  bool demo = false;
  for (auto arg : rest) {
    if (command->name == "seed" && arg == "--demo")
      demo = true;
    else
      return usage_error(fmt::format("{}: unexpected argument '{}'", command->name, arg));
  }
  if (command->name == "seed" && !demo) return usage_error("seed: say what to load: --demo");

  auto report = core::load_config(core::process_env());
  if (command->name == "check-config") return check_config(report);

  observe::init_logging(report.config.log_level, core::Redactor(report.config));
  if (!report.ok()) {
    fmt::print(stderr, "comptoir: the configuration is not usable:\n");
    for (const auto& problem : report.fatal_problems()) fmt::print(stderr, "  {}\n", problem);
    fmt::print(stderr, "Run 'comptoir check-config' for the full report.\n");
    return kExitUsage;
  }
  if (report.config.database_url.empty())
    return usage_error(fmt::format("{}: DATABASE_URL is not set", command->name));

  try {
    if (command->name == "serve") return serve(report.config);
    if (command->name == "migrate") return migrate(report.config);
    return seed_demo(report.config);
  } catch (const std::exception& e) {
    core::Redactor redact(report.config);
    fmt::print(stderr, "comptoir {}: {}\n", command->name, redact(e.what()));
    return kExitFailure;
  }
}

}  // namespace comptoir::app
