#pragma once

#include <string_view>

#include "http/types.hpp"
#include "orders/returns.hpp"

namespace comptoir::orders {

// How a refused return, or a refused change of one, is answered wherever it is asked for (the
// order page's form today, the back office's pages next): one status, its message key (in
// locales/*.json; a line's message takes {item} and {left}) and its problem code per error.
struct ReturnRefusal {
  http::Status status;
  std::string_view message_key;
  std::string_view code;
};

constexpr ReturnRefusal refusal_of(ReturnError error) {
  using enum ReturnError;
  using http::Status;
  switch (error) {
    case unknown_order:
      return {Status::not_found, "returns.error.unknown_order", "returns.unknown_order"};
    case not_returnable:
      return {Status::conflict, "returns.error.not_returnable", "returns.not_returnable"};
    case outside_window:
      return {Status::conflict, "returns.error.outside_window", "returns.outside_window"};
    case nothing_selected:
      return {Status::unprocessable_entity, "returns.error.nothing_selected",
              "returns.nothing_selected"};
    case unknown_line:
      return {Status::unprocessable_entity, "returns.error.unknown_line", "returns.unknown_line"};
    case bad_quantity:
      return {Status::unprocessable_entity, "returns.error.bad_quantity", "returns.bad_quantity"};
    case too_many_units:
      return {Status::unprocessable_entity, "returns.error.too_many_units",
              "returns.too_many_units"};
    case comment_too_long:
      return {Status::unprocessable_entity, "returns.error.too_long", "returns.too_long"};
    case unknown_return:
      return {Status::not_found, "returns.error.unknown_return", "returns.unknown_return"};
    case not_allowed:
      return {Status::conflict, "returns.error.not_allowed", "returns.transition_not_allowed"};
    case note_required:
      return {Status::unprocessable_entity, "returns.error.note_required", "returns.note_required"};
    case bad_amount:
      return {Status::unprocessable_entity, "returns.error.bad_amount", "returns.bad_amount"};
    case stale:
      return {Status::conflict, "returns.error.stale", "returns.stale"};
  }
  return {Status::conflict, "returns.error.not_allowed", "returns.transition_not_allowed"};
}

}  // namespace comptoir::orders
