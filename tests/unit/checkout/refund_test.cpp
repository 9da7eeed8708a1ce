#include <gtest/gtest.h>

#include "checkout/refund.hpp"
#include "checkout/refund_errors.hpp"
#include "checkout/stripe_client.hpp"

namespace comptoir::checkout {
namespace {

using orders::OrderStatus;
using orders::PaymentProvider;

orders::PaymentView paid_order(std::int64_t total, std::int64_t refunded = 0) {
  return {.id = 1,
          .number = "CMP-7K3Q9XAB",
          .status = refunded > 0 ? OrderStatus::partially_refunded : OrderStatus::paid,
          .total = total,
          .currency = "CAD",
          .refunded_amount = refunded,
          .provider = PaymentProvider::stripe,
          .payment_reference = "cs_test_1",
          .payment_intent = "pi_1"};
}

TEST(RefundRules, OnlyAnOrderWithAPaymentMayBeRefunded) {
  for (auto status : {OrderStatus::paid, OrderStatus::fulfilled, OrderStatus::delivered,
                      OrderStatus::partially_refunded})
    EXPECT_TRUE(refundable_status(status)) << orders::name(status);
  for (auto status : {OrderStatus::pending, OrderStatus::cancelled, OrderStatus::refunded}) {
    EXPECT_FALSE(refundable_status(status)) << orders::name(status);
    auto order = paid_order(5000);
    order.status = status;
    EXPECT_EQ(check_new_refund(order, 0, 100), RefundError::not_refundable);
  }
}

TEST(RefundRules, TheAmountIsPositiveAndWithinWhatWasPaidLessRefundedAndPending) {
  auto order = paid_order(5000, 1000);
  EXPECT_EQ(check_new_refund(order, 0, 0), RefundError::bad_amount);
  EXPECT_EQ(check_new_refund(order, 0, -5), RefundError::bad_amount);
  EXPECT_FALSE(check_new_refund(order, 0, 4000)) << "all of what is left";
  EXPECT_EQ(check_new_refund(order, 0, 4001), RefundError::exceeds_refundable);
  // A refund still pending may yet give its amount back: it counts.
  EXPECT_FALSE(check_new_refund(order, 1500, 2500));
  EXPECT_EQ(check_new_refund(order, 1500, 2501), RefundError::exceeds_refundable);
  EXPECT_EQ(refundable_amount(5000, 1000, 1500), 2500);
  EXPECT_EQ(refundable_amount(5000, 4000, 1500), 0) << "never below zero";
}

TEST(RefundRules, AStripeOrderWithoutItsPaymentHasNothingToRefundThroughStripe) {
  auto order = paid_order(5000);
  order.payment_intent.clear();
  EXPECT_EQ(check_new_refund(order, 0, 100), RefundError::no_payment);
  order.provider = PaymentProvider::manual;
  EXPECT_FALSE(check_new_refund(order, 0, 100)) << "paid offline: no payment id needed";
}

TEST(RefundRules, TheOrderIsRefundedOnceTheWholeTotalWentBack) {
  EXPECT_EQ(refunded_status(5000, 4999), OrderStatus::partially_refunded);
  EXPECT_EQ(refunded_status(5000, 5000), OrderStatus::refunded);
}

TEST(RefundRules, StripesStatusesMapToOurStates) {
  EXPECT_EQ(state_of_stripe_status("succeeded"), RefundState::succeeded);
  EXPECT_EQ(state_of_stripe_status("failed"), RefundState::failed);
  EXPECT_EQ(state_of_stripe_status("canceled"), RefundState::failed);
  EXPECT_EQ(state_of_stripe_status("pending"), RefundState::pending);
  EXPECT_EQ(state_of_stripe_status("requires_action"), RefundState::pending);
}

TEST(RefundRules, ReasonsAndStatesRoundTripAndMapToStripesEnum) {
  for (auto reason : {RefundReason::requested_by_customer, RefundReason::duplicate,
                      RefundReason::fraudulent, RefundReason::returned, RefundReason::other})
    EXPECT_EQ(parse_refund_reason(name(reason)), reason);
  for (auto state : {RefundState::pending, RefundState::succeeded, RefundState::failed})
    EXPECT_EQ(parse_refund_state(name(state)), state);
  EXPECT_FALSE(parse_refund_reason("goodwill"));
  EXPECT_FALSE(parse_refund_reason(""));
  EXPECT_EQ(stripe_reason(RefundReason::duplicate), "duplicate");
  EXPECT_EQ(stripe_reason(RefundReason::fraudulent), "fraudulent");
  EXPECT_EQ(stripe_reason(RefundReason::requested_by_customer), "requested_by_customer");
  EXPECT_EQ(stripe_reason(RefundReason::returned), "requested_by_customer");
  EXPECT_EQ(stripe_reason(RefundReason::other), "") << "Stripe's enum has nothing for it";
}

TEST(RefundRules, NotesAreCutBetweenCharactersAndCleaned) {
  EXPECT_EQ(characters("été"), 3u);
  std::string long_note;
  for (int i = 0; i < 600; ++i) long_note += "é!";
  auto cut = clipped_text(long_note, kMaxRefundNote);
  EXPECT_EQ(characters(cut), kMaxRefundNote);
  EXPECT_EQ(cut.size(), 1500u) << "500 é of two bytes and 500 !";
  EXPECT_EQ(clipped_text("bad \xC3 byte", 100), "bad ? byte");
  EXPECT_EQ(clipped_text(std::string("nul\0here", 8), 100), "nul?here");
  EXPECT_EQ(clipped_text("court", 100), "court");
}

TEST(RefundRefusals, EachErrorHasItsStatusAndCode) {
  EXPECT_EQ(refusal_of(RefundError::unknown_order).status, http::Status::not_found);
  EXPECT_EQ(refusal_of(RefundError::not_refundable).status, http::Status::conflict);
  EXPECT_EQ(refusal_of(RefundError::exceeds_refundable).status, http::Status::unprocessable_entity);
  EXPECT_EQ(refusal_of(RefundError::exceeds_refundable).code, "refunds.exceeds_refundable");
  EXPECT_EQ(refusal_of(RefundError::stripe_unavailable).status, http::Status::service_unavailable);
  EXPECT_EQ(refusal_of(RefundError::stripe_rejected).status, http::Status::bad_gateway);
  EXPECT_EQ(refusal_of(RefundError::stripe_rejected).code, "refunds.stripe_rejected");
}

TEST(StripeForm, EncodesARefund) {
  StripeRefundRequest request{.payment_intent = "pi_3Mtw",
                              .amount = 1250,
                              .reason = "requested_by_customer",
                              .order_number = "CMP-7K3Q9XAB",
                              .refund_id = 42,
                              .idempotency_key = "comptoir-refund-CMP-7K3Q9XAB-42"};
  EXPECT_EQ(form_encode(request),
            "payment_intent=pi_3Mtw&amount=1250&reason=requested_by_customer&"
            "metadata%5Border_id%5D=CMP-7K3Q9XAB&metadata%5Brefund_id%5D=42");
  request.reason.clear();
  EXPECT_EQ(form_encode(request).find("reason"), std::string::npos) << "no reason: none sent";
}

TEST(StripeRefundAnswer, KeepsTheIdStatusAndFailureReason) {
  auto refund = parse_refund(R"({"id": "re_1Nispe2eZvKYlo2C", "object": "refund",
      "amount": 1000, "status": "succeeded", "failure_reason": null})");
  ASSERT_TRUE(refund);
  EXPECT_EQ(refund->id, "re_1Nispe2eZvKYlo2C");
  EXPECT_EQ(refund->status, "succeeded");
  EXPECT_EQ(refund->amount, 1000);
  EXPECT_EQ(refund->failure_reason, "");
  auto failed = parse_refund(
      R"({"id": "re_2", "amount": 5, "status": "failed", "failure_reason": "lost_or_stolen_card"})");
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->failure_reason, "lost_or_stolen_card");
}

TEST(StripeRefundAnswer, RefusesWhatIsNotARefund) {
  EXPECT_FALSE(parse_refund("not json"));
  EXPECT_FALSE(parse_refund("[]"));
  EXPECT_FALSE(parse_refund(R"({"status": "succeeded"})"));
  EXPECT_FALSE(parse_refund(R"({"id": "re_1"})"));
  EXPECT_FALSE(parse_refund(R"({"id": "re 1; DROP", "status": "succeeded"})"));
  EXPECT_FALSE(parse_refund(R"({"id": "re_1", "status": "Succeeded!"})"));
}

}  // namespace
}  // namespace comptoir::checkout
