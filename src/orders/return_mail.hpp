#pragma once

#include <string_view>

#include "orders/order_mail.hpp"
#include "orders/returns.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::orders {

// "returns.requested", "returns.approved", … : one mail per state a return reaches
// (notify renders them with templates/emails/return.{txt,html}.tpl).
std::string_view template_name(ReturnState state);

// Queues the mail of the state `ret` has just reached (notify::Outbox) on `conn`, so it goes out
// only if the caller's transaction commits: to the order's email, in the language the return was
// asked in, with the RMA and order numbers, the lines, the refund amount written in that
// language, the link to the order page and, for a refusal, staff's note (it says why).
void enqueue_return_mail(db::Connection& conn, const Return& ret, const MailContext& context);

}  // namespace comptoir::orders
