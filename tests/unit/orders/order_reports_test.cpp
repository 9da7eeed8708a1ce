#include "orders/order_reports.hpp"

#include <gtest/gtest.h>

namespace comptoir::orders {
namespace {

TEST(IsIsoDate, TakesRealCalendarDaysOnly) {
  EXPECT_TRUE(is_iso_date("2026-12-02"));
  EXPECT_TRUE(is_iso_date("2024-02-29"));  // a leap year
  EXPECT_FALSE(is_iso_date("2026-02-29"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026-00-10"));
  EXPECT_FALSE(is_iso_date("2026-1-10"));
  EXPECT_FALSE(is_iso_date("2026/12/02"));
  EXPECT_FALSE(is_iso_date("２026-12-02"));
  EXPECT_FALSE(is_iso_date("2026-12-02 "));
  EXPECT_FALSE(is_iso_date(""));
  EXPECT_FALSE(is_iso_date("0000-01-01"));
}

TEST(SalesFigure, NetAndAverageBasket) {
  SalesFigure figure{.currency = "CAD", .orders = 3, .gross = 10'000, .refunded = 1'000};
  EXPECT_EQ(figure.net(), 9'000);
  EXPECT_EQ(figure.average_basket(), 3'333);
  EXPECT_EQ(SalesFigure{}.average_basket(), 0);
}

}  // namespace
}  // namespace comptoir::orders
