#pragma once

#include <string>

#include "admin/refund_screen.hpp"
#include "http/types.hpp"

namespace comptoir::admin {

class Kit;
struct Staff;

// Returns (RMA) for staff: the list (by state, by RMA or order number, newest first, by pages)
// and one return — its lines, money and history — with what its state allows: approve or refuse
// a request (a refusal says why, and the customer is mailed the reason), receive the parcel line by
// line (each restocked or not), close, and refund a received return through
// checkout::RefundService (Stripe or offline), which moves the return to refunded with the money.
// Reading needs orders:read, changes orders:write, refunds orders:refund (with a ticked
// confirmation and, past ten minutes, a fresh code). Each change names the state the page showed:
// if the return moved meanwhile, nothing is written (409). Changes are audited in their own
// transaction (return.approved, return.refused, return.received, return.closed); refunds by
// checkout (refund.requested, refund.succeeded…).
class ReturnScreens {
 public:
  explicit ReturnScreens(const Kit& kit) : kit_(kit), refund_screen_(kit) {}

  http::net::awaitable<http::Response> list(http::Context& ctx) const;    // orders:read
  http::net::awaitable<http::Response> show(http::Context& ctx) const;    // orders:read
  http::net::awaitable<http::Response> change(http::Context& ctx) const;  // orders:write
  http::net::awaitable<http::Response> refund(http::Context& ctx) const;  // orders:refund

 private:
  http::net::awaitable<http::Response> render(http::Context& ctx, const Staff& staff,
                                              std::string number, http::Status status,
                                              std::string message, bool is_error) const;

  const Kit& kit_;
  RefundScreen refund_screen_;  // the refund form's rules, shared with the order page
};

}  // namespace comptoir::admin
