#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::checkout {

// A verified Stripe event that was refused (design.md §5: it did not match the order it named).
struct RefusedEvent {
  std::string id{};
  std::string type{};
  std::string refusal{};  // foreign_session, amount_mismatch, currency_mismatch, …
  std::string received_at{};
};

// The payment events staff must look at: refused ones over the last `days` days, and those
// stored but not applied yet (the retry job is on them; many means something is wrong).
struct PaymentEventHealth {
  std::int64_t refused = 0;
  std::int64_t waiting = 0;
  std::vector<RefusedEvent> latest_refused{};  // newest first, at most `limit`
};

PaymentEventHealth payment_event_health(db::Connection& conn, int days, int limit);

}  // namespace comptoir::checkout
