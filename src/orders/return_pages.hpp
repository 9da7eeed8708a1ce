#pragma once

// Internal to the order pages (order_pages.cpp): what the order page shows of the order's returns
// and its form to ask for one, read back from a POST.

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/form.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "orders/return_service.hpp"
#include "views/page_model.hpp"

namespace comptoir::orders::return_pages {

namespace view = views::page;

// What the customer typed in the return form, shown again with its errors.
struct Draft {
  std::map<int, std::string> quantities{};  // by the line's position
  std::string reason{};
  std::string comment{};
};

// The texts and formats the panels are written with.
struct Writer {
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  core::Locale locale;

  std::string t(std::string_view key) const { return std::string(messages.t(locale, key)); }
};

// The form's fields as typed: line-<position> for each line of the order, reason, comment.
Draft draft_of(const http::Form& form, const Order& order);

// The request the draft makes, or the fields it got wrong (a quantity that is not a whole
// number, no reason chosen).
std::expected<ReturnRequest, std::vector<view::Error>> request_of(const Draft& draft,
                                                                  const Order& order,
                                                                  std::int64_t user_id,
                                                                  const Writer& writer);

// The service's refusal as the form's errors: a line's next to its field.
std::vector<view::Error> errors_of(const ReturnFailure& failure, const Order& order,
                                   const OrderReturns& returns, const Writer& writer);

// The order's returns: number, date, state and refund amount; nullopt when it has none.
std::optional<view::Panel> list_panel(const OrderReturns& returns, const Writer& writer);

// For the order's own customer, once the order accepts returns: the form (the lines with units
// left, a reason, a comment), or why it is not offered (the window closed, every unit covered).
std::optional<view::Panel> ask_panel(const Order& order, const OrderReturns& returns,
                                     const Draft& draft, const std::string& csrf,
                                     const Writer& writer);

}  // namespace comptoir::orders::return_pages
