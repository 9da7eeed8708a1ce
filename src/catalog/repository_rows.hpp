#pragma once

// Internal to the catalog repository: how rows and JSON columns become model structs.

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

#include "catalog/model.hpp"
#include "db/result.hpp"

namespace comptoir::catalog::rows {

// The product summary columns every listing selects, in this order, starting with `p` for
// products and `t` for the locale's translation. kSummaryColumnCount columns.
// A macro so query constants can splice it into their SQL literals.
#define COMPTOIR_CATALOG_SUMMARY_COLUMNS                                                         \
  "p.id, t.name, t.slug, t.short_description, p.cheapest_price_cents, p.currency, "              \
  "p.cheapest_compare_at_cents, p.in_stock, "                                                    \
  "(SELECT json_build_object('id', i.id, 'path', i.path, 'width', i.width, 'height', i.height, " \
  "'alt', i.alt, 'position', i.position)::text FROM product_images i WHERE i.product_id = p.id " \
  "ORDER BY i.position, i.id LIMIT 1), extract(epoch FROM p.updated_at)::bigint, p.status"
inline constexpr std::size_t kSummaryColumnCount = 11;

ProductSummary summary(const db::Result& result, std::size_t row, std::size_t first_column = 0);

Timestamp timestamp(std::int64_t epoch_seconds);
boost::json::value parse_json(std::string_view text, std::string_view what);
// By value, so that `for (x : parse_array(…))` keeps the array alive through the loop.
boost::json::array parse_array(std::string_view text, std::string_view what);
Image image(const boost::json::object& json);
PerLocale<std::string> per_locale(const boost::json::value& json);

}  // namespace comptoir::catalog::rows
