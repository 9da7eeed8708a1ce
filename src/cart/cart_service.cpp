#include "cart/cart_service.hpp"

#include <algorithm>

#include "cart/cart_repository.hpp"
#include "cart/tax_rules.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/catalog_urls.hpp"
#include "catalog/inventory.hpp"
#include "catalog/storefront_product.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "settings/settings_store.hpp"

namespace comptoir::cart {
namespace {

const catalog::Variant* find_variant(const catalog::Product& product, std::int64_t variant_id) {
  for (const auto& variant : product.variants)
    if (variant.id == variant_id) return &variant;
  return nullptr;
}

int units_left(const catalog::Variant& variant) {
  return variant.track_inventory ? variant.sellable() : -1;
}

// The destination's rules and the shop's handling fee, as they are now (settings are read at each
// use: a fee changed in the back office applies to the next cart shown and the next order).
std::optional<RegionRules> rules_of(db::Connection& conn, std::string_view code) {
  auto rules = TaxRulesRepository(conn).find(code);
  if (!rules) return rules;
  const auto fee = settings::current(conn).handling_fee;
  if (fee.amount > 0)
    rules->fees.push_back({.code = "handling", .amount = fee.amount, .taxable = fee.taxable});
  return rules;
}

}  // namespace

boost::asio::awaitable<CartContents> CartService::contents(CartOwner owner, core::Locale locale) {
  struct Loaded {
    std::optional<StoredCart> cart{};
    std::optional<RegionRules> rules{};
    std::vector<std::string> regions{};
    std::vector<catalog::VariantUnits> units{};  // what is left now (the cache's counts may lag)
  };
  auto loaded = co_await db_.transact([&](db::Connection& conn) {
    Loaded out{.cart = CartRepository(conn).find(owner)};
    out.rules = rules_of(conn, out.cart ? out.cart->region_code : std::string("CA-QC"));
    out.regions = TaxRulesRepository(conn).active_codes();
    if (out.cart) {
      std::vector<std::int64_t> ids;
      for (const auto& item : out.cart->items) ids.push_back(item.variant_id);
      out.units = catalog::Inventory::units(conn, ids);
    }
    return out;
  });
  CartContents out{.region_code = loaded.rules ? loaded.rules->region.code : "CA-QC",
                   .regions = std::move(loaded.regions)};
  TotalsInput input;
  if (loaded.rules) {
    input.region = loaded.rules->region;
    input.shipping = loaded.rules->shipping;
    input.fees = loaded.rules->fees;
  }
  if (loaded.cart) {
    for (const auto& item : loaded.cart->items) {
      CartLine line{.variant_id = item.variant_id,
                    .product_id = item.product_id,
                    .quantity = item.quantity,
                    .price_seen = item.price_seen};
      auto product = co_await catalog_.product(item.product_id);
      const catalog::Variant* variant = product ? find_variant(*product, item.variant_id) : nullptr;
      if (!product || !variant || product->status != catalog::ProductStatus::active) {
        line.problem = LineProblem::unavailable;
        if (product) line.name = product->text[locale].name;
        out.lines.push_back(std::move(line));
        continue;
      }
      line.name = product->text[locale].name;
      line.sku = variant->sku;
      if (product->variants.size() > 1)
        line.variant_label = catalog::storefront::variant_label(*product, *variant, locale);
      line.path = catalog::urls::product(locale, product->text[locale].slug);
      line.unit_price = variant->price.cents;
      line.currency = variant->price.currency;
      line.available = units_left(*variant);
      if (auto live =
              std::ranges::find(loaded.units, item.variant_id, &catalog::VariantUnits::variant_id);
          live != loaded.units.end())
        line.available = live->units;
      if (line.available == 0)
        line.problem = LineProblem::out_of_stock;
      else if (line.available > 0 && line.quantity > line.available)
        line.problem = LineProblem::not_enough_stock;
      else if (line.unit_price != line.price_seen)
        line.problem = LineProblem::price_changed;
      if (line.counted()) {
        auto units = line.available > 0 ? std::min(line.quantity, line.available) : line.quantity;
        input.lines.push_back({.unit_price = line.unit_price, .quantity = units});
        out.item_count += units;
        out.currency = line.currency;
      }
      out.lines.push_back(std::move(line));
    }
  }
  out.totals = compute_totals(input);
  co_return out;
}

boost::asio::awaitable<std::expected<void, CartError>> CartService::add(CartOwner owner,
                                                                        std::int64_t product_id,
                                                                        std::int64_t variant_id,
                                                                        int quantity) {
  if (quantity < 1 || quantity > kMaxQuantity) co_return std::unexpected(CartError::bad_quantity);
  auto product = co_await catalog_.product(product_id);
  const catalog::Variant* variant = product ? find_variant(*product, variant_id) : nullptr;
  if (!variant) co_return std::unexpected(CartError::unknown_item);
  if (product->status != catalog::ProductStatus::active)
    co_return std::unexpected(CartError::unavailable);
  auto left = units_left(*variant);
  if (left == 0) co_return std::unexpected(CartError::out_of_stock);
  int cap = left > 0 ? std::min(left, kMaxQuantity) : kMaxQuantity;
  StoredItem item{.variant_id = variant_id,
                  .product_id = product_id,
                  .quantity = quantity,
                  .price_seen = variant->price.cents};
  co_await db_.transact([&](db::Connection& conn) {
    CartRepository carts(conn);
    carts.add(carts.find_or_create(owner), item, cap);
  });
  co_return std::expected<void, CartError>{};
}

boost::asio::awaitable<std::expected<void, CartError>> CartService::set_quantity(
    CartOwner owner, std::int64_t variant_id, int quantity) {
  if (quantity < 0 || quantity > kMaxQuantity) co_return std::unexpected(CartError::bad_quantity);
  auto changed = co_await db_.transact([&](db::Connection& conn) {
    CartRepository carts(conn);
    auto cart = carts.find(owner);
    if (!cart) return false;
    return quantity == 0 ? carts.remove(cart->id, variant_id)
                         : carts.set_quantity(cart->id, variant_id, quantity);
  });
  if (!changed) co_return std::unexpected(CartError::unknown_item);
  co_return std::expected<void, CartError>{};
}

boost::asio::awaitable<std::expected<void, CartError>> CartService::set_region(CartOwner owner,
                                                                               std::string code) {
  bool plausible = !code.empty() && code.size() <= 6 && std::ranges::all_of(code, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!plausible) co_return std::unexpected(CartError::unknown_region);
  auto known = co_await db_.transact([&](db::Connection& conn) {
    if (!TaxRulesRepository(conn).find(code)) return false;
    CartRepository carts(conn);
    carts.set_region(carts.find_or_create(owner), code);
    return true;
  });
  if (!known) co_return std::unexpected(CartError::unknown_region);
  co_return std::expected<void, CartError>{};
}

boost::asio::awaitable<void> CartService::merge_guest_cart(std::string session_id_hash,
                                                           std::int64_t user_id) {
  co_await db_.transact([&](db::Connection& conn) {
    CartRepository(conn).merge_guest_cart(session_id_hash, user_id);
  });
}

std::optional<StoredCart> CartService::stored(db::Connection& conn, const CartOwner& owner) {
  return CartRepository(conn).find(owner);
}

std::optional<RegionRules> CartService::region_rules(db::Connection& conn, std::string_view code) {
  return rules_of(conn, code);
}

void CartService::remove_ordered(db::Connection& conn, std::int64_t cart_id,
                                 const std::vector<std::int64_t>& variant_ids) {
  if (!variant_ids.empty()) CartRepository(conn).remove_variants(cart_id, variant_ids);
}

std::int64_t CartService::erase_for_user(db::Connection& conn, std::int64_t user_id) {
  return CartRepository(conn).delete_for_user(user_id);
}

}  // namespace comptoir::cart
