#include "app/keys_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

#include "accounts/audit_log.hpp"
#include "accounts/sealed_fields.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "db/sealed_columns.hpp"
#include "orders/sealed_fields.hpp"
#include "suppliers/sealed_fields.hpp"

namespace comptoir::app {
namespace {

// Every sealed column, each declared by the module that owns its table, in the order the command
// reports them.
db::SealedColumnRegistry sealed_columns() {
  db::SealedColumnRegistry registry;
  registry.add(accounts::sealed_columns());   // addresses, users.phone, users.totp_secret
  registry.add(orders::sealed_columns());     // orders.shipping_address
  registry.add(suppliers::sealed_columns());  // suppliers.credentials, suppliers.session
  return registry;
}

}  // namespace

std::expected<KeysCommand, std::string> parse_keys_command(std::span<const std::string_view> args) {
  if (args.empty() || args[0] != "rotate")
    return std::unexpected(args.empty()
                               ? "keys: say what to do: rotate"
                               : fmt::format("keys: unknown action '{}' (rotate)", args[0]));
  KeysCommand command;
  auto rest = args.subspan(1);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    auto arg = rest[i];
    std::string_view value;
    if (arg == "--batch" && i + 1 < rest.size())
      value = rest[++i];
    else if (arg.starts_with("--batch="))
      value = arg.substr(8);
    else
      return std::unexpected(fmt::format("keys rotate: unexpected argument '{}'", arg));
    auto [end, error] =
        std::from_chars(value.data(), value.data() + value.size(), command.batch_size);
    if (error != std::errc{} || end != value.data() + value.size() || command.batch_size < 1 ||
        command.batch_size > 100'000)
      return std::unexpected(
          fmt::format("keys rotate: --batch takes a number from 1 to 100000, not '{}'", value));
  }
  return command;
}

int run_keys_command(const core::Config& config, const KeysCommand& command) {
  if (config.secret_keys_ephemeral || config.secret_keys.empty()) {
    fmt::print(stderr,
               "comptoir keys rotate: COMPTOIR_SECRET_KEYS is not set. Put the new key first and "
               "keep the old ones after it, e.g. COMPTOIR_SECRET_KEYS=k2:NEW,k1:OLD.\n");
    return kExitUsage;
  }
  if (!schema_is_current(config, "keys")) return kExitFailure;
  db::Database database({.primary_url = config.database_url, .pool_size = 1});
  const auto& active = config.secret_keys.active().id;
  fmt::print("Re-sealing personal data under the active key '{}'…\n", active);
  std::fflush(stdout);

  ProgressReport progress("values");
  auto report = sealed_columns().rotate(
      database, config.secret_keys,
      {.batch_size = command.batch_size,
       .progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); }});
  progress.finish();

  std::int64_t resealed = 0;
  std::size_t unreadable = 0;
  accounts::AuditEntry entry{.actor = accounts::Actor::system(), .action = "keys.rotated"};
  entry.details["active_key"] = active;
  for (const auto& column : report) {
    fmt::print("  {:<18} {} re-sealed{}\n", column.column, group_thousands(column.resealed),
               column.unreadable.empty()
                   ? std::string{}
                   : fmt::format(", {} unreadable", column.unreadable.size()));
    resealed += column.resealed;
    unreadable += column.unreadable.size();
    entry.details[column.column] = column.resealed;
  }
  entry.details["unreadable"] = unreadable;
  database.transact_sync([&](db::Connection& conn) { accounts::append_audit(conn, entry); });

  if (unreadable > 0) {
    fmt::print(stderr,
               "comptoir keys rotate: {} value(s) open with none of the keys of "
               "COMPTOIR_SECRET_KEYS and were left as they are:\n",
               unreadable);
    for (const auto& column : report)
      if (!column.unreadable.empty())
        fmt::print(stderr, "  {} ids {}\n", column.column, fmt::join(column.unreadable, ", "));
    fmt::print(stderr,
               "Add back the key they were sealed with (see the id after 'v1.' in the value), "
               "then run this again.\n");
    return kExitFailure;
  }
  fmt::print(
      "Done: {} value(s) re-sealed; every value is under '{}'. Old keys can be removed from "
      "COMPTOIR_SECRET_KEYS once every process runs with the new list.\n",
      group_thousands(resealed), active);
  return kExitOk;
}

}  // namespace comptoir::app
