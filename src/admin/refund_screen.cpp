#include "admin/refund_screen.hpp"

#include <fmt/format.h>

#include <array>

#include "core/text.hpp"

#include "accounts/session.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "checkout/refund_errors.hpp"
#include "checkout/refund_service.hpp"
#include "http/pages.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Status;
namespace net = boost::asio;

constexpr std::array kReasons{checkout::RefundReason::requested_by_customer,
                              checkout::RefundReason::returned, checkout::RefundReason::duplicate,
                              checkout::RefundReason::fraudulent, checkout::RefundReason::other};

}  // namespace

std::optional<std::int64_t> parse_amount(std::string_view text) {
  std::int64_t units = 0;
  int decimals = -1;  // digits seen after the separator; -1 before it
  bool digits = false;
  for (char c : text) {
    if (c == ' ') continue;  // "1 234,50"
    if (c == ',' || c == '.') {
      if (decimals >= 0) return std::nullopt;
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals >= 2 || units > 100'000'000'000) return std::nullopt;
    units = units * 10 + (c - '0');
    digits = true;
    if (decimals >= 0) ++decimals;
  }
  if (!digits) return std::nullopt;
  for (int i = std::max(decimals, 0); i < 2; ++i) units *= 10;
  return units;
}

std::string amount_text(std::int64_t cents, Locale locale) {
  return fmt::format("{}{}{:02}", cents / 100, locale == Locale::fr ? ',' : '.', cents % 100);
}

void RefundScreen::fill(views::Dict& body, const Staff& staff,
                        const checkout::OrderRefunds& refunds) const {
  const auto locale = staff.locale;
  if (!staff.can("orders:refund")) return;
  auto& section = *body.AddSectionDictionary("REFUNDS_SECTION"_key);
  kit_.labels(section, locale,
              {{"REFUNDS_TITLE", "admin.refund.title"},
               {"WHEN_HEAD", "admin.order.when"},
               {"AMOUNT_HEAD", "admin.refund.amount_head"},
               {"STATE_HEAD", "admin.refund.state"},
               {"REFERENCE_HEAD", "admin.refund.reference"},
               {"DETAIL_HEAD", "admin.refund.detail"}});
  auto money = [&](std::int64_t cents) { return kit_.money(cents, refunds.currency, locale); };
  views::set(section, "SUMMARY"_key,
             fmt::format("{} {} · {} {} · {} {}", kit_.t(locale, "admin.refund.paid"),
                         money(refunds.total), kit_.t(locale, "admin.refund.refunded"),
                         money(refunds.refunded), kit_.t(locale, "admin.refund.refundable"),
                         money(refunds.refundable)));
  for (const auto& refund : refunds.refunds) {
    auto& row = *section.AddSectionDictionary("REFUND"_key);
    views::set(row, "WHEN"_key, Kit::when(refund.created_at));
    views::set(row, "AMOUNT"_key, money(refund.amount));
    views::set(row, "STATE"_key,
               kit_.t(locale, fmt::format("admin.refund.state.{}", checkout::name(refund.state))));
    views::set(row, "REFERENCE"_key,
               refund.stripe_refund_id.empty() ? kit_.t(locale, "admin.orders.provider_manual")
                                               : refund.stripe_refund_id);
    views::set(row, "DETAIL"_key, refund.error.empty() ? refund.note : refund.error);
  }
  if (refunds.refundable <= 0 || !checkout::refundable_status(refunds.status)) return;
  auto& form = *section.AddSectionDictionary("REFUND_FORM"_key);
  views::set(form, "URL"_key, fmt::format("{}/refund", urls::order(refunds.order_number)));
  views::set(form, "CSRF"_key, staff.csrf());
  kit_.labels(form, locale,
              {{"LEGEND", "admin.refund.new"},
               {"AMOUNT_LABEL", "admin.refund.amount"},
               {"REASON_LABEL", "admin.refund.reason"},
               {"NOTE_LABEL", "admin.order.note"},
               {"SUBMIT", "admin.refund.submit"}});
  views::set(form, "HINT"_key,
             fmt::format("{} {}",
                         kit_.t(locale, refunds.provider == orders::PaymentProvider::stripe
                                            ? "admin.refund.hint_stripe"
                                            : "admin.refund.hint_manual"),
                         kit_.t(locale, "admin.refund.format")));
  // As typed back: no grouping, the locale's decimal separator.
  views::set(form, "AMOUNT"_key, amount_text(refunds.refundable, locale));
  for (auto reason : kReasons) {
    auto& option = *form.AddSectionDictionary("REASON_OPTION"_key);
    views::set(option, "VALUE"_key, checkout::name(reason));
    views::set(option, "TEXT"_key,
               kit_.t(locale, fmt::format("admin.refund.reason.{}", checkout::name(reason))));
  }
  views::set(form, "CONFIRM_LABEL"_key, kit_.t(locale, "admin.refund.confirm"));
  if (kit_.needs_fresh_code(staff)) {
    auto& code = *form.AddSectionDictionary("CODE"_key);
    kit_.labels(code, locale, {{"LABEL", "admin.reauth.label"}, {"HINT", "admin.reauth.hint"}});
  }
}

net::awaitable<RefundScreen::Outcome> RefundScreen::refund(Context& ctx, const Staff& staff,
                                                           Target target,
                                                           const http::Form& form) const {
  const auto locale = staff.locale;
  auto refuse = [&](Status status, std::string_view key) {
    return Outcome{.status = status, .error = kit_.t(locale, key)};
  };
  auto amount = parse_amount(form.get("amount"));
  if (!amount || *amount <= 0)
    co_return refuse(Status::unprocessable_entity, "admin.refund.bad_amount");
  auto reason = target.return_id ? std::optional(checkout::RefundReason::returned)
                                 : checkout::parse_refund_reason(form.get("reason"));
  if (!reason) co_return refuse(Status::unprocessable_entity, "admin.refund.bad_reason");
  if (form.get("confirm") != "yes")
    co_return refuse(Status::unprocessable_entity, "admin.refund.not_confirmed");
  std::string note(core::trim_blanks(form.get("note")));
  if (checkout::characters(note) > checkout::kMaxRefundNote)
    co_return refuse(Status::unprocessable_entity, "admin.order.note_too_long");
  std::string code(form.get("code"));
  if (auto refused = co_await kit_.confirm_identity(ctx, staff, std::move(code)))
    co_return refuse(Status::unprocessable_entity, *refused);

  checkout::RefundRequest request{.order_number = target.order_number,
                                  .amount = *amount,
                                  .reason = *reason,
                                  .note = std::move(note),
                                  .actor = {.kind = "user", .id = std::to_string(staff.user().id)},
                                  .return_id = target.return_id,
                                  .origin = {.ip = ctx.client_ip, .request_id = ctx.request_id}};
  auto done = co_await kit_.deps().refunds.refund(std::move(request));
  if (done)
    co_return Outcome{.done = http::see_other(http::with_notice(
                          target.page, done->state == checkout::RefundState::succeeded
                                           ? target.succeeded_notice
                                           : std::string_view("refund_pending")))};
  const auto& failure = done.error();
  if (failure.error == checkout::RefundError::unknown_order)
    throw http::HttpError(Status::not_found);
  auto refusal = checkout::refusal_of(failure.error);
  auto message = kit_.t(locale, refusal.message_key);
  if (failure.error == checkout::RefundError::exceeds_refundable ||
      failure.error == checkout::RefundError::exceeds_return) {
    auto left = kit_.money(failure.refundable, failure.currency, locale);
    if (auto at = message.find("{amount}"); at != std::string::npos) message.replace(at, 8, left);
  }
  co_return Outcome{.status = refusal.status, .error = std::move(message)};
}

}  // namespace comptoir::admin
