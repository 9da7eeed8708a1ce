#include "checkout/payment_binding.hpp"

#include <gtest/gtest.h>

namespace comptoir::checkout {
namespace {

const orders::PaymentView kOrder{.id = 7,
                                 .number = "CMP-7K3Q9XAB",
                                 .status = orders::OrderStatus::pending,
                                 .total = 4576,
                                 .currency = "CAD",
                                 .refunded_amount = 0,
                                 .payment_reference = "cs_test_1"};

TEST(PaymentBinding, TheOrdersTotalInItsCurrencyPaysIt) {
  EXPECT_EQ(check_payment(kOrder, 4576, "cad"), std::nullopt);
  EXPECT_EQ(check_payment(kOrder, 4576, "CAD"), std::nullopt);
}

TEST(PaymentBinding, AnyOtherAmountIsRefused) {
  EXPECT_EQ(check_payment(kOrder, 1, "cad"), Refusal::amount_mismatch);
  EXPECT_EQ(check_payment(kOrder, 4575, "cad"), Refusal::amount_mismatch);
  EXPECT_EQ(check_payment(kOrder, 4577, "cad"), Refusal::amount_mismatch);
  EXPECT_EQ(check_payment(kOrder, 0, "cad"), Refusal::amount_mismatch);
}

TEST(PaymentBinding, AnotherOrAMissingCurrencyIsRefused) {
  EXPECT_EQ(check_payment(kOrder, 4576, "usd"), Refusal::currency_mismatch);
  EXPECT_EQ(check_payment(kOrder, 4576, ""), Refusal::currency_mismatch);
  EXPECT_EQ(check_payment(kOrder, 4576, "ca"), Refusal::currency_mismatch);
  EXPECT_EQ(check_payment(kOrder, 4576, "cadd"), Refusal::currency_mismatch);
}

TEST(PaymentBinding, RefundsUpToWhatWasPaid) {
  EXPECT_EQ(check_refund(kOrder, 500, "cad"), std::nullopt);
  EXPECT_EQ(check_refund(kOrder, 4576, "cad"), std::nullopt);
  EXPECT_EQ(check_refund(kOrder, 4577, "cad"), Refusal::refund_exceeds_payment);
  EXPECT_EQ(check_refund(kOrder, 500, "eur"), Refusal::refund_exceeds_payment);
}

TEST(PaymentBinding, RefusalsHaveTheNamesTheDatabaseAccepts) {
  EXPECT_EQ(name(Refusal::foreign_session), "foreign_session");
  EXPECT_EQ(name(Refusal::amount_mismatch), "amount_mismatch");
  EXPECT_EQ(name(Refusal::currency_mismatch), "currency_mismatch");
  EXPECT_EQ(name(Refusal::refund_exceeds_payment), "refund_exceeds_payment");
}

}  // namespace
}  // namespace comptoir::checkout
