#include "suppliers/order_queue.hpp"

#include <fmt/format.h>

#include <chrono>

#include "db/connection.hpp"
#include "orders/order_service.hpp"
#include "suppliers/alerts.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::suppliers {
namespace {

using enum SupplierOrderState;

struct Refused {
  QueueRefusal refusal;
};

// Runs `work(repository, order)` on the order locked in a transaction; a Refused thrown by it
// rolls back and is the unexpected value.
template <class Work>
auto on_locked(db::Connection& conn, std::int64_t id, Work work) -> std::expected<
    std::invoke_result_t<Work&, SupplierOrderRepository&, const SupplierOrder&, bool>,
    QueueRefusal> {
  try {
    return in_transaction(conn, [&](db::Connection& c) {
      SupplierOrderRepository orders(c);
      auto locked = orders.lock(id);
      if (!locked)
        throw Refused{{QueueRefusal::Kind::not_found, fmt::format("no supplier order {}", id)}};
      return work(orders, locked->first, locked->second);
    });
  } catch (const Refused& refused) {
    return std::unexpected(refused.refusal);
  }
}

Refused not_allowed(const SupplierOrder& order, std::string_view what) {
  return {{QueueRefusal::Kind::not_allowed,
           fmt::format("{} is {}: {}", order.external_id, to_string(order.state), what)}};
}

}  // namespace

bool can_dispatch_now(SupplierOrderState state) {
  return state == pending || state == sent_to_supplier || state == confirmed ||
         state == in_production;
}

bool can_retry(SupplierOrderState state) {
  return state == failed;
}

bool can_cancel(SupplierOrderState state) {
  return state == pending || state == failed;
}

std::vector<QueueEntry> supplier_order_queue(db::Connection& conn, const QueueQuery& query) {
  auto rows = SupplierOrderRepository(conn).queue(query);
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.order.order_id);
  auto numbers = orders::order_numbers(conn, ids);
  std::vector<QueueEntry> out;
  out.reserve(rows.size());
  for (auto& row : rows) {
    auto number = numbers.find(row.order.order_id);
    out.push_back({.row = std::move(row),
                   .order_number = number == numbers.end() ? std::string{} : number->second});
  }
  return out;
}

std::expected<DispatchReport, QueueRefusal> dispatch_now(db::Connection& conn,
                                                         const core::SecretKeys& keys,
                                                         ApiCallLog& log, std::int64_t id,
                                                         const DispatchOptions& options) {
  auto due = on_locked(
      conn, id, [](SupplierOrderRepository& orders, const SupplierOrder& order, bool claimed) {
        if (!can_dispatch_now(order.state))
          throw not_allowed(order, "nothing is left to send or to ask");
        if (claimed)
          throw Refused{{QueueRefusal::Kind::busy,
                         fmt::format("{} is being dispatched right now", order.external_id)}};
        orders.record(
            order.id,
            {.state = order.state, .next_in = std::chrono::seconds{0}, .error = order.last_error});
        return true;
      });
  if (!due) return std::unexpected(due.error());
  auto only = options;
  only.only = id;
  only.limit = 1;
  return dispatch(conn, keys, log, only);
}

std::expected<SupplierOrder, QueueRefusal> retry_order(db::Connection& conn, std::int64_t id) {
  return on_locked(
      conn, id, [&](SupplierOrderRepository& orders, const SupplierOrder& order, bool) {
        if (!can_retry(order.state) || !orders.retry(order.id))
          throw not_allowed(order, "only a failed order is tried again");
        Alerts::resolve(conn, AlertKind::order_failed, order.supplier_id, order.external_id);
        return *orders.find(order.id);
      });
}

std::expected<SupplierOrder, QueueRefusal> cancel_order(db::Connection& conn, std::int64_t id,
                                                        const std::string& reason) {
  return on_locked(
      conn, id, [&](SupplierOrderRepository& orders, const SupplierOrder& order, bool claimed) {
        if (!can_cancel(order.state))
          throw not_allowed(order,
                            "it was sent: cancel it with the supplier, then record their news");
        if (claimed)
          throw Refused{{QueueRefusal::Kind::busy,
                         fmt::format("{} is being sent right now", order.external_id)}};
        orders.record(order.id, {.state = cancelled,
                                 .next_in = std::chrono::seconds{0},
                                 .error = reason.empty() ? "cancelled by staff" : reason});
        Alerts::resolve(conn, AlertKind::order_failed, order.supplier_id, order.external_id);
        return *orders.find(order.id);
      });
}

std::expected<SupplierOrder, QueueRefusal> record_order_news(db::Connection& conn, std::int64_t id,
                                                             const SupplierNews& news) {
  if (auto problems = check_news(news); !problems.empty())
    return std::unexpected(
        QueueRefusal{QueueRefusal::Kind::invalid, "the news is not valid", std::move(problems)});
  return on_locked(conn, id, [&](SupplierOrderRepository&, const SupplierOrder& order, bool) {
    auto recorded = record_news(conn, order, news);
    if (!recorded)
      throw not_allowed(order, fmt::format("it cannot move to {}", to_string(news.state)));
    return *recorded;
  });
}

}  // namespace comptoir::suppliers
