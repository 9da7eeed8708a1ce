#include <gtest/gtest.h>

#include "checkout/checkout_input.hpp"
#include "checkout/checkout_urls.hpp"

namespace comptoir::checkout {
namespace {

TEST(CheckoutInput, EmailsThatOrdersAccept) {
  EXPECT_TRUE(plausible_email("marie@example.ca"));
  EXPECT_TRUE(plausible_email("marie+thé@exemple.fr"));
  // Each of these would break orders.email's CHECK, or a mail header.
  for (std::string_view bad :
       {"", "marie", "@example.ca", "marie@", "a@b@c", "marie @example.ca",
        "marie@example.ca\r\nBcc: x@y", "<marie@example.ca>", "a,b@example.ca"})
    EXPECT_FALSE(plausible_email(bad)) << bad;
  EXPECT_FALSE(plausible_email(std::string(250, 'a') + "@b.ca"));
}

TEST(CheckoutInput, TheDestinationDecidesCountryAndProvince) {
  auto quebec = for_destination({.full_name = "Marie", .country = "US"}, "CA-QC");
  EXPECT_EQ(quebec.country, "CA");
  EXPECT_EQ(quebec.region, "QC");
  auto france = for_destination({.full_name = "Marie", .region = "IDF"}, "FR");
  EXPECT_EQ(france.country, "FR");
  EXPECT_EQ(france.region, "");
  auto shipped = shipping_address(quebec);
  EXPECT_EQ(shipped.full_name, "Marie");
  EXPECT_EQ(shipped.region, "QC");
}

TEST(CheckoutUrls, AreLocalized) {
  EXPECT_EQ(urls::kCheckout[core::Locale::fr], "/fr/commande");
  EXPECT_EQ(urls::kCheckout[core::Locale::en], "/en/checkout");
}

}  // namespace
}  // namespace comptoir::checkout
