#include "app/redirects_command.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "core/files.hpp"
#include "db/database.hpp"
#include "seo/redirect_service.hpp"

namespace comptoir::app {
namespace {

using seo::PlannedRedirect;

std::string describe(const seo::Redirect& redirect) {
  if (redirect.status == 410) return "410 gone";
  return fmt::format("{} {}", redirect.status, redirect.target);
}

// The shop's own URLs an old path may not take, with the Google verification file when served.
seo::PathRules path_rules(const core::Config& config) {
  std::vector<std::string> extra;
  if (!config.google_site_verification_html.empty())
    extra.push_back("/" + config.google_site_verification_html);
  return seo::shop_path_rules(config.base_url, std::move(extra));
}

int run_import(const core::Config& config, const RedirectsCommand& command) {
  auto csv = core::read_file(command.file);
  if (!csv) {
    fmt::print(stderr, "comptoir redirects import: cannot read '{}'\n", command.file);
    return kExitUsage;
  }
  db::Database database({.primary_url = config.database_url, .pool_size = 1});
  seo::RedirectImport request{.csv = std::move(*csv),
                              .dry_run = command.dry_run,
                              .replace = command.replace,
                              .actor = accounts::Actor::system(),
                              .source = command.file};
  const auto rules = path_rules(config);
  auto plan = database.transact_sync(
      [&](db::Connection& conn) { return seo::import_redirects(conn, request, rules); });

  using Change = PlannedRedirect::Change;
  if (command.dry_run) {
    for (const auto& row : plan.rows) {
      if (row.change == Change::add)
        fmt::print("line {}: add {} → {}\n", row.line, row.redirect.from_text(),
                   describe(row.redirect));
      else if (row.change == Change::change)
        fmt::print("line {}: change {}: {} → {}\n", row.line, row.redirect.from_text(),
                   describe(*row.before), describe(row.redirect));
    }
    for (const auto& redirect : plan.removed)
      fmt::print("remove {} ({})\n", redirect.from_text(), describe(redirect));
  }
  for (const auto& refusal : plan.refused) {
    if (refusal.line == 0)
      fmt::print(stderr, "{}: {}\n", command.file, refusal.reason);
    else if (refusal.from.empty())
      fmt::print(stderr, "{}:{}: {}\n", command.file, refusal.line, refusal.reason);
    else
      fmt::print(stderr, "{}:{}: {}: {}\n", command.file, refusal.line, refusal.from,
                 refusal.reason);
  }
  auto summary = fmt::format("{} to add, {} to change, {} unchanged, {} to remove, {} refused",
                             group_thousands(static_cast<std::int64_t>(plan.count(Change::add))),
                             group_thousands(static_cast<std::int64_t>(plan.count(Change::change))),
                             group_thousands(static_cast<std::int64_t>(plan.count(Change::same))),
                             group_thousands(static_cast<std::int64_t>(plan.removed.size())),
                             group_thousands(static_cast<std::int64_t>(plan.refused.size())));
  if (!plan.ok()) {
    fmt::print(stderr, "{}.\nNothing was imported: correct the lines above and run it again.\n",
               summary);
    return kExitFailure;
  }
  if (command.dry_run) {
    fmt::print("Dry run: {}. Nothing was written.\n", summary);
    return kExitOk;
  }
  fmt::print("Imported {}: {} added, {} changed, {} unchanged, {} removed.\n", command.file,
             plan.count(Change::add), plan.count(Change::change), plan.count(Change::same),
             plan.removed.size());
  return kExitOk;
}

}  // namespace

std::expected<RedirectsCommand, std::string> parse_redirects_command(
    std::span<const std::string_view> args) {
  if (args.empty()) return std::unexpected("redirects: say what to do: import, list or export");
  RedirectsCommand command;
  auto action = args[0];
  auto rest = args.subspan(1);
  if (action == "list") {
    if (!rest.empty())
      return std::unexpected(fmt::format("redirects list: unexpected argument '{}'", rest[0]));
    command.action = RedirectsCommand::Action::list;
    return command;
  }
  if (action == "export") {
    command.action = RedirectsCommand::Action::exports;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (!cli_args::is_option(rest[i], "--to"))
        return std::unexpected(fmt::format("redirects export: unexpected argument '{}'", rest[i]));
      auto value = cli_args::option_value(rest, i, "--to", "redirects export");
      if (!value) return std::unexpected(value.error());
      command.file = std::string(*value);
    }
    return command;
  }
  if (action != "import")
    return std::unexpected(
        fmt::format("redirects: unknown action '{}' (import, list or export)", action));
  command.action = RedirectsCommand::Action::import;
  for (auto arg : rest) {
    if (arg == "--dry-run") {
      command.dry_run = true;
    } else if (arg == "--replace") {
      command.replace = true;
    } else if (arg.starts_with("--") || !command.file.empty()) {
      return std::unexpected(fmt::format("redirects import: unexpected argument '{}'", arg));
    } else {
      command.file = std::string(arg);
    }
  }
  if (command.file.empty())
    return std::unexpected("redirects import: name the CSV file to import (from,to,status)");
  return command;
}

int run_redirects_command(const core::Config& config, const RedirectsCommand& command) {
  if (!schema_is_current(config, "redirects")) return kExitFailure;
  if (command.action == RedirectsCommand::Action::import) return run_import(config, command);

  db::Database database({.primary_url = config.database_url, .pool_size = 1});
  auto redirects =
      database.transact_sync([](db::Connection& conn) { return seo::list_redirects(conn); });
  if (command.action == RedirectsCommand::Action::exports) {
    auto csv = seo::redirects_csv(redirects);
    if (command.file.empty()) {
      fmt::print("{}", csv);
      return kExitOk;
    }
    std::ofstream out(command.file, std::ios::binary | std::ios::trunc);
    if (!(out << csv)) {
      fmt::print(stderr, "comptoir redirects export: cannot write '{}'\n", command.file);
      return kExitFailure;
    }
    fmt::print(stderr, "Wrote {} redirects to {}.\n", redirects.size(), command.file);
    return kExitOk;
  }
  if (redirects.empty()) {
    fmt::print("No redirects. Import a CSV file with: comptoir redirects import FILE --dry-run\n");
    return kExitOk;
  }
  fmt::print("{:<6} {:<50} {}\n", "STATUS", "FROM", "TO");
  for (const auto& redirect : redirects)
    fmt::print("{:<6} {:<50} {}\n", redirect.status, redirect.from_text(),
               redirect.status == 410 ? std::string("-") : redirect.target);
  return kExitOk;
}

}  // namespace comptoir::app
