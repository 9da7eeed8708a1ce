#include "app/user_command.hpp"

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include "accounts/user_service.hpp"
#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "db/database.hpp"

namespace comptoir::app {
namespace {

using cli_args::is_option;

// One line from the terminal without echo; nullopt at end of input.
std::optional<std::string> ask_hidden(const char* prompt) {
  std::fputs(prompt, stderr);
  std::fflush(stderr);
  termios saved{};
  bool restore = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (restore) {
    auto quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fputs("\n", stderr);
  if (!got) return std::nullopt;
  return line;
}

std::expected<std::string, std::string> read_password() {
  if (isatty(STDIN_FILENO)) {
    auto first = ask_hidden("Password (at least 10 characters): ");
    if (!first) return std::unexpected("no password given");
    auto second = ask_hidden("Password again: ");
    if (!second || *first != *second) return std::unexpected("the two passwords differ");
    return *first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) return std::unexpected("no password on standard input");
  if (line.ends_with('\r')) line.pop_back();
  return line;
}

void print_users(const std::vector<accounts::User>& users) {
  fmt::print("{:<6} {:<36} {:<16} {:<8} {:<4} {:<21} {}\n", "ID", "EMAIL", "ROLE", "VERIFIED",
             "2FA", "CREATED", "DISABLED");
  for (const auto& u : users)
    fmt::print("{:<6} {:<36} {:<16} {:<8} {:<4} {:<21} {}\n", u.id, u.email, u.role,
               u.email_verified ? "yes" : "no", u.totp_enabled ? "yes" : "no", u.created_at,
               u.disabled_at.value_or("-"));
}

int report(const accounts::UserError& error, std::string_view action) {
  fmt::print(stderr, "comptoir user {}: {}\n", action, error.message);
  using Code = accounts::UserError::Code;
  return error.code == Code::not_found || error.code == Code::email_taken ? kExitFailure
                                                                          : kExitUsage;
}

}  // namespace

std::expected<UserCommand, std::string> parse_user_command(std::span<const std::string_view> args) {
  if (args.empty()) return std::unexpected("user: say what to do: create, set-role or list");
  UserCommand command;
  auto action = args[0];
  if (action == "create")
    command.action = UserCommand::Action::create;
  else if (action == "set-role")
    command.action = UserCommand::Action::set_role;
  else if (action == "list")
    command.action = UserCommand::Action::list;
  else
    return std::unexpected(
        fmt::format("user: unknown action '{}' (create, set-role or list)", action));

  auto rest = args.subspan(1);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    auto arg = rest[i];
    std::string* target = nullptr;
    std::string_view option;
    if (is_option(arg, "--email") && command.action != UserCommand::Action::list) {
      target = &command.email, option = "--email";
    } else if (is_option(arg, "--role")) {
      target = &command.role, option = "--role";
    } else if (is_option(arg, "--name") && command.action == UserCommand::Action::create) {
      target = &command.name, option = "--name";
    } else if (is_option(arg, "--locale") && command.action == UserCommand::Action::create) {
      target = &command.locale, option = "--locale";
    } else {
      return std::unexpected(fmt::format("user {}: unexpected argument '{}'", action, arg));
    }
    auto value = cli_args::option_value(rest, i, option, fmt::format("user {}", action));
    if (!value) return std::unexpected(value.error());
    *target = std::string(*value);
  }
  if (command.action != UserCommand::Action::list) {
    if (command.email.empty())
      return std::unexpected(fmt::format("user {}: --email EMAIL is required", action));
    if (command.role.empty())
      return std::unexpected(
          fmt::format("user {}: --role ROLE is required (e.g. customer, admin)", action));
  }
  if (command.locale != "fr" && command.locale != "en")
    return std::unexpected(
        fmt::format("user create: --locale is fr or en, not '{}'", command.locale));
  return command;
}

int run_user_command(const core::Config& config, const UserCommand& command) {
  if (!schema_is_current(config, "user")) return kExitFailure;
  db::Database database({.primary_url = config.database_url, .pool_size = 1});
  auto common = accounts::CommonPasswords::load(config.data_dir / "data" / "common-passwords.txt");
  accounts::UserService users(database, common, accounts::PasswordLimits::kDefault);
  auto context = accounts::AuditEntry{.actor = accounts::Actor::system()};
  context.details["via"] = "cli";

  switch (command.action) {
    case UserCommand::Action::create: {
      auto password = read_password();
      if (!password) {
        fmt::print(stderr, "comptoir user create: {}\n", password.error());
        return kExitUsage;
      }
      auto created = users.create({.email = command.email,
                                   .password = std::move(*password),
                                   .role = command.role,
                                   .display_name = command.name,
                                   .locale = command.locale},
                                  context);
      if (!created) return report(created.error(), "create");
      fmt::print("Created user {} <{}> with role {}.\n", created->id, created->email,
                 created->role);
      if (created->is_staff())
        fmt::print("Staff users enrol two-factor authentication at their first sign-in.\n");
      return kExitOk;
    }
    case UserCommand::Action::set_role: {
      auto changed = users.set_role(command.email, command.role, context);
      if (!changed) return report(changed.error(), "set-role");
      fmt::print("{} now has the role {}; their sessions were ended.\n", changed->email,
                 changed->role);
      return kExitOk;
    }
    case UserCommand::Action::list: {
      auto all = users.list(command.role.empty() ? std::nullopt
                                                 : std::optional<std::string_view>(command.role));
      if (!all) return report(all.error(), "list");
      if (all->empty()) {
        fmt::print("No users. Create one with: comptoir user create --email E --role admin\n");
        return kExitOk;
      }
      print_users(*all);
      return kExitOk;
    }
  }
  return kExitFailure;
}

}  // namespace comptoir::app
