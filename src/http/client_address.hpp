#pragma once

#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ip_range.hpp"
#include "http/types.hpp"

namespace comptoir::http {

// The client's address. Behind a reverse proxy the TCP peer is the proxy: only when the peer is
// one of `trusted` (COMPTOIR_TRUSTED_PROXIES) is the address taken from the request's
// `Forwarded` header (RFC 7239, its for= parameters), else from `X-Forwarded-For`, walking the
// hops from the right and skipping trusted proxies: the first hop that is not one is the client
// (a client can prepend anything, but not what our proxies appended). A hop that is not an
// address ("unknown", "_hidden", garbage) stops the walk at the last trusted hop. Without a
// trusted peer, or without such a header, the peer's own address.
std::string client_address(std::string_view peer, const Request& request,
                           const std::vector<core::IpRange>& trusted);

// client_address() for the requests of one connection: the peer is parsed, printed and looked up
// among the trusted proxies once, when the connection opens. Unless the peer is a trusted proxy,
// every request's client is then the peer, without parsing anything per request.
class ClientAddresses {
 public:
  // `trusted` must outlive this object.
  ClientAddresses(std::string_view peer, const std::vector<core::IpRange>& trusted);

  // client_address(peer, request, trusted), the same text.
  std::string of(const Request& request) const;
  bool peer_trusted() const { return peer_trusted_; }

 private:
  const std::vector<core::IpRange>& trusted_;
  std::optional<boost::asio::ip::address> peer_address_;
  std::string peer_text_;  // the peer as parsed and printed again, or as given when not an address
  bool peer_trusted_ = false;
};

}  // namespace comptoir::http
