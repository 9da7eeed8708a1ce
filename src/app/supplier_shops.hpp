#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "db/connection.hpp"
#include "suppliers/shops.hpp"

// The shops a `comptoir suppliers` command works on, shared by its actions.
namespace comptoir::app::supplier_shops {

// The shops file's shops (--shops FILE, or ./comptoir-shops.json), or this environment's shop
// answering to `shop_id`.
std::expected<std::vector<suppliers::Shop>, std::string> load(const core::Config& config,
                                                              const std::string& shops_file,
                                                              const std::string& shop_id);
// The one shop `shop_id` names ("" when there is only one).
std::expected<suppliers::Shop, std::string> one(const core::Config& config,
                                                const std::string& shops_file,
                                                const std::string& shop_id);
// A connection to the shop, refused when its schema is not the one this binary knows.
std::expected<db::Connection, std::string> connect(const core::Config& config,
                                                   const suppliers::Shop& shop);

}  // namespace comptoir::app::supplier_shops
