#include "checkout/checkout_input.hpp"

namespace comptoir::checkout {

bool plausible_email(std::string_view email) {
  auto at = email.find('@');
  return email.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos &&
         email.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
}

accounts::Address for_destination(accounts::Address address, std::string_view region) {
  address.country = std::string(region.substr(0, 2));
  address.region = region.size() > 3 ? std::string(region.substr(3)) : std::string{};
  return address;
}

orders::ShippingAddress shipping_address(const accounts::Address& a) {
  return {.full_name = a.full_name,
          .line1 = a.line1,
          .line2 = a.line2,
          .city = a.city,
          .region = a.region,
          .postal_code = a.postal_code,
          .country = a.country,
          .phone = a.phone};
}

}  // namespace comptoir::checkout
