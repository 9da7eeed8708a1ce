#include "orders/shipment.hpp"

#include <gtest/gtest.h>

namespace comptoir::orders {
namespace {

TEST(Shipment, NumbersAreWrittenWithoutSpacesInCapitals) {
  EXPECT_EQ(tracking_number_of("1z 999 aa1 0123 4567 84"), "1Z999AA10123456784");
  EXPECT_EQ(tracking_number_of("LX-1234"), "LX-1234");
  EXPECT_FALSE(tracking_number_of("123"));
  EXPECT_FALSE(tracking_number_of(std::string(41, '7')));
  EXPECT_FALSE(tracking_number_of("12/34"));
  EXPECT_FALSE(tracking_number_of("ÉTÉ1234"));
}

TEST(Shipment, TheLinkIsTheCarriersPageForTheNumberUnlessOneIsGiven) {
  Shipment made{.carrier = "canada_post", .tracking_number = "7023 4567 8901 2345"};
  EXPECT_FALSE(complete(made));
  EXPECT_EQ(made.tracking_number, "7023456789012345");
  EXPECT_EQ(made.tracking_url,
            "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor="
            "7023456789012345");

  Shipment given{
      .carrier = "ups", .tracking_number = "1Z999", .tracking_url = "https://t.example/x"};
  EXPECT_FALSE(complete(given));
  EXPECT_EQ(given.tracking_url, "https://t.example/x");

  Shipment other{.carrier = "other", .tracking_number = "ABCD1234"};
  EXPECT_FALSE(complete(other));
  EXPECT_EQ(other.tracking_url, "") << "no page known for another carrier";

  Shipment link_only{.tracking_url = "http://suivi.example/42"};
  EXPECT_FALSE(complete(link_only));
  Shipment nothing;
  EXPECT_FALSE(complete(nothing));
  EXPECT_EQ(nothing, Shipment{});
}

TEST(Shipment, RefusalsNameTheirPart) {
  Shipment unknown{.carrier = "pigeon"};
  EXPECT_EQ(complete(unknown), ShipmentError::unknown_carrier);
  Shipment orphan{.tracking_number = "ABCD1234"};
  EXPECT_EQ(complete(orphan), ShipmentError::number_without_carrier);
  Shipment short_number{.carrier = "ups", .tracking_number = "1Z"};
  EXPECT_EQ(complete(short_number), ShipmentError::bad_number);
  for (const char* url : {"javascript:alert(1)", "https://", "https://a b", "https://x/\"><script>",
                          "ftp://x.example/1"}) {
    Shipment bad{.tracking_url = url};
    EXPECT_EQ(complete(bad), ShipmentError::bad_url) << url;
  }
  EXPECT_EQ(message_key(ShipmentError::bad_url), "orders.shipment.bad_url");
}

TEST(Shipment, EveryCarrierHasACodeAndAPageWithOnePlaceForTheNumber) {
  for (const auto& carrier : carriers()) {
    EXPECT_FALSE(carrier.code.empty());
    EXPECT_EQ(find_carrier(carrier.code), &carrier);
    if (!carrier.tracking_page.empty()) {
      EXPECT_TRUE(carrier.tracking_page.starts_with("https://")) << carrier.code;
      EXPECT_EQ(carrier.tracking_page.find("{}"), carrier.tracking_page.rfind("{}"));
      EXPECT_NE(carrier.tracking_page.find("{}"), std::string_view::npos);
    }
  }
  EXPECT_EQ(find_carrier("pigeon"), nullptr);
}

}  // namespace
}  // namespace comptoir::orders
