#pragma once

#include <expected>
#include <string>
#include <vector>

#include "suppliers/connectors/connector.hpp"
#include "suppliers/model.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::suppliers {

// What a supplier says of one of our orders, from outside the connectors: a generic dropshipper
// through POST /api/v1/supplier-orders/{external_id}/events, or staff typing it in (the desktop
// app's order queue): its new state, its order number, carrier and tracking.
struct SupplierNews {
  SupplierOrderState state = SupplierOrderState::confirmed;
  RemoteOrder details{};
};

// A value of the news that cannot be taken: the field, and why (bad_state: not a state a
// supplier reports — CONFIRMED, IN_PRODUCTION, SHIPPED, DELIVERED or CANCELLED; bad_text: too
// long or not clean text; bad_url: a tracking URL that is not http(s)).
struct NewsProblem {
  std::string field{};
  std::string code{};
};
std::vector<NewsProblem> check_news(const SupplierNews& news);

// Records checked news of `order` (its row locked by the caller): forward only
// (supplier_event_allowed), else nullopt and nothing written. The engine looks at it again in
// ten minutes; the shop's suppliers.shipments job ships the customer's order once it has shipped.
std::optional<SupplierOrder> record_news(db::Connection& conn, const SupplierOrder& order,
                                         const SupplierNews& news);

}  // namespace comptoir::suppliers
