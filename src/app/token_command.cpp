#include "app/token_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

#include "accounts/api_token_service.hpp"
#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "db/database.hpp"

namespace comptoir::app {

namespace {

std::string dash_if_empty(const std::optional<std::string>& value) {
  return value ? *value : "-";
}

// "90d", "12h", "30m", "45s": how long a new token lives, from one second to ten years.
std::optional<std::chrono::seconds> parse_lifetime(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return std::nullopt;
  }
  auto digits = text.substr(0, text.size() - 1);
  std::int64_t count = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (error != std::errc{} || end != digits.data() + digits.size() || count <= 0 ||
      count > 3650 * 86400 / unit)
    return std::nullopt;
  return std::chrono::seconds{count * unit};
}

}  // namespace

std::expected<TokenCommand, std::string> parse_token_command(
    std::span<const std::string_view> args) {
  if (args.empty()) return std::unexpected("token: say what to do: create, list or revoke");
  TokenCommand command;
  auto action = args[0];
  auto rest = args.subspan(1);
  if (action == "list") {
    if (!rest.empty())
      return std::unexpected(fmt::format("token list: unexpected argument '{}'", rest[0]));
    command.action = TokenCommand::Action::list;
    return command;
  }
  if (action == "revoke") {
    if (rest.size() != 1) return std::unexpected("token revoke: give exactly one token id");
    auto text = rest[0];
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), command.id);
    if (error != std::errc{} || end != text.data() + text.size() || command.id <= 0)
      return std::unexpected(fmt::format("token revoke: '{}' is not a token id", text));
    command.action = TokenCommand::Action::revoke;
    return command;
  }
  if (action != "create")
    return std::unexpected(
        fmt::format("token: unknown action '{}' (create, list or revoke)", action));
  command.action = TokenCommand::Action::create;
  bool named = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    auto arg = rest[i];
    if (cli_args::is_option(arg, "--name")) {
      auto value = cli_args::option_value(rest, i, "--name", "token create");
      if (!value) return std::unexpected(value.error());
      command.name = std::string(*value);
      named = true;
    } else if (cli_args::is_option(arg, "--scope")) {
      auto value = cli_args::option_value(rest, i, "--scope", "token create");
      if (!value) return std::unexpected(value.error());
      command.scopes.emplace_back(*value);
    } else if (cli_args::is_option(arg, "--expires")) {
      auto value = cli_args::option_value(rest, i, "--expires", "token create");
      if (!value) return std::unexpected(value.error());
      command.expires_in = parse_lifetime(*value);
      if (!command.expires_in)
        return std::unexpected(fmt::format(
            "token create: --expires '{}' is not a duration such as 90d, 12h, 30m or 45s (at "
            "most 3650d)",
            *value));
    } else {
      return std::unexpected(fmt::format("token create: unexpected argument '{}'", arg));
    }
  }
  if (!named) return std::unexpected("token create: --name NAME is required");
  if (command.scopes.empty())
    return std::unexpected("token create: --scope SCOPE is required (e.g. catalog:write)");
  return command;
}

int run_token_command(const core::Config& config, const TokenCommand& command) {
  if (!schema_is_current(config, "token")) return kExitFailure;
  db::Database database({.primary_url = config.database_url, .pool_size = 1});
  accounts::ApiTokenService tokens(database);

  switch (command.action) {
    case TokenCommand::Action::create: {
      auto issued = tokens.issue(command.name, command.scopes, command.expires_in);
      if (!issued) {
        fmt::print(stderr, "comptoir token create: {}\n", issued.error());
        return kExitUsage;
      }
      fmt::print(
          stderr, "Created token {} \"{}\" with scopes {}{}. It is shown only once:\n",
          issued->token.id, issued->token.name, fmt::join(issued->token.scopes, ", "),
          issued->token.expires_at ? ", expiring " + *issued->token.expires_at : std::string{});
      fmt::print("{}\n", issued->text);
      return kExitOk;
    }
    case TokenCommand::Action::list: {
      auto all = tokens.list();
      if (all.empty()) {
        fmt::print(
            "No API tokens. Create one with: comptoir token create --name NAME --scope "
            "catalog:write\n");
        return kExitOk;
      }
      fmt::print("{:<6} {:<24} {:<14} {:<28} {:<21} {:<21} {:<21} {}\n", "ID", "NAME", "PREFIX",
                 "SCOPES", "CREATED", "LAST USED", "EXPIRES", "REVOKED");
      for (const auto& token : all)
        fmt::print("{:<6} {:<24} {:<14} {:<28} {:<21} {:<21} {:<21} {}\n", token.id, token.name,
                   token.prefix, fmt::format("{}", fmt::join(token.scopes, ",")), token.created_at,
                   dash_if_empty(token.last_used_at), dash_if_empty(token.expires_at),
                   dash_if_empty(token.revoked_at));
      return kExitOk;
    }
    case TokenCommand::Action::revoke:
      switch (tokens.revoke(command.id)) {
        case accounts::RevokeOutcome::revoked:
          fmt::print("Token {} revoked.\n", command.id);
          return kExitOk;
        case accounts::RevokeOutcome::already_revoked:
          fmt::print("Token {} was already revoked.\n", command.id);
          return kExitOk;
        case accounts::RevokeOutcome::not_found:
          fmt::print(stderr, "comptoir token revoke: no token with id {}\n", command.id);
          return kExitFailure;
      }
  }
  return kExitFailure;
}

}  // namespace comptoir::app
