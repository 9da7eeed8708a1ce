#include "http/client_address.hpp"

#include <optional>

#include "core/text.hpp"

namespace comptoir::http {
namespace {

// Splits on `separator` outside double quotes (Forwarded's quoted-strings may hold commas).
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == separator && !quoted) {
      parts.push_back(core::trim_blanks(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(core::trim_blanks(text.substr(start)));
  return parts;
}

// The for= value of one Forwarded element, unquoted; "" when it has none.
std::string_view forwarded_for(std::string_view element) {
  for (auto pair : split(element, ';')) {
    auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    auto name = core::trim_blanks(pair.substr(0, equals));
    if (name.size() != 3 || (name[0] | 0x20) != 'f' || (name[1] | 0x20) != 'o' ||
        (name[2] | 0x20) != 'r')
      continue;
    auto value = core::trim_blanks(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    return value;
  }
  return {};
}

// The hops a header lists, in order (the client first, the nearest proxy last). Every field
// line of the header counts, in order.
std::vector<std::string_view> hops(const Request& request) {
  std::vector<std::string_view> list;
  bool forwarded = false;
  for (const auto& field : request.base()) {
    if (!boost::beast::iequals(field.name_string(), "forwarded")) continue;
    forwarded = true;
    for (auto element : split(field.value(), ',')) list.push_back(forwarded_for(element));
  }
  if (forwarded) return list;
  for (const auto& field : request.base()) {
    if (!boost::beast::iequals(field.name_string(), "x-forwarded-for")) continue;
    for (auto hop : split(field.value(), ',')) list.push_back(hop);
  }
  return list;
}

}  // namespace

ClientAddresses::ClientAddresses(std::string_view peer, const std::vector<core::IpRange>& trusted)
    : trusted_(trusted), peer_address_(core::parse_ip(peer)) {
  peer_text_ = peer_address_ ? peer_address_->to_string() : std::string(peer);
  peer_trusted_ =
      peer_address_ && !trusted_.empty() && core::contains_any(trusted_, *peer_address_);
}

std::string ClientAddresses::of(const Request& request) const {
  if (!peer_trusted_) return peer_text_;
  auto nearest = *peer_address_;  // the last trusted hop seen, walking leftwards
  auto list = hops(request);
  for (auto hop = list.rbegin(); hop != list.rend(); ++hop) {
    auto address = core::parse_ip(*hop);
    if (!address) break;
    if (!core::contains_any(trusted_, *address)) return address->to_string();
    nearest = *address;
  }
  return nearest.to_string();
}

std::string client_address(std::string_view peer, const Request& request,
                           const std::vector<core::IpRange>& trusted) {
  return ClientAddresses(peer, trusted).of(request);
}

}  // namespace comptoir::http
