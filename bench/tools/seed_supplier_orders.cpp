// bench/suppliers' helper: COUNT paid orders of one shop variant, each with its address sealed
// under the shop's keys (as a checkout leaves it) and routed to its supplier by the engine's own
// OrderRouting (one PENDING supplier order each), in transactions of 500. Not a command of the
// shop: built only with -DCOMPTOIR_BENCH_TOOLS=ON.
//
//   bench_seed_supplier_orders DATABASE_URL SECRET_KEYS COUNT PRODUCT_ID VARIANT_ID SKU UNIT_PRICE
#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/sealed_box.hpp"
#include "core/secret_keys.hpp"
#include "db/connection.hpp"
#include "orders/order_repository.hpp"
#include "orders/sealed_fields.hpp"
#include "suppliers/order_routing.hpp"
#include "suppliers/transaction.hpp"

namespace {

using namespace comptoir;

std::int64_t number(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
    fmt::print(stderr, "not a number: {}\n", text);
    std::exit(2);
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    fmt::print(stderr,
               "usage: bench_seed_supplier_orders DATABASE_URL SECRET_KEYS COUNT PRODUCT_ID "
               "VARIANT_ID SKU UNIT_PRICE\n");
    return 2;
  }
  auto keys = core::parse_secret_keys(argv[2]);
  if (!keys) {
    fmt::print(stderr, "bad keys: {}\n", keys.error());
    return 2;
  }
  auto count = number(argv[3]);
  auto product = number(argv[4]);
  auto variant = number(argv[5]);
  std::string sku = argv[6];
  auto price = number(argv[7]);
  auto conn = db::Connection::open(argv[1]);
  const orders::ShippingAddress address{.full_name = "Marie Tremblay",
                                        .line1 = "1200 rue Saint-Denis",
                                        .city = "Montréal",
                                        .region = "QC",
                                        .postal_code = "H2X 3J6",
                                        .country = "CA",
                                        .phone = "514 555 0101"};
  auto address_json = orders::to_json(address);
  std::int64_t routed = 0;
  for (std::int64_t done = 0; done < count;) {
    auto batch = std::min<std::int64_t>(500, count - done);
    routed += suppliers::in_transaction(conn, [&](db::Connection& c) {
      orders::OrderRepository repository(c);
      std::int64_t made = 0;
      for (std::int64_t i = 0; i < batch; ++i) {
        auto id = repository.next_id();
        auto order_number = orders::new_order_number();
        repository.insert(
            {.id = id,
             .number = order_number,
             .email = fmt::format("bench-{}@example.ca", id),
             .currency = "CAD",
             .region_code = "CA-QC",
             .sealed_address =
                 core::seal(*keys, address_json, orders::sealed_fields::order_shipping_address(id)),
             .totals = {.subtotal = price, .total = price},
             .provider = orders::PaymentProvider::manual});
        orders::OrderLine line{.variant_id = variant,
                               .product_id = product,
                               .sku = sku,
                               .name = sku,
                               .unit_price = price,
                               .quantity = 1,
                               .amount = price};
        repository.insert_line(id, 0, line, false);
        repository.set_status(id, orders::OrderStatus::paid);
        auto stored = repository.find_by_id(id);
        made += static_cast<std::int64_t>(
            suppliers::OrderRouting::route(c, stored->order).created.size());
      }
      return made;
    });
    done += batch;
  }
  fmt::print("{} paid orders, {} supplier orders\n", count, routed);
  return routed == count ? 0 : 1;
}
