#pragma once

#include "core/config.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "observe/metrics.hpp"
#include "staticfiles/asset_store.hpp"
#include "views/views.hpp"

namespace comptoir::app {

// Everything a module's routes may need, built once in serve() (the one place that wires modules).
struct Components {
  const core::Config& config;
  db::Database& db;
  const db::MigrationSet& migrations;
  observe::Metrics& metrics;
  const i18n::Catalog& catalog;
  const i18n::Formatter& formatter;
  const staticfiles::AssetStore& assets;
  const views::Views& views;
};

}  // namespace comptoir::app
