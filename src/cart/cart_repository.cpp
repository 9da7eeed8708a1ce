#include "cart/cart_repository.hpp"

#include "db/connection.hpp"

namespace comptoir::cart {
namespace {

constexpr db::Query kDeleteForUser{"cart_delete_for_user", "DELETE FROM carts WHERE user_id = $1"};
constexpr db::Query kFindByUser{"cart_find_by_user",
                                "SELECT id, region_code FROM carts WHERE user_id = $1"};
constexpr db::Query kFindBySession{"cart_find_by_session",
                                   "SELECT id, region_code FROM carts WHERE session_id_hash = $1"};
// A cart and its items in one statement (every cart view and every checkout reads them): a row per
// item, or one row with no item.
#define COMPTOIR_CART_WITH_ITEMS                                                      \
  "SELECT c.id, c.region_code, i.variant_id, i.product_id, i.quantity, i.price_seen " \
  "FROM carts c LEFT JOIN cart_items i ON i.cart_id = c.id WHERE "
constexpr db::Query kWithItemsByUser{"cart_with_items_by_user", COMPTOIR_CART_WITH_ITEMS
                                     "c.user_id = $1 ORDER BY i.added_at, i.variant_id"};
constexpr db::Query kWithItemsBySession{"cart_with_items_by_session", COMPTOIR_CART_WITH_ITEMS
                                        "c.session_id_hash = $1 ORDER BY i.added_at, i.variant_id"};
#undef COMPTOIR_CART_WITH_ITEMS
constexpr db::Query kCreateForUser{
    "cart_create_for_user",
    "INSERT INTO carts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING RETURNING id"};
constexpr db::Query kCreateForSession{"cart_create_for_session",
                                      "INSERT INTO carts (session_id_hash) VALUES ($1) "
                                      "ON CONFLICT (session_id_hash) DO NOTHING RETURNING id"};
constexpr db::Query kAdd{
    "cart_add_item",
    "INSERT INTO cart_items (cart_id, variant_id, product_id, quantity, price_seen) "
    "VALUES ($1, $2, $3, LEAST($4::int, $5::int), $6) ON CONFLICT (cart_id, variant_id) DO UPDATE "
    "SET quantity = LEAST(cart_items.quantity + EXCLUDED.quantity, $5::int), "
    "price_seen = EXCLUDED.price_seen"};
constexpr db::Query kSetQuantity{
    "cart_set_quantity",
    "UPDATE cart_items SET quantity = $3 WHERE cart_id = $1 AND variant_id = $2"};
constexpr db::Query kRemove{"cart_remove_item",
                            "DELETE FROM cart_items WHERE cart_id = $1 AND variant_id = $2"};
constexpr db::Query kTouch{"cart_touch", "UPDATE carts SET updated_at = now() WHERE id = $1"};
constexpr db::Query kSetRegion{
    "cart_set_region", "UPDATE carts SET region_code = $2, updated_at = now() WHERE id = $1"};
constexpr db::Query kAdoptGuestCart{
    "cart_adopt_guest_cart",
    "UPDATE carts SET user_id = $2, session_id_hash = NULL, updated_at = now() "
    "WHERE session_id_hash = $1 AND NOT EXISTS (SELECT 1 FROM carts WHERE user_id = $2)"};
constexpr db::Query kMergeGuestItems{
    "cart_merge_guest_items",
    "INSERT INTO cart_items (cart_id, variant_id, product_id, quantity, price_seen, added_at) "
    "SELECT u.id, g.variant_id, g.product_id, g.quantity, g.price_seen, g.added_at "
    "FROM cart_items g JOIN carts gc ON gc.id = g.cart_id AND gc.session_id_hash = $1 "
    "JOIN carts u ON u.user_id = $2 "
    "ON CONFLICT (cart_id, variant_id) DO UPDATE "
    "SET quantity = LEAST(cart_items.quantity + EXCLUDED.quantity, $3::int)"};
constexpr db::Query kRemoveVariants{
    "cart_remove_variants",
    "DELETE FROM cart_items WHERE cart_id = $1 AND variant_id = ANY ($2::bigint[])"};
constexpr db::Query kDeleteGuestCart{"cart_delete_guest_cart",
                                     "DELETE FROM carts WHERE session_id_hash = $1"};

}  // namespace

std::optional<StoredCart> CartRepository::find(const CartOwner& owner) {
  auto rows = owner.user_id ? conn_.exec(kWithItemsByUser, *owner.user_id)
                            : conn_.exec(kWithItemsBySession, owner.session_id_hash);
  if (rows.empty()) return std::nullopt;
  StoredCart cart{.id = rows.get<std::int64_t>(0, 0), .region_code = rows.get<std::string>(0, 1)};
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!rows.is_null(i, 2))
      cart.items.push_back({.variant_id = rows.get<std::int64_t>(i, 2),
                            .product_id = rows.get<std::int64_t>(i, 3),
                            .quantity = rows.get<std::int32_t>(i, 4),
                            .price_seen = rows.get<std::int64_t>(i, 5)});
  return cart;
}

std::int64_t CartRepository::find_or_create(const CartOwner& owner) {
  auto created = owner.user_id ? conn_.exec(kCreateForUser, *owner.user_id)
                               : conn_.exec(kCreateForSession, owner.session_id_hash);
  if (!created.empty()) return created.get<std::int64_t>(0, 0);
  auto found = owner.user_id ? conn_.exec(kFindByUser, *owner.user_id)
                             : conn_.exec(kFindBySession, owner.session_id_hash);
  return found.get<std::int64_t>(0, 0);
}

void CartRepository::add(std::int64_t cart_id, const StoredItem& item, int cap) {
  conn_.exec(kAdd, cart_id, item.variant_id, item.product_id, item.quantity, cap, item.price_seen);
  conn_.exec(kTouch, cart_id);
}

bool CartRepository::set_quantity(std::int64_t cart_id, std::int64_t variant_id, int quantity) {
  conn_.exec(kTouch, cart_id);
  return conn_.exec(kSetQuantity, cart_id, variant_id, quantity).affected_rows() == 1;
}

bool CartRepository::remove(std::int64_t cart_id, std::int64_t variant_id) {
  conn_.exec(kTouch, cart_id);
  return conn_.exec(kRemove, cart_id, variant_id).affected_rows() == 1;
}

void CartRepository::set_region(std::int64_t cart_id, std::string_view region_code) {
  conn_.exec(kSetRegion, cart_id, region_code);
}

std::int64_t CartRepository::delete_for_user(std::int64_t user_id) {
  return static_cast<std::int64_t>(conn_.exec(kDeleteForUser, user_id).affected_rows());
}

void CartRepository::merge_guest_cart(std::string_view session_id_hash, std::int64_t user_id) {
  if (conn_.exec(kAdoptGuestCart, session_id_hash, user_id).affected_rows() == 1) return;
  conn_.exec(kMergeGuestItems, session_id_hash, user_id, kMaxQuantity);
  conn_.exec(kDeleteGuestCart, session_id_hash);
}

void CartRepository::remove_variants(std::int64_t cart_id,
                                     const std::vector<std::int64_t>& variant_ids) {
  conn_.exec(kRemoveVariants, cart_id, variant_ids);
}

}  // namespace comptoir::cart
