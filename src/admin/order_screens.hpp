#pragma once

#include <string>

#include "admin/refund_screen.hpp"
#include "http/types.hpp"

namespace comptoir::admin {

class Kit;
struct Staff;

// The staff's orders: the list (filters by state, dates, payment provider, a search by number,
// email or customer name; newest first, by pages), one order (lines, totals and taxes, the
// address for those who may read customers' data — each viewing audited —, payment facts,
// history) and its changes of state (mark paid for offline payments, ship with a tracking link,
// delivered, cancel with the stock back). A change names the state the staff member saw: if the
// order moved meanwhile, nothing is written and the page says what it is now.
class OrderScreens {
 public:
  explicit OrderScreens(const Kit& kit) : kit_(kit), refund_screen_(kit) {}

  http::net::awaitable<http::Response> list(http::Context& ctx) const;    // orders:read
  http::net::awaitable<http::Response> show(http::Context& ctx) const;    // orders:read
  http::net::awaitable<http::Response> change(http::Context& ctx) const;  // orders:write
  http::net::awaitable<http::Response> refund(http::Context& ctx) const;  // orders:refund

 private:
  // The order's page, with `message` as a notice, or as an error when `is_error`; 404 when there
  // is no such order.
  http::net::awaitable<http::Response> render_order(http::Context& ctx, const Staff& staff,
                                                    std::string number, http::Status status,
                                                    std::string message,
                                                    bool is_error = false) const;

  const Kit& kit_;
  RefundScreen refund_screen_;
};

}  // namespace comptoir::admin
