#include "checkout/payment_event_report.hpp"

#include <algorithm>

#include "db/connection.hpp"

namespace comptoir::checkout {
namespace {

// Both walk partial indexes (stripe_events_refused_idx, stripe_events_pending_idx).
constexpr db::Query kCounts{"payment_events_health",
                            "SELECT (SELECT count(*) FROM stripe_events WHERE outcome = 'refused' "
                            "        AND received_at >= now() - make_interval(days => $1::int)), "
                            "       (SELECT count(*) FROM stripe_events WHERE applied_at IS NULL)"};
constexpr db::Query kLatestRefused{
    "payment_events_latest_refused",
    "SELECT id, type, coalesce(refusal, ''), "
    "to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
    "FROM stripe_events WHERE outcome = 'refused' "
    "AND received_at >= now() - make_interval(days => $1::int) "
    "ORDER BY received_at DESC LIMIT $2"};

}  // namespace

PaymentEventHealth payment_event_health(db::Connection& conn, int days, int limit) {
  PaymentEventHealth out;
  auto counts = conn.exec(kCounts, days);
  out.refused = counts.get<std::int64_t>(0, 0);
  out.waiting = counts.get<std::int64_t>(0, 1);
  auto rows = conn.exec(kLatestRefused, days, std::clamp(limit, 1, 50));
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.latest_refused.push_back({.id = rows.get<std::string>(i, 0),
                                  .type = rows.get<std::string>(i, 1),
                                  .refusal = rows.get<std::string>(i, 2),
                                  .received_at = rows.get<std::string>(i, 3)});
  return out;
}

}  // namespace comptoir::checkout
