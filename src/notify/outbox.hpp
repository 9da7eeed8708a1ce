#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/locale.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::notify {

// A mail to send: the template (templates/emails/, see MailRenderer) and what it fills in, written
// in `locale`.
struct Mail {
  std::string to{};
  core::Locale locale = core::kDefaultLocale;
  std::string template_name{};  // "accounts.verify_email", "orders.confirmation", …
  boost::json::object payload{};
};

// The way into email_outbox, which OutboxWorker sends from. Every module that mails someone hands
// the mail over here, on its own connection.
class Outbox {
 public:
  // Queues `mail` on `conn`, so it goes out only if the caller's transaction commits. The INSERT
  // itself goes with the transaction's next statement (db::Connection::write).
  static void enqueue(db::Connection& conn, const Mail& mail);
  // Deletes the mail already sent to `address` (any case), on `conn`: a closed account's old
  // mails (names, order numbers) go with it. Mail still waiting is kept and sent. How many went.
  static std::int64_t forget_sent_to(db::Connection& conn, std::string_view address);
};

}  // namespace comptoir::notify
