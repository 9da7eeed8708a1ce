#include <gtest/gtest.h>

#include "accounts/audit_report.hpp"

namespace comptoir::accounts {
namespace {

TEST(ActionFilter, AcceptsAnActionOrAFamilyOfLowercaseWords) {
  for (auto text : {"order.status_changed", "order.", "order", "two_factor.", "a.b.c", "a.b."})
    EXPECT_TRUE(is_action_filter(text)) << text;
}

TEST(ActionFilter, RefusesAnythingElse) {
  for (auto text : {"", ".", "order..", ".order", "Order.", "order.*", "order status", "order.%",
                    "ordre.é", "order-status", "order..status"})
    EXPECT_FALSE(is_action_filter(text)) << text;
  EXPECT_FALSE(is_action_filter(std::string(101, 'a')));
}

}  // namespace
}  // namespace comptoir::accounts
