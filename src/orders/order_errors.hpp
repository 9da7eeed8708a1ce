#pragma once

#include <string_view>

#include "http/types.hpp"
#include "orders/order_service.hpp"

namespace comptoir::orders {

// How a refused change of an order is answered, wherever it is asked for (the staff API today,
// the back office's pages next): one status, its message key and its problem code per error.
struct ChangeRefusal {
  http::Status status;
  std::string_view message_key;
  std::string_view code;  // empty: a plain 404 carries no code
};

constexpr ChangeRefusal refusal_of(ChangeError error) {
  switch (error) {
    case ChangeError::unknown_order:
      return {http::Status::not_found, "orders.api.not_found", ""};
    case ChangeError::not_allowed:
      return {http::Status::conflict, "orders.api.not_allowed", "orders.transition_not_allowed"};
    case ChangeError::bad_amount:
      return {http::Status::unprocessable_entity, "orders.api.bad_amount", "orders.invalid"};
    case ChangeError::stale:
      return {http::Status::conflict, "orders.api.stale", "orders.stale"};
    case ChangeError::bad_shipment:
      return {http::Status::unprocessable_entity, "orders.shipment.invalid", "orders.invalid"};
  }
  return {http::Status::conflict, "orders.api.not_allowed", "orders.transition_not_allowed"};
}

}  // namespace comptoir::orders
