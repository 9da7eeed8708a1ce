#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "suppliers/shops.hpp"

namespace comptoir::db {
class Connection;
class MigrationSet;
}  // namespace comptoir::db

namespace comptoir::suppliers {

// How a shop's schema compares with the migrations this program ships.
enum class SchemaState {
  unchecked,       // no migrations given, or the shop could not be reached
  current,         // every migration applied
  needs_migrate,   // migrations pending: run `comptoir migrate` against it (no figures read)
  newer_than_app,  // the shop has migrations this program does not know: update the program
};

// One day of a shop's supplier activity (a UTC day).
struct DayFigures {
  std::string day{};             // YYYY-MM-DD
  std::int64_t orders = 0;       // supplier orders created that day
  std::int64_t sync_errors = 0;  // products syncs could not read, and failed runs, that day
};
constexpr int kStatusDays = 14;

// How one connector's calls went over the last 24 hours (supplier_api_calls).
struct ConnectorHealth {
  std::string connector{};  // printify, amazon, etsy, ebay, dropshipper…
  std::int64_t calls = 0;
  std::int64_t failed = 0;  // no answer, or an HTTP status of 400 or more
  int median_latency_ms = 0;
};

// One shop's supplier figures, for the consolidated status (CLI, desktop app).
struct ShopStatus {
  std::string shop_id{};
  std::string shop_name{};
  std::string color{};
  bool reachable = false;
  std::string error{};  // why the shop could not be read (its database is down, not migrated…)
  SchemaState schema = SchemaState::unchecked;
  int pending_migrations = 0;                                      // needs_migrate: how many
  std::map<std::string, std::int64_t> active_suppliers_by_type{};  // PRINTIFY → 2
  std::int64_t synced_variants = 0;                                // listed, sync_status OK
  std::int64_t unmapped_variants = 0;
  std::map<std::string, std::int64_t> open_orders_by_state{};  // PENDING → 3 (not yet done)
  std::int64_t sync_errors = 0;  // products the last syncs could not read, failed runs today
  std::int64_t open_alerts = 0;
  std::string last_sync_at{};      // "" when never
  std::vector<DayFigures> days{};  // the last kStatusDays UTC days, oldest first, today last
  std::vector<ConnectorHealth> api_health{};  // per connector called in the last 24 hours
  int latency_ms = 0;  // to connect and read the figures (consolidated_status)
};

// The figures of the shop whose database `conn` reaches.
ShopStatus read_status(db::Connection& conn);
// Every shop's figures, read in parallel (one thread per shop, each with its own connection and
// a short connect timeout): a shop that cannot be reached is reported so, the others are not
// held up by it. With `migrations` (the program's own), each shop's schema is checked first: a
// shop that needs `comptoir migrate` is reported so (unreachable for figures, with the reason), a
// shop newer than the program is read and flagged.
std::vector<ShopStatus> consolidated_status(const std::vector<Shop>& shops,
                                            const db::MigrationSet* migrations = nullptr);
std::string_view to_string(SchemaState state);

boost::json::object to_json(const ShopStatus& status);

}  // namespace comptoir::suppliers
