#include "app/supplier_shops.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "app/commands.hpp"
#include "db/migrations.hpp"

namespace comptoir::app::supplier_shops {
namespace {

constexpr std::string_view kDefaultShopsFile = "comptoir-shops.json";

}  // namespace

using suppliers::Shop;

std::expected<std::vector<Shop>, std::string> load(const core::Config& config,
                                                   const std::string& shops_file,
                                                   const std::string& shop_id) {
  auto file = shops_file;
  if (file.empty() && std::filesystem::exists(kDefaultShopsFile)) file = kDefaultShopsFile;
  if (!file.empty()) return suppliers::load_shops(file);
  if (config.database_url.empty())
    return std::unexpected(
        "no shops file (--shops FILE, or ./comptoir-shops.json) and DATABASE_URL is not set");
  if (config.secret_keys.empty() || config.secret_keys_ephemeral)
    return std::unexpected(
        "COMPTOIR_SECRET_KEYS is not set: the suppliers' credentials are sealed with it");
  auto shop = suppliers::environment_shop(config.database_url, config.secret_keys);
  // Without a shops file, the environment's shop answers to the id the operator gives.
  if (!shop_id.empty()) shop.id = shop_id;
  return std::vector<Shop>{std::move(shop)};
}

std::expected<Shop, std::string> one(const core::Config& config, const std::string& shops_file,
                                     const std::string& shop_id) {
  auto shops = load(config, shops_file, shop_id);
  if (!shops) return std::unexpected(shops.error());
  if (shop_id.empty()) {
    if (shops->size() == 1) return shops->front();
    return std::unexpected("say which shop: --shop ID");
  }
  for (auto& shop : *shops)
    if (shop.id == shop_id) return std::move(shop);
  return std::unexpected(fmt::format("no shop '{}' in the shops file", shop_id));
}

std::expected<db::Connection, std::string> connect(const core::Config& config, const Shop& shop) {
  db::Migrator migrator(shop.database_url, config.data_dir / "migrations");
  auto status = migrator.status();
  if (!status.current())
    return std::unexpected(
        fmt::format("shop '{}': the database is not current ({}); run "
                    "'comptoir migrate' for it",
                    shop.id, describe(status)));
  return db::Connection::open(shop.database_url,
                              db::ConnectOptions{.application_name = "comptoir-suppliers"});
}

}  // namespace comptoir::app::supplier_shops
