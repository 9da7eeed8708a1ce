#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

namespace comptoir::admin {

// A postal address (an order's, a saved one: any type with these fields) as the lines of a
// label: name, street lines, "city region postal code", country, phone when given.
template <class Address>
std::vector<std::string> postal_lines(const Address& address) {
  std::vector<std::string> out;
  for (const auto* part : {&address.full_name, &address.line1, &address.line2})
    if (!part->empty()) out.push_back(*part);
  out.push_back(fmt::format("{} {} {}", address.city, address.region, address.postal_code));
  out.push_back(address.country);
  if (!address.phone.empty()) out.push_back(address.phone);
  return out;
}

}  // namespace comptoir::admin
