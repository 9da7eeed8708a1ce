#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::catalog {

// A variant of an active product whose tracked stock is at or below the shop's threshold.
struct LowStockVariant {
  std::int64_t product_id = 0;
  std::int64_t variant_id = 0;
  std::string sku{};
  std::string name_fr{};
  std::string name_en{};
  int stock = 0;
};

struct LowStock {
  // All of them, counted up to kCountCap (a catalog can hold hundreds of thousands): past it,
  // `count` is kCountCap and `capped` says there are more.
  static constexpr std::int64_t kCountCap = 1'000;
  std::int64_t count = 0;
  bool capped = false;
  std::vector<LowStockVariant> lowest{};  // the `limit` lowest, lowest first
};

// For the back office's dashboard, on the caller's connection. Variants that do not track stock
// never count; drafts and archived products neither (nobody can buy them).
LowStock low_stock(db::Connection& conn, int threshold, int limit);

}  // namespace comptoir::catalog
