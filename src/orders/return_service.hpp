#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orders/order_mail.hpp"
#include "orders/order_service.hpp"
#include "orders/return_repository.hpp"
#include "orders/returns.hpp"

namespace comptoir::db {
class Database;
class Connection;
}  // namespace comptoir::db

namespace comptoir::orders {

// A customer asking to send units back.
struct ReturnRequest {
  std::string order_number{};
  std::int64_t user_id = 0;  // the signed-in customer: only the order's own may ask
  core::Locale locale = core::Locale::fr;
  std::vector<ReturnedUnits> lines{};  // quantities of 0 are not asked for
  ReturnReason reason = ReturnReason::other;
  std::string comment{};
};

// What an order page shows of the order's returns, and whether it may offer to ask for one.
struct OrderReturns {
  std::vector<ReturnSummary> returns{};
  bool accepted = false;  // the order's state accepts returns (accepts_returns)
  std::optional<std::chrono::sys_seconds> window_ends{};
  bool window_open = false;
  CoveredUnits covered{};  // units of each line its returns already cover
};

struct ReturnPage {
  std::vector<ReturnSummary> items{};
  std::optional<std::int64_t> next_before{};  // ReturnFilter::before_id of the next page
};

// Whether a received line's units go back on sale (position in the order).
struct Restock {
  int position = 0;
  bool restock = false;
};

// A staff member's change of a return (approved, refused, received or closed).
struct StaffChange {
  ReturnState to = ReturnState::approved;
  // The state the staff member's page showed: if the return moved since, nothing changes
  // (ReturnError::stale).
  std::optional<ReturnState> expected{};
  Actor actor{};
  std::string note{};
  std::vector<Restock> restock{};  // with received
};

// Returns (RMA) of orders: the customer asks (request), staff approve or refuse, receive the
// parcel line by line (restocked through catalog::Inventory or not) and close; whoever issues
// the refund records it (mark_refunded) in its own transaction. Every change locks the return,
// is checked by the state machine (orders/returns.hpp), writes a history row and queues the
// customer's mail in the same transaction; a refused change writes nothing.
class ReturnService {
 public:
  ReturnService(db::Database& db, MailContext mail) : db_(db), mail_(std::move(mail)) {}

  // The customer's side. The order is locked while the request is checked, so two requests of
  // one order are checked one after the other: together they never cover more units, nor claim
  // more money, than the order has.
  boost::asio::awaitable<std::expected<Return, ReturnFailure>> request(ReturnRequest request);
  boost::asio::awaitable<OrderReturns> for_order(const Order& order);

  // The back office's side. `note` goes to the history; a refusal's is required and mailed.
  boost::asio::awaitable<ReturnPage> list(ReturnFilter filter);
  boost::asio::awaitable<std::optional<Return>> find(std::string number);
  boost::asio::awaitable<std::expected<Return, ReturnFailure>> approve(std::string number,
                                                                       Actor actor,
                                                                       std::string note = {});
  boost::asio::awaitable<std::expected<Return, ReturnFailure>> refuse(std::string number,
                                                                      Actor actor,
                                                                      std::string note);
  // Lines not named in `restock` are not restocked.
  boost::asio::awaitable<std::expected<Return, ReturnFailure>> receive(std::string number,
                                                                       Actor actor,
                                                                       std::vector<Restock> restock,
                                                                       std::string note = {});
  boost::asio::awaitable<std::expected<Return, ReturnFailure>> close(std::string number,
                                                                     Actor actor,
                                                                     std::string note = {});

  // The same changes on the caller's connection and inside its transaction (the back office
  // writes its audit entry with them). Refunds are not changes: see mark_refunded.
  std::expected<Return, ReturnFailure> change(db::Connection& conn, std::string_view number,
                                              StaffChange change) const;

  // For whoever issues the refund, on its connection and inside its transaction. What a
  // received return may be refunded now (0 in any other state): its refund amount, within what
  // its order has left once its other returns' claims are set aside. Ask before recording the
  // refund on the order.
  std::expected<std::int64_t, ReturnFailure> refundable_amount(db::Connection& conn,
                                                               std::string_view number) const;
  boost::asio::awaitable<std::expected<std::int64_t, ReturnFailure>> refundable_amount(
      std::string number);
  // received → refunded, recording `amount` (> 0, at most the return's refund amount) and the
  // refund's reference (Stripe's re_…). It does not touch the order's money: the caller records
  // the refund on the order (OrderService::change), in the same transaction.
  std::expected<Return, ReturnFailure> mark_refunded(db::Connection& conn, std::string_view number,
                                                     std::int64_t amount,
                                                     std::string_view refund_reference,
                                                     const Actor& actor = {}) const;

  // The same, for a refund that names the return by its id: refused (unknown_return) unless the
  // return is one of order `order_id`'s.
  std::expected<std::int64_t, ReturnFailure> refundable_amount(db::Connection& conn,
                                                               std::int64_t return_id,
                                                               std::int64_t order_id) const;
  std::expected<Return, ReturnFailure> mark_refunded(db::Connection& conn, std::int64_t return_id,
                                                     std::int64_t amount,
                                                     std::string_view refund_reference,
                                                     const Actor& actor = {}) const;

 private:
  struct Move {
    ReturnState to = ReturnState::approved;
    Actor actor{};
    std::string note{};
    std::vector<Restock> restock{};  // with received
    std::int64_t amount = 0;         // with refunded
    std::string reference{};         // with refunded
  };
  // Locks return `id`, checks the move, applies it with its history row and mail.
  std::expected<Return, ReturnFailure> apply(db::Connection& conn, std::int64_t id,
                                             const Move& move) const;
  boost::asio::awaitable<std::expected<Return, ReturnFailure>> change(std::string number,
                                                                      Move move);

  db::Database& db_;
  MailContext mail_;
};

}  // namespace comptoir::orders
