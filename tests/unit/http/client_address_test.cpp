#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace comptoir::http {
namespace {

const std::vector<core::IpRange> kProxies = *core::parse_ip_ranges("10.0.0.0/8, ::1");

Request with(std::initializer_list<std::pair<const char*, const char*>> headers) {
  Request request{boost::beast::http::verb::get, "/", 11};
  for (auto [name, value] : headers) request.insert(name, value);
  return request;
}

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverItSays) {
  auto request = with({{"X-Forwarded-For", "203.0.113.7"}, {"Forwarded", "for=198.51.100.2"}});
  EXPECT_EQ(client_address("192.0.2.10", request, kProxies), "192.0.2.10");
  EXPECT_EQ(client_address("10.0.0.5", request, {}), "10.0.0.5");
}

TEST(ClientAddress, BehindATrustedProxyTheRightmostUntrustedHopIsTheClient) {
  EXPECT_EQ(client_address("10.0.0.5", with({{"X-Forwarded-For", "203.0.113.7"}}), kProxies),
            "203.0.113.7");
  // The client wrote the first entry itself; the proxy appended the second.
  EXPECT_EQ(
      client_address("10.0.0.5", with({{"X-Forwarded-For", "1.2.3.4, 203.0.113.7"}}), kProxies),
      "203.0.113.7");
  // Two proxy layers.
  EXPECT_EQ(
      client_address("10.0.0.5", with({{"X-Forwarded-For", "203.0.113.7, 10.1.1.1"}}), kProxies),
      "203.0.113.7");
  // Several header lines are one list, in order.
  EXPECT_EQ(
      client_address("10.0.0.5",
                     with({{"X-Forwarded-For", "1.2.3.4"}, {"X-Forwarded-For", "203.0.113.9"}}),
                     kProxies),
      "203.0.113.9");
  EXPECT_EQ(client_address("::1", with({{"X-Forwarded-For", "2001:db8::7"}}), kProxies),
            "2001:db8::7");
}

TEST(ClientAddress, ForwardedWinsOverXForwardedFor) {
  auto request =
      with({{"Forwarded",
             R"(for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711")"},
            {"X-Forwarded-For", "198.51.100.1"}});
  EXPECT_EQ(client_address("10.0.0.5", request, kProxies), "2001:db8:cafe::17");
  EXPECT_EQ(
      client_address("10.0.0.5", with({{"Forwarded", "for=\"_hidden\", for=10.2.2.2"}}), kProxies),
      "10.2.2.2")
      << "an unknown hop stops at the last trusted proxy";
}

TEST(ClientAddress, NoHeaderOrOnlyProxiesGiveTheNearestProxy) {
  EXPECT_EQ(client_address("10.0.0.5", with({}), kProxies), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", with({{"X-Forwarded-For", "10.9.9.9"}}), kProxies),
            "10.9.9.9");
  EXPECT_EQ(client_address("10.0.0.5", with({{"X-Forwarded-For", "garbage"}}), kProxies),
            "10.0.0.5");
  EXPECT_EQ(client_address("::ffff:10.0.0.5", with({{"X-Forwarded-For", "203.0.113.7"}}), kProxies),
            "203.0.113.7");
}

TEST(ClientAddresses, OneConnectionsRequestsGetWhatClientAddressGives) {
  // The peer is settled once per connection; each request's headers still count behind a proxy.
  const ClientAddresses proxied("10.0.0.5", kProxies);
  EXPECT_TRUE(proxied.peer_trusted());
  EXPECT_EQ(proxied.of(with({{"X-Forwarded-For", "203.0.113.7"}})), "203.0.113.7");
  EXPECT_EQ(proxied.of(with({})), "10.0.0.5");
  EXPECT_EQ(proxied.of(with({{"Forwarded", "for=198.51.100.2"}})), "198.51.100.2");

  const ClientAddresses direct("::ffff:192.0.2.10", kProxies);
  EXPECT_FALSE(direct.peer_trusted());
  EXPECT_EQ(direct.of(with({{"X-Forwarded-For", "203.0.113.7"}})), "192.0.2.10");
  EXPECT_EQ(direct.of(with({})), "192.0.2.10");

  const ClientAddresses without_proxies("10.0.0.5", {});
  EXPECT_FALSE(without_proxies.peer_trusted());
  EXPECT_EQ(without_proxies.of(with({{"X-Forwarded-For", "203.0.113.7"}})), "10.0.0.5");

  // A peer that is not an address (never from a socket) is kept as it is, trusted by nobody.
  const ClientAddresses odd("not-an-address", kProxies);
  EXPECT_FALSE(odd.peer_trusted());
  EXPECT_EQ(odd.of(with({{"X-Forwarded-For", "203.0.113.7"}})), "not-an-address");
  EXPECT_EQ(ClientAddresses("", kProxies).of(with({})), "");
}

}  // namespace
}  // namespace comptoir::http
