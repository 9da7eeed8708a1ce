#include "orders/order_expiry.hpp"

#include "observe/log.hpp"
#include "orders/order_service.hpp"

namespace comptoir::orders {

jobs::Job expiry_job(const OrderService& orders, std::chrono::milliseconds every) {
  return {.name = "orders.release_expired",
          .every = every,
          .jitter = every / 5,
          .exclusive = true,
          .run = [&orders](db::Connection& conn) {
            if (auto released = orders.release_expired(conn); released > 0)
              observe::info("expired stock holds released", {{"orders", released}});
          }};
}

}  // namespace comptoir::orders
