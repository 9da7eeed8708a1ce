#include "orders/seed/demo_orders.hpp"

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "cart/cart_service.hpp"
#include "cart/totals.hpp"
#include "catalog/catalog_repository.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "orders/order.hpp"
#include "orders/order_repository.hpp"
#include "orders/return_repository.hpp"
#include "orders/returns.hpp"
#include "orders/sealed_fields.hpp"

namespace comptoir::orders::seed {
namespace {

constexpr db::Query kCount{"demo_orders_count", "SELECT count(*) FROM orders"};
// The repository's insert stamps now(); history is older, so its dates are set afterwards.
constexpr db::Query kDates{
    "demo_orders_dates",
    "UPDATE orders SET created_at = now() - make_interval(hours => $2::int), "
    "updated_at = now() - make_interval(hours => $2::int), "
    "reserved_until = CASE WHEN status = 'pending' THEN now() + interval '40 minutes' "
    "                 ELSE now() - make_interval(hours => $2::int) END, "
    "paid_at = CASE WHEN status IN ('pending', 'cancelled') THEN NULL "
    "          ELSE now() - make_interval(hours => $2::int) + interval '5 minutes' END, "
    "stock_released_at = CASE WHEN status = 'cancelled' THEN now() ELSE NULL END, "
    "carrier = CASE WHEN status IN ('fulfilled', 'delivered') THEN 'canada_post' END, "
    "tracking_number = CASE WHEN status IN ('fulfilled', 'delivered') "
    "                  THEN '7023' || lpad(id::text, 12, '0') END, "
    "tracking_url = CASE WHEN status IN ('fulfilled', 'delivered') "
    "               THEN "
    "'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=7023' || "
    "lpad(id::text, 12, '0') ELSE NULL END "
    "WHERE id = $1"};
constexpr db::Query kHistoryDates{
    "demo_orders_history_dates",
    "UPDATE order_history SET occurred_at = now() - make_interval(hours => $2::int) + "
    "make_interval(mins => (id % 1000)::int) WHERE order_id = $1"};

struct Customer {
  std::string_view name;
  std::string_view email;
  std::string_view city;
  std::string_view postal_code;
  core::Locale locale;
};

constexpr std::array kCustomers{
    Customer{"Marie Tremblay", "marie.tremblay@example.ca", "Montréal", "H2X 1Y4",
             core::Locale::fr},
    Customer{"Jean Gagnon", "jean.gagnon@example.ca", "Québec", "G1R 4P5", core::Locale::fr},
    Customer{"Emily Roy", "emily.roy@example.ca", "Gatineau", "J8X 3X7", core::Locale::en},
    Customer{"Louis Côté", "louis.cote@example.ca", "Sherbrooke", "J1H 5N4", core::Locale::fr},
    Customer{"Sarah Bouchard", "sarah.bouchard@example.ca", "Laval", "H7N 2Y1", core::Locale::en},
    Customer{"Noah Gauthier", "noah.gauthier@example.ca", "Trois-Rivières", "G9A 5H3",
             core::Locale::fr},
};

// The path of each demo order through the states, by its position (a repeating pattern with every
// state present, most orders delivered as in a real shop).
constexpr std::array kPaths{
    std::array<OrderStatus, 3>{OrderStatus::paid, OrderStatus::fulfilled, OrderStatus::delivered},
    std::array<OrderStatus, 3>{OrderStatus::paid, OrderStatus::fulfilled, OrderStatus::fulfilled},
    std::array<OrderStatus, 3>{OrderStatus::paid, OrderStatus::paid, OrderStatus::paid},
    std::array<OrderStatus, 3>{OrderStatus::paid, OrderStatus::fulfilled, OrderStatus::delivered},
    std::array<OrderStatus, 3>{OrderStatus::cancelled, OrderStatus::cancelled,
                               OrderStatus::cancelled},
    std::array<OrderStatus, 3>{OrderStatus::paid, OrderStatus::fulfilled, OrderStatus::refunded},
    std::array<OrderStatus, 3>{OrderStatus::paid, OrderStatus::fulfilled, OrderStatus::delivered},
    std::array<OrderStatus, 3>{OrderStatus::paid, OrderStatus::partially_refunded,
                               OrderStatus::partially_refunded},
    std::array<OrderStatus, 3>{OrderStatus::pending, OrderStatus::pending, OrderStatus::pending},
};

constexpr int kOrders = 36;

// A return of one unit of the order's first line, asked for by its customer: requested, or
// already approved and received (not back on sale), for the back office's returns screens.
void add_demo_return(db::Connection& conn, std::int64_t order_id, const OrderLine& line,
                     const cart::Totals& totals, core::Locale locale, bool received) {
  ReturnRepository returns(conn);
  auto id = returns.insert({.number = new_return_number(),
                            .order_id = order_id,
                            .reason = received ? ReturnReason::wrong_item : ReturnReason::damaged,
                            .comment = received ? "" : "demo",
                            .currency = "CAD",
                            .refund_amount = units_value(line, totals, 0, 1),
                            .locale = locale});
  returns.insert_line(id, order_id, {.position = 0, .quantity = 1});
  returns.add_history(id, "customer", "", std::nullopt, name(ReturnState::requested), "demo");
  if (!received) return;
  returns.set_state(id, ReturnState::approved);
  returns.add_history(id, "system", "", name(ReturnState::requested), name(ReturnState::approved),
                      "demo");
  returns.set_state(id, ReturnState::received);
  returns.set_restock(id, 0, false);
  returns.add_history(id, "system", "", name(ReturnState::approved), name(ReturnState::received),
                      "demo");
}

}  // namespace

int seed_demo_orders(db::Connection& conn, const core::SecretKeys& keys) {
  if (conn.exec(kCount).one<std::int64_t>() > 0) return 0;
  catalog::CatalogRepository catalog(conn);
  auto listed = catalog.list_products({.page_size = 40});
  std::vector<catalog::Product> products;
  for (const auto& item : listed.items)
    if (auto product = catalog.product(item.id); product && !product->variants.empty())
      products.push_back(std::move(*product));
  auto rules = cart::CartService::region_rules(conn, "CA-QC");
  if (products.empty() || !rules) return 0;  // no demo catalog, or no Québec taxes

  OrderRepository orders(conn);
  int added = 0;
  for (int i = 0; i < kOrders; ++i) {
    const auto& customer = kCustomers[static_cast<std::size_t>(i) % kCustomers.size()];
    std::vector<OrderLine> lines;
    cart::TotalsInput input{
        .fees = rules->fees, .shipping = rules->shipping, .region = rules->region};
    const int count = 1 + i % 3;
    for (int j = 0; j < count; ++j) {
      const auto& product = products[static_cast<std::size_t>(i * 7 + j * 3) % products.size()];
      const auto& variant =
          product.variants[static_cast<std::size_t>(i + j) % product.variants.size()];
      int quantity = 1 + (i + j) % 2;
      input.lines.push_back({.unit_price = variant.price.cents, .quantity = quantity});
      lines.push_back({.variant_id = variant.id,
                       .product_id = product.id,
                       .sku = variant.sku,
                       .name = product.text[customer.locale].name,
                       .unit_price = variant.price.cents,
                       .quantity = quantity});
    }
    auto totals = cart::compute_totals(input);
    for (std::size_t j = 0; j < lines.size(); ++j) {
      lines[j].amount = totals.lines[j].amount;
      lines[j].tax = totals.lines[j].tax;
    }
    auto id = orders.next_id();
    auto number = new_order_number();
    ShippingAddress address{.full_name = std::string(customer.name),
                            .line1 = fmt::format("{} rue Principale", 100 + i * 13),
                            .city = std::string(customer.city),
                            .region = "QC",
                            .postal_code = std::string(customer.postal_code),
                            .country = "CA"};
    orders.insert({.id = id,
                   .number = number,
                   .email = std::string(customer.email),
                   .locale = customer.locale,
                   .currency = "CAD",
                   .region_code = "CA-QC",
                   .sealed_address = core::seal(keys, to_json(address),
                                                sealed_fields::order_shipping_address(id)),
                   .totals = totals,
                   .provider = PaymentProvider::manual});
    for (std::size_t j = 0; j < lines.size(); ++j)
      orders.insert_line(id, static_cast<int>(j), lines[j], /*reserved=*/false);
    orders.add_history(id, "customer", "", std::nullopt, name(OrderStatus::pending), "demo");
    auto from = OrderStatus::pending;
    for (auto to : kPaths[static_cast<std::size_t>(i) % kPaths.size()]) {
      if (to == from) continue;
      if (to == OrderStatus::refunded) orders.set_refunded_amount(id, totals.total);
      if (to == OrderStatus::partially_refunded) orders.set_refunded_amount(id, totals.total / 4);
      orders.set_status(id, from, to, {.actor_kind = "system", .actor_id = "", .text = "demo"});
      from = to;
    }
    // Two delivered orders have a return of one unit: one waiting for staff, one received.
    if (i == 0 || i == 3) add_demo_return(conn, id, lines.front(), totals, customer.locale, i == 3);
    // Spread over four weeks, newest last, some today: inside the dashboard's 30 calendar days
    // whatever the hour.
    int hours_ago = (kOrders - 1 - i) * 19 + (i % 5);
    conn.exec(kDates, id, hours_ago);
    conn.exec(kHistoryDates, id, hours_ago);
    ++added;
  }
  return added;
}

}  // namespace comptoir::orders::seed
