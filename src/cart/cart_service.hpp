#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cart/cart.hpp"
#include "cart/totals.hpp"
#include "core/locale.hpp"

namespace comptoir::db {
class Database;
class Connection;
}  // namespace comptoir::db
namespace comptoir::catalog {
class CatalogService;
}

namespace comptoir::cart {

// What the visitor must know about a line before paying.
enum class LineProblem {
  none,
  price_changed,     // the price differs from the one shown when it was added
  not_enough_stock,  // fewer units left than asked: the totals count what is left
  out_of_stock,      // none left: not counted
  unavailable,       // archived, unpublished or deleted: not counted
};

struct CartLine {
  std::int64_t variant_id = 0;
  std::int64_t product_id = 0;
  std::string name{};
  std::string variant_label{};  // empty for a product with one variant
  std::string sku{};            // the variant's; "" when it has none
  std::string path{};           // the product page, in the visitor's language
  int quantity = 0;
  int available = -1;  // units left; -1 when stock is not tracked
  std::int64_t unit_price = 0;
  std::int64_t price_seen = 0;
  std::string currency = "CAD";
  LineProblem problem = LineProblem::none;

  bool counted() const {
    return problem != LineProblem::out_of_stock && problem != LineProblem::unavailable;
  }
};

struct CartContents {
  std::vector<CartLine> lines{};
  std::string region_code{};
  std::vector<std::string> regions{};  // the destinations to choose from
  Totals totals{};                     // of the counted lines, for region_code
  std::string currency = "CAD";
  int item_count = 0;  // units counted, for the header
};

enum class CartError { unknown_item, unavailable, out_of_stock, bad_quantity, unknown_region };

// Carts of guests and users. Lines are checked against the live catalog every time the cart is
// shown, and the totals come from compute_totals with the chosen destination's rules.
class CartService {
 public:
  CartService(db::Database& db, catalog::CatalogService& catalog) : db_(db), catalog_(catalog) {}

  boost::asio::awaitable<CartContents> contents(CartOwner owner, core::Locale locale);
  // Adds `quantity` (1 to 99) of a variant of an active product, at most what is in stock.
  boost::asio::awaitable<std::expected<void, CartError>> add(CartOwner owner,
                                                             std::int64_t product_id,
                                                             std::int64_t variant_id, int quantity);
  // 0 removes the line.
  boost::asio::awaitable<std::expected<void, CartError>> set_quantity(CartOwner owner,
                                                                      std::int64_t variant_id,
                                                                      int quantity);
  boost::asio::awaitable<std::expected<void, CartError>> set_region(CartOwner owner,
                                                                    std::string code);
  // A guest signed in: their cart joins the account's. Quantities past what is in stock are
  // lowered the next time the cart is shown (add never exceeds stock; a merge may).
  boost::asio::awaitable<void> merge_guest_cart(std::string session_id_hash, std::int64_t user_id);

  // For another module working inside its own transaction (orders, placing an order): these run
  // on the caller's connection, so what they read or change is part of that transaction.
  //
  // The owner's cart as stored, lines oldest first; nullopt when there is none.
  static std::optional<StoredCart> stored(db::Connection& conn, const CartOwner& owner);
  // The active destination `code` with its taxes and shipping, and the shop's fixed fees; nullopt
  // when unknown or inactive.
  static std::optional<RegionRules> region_rules(db::Connection& conn, std::string_view code);
  // Takes the ordered variants' lines out of the cart (the order was paid, or placed to be paid
  // offline); the other lines stay.
  static void remove_ordered(db::Connection& conn, std::int64_t cart_id,
                             const std::vector<std::int64_t>& variant_ids);
  // Deletes the account's cart and its lines (the account is being closed: src/privacy). Returns
  // how many carts went (0 or 1). Orders placed from it keep their own lines.
  static std::int64_t erase_for_user(db::Connection& conn, std::int64_t user_id);

 private:
  db::Database& db_;
  catalog::CatalogService& catalog_;
};

}  // namespace comptoir::cart
