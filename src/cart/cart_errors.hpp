#pragma once

#include <string_view>

#include "cart/cart_service.hpp"
#include "http/types.hpp"

namespace comptoir::cart {

// How the pages and the API answer a refused cart change: one status per error, and its name
// (the i18n key is cart.error.<name>; the API's problem code is cart.<code>).
struct CartRefusal {
  http::Status status;
  std::string_view name;
  std::string_view code;
};

constexpr CartRefusal refusal_of(CartError error) {
  switch (error) {
    case CartError::unknown_item:
      return {http::Status::not_found, "unknown_item", "item_not_found"};
    case CartError::unavailable:
      return {http::Status::conflict, "unavailable", "unavailable"};
    case CartError::out_of_stock:
      return {http::Status::conflict, "out_of_stock", "out_of_stock"};
    case CartError::bad_quantity:
      return {http::Status::unprocessable_entity, "bad_quantity", "bad_quantity"};
    case CartError::unknown_region:
      return {http::Status::unprocessable_entity, "unknown_region", "unknown_region"};
  }
  return {http::Status::bad_request, "bad_request", "bad_request"};
}

}  // namespace comptoir::cart
