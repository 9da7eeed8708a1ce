#pragma once

#include <boost/asio/ip/address.hpp>

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::core {

// A block of addresses, "10.0.0.0/8", "2001:db8::/32", or one address ("127.0.0.1", "::1").
// IPv4-mapped IPv6 addresses (::ffff:10.1.2.3) count as their IPv4 address.
struct IpRange {
  boost::asio::ip::address network{};
  unsigned prefix = 0;  // bits that must match: 0 (everything) to 32 or 128

  bool contains(const boost::asio::ip::address& address) const;
  std::string text() const;  // "10.0.0.0/8"
};

std::optional<IpRange> parse_ip_range(std::string_view text);
// A comma- or space-separated list; the error names the first entry that is not one.
std::expected<std::vector<IpRange>, std::string> parse_ip_ranges(std::string_view list);
bool contains_any(const std::vector<IpRange>& ranges, const boost::asio::ip::address& address);

// An address as written by a peer or a header: "10.1.2.3", "2001:db8::1", "[2001:db8::1]",
// "[2001:db8::1]:443", "10.1.2.3:8080"; IPv6 zones are dropped; IPv4-mapped IPv6 becomes IPv4.
std::optional<boost::asio::ip::address> parse_ip(std::string_view text);

}  // namespace comptoir::core
