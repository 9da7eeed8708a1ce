#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::cart {

// Whose cart: a signed-in user's (by account) or a guest's (by session).
struct CartOwner {
  std::optional<std::int64_t> user_id{};
  std::string session_id_hash{};
};

struct StoredItem {
  std::int64_t variant_id = 0;
  std::int64_t product_id = 0;
  int quantity = 0;
  std::int64_t price_seen = 0;
};

struct StoredCart {
  std::int64_t id = 0;
  std::string region_code{};
  std::vector<StoredItem> items{};  // oldest first
};

inline constexpr int kMaxQuantity = 99;

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

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::cart
