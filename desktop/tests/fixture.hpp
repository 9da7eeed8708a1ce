#pragma once
// What the desktop tests share: shops with fresh keys, and throw-away databases on the test
// PostgreSQL server (COMPTOIR_TEST_DATABASE_URL).
#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/random.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "desktop/shop_book.hpp"
#include "desktop/translations.hpp"

namespace comptoir::desktop {

namespace fs = std::filesystem;

// A key for COMPTOIR_SECRET_KEYS: 32 bytes in base64.
inline std::string new_keys() {
  return "k1:" + std::string(43, 'A') + "=";
}

// A shop for the book, with fresh keys.
inline ShopEntry shop(std::string id, std::string name, std::string color, std::string url) {
  return {.id = std::move(id),
          .name = std::move(name),
          .color = std::move(color),
          .database_url = std::move(url),
          .secret_keys = new_keys()};
}

// `conninfo` with another database name.
inline std::string with_dbname(const std::string& conninfo, const std::string& dbname) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    PQfreemem(error);
    throw std::runtime_error("COMPTOIR_TEST_DATABASE_URL is not a valid URL");
  }
  std::string out;
  for (const PQconninfoOption* option = options; option->keyword; ++option) {
    if (!option->val || std::string_view(option->keyword) == "dbname") continue;
    out += std::string(option->keyword) + "='" + option->val + "' ";
  }
  PQconninfoFree(options);
  return out + "dbname='" + dbname + "'";
}

// A fresh database on the test server, dropped at the end.
class Database {
 public:
  explicit Database(std::string admin) : admin_(std::move(admin)) {
    name_ = "comptoir_desk_" + core::random_hex(6);
    db::Connection::open(admin_).exec_script("CREATE DATABASE " + name_);
    url_ = with_dbname(admin_, name_);
  }
  ~Database() {
    try {
      db::Connection::open(admin_).exec_script("DROP DATABASE IF EXISTS " + name_ +
                                               " WITH (FORCE)");
    } catch (const std::exception&) {
    }
  }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  const std::string& url() const { return url_; }
  void migrate() const { db::Migrator(url_, data_dir() / "migrations").migrate(); }
  void sql(const std::string& script) const { db::Connection::open(url_).exec_script(script); }
  static fs::path data_dir() { return COMPTOIR_DESKTOP_DATA_DIR; }

 private:
  std::string admin_;
  std::string name_;
  std::string url_;
};

// What each test case of the desktop programs starts from: the test server, the migrations this
// build ships, a fresh folder for the shops file, and the interface in English.
class DesktopCase {
 protected:
  // False when COMPTOIR_TEST_DATABASE_URL is not set (the case is then skipped).
  bool start() {
    const char* url = std::getenv("COMPTOIR_TEST_DATABASE_URL");
    if (!url || !*url) return false;
    admin_ = url;
    migrations_.emplace(db::MigrationSet::load(Database::data_dir() / "migrations"));
    translations_.use(QStringLiteral("en"));
    return true;
  }
  void new_dir() {
    dir_ = fs::temp_directory_path() / ("comptoir-desk-" + core::random_hex(6));
    fs::create_directories(dir_);
  }
  void remove_dir() const { fs::remove_all(dir_); }
  // A book of two shops on `atelier` and `boutique`: Atelier (#2a6f97), then Boutique (#aa3300).
  ShopBook two_shops(const Database& atelier, const Database& boutique) const {
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    if (!book || !book->add(shop("atelier", "Atelier", "#2a6f97", atelier.url())) ||
        !book->add(shop("boutique", "Boutique", "#aa3300", boutique.url())))
      throw std::runtime_error("the shops file could not be written");
    return std::move(*book);
  }

  std::string admin_;
  std::optional<db::MigrationSet> migrations_;
  fs::path dir_;
  Translations translations_;
};

}  // namespace comptoir::desktop
