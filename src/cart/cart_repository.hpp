#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "cart/cart.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::cart {

// SQL for carts and their items, nothing else; runs on the caller's connection.
class CartRepository {
 public:
  explicit CartRepository(db::Connection& conn) : conn_(conn) {}

  std::optional<StoredCart> find(const CartOwner& owner);
  // The owner's cart id, made when there is none (concurrent requests get the same one).
  std::int64_t find_or_create(const CartOwner& owner);
  // Adds `quantity` to the line (made when new), capped at `cap`; the price seen is refreshed.
  void add(std::int64_t cart_id, const StoredItem& item, int cap);
  bool set_quantity(std::int64_t cart_id, std::int64_t variant_id, int quantity);
  bool remove(std::int64_t cart_id, std::int64_t variant_id);
  void set_region(std::int64_t cart_id, std::string_view region_code);
  // A guest signing in: their session's cart becomes the account's, or, when the account has one,
  // its lines are added to it (quantities summed, at most kMaxQuantity) and the guest cart goes.
  void merge_guest_cart(std::string_view session_id_hash, std::int64_t user_id);
  // Takes these variants' lines out of the cart (they were ordered).
  void remove_variants(std::int64_t cart_id, const std::vector<std::int64_t>& variant_ids);
  // Deletes the account's cart with its lines; how many carts went.
  std::int64_t delete_for_user(std::int64_t user_id);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::cart
