#include <gtest/gtest.h>

#include "cart/cart_repository.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::cart {
namespace {

// A guest's cart joining an account's at sign-in, at the SQL level.
class CartMerge : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    sql(R"(
      INSERT INTO users (email, role_id) VALUES ('client@example.ca', (SELECT id FROM roles WHERE name = 'customer'));
      INSERT INTO sessions (id_hash, csrf_secret, expires_at) VALUES (repeat('a', 64), repeat('0', 64), now() + interval '1 day');
      INSERT INTO products (status) VALUES ('active'), ('active');
      INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES (1, 'A-1', 1000, 500), (2, 'B-1', 2000, 500);
    )");
  }
  std::string lines(std::int64_t user_id) {
    auto conn = connect();
    auto cart = CartRepository(conn).find({.user_id = user_id});
    if (!cart) return "none";
    std::string out;
    for (const auto& item : cart->items)
      out += std::to_string(item.variant_id) + "x" + std::to_string(item.quantity) + " ";
    return out;
  }
  static constexpr std::string_view kGuest =
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
};

TEST_F(CartMerge, AGuestCartBecomesTheAccountsWhenItHasNone) {
  auto conn = connect();
  CartRepository carts(conn);
  auto guest = carts.find_or_create({.session_id_hash = std::string(kGuest)});
  carts.add(guest, {.variant_id = 1, .product_id = 1, .quantity = 2, .price_seen = 1000}, 99);
  carts.merge_guest_cart(kGuest, 1);
  EXPECT_EQ(lines(1), "1x2 ");
  EXPECT_FALSE(carts.find({.session_id_hash = std::string(kGuest)}));
}

TEST_F(CartMerge, LinesJoinTheAccountsCartQuantitiesSummedAndCapped) {
  auto conn = connect();
  CartRepository carts(conn);
  auto mine = carts.find_or_create({.user_id = 1});
  carts.add(mine, {.variant_id = 1, .product_id = 1, .quantity = 60, .price_seen = 1000}, 99);
  auto guest = carts.find_or_create({.session_id_hash = std::string(kGuest)});
  carts.add(guest, {.variant_id = 1, .product_id = 1, .quantity = 50, .price_seen = 1000}, 99);
  carts.add(guest, {.variant_id = 2, .product_id = 2, .quantity = 1, .price_seen = 2000}, 99);
  carts.merge_guest_cart(kGuest, 1);
  EXPECT_EQ(lines(1), "1x99 2x1 ");
  EXPECT_EQ(connect().exec(db::Query{"m_carts", "SELECT count(*) FROM carts"}).one<std::int64_t>(),
            1);
}

TEST_F(CartMerge, AddingCapsAtTheLimitGiven) {
  auto conn = connect();
  CartRepository carts(conn);
  auto mine = carts.find_or_create({.user_id = 1});
  EXPECT_EQ(carts.find_or_create({.user_id = 1}), mine) << "one cart per account";
  carts.add(mine, {.variant_id = 2, .product_id = 2, .quantity = 4, .price_seen = 2000}, 5);
  carts.add(mine, {.variant_id = 2, .product_id = 2, .quantity = 4, .price_seen = 2000}, 5);
  EXPECT_EQ(lines(1), "2x5 ");
}

// A cart and its items are read by one statement: an empty cart is found, with no item, and the
// items come in the order they were added.
TEST_F(CartMerge, ACartIsFoundWithItsItemsInOrderOrEmpty) {
  auto conn = connect();
  CartRepository carts(conn);
  auto guest = carts.find_or_create({.session_id_hash = std::string(kGuest)});
  auto empty = carts.find({.session_id_hash = std::string(kGuest)});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->id, guest);
  EXPECT_TRUE(empty->items.empty());
  carts.add(guest, {.variant_id = 2, .product_id = 2, .quantity = 1, .price_seen = 2000}, 99);
  carts.add(guest, {.variant_id = 1, .product_id = 1, .quantity = 3, .price_seen = 1000}, 99);
  auto full = carts.find({.session_id_hash = std::string(kGuest)});
  ASSERT_TRUE(full);
  ASSERT_EQ(full->items.size(), 2u);
  EXPECT_EQ(full->items[0].variant_id, 2);
  EXPECT_EQ(full->items[1].quantity, 3);
  EXPECT_EQ(full->items[1].price_seen, 1000);
}

}  // namespace
}  // namespace comptoir::cart
