#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "catalog/seed/demo_data.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::catalog::seed {

// Called as work advances: (done, total) in the unit of the operation (products, pictures).
// May be called from several threads, never at the same time.
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

struct DemoOptions {
  std::filesystem::path data_dir;   // seeds/demo/ is read from here
  std::filesystem::path media_dir;  // MEDIA_DIR: pictures go to products/{id}/{n}.jpg
  Progress progress{};              // counts the pictures drawn, the slow part
};

struct DemoReport {
  int categories_added = 0;
  int products_added = 0;
  int variants_added = 0;
  int images_written = 0;
  // Picture files that were missing for demo products already in the database (a new MEDIA_DIR).
  int images_restored = 0;

  bool changed() const {
    return categories_added + products_added + images_written + images_restored > 0;
  }
};

// Loads the demo shop (seeds/demo) into the database in one transaction and draws its pictures
// under MEDIA_DIR. Idempotent: categories and products are recognised by their slugs, so a second
// run adds nothing (it only redraws picture files that went missing). Concurrent runs wait for
// each other. `conn` must not be inside a transaction. Pictures written by a run that fails are
// removed again.
DemoReport seed_demo(db::Connection& conn, const DemoOptions& options);

// Inside the caller's transaction: the demo category tree, adding the categories that are
// missing; returns category key → id. Also used by the bulk seed to file its products.
std::map<std::string, std::int64_t> ensure_demo_categories(db::Connection& conn,
                                                           const DemoCatalog& catalog,
                                                           int* added = nullptr);

}  // namespace comptoir::catalog::seed
