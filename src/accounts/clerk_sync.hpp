#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

// A Clerk user as its webhooks describe it (https://clerk.com/docs/webhooks/overview): only
// what Comptoir keeps.
struct ClerkUser {
  std::string id;       // "user_29w83sxmDNGwOuEthce5gg56FcC"
  std::string email{};  // the primary address, normalized; "" when it has none
  bool email_verified = false;
  std::string display_name{};   // "first last"
  std::string role{};           // public_metadata.role, "" when absent
  std::int64_t updated_at = 0;  // ms since the epoch
};

// The `data` of a user.created / user.updated event; the error says what is missing.
std::expected<ClerkUser, std::string> parse_clerk_user(const boost::json::value& data);

enum class ClerkOutcome {
  applied,    // the local user now follows the event
  duplicate,  // this svix-id was stored before: nothing changed
  ignored,    // stored, but not for us (another type) or older than what we have
  rejected,   // stored with the reason in clerk_events.last_error (e.g. no email)
};

struct ClerkDelivery {
  std::string svix_id;
  std::string body;  // the verified raw body
};

// Stores the delivery by its svix-id, then applies it, in one transaction: user.created and
// user.updated create or update the local user linked by clerk_user_id (an existing local user
// with the same email is linked only when Clerk says the address is verified, and loses its
// local password, sessions and pending email links then), user.deleted
// disables it and ends its sessions. A role in public_metadata.role that names a local role is
// given (else `customer`); a role change ends the user's sessions. Replays change nothing.
// Throws on database failure (the sender retries: nothing was stored).
class ClerkSync {
 public:
  explicit ClerkSync(db::Database& db) : db_(db) {}
  boost::asio::awaitable<ClerkOutcome> receive(ClerkDelivery delivery);

 private:
  db::Database& db_;
};

}  // namespace comptoir::accounts
