#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/locale.hpp"
#include "http/form.hpp"
#include "http/types.hpp"
#include "views/dictionary.hpp"

namespace comptoir::checkout {
struct OrderRefunds;
}

namespace comptoir::admin {

class Kit;
struct Staff;

// "12,50", "12.50", "12", "1 234,50" → 1250 (minor units of a currency with two decimals);
// nullopt for anything else (negative, three decimals, letters, empty).
std::optional<std::int64_t> parse_amount(std::string_view text);
// 1250 → "12,50" (fr) or "12.50" (en): an amount as typed back into a form, without grouping.
std::string amount_text(std::int64_t cents, core::Locale locale);

// Refunds from an order's page (orders:refund): the order's refunds (amount, state, Stripe's id,
// why one failed) and a form for a new one, full or partial, that goes through
// checkout::RefundService — Stripe for Stripe orders, recorded for offline ones. Money moves only
// when the staff member ticks the confirmation and, when their second factor is older than ten
// minutes, gives a fresh code.
class RefundScreen {
 public:
  explicit RefundScreen(const Kit& kit) : kit_(kit) {}

  // Fills the order page's refund section (nothing without orders:refund or without refunds).
  void fill(views::Dict& body, const Staff& staff, const checkout::OrderRefunds& refunds) const;

  // What a refund asked from the order page came to: the redirect to send (done), or the status
  // and message to show on the order page.
  struct Outcome {
    std::optional<http::Response> done{};
    http::Status status = http::Status::ok;
    std::string error{};
  };
  // What a refund gives money back for: an order, or one of its returns (its reason is then
  // `returned`, and the form has no reason field); where to come back once it went through, and
  // the notice to show there when it succeeded at once.
  struct Target {
    std::string order_number{};
    std::optional<std::int64_t> return_id{};
    std::string page{};
    std::string_view succeeded_notice{};
  };
  // A refund form posted once the gate and CSRF passed (the order page's, a return page's):
  // amount, reason (orders only), note, confirm=yes and, when needed, code.
  http::net::awaitable<Outcome> refund(http::Context& ctx, const Staff& staff, Target target,
                                       const http::Form& form) const;

 private:
  const Kit& kit_;
};

}  // namespace comptoir::admin
