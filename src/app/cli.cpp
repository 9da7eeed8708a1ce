#include "app/cli.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "app/backup_command.hpp"
#include "app/commands.hpp"
#include "app/keys_command.hpp"
#include "app/redirects_command.hpp"
#include "app/suppliers_command.hpp"
#include "app/token_command.hpp"
#include "app/user_command.hpp"
#include "app/waf_setup.hpp"
#include "catalog/seed/bulk.hpp"
#include "core/build_info.hpp"
#include "observe/log.hpp"

namespace comptoir::app {
namespace {

constexpr std::string_view kUsage = R"(comptoir - bilingual (fr/en) e-commerce server

Usage: comptoir <command> [options]

Commands:
  serve          Run the storefront, JSON API, webhooks and jobs over HTTP (HOST:PORT)
  migrate        Apply pending database migrations (safe to run concurrently)
  seed --demo    Load the demonstration shop: categories, products, pictures (safe to run twice)
  seed --bulk N  Add N generated bilingual products for load tests (N up to 10 000 000)
  check-config   Report missing or malformed settings; never prints a secret
  token          Create, list or revoke API tokens (create --name N --scope S | list | revoke ID)
  user           Create users, change their role, list them (create --email E --role R | set-role | list)
  keys rotate    Re-seal personal data under the first key of COMPTOIR_SECRET_KEYS
  backup         Write an encrypted backup: database, media files, manifest (--to DIR)
  restore FILE   Restore a backup into an empty database and MEDIA_DIR (--force, --check)
  redirects      The previous site's redirects: import FILE [--dry-run] [--replace] | list | export
  suppliers      The supplier engine: status, add, list, test, sync, dispatch, run, webhooks, export,
                 import

Options:
  --help         Show this help (also: comptoir <command> --help)
  --version      Show the version

Settings come from environment variables (see README.md); any NAME may instead be read
from the file named by NAME_FILE (but COMPTOIR_WAF_FILE names the WAF's rules file).
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
       comptoir seed --bulk N

--demo    Loads the demonstration shop into DATABASE_URL: shop settings, a bilingual category
          tree and about 60 products with variants, written from seeds/demo/*.json, and their
          pictures, drawn locally and stored under MEDIA_DIR (default var/media). Running it
          again changes nothing (it only redraws pictures missing from MEDIA_DIR).
--bulk N  Adds N generated bilingual products (1 to 10 000 000) with 1 to 3 variants each,
          filed under the demo categories (created if missing), for load tests. PostgreSQL
          generates the rows in batches; a million take a few minutes. Slugs and SKUs carry a
          random run id, so it can run again, and next to the demo data. No pictures.
)"},
    {"token", R"(Usage: comptoir token create --name NAME --scope SCOPE [--scope SCOPE...]
                             [--expires DURATION]
       comptoir token list
       comptoir token revoke ID

API tokens authenticate calls to the JSON API (Authorization: Bearer cmp_...).

create   Creates a token and prints it once: only a SHA-256 hash of its secret is stored, so it
         cannot be shown again. Scopes: catalog:write (create, change and delete catalog
         entries; see unpublished products), catalog:read (see unpublished products),
         orders:read (see orders), orders:write (change an order's state: paid, shipped…),
         orders:refund (record refunds).
         --expires 90d (or 12h, 30m, 45s; at most 3650d): the token stops working that long
         from now, as if revoked. Without it, a token lasts until it is revoked.
list     Lists tokens: id, name, prefix, scopes, creation, last use, expiry, revocation. Never
         secrets.
revoke   Revokes the token with this id (as shown by list); it stops working at once.
)"},
    {"user", R"(Usage: comptoir user create --email EMAIL --role ROLE [--name NAME] [--locale fr|en]
       comptoir user set-role --email EMAIL --role ROLE
       comptoir user list [--role ROLE]

create    Creates a user. The password is asked twice on a terminal (not echoed), or read from
          the first line of standard input otherwise; it is never an argument. It must have at
          least 10 characters, differ from the email and not be a common password; it is stored
          as an argon2id hash. Staff roles enrol two-factor authentication at first sign-in.
set-role  Gives the user another role and ends their sessions. Only an owner (or this command)
          makes or unmakes an owner; the last active owner stays one.
list      Lists users: id, email, role, email verified, 2FA, creation, disabled.

Built-in roles: customer, support, catalog_manager, order_manager, admin, owner.
)"},
    {"keys", R"(Usage: comptoir keys rotate [--batch N]

Re-seals every encrypted personal value (addresses, phone numbers, TOTP secrets) that is not
under the active key, i.e. the first key of COMPTOIR_SECRET_KEYS. To rotate: put the new key
first and keep the old ones after it (COMPTOIR_SECRET_KEYS=k2:NEW,k1:OLD), restart the servers
(they seal new values under k2 and still read k1), run this, then drop k1.

Works in batches of N values (default 500), each in its own transaction: it can be stopped and
run again, and continues with what is left. A value none of the keys opens is left as it is and
reported (exit 1). Never prints a key or a value.
)"},
    {"suppliers", R"(Usage: comptoir suppliers status [--shops FILE] [--shop ID] [--json]
       comptoir suppliers add --shop ID --type TYPE --name NAME [--api-base URL]
                          [--account ACCOUNT] [--currency CUR] [--fulfillment KIND]
                          [--credentials-file FILE.json] [--contact-name NAME]
                          [--contact-email EMAIL]
       comptoir suppliers list --shop ID [--json]
       comptoir suppliers test --shop ID --supplier ID
       comptoir suppliers sync --shop ID [--supplier ID [--file PRICES.csv]]
       comptoir suppliers dispatch --shop ID [--limit N]
       comptoir suppliers run [--shops FILE] [--shop ID] [--once]
       comptoir suppliers webhooks --shop ID --supplier ID --url URL
       comptoir suppliers export --shop ID [--to FILE]
       comptoir suppliers import --shop ID FILE

The supplier engine, for one shop or many (docs/suppliers.md). The shops come from --shops FILE
(or ./comptoir-shops.json): a JSON array of {id, name, color, database_url | database_url_file,
secret_keys | secret_keys_file}. Without a shops file, the shop is this environment's
DATABASE_URL and COMPTOIR_SECRET_KEYS.

status   Every shop's figures, read in parallel: active suppliers, synced and unmapped variants,
         open supplier orders by state, sync errors, open alerts. A shop that cannot be reached
         is listed as UNREACHABLE (exit 1); the others are still shown.
add      Adds a supplier and prints its id. TYPE: printify, amazon, etsy, ebay, dropshipper,
         local. --api-base: the platform's API origin (default: the platform's own, so a sandbox
         or a local fake can stand in). --account: the account at the platform (Printify's shop
         id). KIND: DROPSHIPPING, PRINT_ON_DEMAND, LOCAL_STOCK or HYBRID (default from the type).
         --credentials-file: a JSON object of the connector's secrets (Printify: {"token": …};
         a dropshipper: {"signing_secret": …}), sealed with the shop's COMPTOIR_SECRET_KEYS and
         never shown again. A dropshipper without --api-base gets its orders by mail at
         --contact-email.
list     The shop's suppliers (never their secrets).
test     Calls the supplier's platform with its credentials: what it found, and how long it took.
sync     Reads the catalog of one supplier (or of every active one) page by page into the
         shop's supplier tables, maps variants to the shop's by SKU, and reports what changed.
         A sync whose process died continues from its last page. --file: the supplier's price
         list (CSV: sku, title, product, cost, currency, stock, gtin, price, available) instead
         of its platform (a generic dropshipper's or a wholesaler's catalog).
dispatch Sends the shop's pending supplier orders (never twice: a retry finds the first by its
         external id), asks sent ones for news and tracking, retries failures with backoff, and
         marks FAILED what the supplier refuses, with an alert. --limit: at most N orders.
run      The engine's loop for every shop at once, until SIGINT or SIGTERM: dispatch, catalog
         syncs older than 6 hours, the suppliers' stock handed to the shop, the API call log's
         retention (30 days). One shop down does not stop the others. --once: one pass, then exit.
webhooks Subscribes a Printify supplier's order events to the shop's URL
         (https://SHOP/webhooks/printify/ID) with a new secret, kept sealed: shipments arrive at
         once instead of at the next poll.
export   The suppliers' configuration as JSON, without secrets.
import   Creates or updates suppliers (matched by name) from such a file, all or nothing;
         secrets are left as they are.

Exit 0 done, 1 failed, 2 bad usage.
)"},
    {"backup", R"(Usage: comptoir backup [--to DIR]

Writes one file, DIR/comptoir-YYYYMMDDTHHMMSSZ.backup (the UTC time; DIR defaults to
COMPTOIR_BACKUP_DIR, var/backups), holding:
  - a pg_dump of DATABASE_URL in the custom format (one consistent snapshot),
  - the files of MEDIA_DIR (product pictures),
  - a manifest: Comptoir's version, the latest applied migration, each part's size and SHA-256.
The whole file is encrypted and authenticated (libsodium secretstream, XChaCha20-Poly1305) under
a key derived from the first key of COMPTOIR_SECRET_KEYS; its id is written in clear so restore
picks the right key after a rotation. Keep that key as long as the backup.

Prints the file's path on stdout, a summary on stderr (a progress bar on a terminal). Needs
pg_dump (Debian: postgresql-client-15) of the server's version or newer. `comptoir serve` makes
backups on its own with COMPTOIR_BACKUP_SCHEDULE. Exit 0 done, 1 failed (no file is left), 2 bad
usage or configuration.
)"},
    {"restore", R"(Usage: comptoir restore FILE [--force]
       comptoir restore FILE --check

Restores a backup made by `comptoir backup` into the database of DATABASE_URL and into MEDIA_DIR.
The key it was made with must be in COMPTOIR_SECRET_KEYS (any position).

Before changing anything it decrypts the whole file and verifies it (every byte authenticated,
every part's SHA-256 against the manifest): a wrong key, a corrupted or truncated file is refused
and nothing is changed. The database is then restored by pg_restore in one transaction
(--no-owner --no-privileges: the connecting role owns everything), and the media files are moved
into MEDIA_DIR.

It refuses a database that already has tables, and a MEDIA_DIR that has files, unless:
--force   replace them: the backup's objects are dropped and recreated (stop every server
          first), and MEDIA_DIR's files are set aside in MEDIA_DIR/.before-restore-<time>/.
--check   only verify the file and describe it; needs no database.

Exit 0 done, 1 refused or failed (nothing changed), 2 bad usage or configuration.
)"},
    {"redirects", R"(Usage: comptoir redirects import FILE [--dry-run] [--replace]
       comptoir redirects list
       comptoir redirects export [--to FILE]

Redirects of a previous site's URLs to this shop's pages (docs/seo.md, "Moving from another
site"). The server answers them only for paths none of its pages serve, and every server
process picks up an import at once.

import   Reads a CSV file (RFC 4180, comma or semicolon separated, UTF-8) whose first line is the
         header from,to,status, then one redirect a line:
           from    the old path, starting with '/'; a final '*' makes it a prefix that matches
                   every path starting with it (/old-shop/* → all of /old-shop/…), each sent to
                   the same target. An exact path wins over a prefix; the longest prefix wins.
                   The query string is ignored for matching and kept on the way to the target.
           to      a path of this shop (/fr/produits) or an http(s) URL; empty for 410
           status  301 (moved for good), 302 (moved for now) or 410 (gone: the error page)
         A line is refused, with its number and the reason, when a field is invalid, when the
         old path is one of the shop's own (/, /fr/…, /en/…, /api/…, /admin/…, /static/…,
         /media/…, /webhooks/…, the sitemaps, robots.txt), when it repeats an earlier line, or
         when its target is itself redirected (a chain) or leads back to it (a loop), counting
         the redirects already stored. Then nothing is imported: the import is all or nothing,
         in one transaction, and recorded in the audit log. Old paths already stored get the
         file's target and status; the others stay.
--dry-run  Prints what the import would add, change, remove and refuse; writes nothing.
--replace  The file becomes the whole list: stored redirects it does not hold are removed.
list     The stored redirects: status, old path, target.
export   The stored redirects as an import file, on standard output or into --to FILE.

Exit 0 done, 1 refused or failed (nothing changed), 2 bad usage or an unreadable file.
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

// "1000000", also written "1 000 000", "1_000_000" or "1,000,000"; nullopt outside 1 … 10 000 000.
std::optional<std::int64_t> parse_bulk_count(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ' ' && c != '_' && c != ',')
      return std::nullopt;
  }
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size())
    return std::nullopt;
  if (value < 1 || value > catalog::seed::kMaxBulkProducts) return std::nullopt;
  return value;
}

int usage_error(std::string_view message) {
  fmt::print(stderr, "comptoir: {}\nRun 'comptoir --help' for usage.\n", message);
  return kExitUsage;
}

}  // namespace

std::string version_text() {
  return fmt::format("comptoir {} ({})", core::build::kVersion, core::build::commit());
}

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
    fmt::print("{}\n", version_text());
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

  std::optional<TokenCommand> token;
  if (command->name == "token") {
    auto parsed = parse_token_command(rest);
    if (!parsed) return usage_error(parsed.error());
    token = std::move(*parsed);
    rest.clear();
  }
  std::optional<KeysCommand> keys;
  if (command->name == "keys") {
    auto parsed = parse_keys_command(rest);
    if (!parsed) return usage_error(parsed.error());
    keys = *parsed;
    rest.clear();
  }
  std::optional<BackupCommand> backup;
  if (command->name == "backup") {
    auto parsed = parse_backup_command(rest);
    if (!parsed) return usage_error(parsed.error());
    backup = std::move(*parsed);
    rest.clear();
  }
  std::optional<RestoreCommand> restore;
  if (command->name == "restore") {
    auto parsed = parse_restore_command(rest);
    if (!parsed) return usage_error(parsed.error());
    restore = std::move(*parsed);
    rest.clear();
  }
  if (command->name == "suppliers") {
    auto parsed = parse_suppliers_command(rest);
    if (!parsed) return usage_error(parsed.error());
    auto report = core::load_config(core::process_env());
    observe::init_logging(report.config.log_level, core::Redactor(report.config));
    return run_suppliers_command(report.config, *parsed);
  }
  std::optional<RedirectsCommand> redirects;
  if (command->name == "redirects") {
    auto parsed = parse_redirects_command(rest);
    if (!parsed) return usage_error(parsed.error());
    redirects = std::move(*parsed);
    rest.clear();
  }
  std::optional<UserCommand> user;
  if (command->name == "user") {
    auto parsed = parse_user_command(rest);
    if (!parsed) return usage_error(parsed.error());
    user = std::move(*parsed);
    rest.clear();
  }

  bool demo = false;
  std::optional<std::int64_t> bulk;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    auto arg = rest[i];
    if (command->name == "seed" && arg == "--demo") {
      demo = true;
    } else if (command->name == "seed" && (arg == "--bulk" || arg.starts_with("--bulk="))) {
      auto value =
          arg == "--bulk" ? (i + 1 < rest.size() ? rest[++i] : std::string_view{}) : arg.substr(7);
      bulk = parse_bulk_count(value);
      if (!bulk)
        return usage_error(fmt::format(
            "seed: --bulk needs a whole number of products from 1 to 10 000 000, not '{}'", value));
    } else {
      return usage_error(fmt::format("{}: unexpected argument '{}'", command->name, arg));
    }
  }
  if (command->name == "seed" && demo == bulk.has_value())
    return usage_error("seed: say what to load: --demo or --bulk N (one of them)");

  auto report = core::load_config(core::process_env());
  check_waf_file(report);
  if (command->name == "check-config") return check_config(report);

  observe::init_logging(report.config.log_level, core::Redactor(report.config));
  if (!report.ok()) {
    fmt::print(stderr, "comptoir: the configuration is not usable:\n");
    for (const auto& problem : report.fatal_problems()) fmt::print(stderr, "  {}\n", problem);
    fmt::print(stderr, "Run 'comptoir check-config' for the full report.\n");
    return kExitUsage;
  }
  if (report.config.database_url.empty() && !(restore && restore->check))
    return usage_error(fmt::format("{}: DATABASE_URL is not set", command->name));

  try {
    if (backup) return run_backup_command(report.config, *backup);
    if (restore) return run_restore_command(report.config, *restore);
    if (command->name == "serve") return serve(report.config);
    if (command->name == "migrate") return migrate(report.config);
    if (token) return run_token_command(report.config, *token);
    if (user) return run_user_command(report.config, *user);
    if (redirects) return run_redirects_command(report.config, *redirects);
    if (keys) return run_keys_command(report.config, *keys);
    if (bulk) return seed_bulk(report.config, *bulk);
    return seed_demo(report.config);
  } catch (const std::exception& e) {
    core::Redactor redact(report.config);
    fmt::print(stderr, "comptoir {}: {}\n", command->name, redact(e.what()));
    return kExitFailure;
  }
}

}  // namespace comptoir::app
