#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "suppliers/dispatch.hpp"
#include "suppliers/supplier_news.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::core {
class SecretKeys;
}
namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

class ApiCallLog;

// One row of the order queue: the supplier order, its supplier, the shop order's number.
struct QueueEntry {
  QueueRow row{};
  std::string order_number{};
};

// Why staff's action on a supplier order was refused; nothing was changed.
struct QueueRefusal {
  enum class Kind { not_found, busy, not_allowed, invalid } kind;
  std::string message{};                // for the operator
  std::vector<NewsProblem> problems{};  // with invalid
};

// The supplier orders of a shop as staff work through them (the desktop app's order queue),
// newest first, on the caller's connection.
std::vector<QueueEntry> supplier_order_queue(db::Connection& conn, const QueueQuery& query);

// Which of staff's actions an order in `state` allows (the functions below refuse the others;
// the app enables its buttons by the same rules).
bool can_dispatch_now(SupplierOrderState state);  // the engine still works on it
bool can_retry(SupplierOrderState state);         // FAILED
bool can_cancel(SupplierOrderState state);        // nothing was made at the supplier

// Staff's actions, each in its own transaction on `conn`:
// - dispatch_now: an order waiting for the engine (PENDING, or sent and not yet shipped) is made
//   due and dispatched at once — sent, or asked for news — as the engine would (busy while a
//   dispatcher holds it).
std::expected<DispatchReport, QueueRefusal> dispatch_now(db::Connection& conn,
                                                         const core::SecretKeys& keys,
                                                         ApiCallLog& log, std::int64_t id,
                                                         const DispatchOptions& options = {});
// - retry: a FAILED order back to PENDING, its attempts counted afresh and due now (the engine
//   finds an order an earlier attempt made before making one), its ORDER_FAILED alert resolved.
std::expected<SupplierOrder, QueueRefusal> retry_order(db::Connection& conn, std::int64_t id);
// - cancel: an order nothing was made for at the supplier (PENDING or FAILED) is CANCELLED with
//   the reason; a sent one is refused — cancel it with the supplier, then record their news.
std::expected<SupplierOrder, QueueRefusal> cancel_order(db::Connection& conn, std::int64_t id,
                                                        const std::string& reason);
// - news: what the supplier said (a generic dropshipper's tracking, typed in), checked and
//   recorded forward only, as POST /api/v1/supplier-orders/{external_id}/events does.
std::expected<SupplierOrder, QueueRefusal> record_order_news(db::Connection& conn, std::int64_t id,
                                                             const SupplierNews& news);

}  // namespace comptoir::suppliers
