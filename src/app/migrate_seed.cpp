#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/json/serialize.hpp>

#include "app/commands.hpp"
#include "db/connection.hpp"
#include "db/error.hpp"
#include "db/migrations.hpp"

namespace comptoir::app {
namespace {

// Demonstration shop settings; later modules (catalog, taxes) add their own demo data here.
constexpr db::Query kInsertSetting{
    "seed_insert_setting",
    "INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING"};

struct DemoSetting {
  std::string_view key;
  std::string_view json;
};
constexpr DemoSetting kDemoSettings[] = {
    {"shop.name", R"({"fr": "Comptoir démo", "en": "Comptoir demo"})"},
    {"shop.currency", R"("CAD")"},
    {"shop.country", R"("CA")"},
    {"shop.contact_email", R"("bonjour@comptoir.example")"},
};

}  // namespace

int migrate(const core::Config& config) {
  db::Migrator migrator(config.database_url, config.data_dir / "migrations");
  auto applied = migrator.migrate();
  if (applied.empty()) fmt::print("Database is up to date.\n");
  for (const auto& name : applied) fmt::print("applied {}\n", name);
  return kExitOk;
}

int seed_demo(const core::Config& config) {
  db::Migrator migrator(config.database_url, config.data_dir / "migrations");
  if (auto status = migrator.status(); !status.current()) {
    fmt::print(stderr, "comptoir seed: the database is not current ({}); run 'comptoir migrate'.\n",
               describe(status));
    return kExitFailure;
  }
  auto conn = db::Connection::open(config.database_url);
  conn.exec_script("BEGIN");
  std::size_t added = 0;
  try {
    for (const auto& setting : kDemoSettings)
      added += conn.exec(kInsertSetting, setting.key, setting.json).affected_rows();
    conn.exec_script("COMMIT");
  } catch (...) {
    conn.exec_script("ROLLBACK");
    throw;
  }
  if (added == 0)
    fmt::print("Demo data already present; nothing changed.\n");
  else
    fmt::print("Demo data loaded ({} settings).\n", added);
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
