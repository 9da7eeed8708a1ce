#pragma once

#include "http/types.hpp"

namespace comptoir::admin {

class Kit;
struct Staff;

// An order's printable papers (orders:read), in the order's language (?lang=fr|en for the other):
//  - the invoice: the seller as the settings name it (legal name, registered address, GST/HST, QST
//    or VAT numbers), the invoice number (the order's) and date (its payment), the buyer, each
//    line, the totals with every tax on its own line, the payment and what was refunded;
//  - the packing slip: the address to ship to, each line's SKU and quantity with a box to tick, no
//    prices.
// Only for orders that were paid (409 otherwise). The buyer's and ship-to address are shown only
// to staff who may read customers' data, and each viewing is on record (order.address_viewed), as
// on the order's page. Printing (the browser's) leaves out the back office around the paper.
class OrderDocuments {
 public:
  explicit OrderDocuments(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> invoice(http::Context& ctx) const;
  http::net::awaitable<http::Response> packing_slip(http::Context& ctx) const;

 private:
  enum class Kind { invoice, packing_slip };
  http::net::awaitable<http::Response> show(http::Context& ctx, Kind kind) const;

  const Kit& kit_;
};

}  // namespace comptoir::admin
