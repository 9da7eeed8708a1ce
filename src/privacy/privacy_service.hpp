#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/auth_service.hpp"
#include "accounts/user.hpp"
#include "core/locale.hpp"
#include "core/secret_keys.hpp"
#include "orders/order_privacy.hpp"

namespace comptoir::db {
class Database;
class Connection;
}  // namespace comptoir::db
namespace comptoir::i18n {
class Formatter;
}

// The privacy rights of a signed-in customer (Québec's Law 25, GDPR arts. 15, 17 and 20):
// a copy of what the shop holds of them, and closing their account. Each module gives its own
// part through its own functions (accounts, orders, cart, notify: docs/privacy.md), inside one
// transaction of this module; none of them reads another's tables.
namespace comptoir::privacy {

// One more part of every copy, named `name` in the document, from a module this one does not
// know of (app adds it before serving): the terms accepted with each order, say. Runs inside the
// export's transaction.
using ExportPart = std::function<boost::json::value(db::Connection&, std::int64_t user_id)>;

struct PrivacyDeps {
  db::Database& db;
  const core::SecretKeys& keys;  // addresses and phone numbers are sealed at rest
  const i18n::Formatter& formatter;
  std::string base_url;  // for the link of the confirmation mail
};

// Why an account cannot be closed from the account page.
struct CloseRefusal {
  enum class Reason { staff, unfinished, unknown };
  Reason reason = Reason::unknown;
  orders::Unfinished unfinished{};  // with `unfinished`: the orders and returns in progress
};

// What closing an account did, for the tests and the audit row (counts, no personal data).
struct Closed {
  orders::Detached detached{};
  std::int64_t carts = 0;
  std::int64_t sessions = 0;
  std::int64_t addresses = 0;
  std::int64_t email_tokens = 0;
  std::int64_t recovery_codes = 0;
  std::int64_t mails_forgotten = 0;
};

class PrivacyService {
 public:
  explicit PrivacyService(PrivacyDeps deps) : deps_(std::move(deps)) {}

  // Before serving. A part added under "consents" replaces the empty list every copy has today.
  void add_part(std::string name, ExportPart part);

  // The person's copy as a JSON document (docs/privacy.md lists its parts), read in one
  // transaction that also writes the privacy.export audit row. Amounts are formatted for
  // `locale`.
  boost::asio::awaitable<std::string> export_data(const accounts::User& user, core::Locale locale,
                                                  accounts::RequestInfo info);

  // Closes the account in one transaction: orders kept for the books but detached and stripped
  // of contact details, the cart, sessions, addresses, email links, recovery codes, old mails and
  // the account itself deleted, a confirmation mailed (queued before the address goes) and
  // privacy.account_deleted audited. Refused for staff, and while an order or a return is in
  // progress; nothing is written then.
  boost::asio::awaitable<std::expected<Closed, CloseRefusal>> close_account(
      const accounts::User& user, accounts::RequestInfo info);
  // The same on the caller's connection, inside its transaction.
  std::expected<Closed, CloseRefusal> close_account(db::Connection& conn,
                                                    const accounts::User& user,
                                                    const accounts::RequestInfo& info) const;

  // What stops the account from being closed now (the page says so before asking).
  boost::asio::awaitable<orders::Unfinished> unfinished(std::int64_t user_id);

 private:
  PrivacyDeps deps_;
  std::vector<std::pair<std::string, ExportPart>> parts_{};
};

}  // namespace comptoir::privacy
