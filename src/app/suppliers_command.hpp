#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "db/connection.hpp"
#include "suppliers/shops.hpp"

namespace comptoir::app {

// `comptoir suppliers ACTION [--shops FILE] [--shop ID] …` (docs/suppliers.md), parsed before
// anything is read so that usage mistakes are reported first.
struct SuppliersCommand {
  enum class Action {
    add,
    list,
    test,
    sync,
    dispatch,
    run,
    webhooks,
    status,
    exported,
    imported
  } action = Action::list;
  std::string shops_file{};  // "" = ./comptoir-shops.json if it exists, else the environment
  std::string shop{};
  bool json = false;
  // add
  std::string type{};
  std::string name{};
  std::string api_base{};
  std::string account{};
  std::string currency{};
  std::string fulfillment{};
  std::string credentials_file{};
  std::string contact_name{};
  std::string contact_email{};
  // test, sync
  std::optional<std::int64_t> supplier{};
  // export (--to FILE, "" = stdout), import FILE, sync --file PRICES.csv
  std::string file{};
  // dispatch: orders to handle at most (0: all that are due)
  std::size_t limit = 0;
  // run: one pass of every job for every shop, then exit
  bool once = false;
  // webhooks: where the platform sends its events (the shop's /webhooks/printify/{id})
  std::string url{};
};

// The error is the usage message.
std::expected<SuppliersCommand, std::string> parse_suppliers_command(
    std::span<const std::string_view> args);
// `config`: the environment's (its shop when there is no shops file, and the data directory).
int run_suppliers_command(const core::Config& config, const SuppliersCommand& command);

// `suppliers dispatch` for one shop, and `suppliers run` for every shop (app/suppliers_run.cpp).
int dispatch_once(const core::Config& config, const SuppliersCommand& command,
                  const suppliers::Shop& shop, db::Connection& conn);
int run_engine(const core::Config& config, const SuppliersCommand& command);

}  // namespace comptoir::app
