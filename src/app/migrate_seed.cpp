#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>

#include "accounts/seed/demo_accounts.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "catalog/seed/bulk.hpp"
#include "catalog/seed/demo.hpp"
#include "db/connection.hpp"
#include "db/error.hpp"
#include "db/migrations.hpp"
#include "orders/seed/demo_orders.hpp"
#include "settings/settings_store.hpp"

namespace comptoir::app {
namespace {

// Demonstration shop settings (settings/shop_settings.hpp reads them); the catalog brings its own
// demo data (catalog/seed/demo.hpp).
struct DemoSetting {
  std::string_view key;
  std::string_view json;
};
constexpr DemoSetting kDemoSettings[] = {
    {"shop.name", R"({"fr": "Comptoir démo", "en": "Comptoir demo"})"},
    {"shop.currency", R"("CAD")"},
    {"shop.country", R"("CA")"},
    {"shop.contact_email", R"("bonjour@comptoir.example")"},
    {"legal.entity",
     R"({"name": "Comptoir démo inc.", "address": "123, rue Saint-Paul Ouest\nMontréal (Québec)  H2Y 1Z5", "gst_number": "123456789RT0001", "qst_number": "1234567890TQ0001", "vat_number": "", "neq": "1234567890", "phone": "514 555-0123"})"},
    {"legal.contacts",
     R"({"privacy_officer": "Direction générale", "privacy_email": "vieprivee@comptoir.example", "publication_director": "", "host_name": "Hébergeur démo inc.", "host_address": "1000, rue Sherbrooke Ouest\nMontréal (Québec)  H3A 3G4", "mediator_name": "", "mediator_url": ""})"},
};

}  // namespace

bool schema_is_current(const core::Config& config, std::string_view command) {
  db::Migrator migrator(config.database_url, config.data_dir / "migrations");
  if (auto status = migrator.status(); !status.current()) {
    fmt::print(stderr, "comptoir {}: the database is not current ({}); run 'comptoir migrate'.\n",
               command, describe(status));
    return false;
  }
  return true;
}

int migrate(const core::Config& config) {
  db::Migrator migrator(config.database_url, config.data_dir / "migrations");
  auto applied = migrator.migrate();
  if (applied.empty()) fmt::print("Database is up to date.\n");
  for (const auto& name : applied) fmt::print("applied {}\n", name);
  return kExitOk;
}

namespace {

std::size_t seed_settings(db::Connection& conn) {
  conn.exec_script("BEGIN");
  std::size_t added = 0;
  try {
    for (const auto& setting : kDemoSettings)
      if (settings::seed(conn, setting.key, setting.json)) ++added;
    conn.exec_script("COMMIT");
  } catch (...) {
    conn.exec_script("ROLLBACK");
    throw;
  }
  return added;
}

struct PeopleAndOrders {
  int accounts = 0;
  int orders = 0;
};

// The demo staff (two-factor enrolled), a customer and past orders: never in production, where
// known passwords would be an open door. Their secrets are sealed under COMPTOIR_SECRET_KEYS, so a
// server started with other keys cannot read them (scripts/dev keeps one key in var/).
PeopleAndOrders seed_people_and_orders(const core::Config& config, db::Connection& conn) {
  if (config.is_production()) return {};
  conn.exec_script("BEGIN");
  try {
    PeopleAndOrders out{.accounts = accounts::seed::seed_demo_accounts(conn, config.secret_keys),
                        .orders = orders::seed::seed_demo_orders(conn, config.secret_keys)};
    conn.exec_script("COMMIT");
    return out;
  } catch (...) {
    conn.exec_script("ROLLBACK");
    throw;
  }
}

void print_demo_accounts() {
  fmt::print("Demo accounts (development only; TOTP secrets for an authenticator app):\n");
  for (const auto& account : accounts::seed::demo_accounts())
    fmt::print("  {:<16} {:<28} {:<22} {}\n", account.role, account.email, account.password,
               account.totp_secret.empty() ? "-" : account.totp_secret);
}

}  // namespace

int seed_demo(const core::Config& config) {
  if (!schema_is_current(config, "seed")) return kExitFailure;
  auto conn = db::Connection::open(config.database_url);
  auto settings_added = seed_settings(conn);

  ProgressReport progress("pictures", stdout, /*plain_lines=*/false);  // a few seconds only
  auto report = catalog::seed::seed_demo(
      conn,
      {.data_dir = config.data_dir,
       .media_dir = config.media_dir,
       .progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); }});
  progress.finish();
  auto people = seed_people_and_orders(config, conn);
  if (people.accounts + people.orders > 0) {
    fmt::print("Demo people and orders: {} account(s), {} order(s).\n", people.accounts,
               people.orders);
    print_demo_accounts();
  }
  if (config.is_production())
    fmt::print("Production: no demo staff, customer or orders (known passwords).\n");

  if (settings_added == 0 && !report.changed()) {
    fmt::print("Demo data already present; nothing changed.\n");
    return kExitOk;
  }
  if (settings_added == 0 && report.categories_added + report.products_added == 0) {
    fmt::print("Demo data already present; redrew {} missing picture(s) in {}.\n",
               report.images_restored, config.media_dir.string());
    return kExitOk;
  }
  fmt::print(
      "Demo data loaded: {} settings, {} categories, {} products ({} variants), {} pictures in "
      "{}.\n",
      settings_added, report.categories_added, report.products_added, report.variants_added,
      report.images_written + report.images_restored, config.media_dir.string());
  return kExitOk;
}

int seed_bulk(const core::Config& config, std::int64_t count) {
  if (!schema_is_current(config, "seed")) return kExitFailure;
  fmt::print("Adding {} bulk products…\n", group_thousands(count));
  std::fflush(stdout);
  ProgressReport progress("products");
  auto report = catalog::seed::seed_bulk(
      config.database_url,
      {.count = count,
       .data_dir = config.data_dir,
       .progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); }});
  progress.finish();
  auto seconds = static_cast<double>(report.insert_time.count()) / 1000.0;
  fmt::print(
      "Added {} products ({} variants) in {:.1f} s, {} products/s; run id {} (slugs end in "
      "-{}-N, SKUs start with BULK-{}-). Statistics refreshed in {:.1f} s.\n",
      group_thousands(report.products), group_thousands(report.variants), seconds,
      group_thousands(static_cast<std::int64_t>(static_cast<double>(report.products) /
                                                std::max(seconds, 0.001))),
      report.run_id, report.run_id, report.run_id,
      static_cast<double>(report.analyze_time.count()) / 1000.0);
  return kExitOk;
}

}  // namespace comptoir::app

namespace comptoir::app {

std::string describe(const db::MigrationStatus& status) {
  std::vector<std::string> parts;
  if (!status.pending.empty()) {
    std::vector<std::string> names;
    for (const auto& file : status.pending) names.push_back(file.filename);
    parts.push_back(
        fmt::format("{} pending migration(s): {}", status.pending.size(), fmt::join(names, ", ")));
  }
  for (const auto& problem : status.problems) parts.push_back(problem);
  return parts.empty() ? "current" : fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace comptoir::app
