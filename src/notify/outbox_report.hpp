#pragma once

#include <cstdint>
#include <string>

namespace comptoir::db {
class Connection;
}

namespace comptoir::notify {

// How the outbox is doing, for the back office: mail not sent yet, and mail that already failed at
// least once (the SMTP server refused it or could not be reached) with the newest error.
struct OutboxHealth {
  std::int64_t waiting = 0;
  std::int64_t failing = 0;
  std::string oldest_waiting_at{};  // ISO 8601, UTC; empty when nothing waits
  std::string last_error{};         // of the failing mail tried most recently
};

OutboxHealth outbox_health(db::Connection& conn);

}  // namespace comptoir::notify
