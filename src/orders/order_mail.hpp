#pragma once

#include <string>

#include "core/secret_keys.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "orders/order.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::orders {

enum class OrderMail {
  confirmation,      // paid (or placed, for payment by transfer or on pickup)
  awaiting_payment,  // placed with the manual provider: how to pay
  payment_failed,
  shipped,
  refund,
};

struct MailContext {
  const i18n::Formatter& formatter;
  const i18n::Catalog& messages;
  const core::SecretKeys& keys;
  std::string base_url{};
};

// Queues the mail (notify::Outbox) on `conn`, so it goes out only if the caller's transaction
// commits. Amounts, labels and the address are written in the order's language, ready to show;
// the link carries the guest's order token. `refund` is the amount of this refund (the order
// holds the cumulative one).
void enqueue_order_mail(db::Connection& conn, const Order& order, OrderMail mail,
                        const MailContext& context, std::int64_t refund = 0);

std::string_view template_name(OrderMail mail);

// The order page's address in a mail: absolute, in `locale`, with the order's token, so a guest
// (or a customer on another device) opens it without signing in.
std::string order_link(const MailContext& context, core::Locale locale, std::string_view number);

}  // namespace comptoir::orders
