#pragma once

#include <cstdint>
#include <string>

#include "suppliers/shops.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// What "Test connection" found for one supplier: whether it can be reached the way the engine
// will reach it, what it said, and how long the call took.
struct ConnectionTest {
  bool ok = false;
  std::string message{};  // what the platform answered, or why not; never a secret
  int latency_ms = 0;     // of the platform's call (0 when none was made)
};

// Tests supplier `supplier_id` of `shop` (whose database `conn` reaches), for `comptoir suppliers
// test` and the desktop app alike: a generic dropshipper without a URL is reached by mail (ok when
// it has a contact email); any other supplier through its connector's test call, logged in the
// shop's API call log like any call.
ConnectionTest test_connection(db::Connection& conn, const Shop& shop, std::int64_t supplier_id);

}  // namespace comptoir::suppliers
