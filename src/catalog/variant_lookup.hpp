#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::catalog {

// A shop variant as other modules name it in their lists (the supplier engine's mapping editor):
// its SKU and GTIN, its product's name in one language (the other when it has none), its price.
struct VariantLabel {
  std::int64_t variant_id = 0;
  std::int64_t product_id = 0;
  std::string sku{};
  std::string gtin{};
  std::string name{};
  std::int64_t price_cents = 0;
  std::string currency{};
};

// The variants whose SKU or GTIN starts with `text`, or whose product's name holds it (any case),
// SKU order, at most `limit`; `locale` "fr" or "en" names them. On the caller's connection.
std::vector<VariantLabel> find_variants(db::Connection& conn, std::string_view text,
                                        std::string_view locale, int limit);
// These variants (ids of no variant are left out), in id order.
std::vector<VariantLabel> variant_labels(db::Connection& conn, const std::vector<std::int64_t>& ids,
                                         std::string_view locale);

}  // namespace comptoir::catalog
