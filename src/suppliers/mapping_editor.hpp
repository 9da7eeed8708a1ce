#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "catalog/variant_lookup.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// Which supplier variants the mapping editor lists.
enum class MappingShow {
  all,
  unmapped,  // still listed by the supplier, mapped to nothing
  mapped,
  conflicts,  // mapped to a shop variant that several suppliers serve at different costs or stock
};

struct MappingQuery {
  std::optional<std::int64_t> supplier_id{};
  std::string text{};  // in the SKU, GTIN, title or the supplier's id (any case)
  MappingShow show = MappingShow::all;
  int limit = 500;
};

// A supplier variant, what it is mapped to, and — when it is in conflict — the policy's pick for
// its shop variant.
struct MappingRow {
  std::int64_t supplier_variant_id = 0;
  std::int64_t supplier_id = 0;
  std::string supplier_name{};
  std::string external_id{};
  std::string sku{};
  std::string gtin{};
  std::string title{};
  std::optional<std::int64_t> cost{};  // minor units of `currency`
  std::string currency{};
  std::optional<int> stock{};  // nullopt: not counted (print on demand)
  bool available = true;
  std::string sync_status{};  // OK, ERROR, GONE
  std::optional<catalog::VariantLabel> mapped{};
  std::string source{};  // SKU, GTIN, MANUAL
  int priority = 100;
  bool conflict = false;
  // For a row in conflict: the supplier the routing policy would choose for one unit at the shop
  // variant's price (the preferred, then the cheapest in stock above the margin floor); nullopt
  // when none qualifies.
  std::optional<std::int64_t> policy_supplier_id{};
  std::string policy_supplier_name{};
};

// The supplier variants by the query, SKU order; shop variants named in `locale` (fr, en).
std::vector<MappingRow> mapping_rows(db::Connection& conn, const MappingQuery& query,
                                     const std::string& locale);

// Why a mapping was refused; nothing was changed.
struct MappingRefusal {
  std::string message{};
};

// Staff map a supplier variant to a shop variant by hand (source MANUAL, replacing what it was
// mapped to), with a priority (lower is preferred, 0 to 10 000), or unmap it.
std::expected<void, MappingRefusal> map_by_hand(db::Connection& conn,
                                                std::int64_t supplier_variant_id,
                                                std::int64_t variant_id, int priority);
std::expected<void, MappingRefusal> unmap(db::Connection& conn, std::int64_t supplier_variant_id);

}  // namespace comptoir::suppliers
