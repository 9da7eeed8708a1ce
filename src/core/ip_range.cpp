#include "core/ip_range.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace comptoir::core {
namespace {

namespace ip = boost::asio::ip;

ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  return address;
}

std::optional<ip::address> plain_address(std::string_view text) {
  if (auto zone = text.find('%'); zone != std::string_view::npos) text = text.substr(0, zone);
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return unmapped(address);
}

}  // namespace

std::optional<ip::address> parse_ip(std::string_view text) {
  if (text.starts_with('[')) {  // "[v6]" or "[v6]:port"
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    auto rest = text.substr(close + 1);
    if (!rest.empty() &&
        (rest.size() == 1 || !rest.starts_with(':') ||
         !std::ranges::all_of(rest.substr(1), [](char c) { return c >= '0' && c <= '9'; })))
      return std::nullopt;
    auto inside = text.substr(1, close - 1);
    if (inside.find(':') == std::string_view::npos) return std::nullopt;  // only IPv6 in brackets
    return plain_address(inside);
  }
  if (std::ranges::count(text, ':') == 1) {  // "v4:port"
    auto port = text.substr(text.find(':') + 1);
    if (port.empty() || !std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    auto address = plain_address(text.substr(0, text.find(':')));
    if (!address || !address->is_v4()) return std::nullopt;
    return address;
  }
  return plain_address(text);
}

bool IpRange::contains(const ip::address& candidate) const {
  auto address = unmapped(candidate);
  if (address.is_v4() != network.is_v4()) return false;
  // Fixed arrays, not vectors: this runs for every request (trusted proxies, the WAF's deny list).
  auto bytes_of = [](const ip::address& a) {
    ip::address_v6::bytes_type out{};
    if (a.is_v4()) {
      auto b = a.to_v4().to_bytes();
      std::ranges::copy(b, out.begin());
    } else {
      out = a.to_v6().to_bytes();
    }
    return out;
  };
  auto want = bytes_of(network);
  auto have = bytes_of(address);
  unsigned bits = prefix;
  for (std::size_t i = 0; i < want.size() && bits > 0; ++i) {
    unsigned take = std::min(bits, 8U);
    auto mask = static_cast<unsigned char>(0xFFU << (8U - take));
    if ((want[i] & mask) != (have[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

std::string IpRange::text() const {
  return fmt::format("{}/{}", network.to_string(), prefix);
}

std::optional<IpRange> parse_ip_range(std::string_view text) {
  auto slash = text.find('/');
  auto address = plain_address(text.substr(0, slash));
  if (!address) return std::nullopt;
  unsigned max = address->is_v4() ? 32 : 128;
  unsigned prefix = max;
  if (slash != std::string_view::npos) {
    auto digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty() || prefix > max)
      return std::nullopt;
  }
  return IpRange{.network = *address, .prefix = prefix};
}

std::expected<std::vector<IpRange>, std::string> parse_ip_ranges(std::string_view list) {
  std::vector<IpRange> ranges;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find_first_of(", \t", start);
    if (end == std::string_view::npos) end = list.size();
    auto item = list.substr(start, end - start);
    if (!item.empty()) {
      auto range = parse_ip_range(item);
      if (!range) return std::unexpected(std::string(item));
      ranges.push_back(*range);
    }
    start = end + 1;
  }
  return ranges;
}

bool contains_any(const std::vector<IpRange>& ranges, const ip::address& address) {
  return std::ranges::any_of(ranges, [&](const IpRange& r) { return r.contains(address); });
}

}  // namespace comptoir::core
