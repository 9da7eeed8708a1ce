#include <fmt/format.h>

#include <algorithm>

#include "app/commands.hpp"

namespace comptoir::app {

int check_config(const core::ConfigReport& report) {
  std::size_t width = 0;
  for (const auto& v : report.variables) width = std::max(width, v.name.size());
  fmt::print("Configuration ({} environment)\n", core::name(report.config.env));
  for (const auto& v : report.variables) {
    // `shown` is "[redacted]" for secrets: the report is built so no value can leak from here.
    std::string value = v.source == "unset" ? "-" : v.shown;
    fmt::print("  {:<{}}  {:<8} {}\n", v.name, width, v.source, value);
  }
  bool fatal = false;
  std::size_t problems = 0;
  for (const auto& v : report.variables) {
    if (v.problem.empty()) continue;
    if (problems++ == 0) fmt::print("\nProblems:\n");
    fmt::print("  {} {}: {}\n", v.fatal ? "error  " : "warning", v.name, v.problem);
    fatal = fatal || v.fatal;
  }
  if (report.config.secret_keys_ephemeral)
    fmt::print(
        "\nNote: COMPTOIR_SECRET_KEYS is unset; an ephemeral key is used (not in production).\n");
  if (problems == 0) fmt::print("\nNo problems found.\n");
  return fatal ? kExitFailure : kExitOk;
}

}  // namespace comptoir::app
