#include "orders/return_service.hpp"

#include <algorithm>

#include "catalog/inventory.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "orders/order_repository.hpp"
#include "orders/return_mail.hpp"
#include "settings/settings_store.hpp"

namespace comptoir::orders {
namespace {

std::unexpected<ReturnFailure> failure(ReturnError error) {
  return std::unexpected(ReturnFailure{.error = error});
}

// The window staff set in the back office, as it is now.
ReturnPolicy policy_of(db::Connection& conn) {
  return {.window = std::chrono::days{settings::current(conn).return_window_days}};
}

std::chrono::sys_seconds now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool blank(std::string_view text) {
  return std::ranges::all_of(
      text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// What the move to `to` needs beyond the state machine, checked before anything is written.
std::optional<ReturnFailure> check_move(const Return& ret, ReturnState to, std::string_view note,
                                        const std::vector<Restock>& restock, std::int64_t amount) {
  if (!fits_return_text(note)) return ReturnFailure{.error = ReturnError::comment_too_long};
  if (to == ReturnState::refused && blank(note))
    return ReturnFailure{.error = ReturnError::note_required};
  for (const auto& line : restock)
    if (std::ranges::find(ret.lines, line.position, &ReturnLine::position) == ret.lines.end())
      return ReturnFailure{.error = ReturnError::unknown_line, .position = line.position};
  if (to == ReturnState::refunded && (amount <= 0 || amount > ret.refund_amount))
    return ReturnFailure{.error = ReturnError::bad_amount};
  return std::nullopt;
}

// Marks each line restocked or not and puts the restocked units back on sale (catalog's stock,
// through its service, on this connection). A line whose variant was deleted has nothing to
// put back.
void receive_lines(db::Connection& conn, const Return& ret, const std::vector<Restock>& restock) {
  ReturnRepository returns(conn);
  std::vector<catalog::StockUnits> units;
  for (const auto& line : ret.lines) {
    auto asked = std::ranges::find(restock, line.position, &Restock::position);
    bool back = asked != restock.end() && asked->restock;
    returns.set_restock(ret.id, line.position, back);
    if (back && line.variant_id)
      units.push_back({.variant_id = *line.variant_id, .quantity = line.quantity});
  }
  catalog::Inventory::restock(conn, units);
}

}  // namespace

boost::asio::awaitable<std::expected<Return, ReturnFailure>> ReturnService::request(
    ReturnRequest request) {
  if (!is_order_number(request.order_number)) co_return failure(ReturnError::unknown_order);
  if (!fits_return_text(request.comment)) co_return failure(ReturnError::comment_too_long);
  auto asked_at = now();
  co_return co_await db_.transact(
      [&](db::Connection& conn) -> std::expected<Return, ReturnFailure> {
        OrderRepository orders(conn);
        auto order_id = orders.id_by_number(request.order_number);
        if (!order_id || !orders.lock_status(*order_id)) return failure(ReturnError::unknown_order);
        auto stored = orders.find_by_id(*order_id);
        if (!stored || stored->order.user_id != request.user_id)
          return failure(ReturnError::unknown_order);
        const auto& order = stored->order;
        if (!accepts_returns(order.status)) return failure(ReturnError::not_returnable);
        ReturnRepository returns(conn);
        auto facts = returns.order_facts(order.id);
        auto start = window_start(facts.shipped_at, facts.paid_at);
        if (!start || asked_at >= window_end(policy_of(conn), *start))
          return failure(ReturnError::outside_window);
        auto plan = plan_return(order, covered_by(returns.line_tallies(order.id)), request.lines);
        if (!plan) return std::unexpected(plan.error());
        // The units' worth, within what the order has not refunded nor promised to its other
        // returns.
        auto money =
            order_money(facts.total, facts.refunded_amount, returns.money_tallies(order.id));
        auto id = returns.insert({.number = new_return_number(),
                                  .order_id = order.id,
                                  .user_id = request.user_id,
                                  .reason = request.reason,
                                  .comment = request.comment,
                                  .currency = order.currency,
                                  .refund_amount = std::min(plan->value, refund_room(money)),
                                  .locale = request.locale});
        for (const auto& line : plan->lines) returns.insert_line(id, order.id, line);
        returns.add_history(id, "customer", std::to_string(request.user_id), std::nullopt,
                            name(ReturnState::requested), "");
        auto created = returns.find_by_id(id);
        enqueue_return_mail(conn, *created, mail_);
        return std::move(*created);
      });
}

boost::asio::awaitable<OrderReturns> ReturnService::for_order(const Order& order) {
  OrderReturns out{.accepted = accepts_returns(order.status)};
  ReturnPolicy policy;
  auto facts = co_await db_.transact([&](db::Connection& conn) {
    ReturnRepository returns(conn);
    out.returns = returns.list_for_order(order.id);
    out.covered = covered_by(returns.line_tallies(order.id));
    policy = policy_of(conn);
    return returns.order_facts(order.id);
  });
  if (auto start = window_start(facts.shipped_at, facts.paid_at)) {
    out.window_ends = window_end(policy, *start);
    out.window_open = now() < *out.window_ends;
  }
  co_return out;
}

boost::asio::awaitable<ReturnPage> ReturnService::list(ReturnFilter filter) {
  filter.limit = std::clamp(filter.limit, 1, 200);
  auto rows = co_await db_.transact(
      [&](db::Connection& conn) { return ReturnRepository(conn).list(filter); });
  ReturnPage page;
  if (rows.size() > static_cast<std::size_t>(filter.limit)) {
    rows.resize(static_cast<std::size_t>(filter.limit));
    page.next_before = rows.back().id;
  }
  page.items = std::move(rows);
  co_return page;
}

boost::asio::awaitable<std::optional<Return>> ReturnService::find(std::string number) {
  if (!is_return_number(number)) co_return std::nullopt;
  co_return co_await db_.transact([&](db::Connection& conn) -> std::optional<Return> {
    ReturnRepository returns(conn);
    auto id = returns.id_by_number(number);
    if (!id) return std::nullopt;
    return returns.find_by_id(*id);
  });
}

boost::asio::awaitable<std::expected<Return, ReturnFailure>> ReturnService::approve(
    std::string number, Actor actor, std::string note) {
  Move move{.to = ReturnState::approved, .actor = std::move(actor), .note = std::move(note)};
  co_return co_await change(std::move(number), std::move(move));
}

boost::asio::awaitable<std::expected<Return, ReturnFailure>> ReturnService::refuse(
    std::string number, Actor actor, std::string note) {
  Move move{.to = ReturnState::refused, .actor = std::move(actor), .note = std::move(note)};
  co_return co_await change(std::move(number), std::move(move));
}

boost::asio::awaitable<std::expected<Return, ReturnFailure>> ReturnService::receive(
    std::string number, Actor actor, std::vector<Restock> restock, std::string note) {
  Move move{.to = ReturnState::received,
            .actor = std::move(actor),
            .note = std::move(note),
            .restock = std::move(restock)};
  co_return co_await change(std::move(number), std::move(move));
}

boost::asio::awaitable<std::expected<Return, ReturnFailure>> ReturnService::close(
    std::string number, Actor actor, std::string note) {
  Move move{.to = ReturnState::closed, .actor = std::move(actor), .note = std::move(note)};
  co_return co_await change(std::move(number), std::move(move));
}

std::expected<std::int64_t, ReturnFailure> ReturnService::refundable_amount(
    db::Connection& conn, std::string_view number) const {
  ReturnRepository returns(conn);
  auto id = returns.id_by_number(number);
  auto ret = id ? returns.find_by_id(*id) : std::nullopt;
  if (!ret) return failure(ReturnError::unknown_return);
  auto facts = returns.order_facts(ret->order_id);
  auto others = order_money(facts.total, facts.refunded_amount,
                            returns.money_tallies(ret->order_id), ret->id);
  return refundable(ret->state, ret->refund_amount, others);
}

boost::asio::awaitable<std::expected<std::int64_t, ReturnFailure>> ReturnService::refundable_amount(
    std::string number) {
  co_return co_await db_.transact(
      [&](db::Connection& conn) { return refundable_amount(conn, number); });
}

std::expected<Return, ReturnFailure> ReturnService::mark_refunded(db::Connection& conn,
                                                                  std::string_view number,
                                                                  std::int64_t amount,
                                                                  std::string_view refund_reference,
                                                                  const Actor& actor) const {
  auto id = ReturnRepository(conn).id_by_number(number);
  if (!id) return failure(ReturnError::unknown_return);
  return apply(conn, *id,
               {.to = ReturnState::refunded,
                .actor = actor,
                .amount = amount,
                .reference = std::string(refund_reference)});
}

std::expected<Return, ReturnFailure> ReturnService::change(db::Connection& conn,
                                                           std::string_view number,
                                                           StaffChange change) const {
  if (change.to == ReturnState::requested || change.to == ReturnState::refunded)
    return failure(ReturnError::not_allowed);
  ReturnRepository returns(conn);
  auto id = is_return_number(number) ? returns.id_by_number(number) : std::nullopt;
  if (!id) return failure(ReturnError::unknown_return);
  auto state = returns.lock_state(*id);
  if (change.expected && state && *state != *change.expected) return failure(ReturnError::stale);
  return apply(conn, *id,
               {.to = change.to,
                .actor = std::move(change.actor),
                .note = std::move(change.note),
                .restock = std::move(change.restock)});
}

std::expected<std::int64_t, ReturnFailure> ReturnService::refundable_amount(
    db::Connection& conn, std::int64_t return_id, std::int64_t order_id) const {
  auto ret = ReturnRepository(conn).find_by_id(return_id);
  if (!ret || ret->order_id != order_id) return failure(ReturnError::unknown_return);
  return refundable_amount(conn, ret->number);
}

std::expected<Return, ReturnFailure> ReturnService::mark_refunded(db::Connection& conn,
                                                                  std::int64_t return_id,
                                                                  std::int64_t amount,
                                                                  std::string_view refund_reference,
                                                                  const Actor& actor) const {
  return apply(conn, return_id,
               {.to = ReturnState::refunded,
                .actor = actor,
                .amount = amount,
                .reference = std::string(refund_reference)});
}

std::expected<Return, ReturnFailure> ReturnService::apply(db::Connection& conn, std::int64_t id,
                                                          const Move& move) const {
  ReturnRepository returns(conn);
  auto from = returns.lock_state(id);
  if (!from) return failure(ReturnError::unknown_return);
  if (!transition_allowed(*from, move.to)) return failure(ReturnError::not_allowed);
  auto ret = returns.find_by_id(id);
  if (auto refused = check_move(*ret, move.to, move.note, move.restock, move.amount))
    return std::unexpected(*refused);
  if (move.to == ReturnState::received) receive_lines(conn, *ret, move.restock);
  if (move.to == ReturnState::refunded)
    returns.set_refunded(id, move.amount, move.reference);
  else
    returns.set_state(id, move.to);
  returns.add_history(id, move.actor.kind, move.actor.id, name(*from), name(move.to), move.note);
  auto changed = returns.find_by_id(id);
  enqueue_return_mail(conn, *changed, mail_);
  return std::move(*changed);
}

boost::asio::awaitable<std::expected<Return, ReturnFailure>> ReturnService::change(
    std::string number, Move move) {
  if (!is_return_number(number)) co_return failure(ReturnError::unknown_return);
  co_return co_await db_.transact(
      [&](db::Connection& conn) -> std::expected<Return, ReturnFailure> {
        auto id = ReturnRepository(conn).id_by_number(number);
        if (!id) return failure(ReturnError::unknown_return);
        return apply(conn, *id, move);
      });
}

}  // namespace comptoir::orders
