#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "orders/order.hpp"

// Returns (RMA) and the rules of their life: their states, which orders accept them and until
// when, how many units of each line are left to send back and what they are worth. Pure:
// orders/return_service applies them to the database.
namespace comptoir::orders {

enum class ReturnState {
  requested,  // asked by the customer, waiting for staff
  approved,   // the customer may send the goods
  refused,
  received,  // the parcel came back; each line restocked or not
  refunded,
  closed,  // over without a refund: the goods never came, or nothing was owed
};

std::string_view name(ReturnState state);
std::optional<ReturnState> parse_return_state(std::string_view text);

// requested → approved | refused; approved → received, or closed when the goods never come;
// received → refunded, or closed when nothing is owed (an exchange, goods sent back used).
bool transition_allowed(ReturnState from, ReturnState to);
// A requested, approved or received return sets its refund amount aside: the order's later
// returns cannot claim that money too.
bool awaits_refund(ReturnState state);
// Every return but a refused one covers its units: they cannot be asked back a second time.
bool covers_units(ReturnState state);

enum class ReturnReason {
  damaged,
  defective,
  wrong_item,
  not_as_described,
  no_longer_needed,
  other
};
inline constexpr std::array kReturnReasons{
    ReturnReason::damaged,          ReturnReason::defective,        ReturnReason::wrong_item,
    ReturnReason::not_as_described, ReturnReason::no_longer_needed, ReturnReason::other};

std::string_view name(ReturnReason reason);
std::optional<ReturnReason> parse_return_reason(std::string_view text);

// "RMA-" and 8 Crockford base32 characters, made as order numbers are.
std::string new_return_number();
bool is_return_number(std::string_view text);

// What can go wrong with a return, asking for one or changing it (orders/return_errors.hpp maps
// each to its HTTP status and message).
enum class ReturnError {
  unknown_order,     // no such order, or not this customer's
  not_returnable,    // the order is not paid, or was cancelled or refunded whole
  outside_window,    // its return window has closed
  nothing_selected,  // no unit asked back
  unknown_line,      // a position the order does not have, or named twice
  bad_quantity,      // not a whole number of units, 0 or more
  too_many_units,    // more units than the line has left to return
  comment_too_long,
  unknown_return,
  not_allowed,    // the state machine forbids the change
  note_required,  // a refusal says why
  bad_amount,     // a refund of nothing, or of more than the return is worth
  stale,          // staff changed a return that had moved since their page showed it
};

// A refusal and, for a line, which one and how many units it had left.
struct ReturnFailure {
  ReturnError error = ReturnError::not_allowed;
  std::optional<int> position{};
  int units_left = 0;
};

// Orders whose goods were paid for: paid, fulfilled, delivered, partially_refunded.
bool accepts_returns(OrderStatus status);

// How long after the goods left the customer may ask to send them back.
struct ReturnPolicy {
  std::chrono::days window{30};
};

// The day the window opens: when the order was shipped, since the customer cannot judge goods
// still in our warehouse (counting from the payment would shorten the window by however long
// the parcel waited); for an order paid but not shipped yet, the payment. nullopt: neither.
std::optional<std::chrono::sys_seconds> window_start(
    std::optional<std::chrono::sys_seconds> shipped, std::optional<std::chrono::sys_seconds> paid);
std::chrono::sys_seconds window_end(const ReturnPolicy& policy, std::chrono::sys_seconds start);

// Units of one order line, by its position in the order.
struct ReturnedUnits {
  int position = 0;
  int quantity = 0;
};

// How many units of each line (by position) the order's returns already cover.
using CoveredUnits = std::map<int, int>;

int units_left(const OrderLine& line, const CoveredUnits& covered);

// What units [before, before + units) of `line` are worth: their share of the line's amount
// after the order's discount, plus, where prices exclude tax, of the line's tax. Shares are
// cumulative (the first n units are worth round_half_up(n × line / quantity)), so however a
// line's units are split among returns, together they are never worth more than the line.
std::int64_t units_value(const OrderLine& line, const cart::Totals& totals, int before, int units);

// The lines of a return and what they are worth.
struct ReturnPlan {
  std::vector<ReturnedUnits> lines{};
  std::int64_t value = 0;
};

// Checks what a customer asks against the order (lines with a quantity of 0 are not asked
// for): known lines, each named once, at least one unit, no more than each line has left; and
// prices the units.
std::expected<ReturnPlan, ReturnFailure> plan_return(const Order& order,
                                                     const CoveredUnits& covered,
                                                     const std::vector<ReturnedUnits>& asked);

// A line of a return, with what the order line it comes from says of it.
struct ReturnLine {
  int position = 0;
  int quantity = 0;
  std::optional<bool> restock{};  // decided when the parcel is received
  std::optional<std::int64_t> variant_id{};
  std::string sku{};
  std::string name{};
  std::string variant_label{};
  std::int64_t unit_price = 0;
};

struct ReturnEvent {
  std::string occurred_at{};  // ISO 8601, UTC
  std::string actor_kind{};
  std::string actor_id{};
  std::string from_state{};  // empty for the request itself
  std::string to_state{};
  std::string note{};
};

struct Return {
  std::int64_t id = 0;
  std::string number{};
  std::int64_t order_id = 0;
  std::string order_number{};
  std::optional<std::int64_t> user_id{};
  std::string email{};  // the order's: where its mails go
  ReturnState state = ReturnState::requested;
  ReturnReason reason = ReturnReason::other;
  std::string comment{};
  std::string currency{};
  std::int64_t refund_amount = 0;
  std::optional<std::int64_t> refunded_amount{};
  std::string refund_reference{};
  core::Locale locale = core::Locale::fr;
  std::string created_at{};  // ISO 8601, UTC
  std::string updated_at{};
  std::string received_at{};  // empty until then
  std::string refunded_at{};
  std::vector<ReturnLine> lines{};
  std::vector<ReturnEvent> history{};
};

// A return in a list (the order page, the back office's).
struct ReturnSummary {
  std::int64_t id = 0;
  std::string number{};
  std::string order_number{};
  std::string email{};
  ReturnState state = ReturnState::requested;
  ReturnReason reason = ReturnReason::other;
  std::int64_t refund_amount = 0;
  std::string currency{};
  std::string created_at{};  // ISO 8601, UTC
};

// The units one of an order's returns holds of one line.
struct LineTally {
  ReturnState state = ReturnState::requested;
  int position = 0;
  int quantity = 0;
};

// What the returns that cover units (covers_units) hold of each line.
CoveredUnits covered_by(const std::vector<LineTally>& tallies);

// The money of one of an order's returns.
struct MoneyTally {
  std::int64_t return_id = 0;
  ReturnState state = ReturnState::requested;
  std::int64_t refund_amount = 0;
  std::int64_t refunded_amount = 0;
};

// The money of an order as its returns see it.
struct OrderMoney {
  std::int64_t paid = 0;                 // the order's total
  std::int64_t refunded = 0;             // the order's refunded amount
  std::int64_t refunded_by_returns = 0;  // what its refunded returns were refunded
  std::int64_t awaiting_refund = 0;      // set aside by its requested, approved, received returns
};

// What a new return of the order may still claim: what was paid, minus what was refunded (the
// order's refunded amount, or what its returns were refunded when that is more: the order may
// not have recorded a return's refund yet), minus what its open returns set aside. Never < 0.
std::int64_t refund_room(const OrderMoney& money);

// The order's money with its returns' tallies, leaving `except` out (the return being refunded).
OrderMoney order_money(std::int64_t paid, std::int64_t refunded,
                       const std::vector<MoneyTally>& tallies,
                       std::optional<std::int64_t> except = std::nullopt);

// What a received return may be refunded now: its refund amount, within what the order has
// left once its other returns' claims are set aside. 0 in any other state.
std::int64_t refundable(ReturnState state, std::int64_t refund_amount, const OrderMoney& others);

// At most 1000 characters (code points), as the table holds: a customer's comment, staff's note.
inline constexpr std::size_t kMaxReturnText = 1000;
bool fits_return_text(std::string_view text);

}  // namespace comptoir::orders
