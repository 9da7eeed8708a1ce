#include "core/ip_range.hpp"

#include <gtest/gtest.h>

namespace comptoir::core {
namespace {

boost::asio::ip::address ip(const char* text) {
  return boost::asio::ip::make_address(text);
}

TEST(IpRange, BlocksContainTheirAddressesOnly) {
  auto block = parse_ip_range("10.0.0.0/8");
  ASSERT_TRUE(block);
  EXPECT_TRUE(block->contains(ip("10.255.1.2")));
  EXPECT_FALSE(block->contains(ip("11.0.0.1")));
  auto odd = parse_ip_range("192.168.4.0/22");
  ASSERT_TRUE(odd);
  EXPECT_TRUE(odd->contains(ip("192.168.7.255")));
  EXPECT_FALSE(odd->contains(ip("192.168.8.0")));
  auto v6 = parse_ip_range("2001:db8::/32");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->contains(ip("2001:db8:ffff::1")));
  EXPECT_FALSE(v6->contains(ip("2001:db9::1")));
  EXPECT_FALSE(v6->contains(ip("10.0.0.1")));
}

TEST(IpRange, ASingleAddressIsAFullPrefixAndMappedIpv4CountsAsIpv4) {
  auto one = parse_ip_range("127.0.0.1");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->prefix, 32U);
  EXPECT_TRUE(one->contains(ip("127.0.0.1")));
  EXPECT_TRUE(one->contains(ip("::ffff:127.0.0.1")));
  EXPECT_FALSE(one->contains(ip("127.0.0.2")));
  auto everything = parse_ip_range("0.0.0.0/0");
  ASSERT_TRUE(everything);
  EXPECT_TRUE(everything->contains(ip("203.0.113.9")));
}

TEST(IpRange, MalformedEntriesAreRefusedByName) {
  for (const char* bad :
       {"10.0.0.0/33", "::/129", "nginx.local", "10.0.0/8", "10.0.0.0/", "/8", "10.0.0.0/8x", ""})
    EXPECT_FALSE(parse_ip_range(bad)) << bad;
  auto list = parse_ip_ranges("127.0.0.1, ::1 10.0.0.0/8");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 3U);
  auto refused = parse_ip_ranges("10.0.0.0/8,proxy");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), "proxy");
  EXPECT_TRUE(parse_ip_ranges("")->empty());
}

TEST(IpRange, AddressesAsPeersAndHeadersWriteThem) {
  EXPECT_EQ(parse_ip("203.0.113.7")->to_string(), "203.0.113.7");
  EXPECT_EQ(parse_ip("203.0.113.7:8080")->to_string(), "203.0.113.7");
  EXPECT_EQ(parse_ip("[2001:db8::1]:4711")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_ip("[2001:db8::1]")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_ip("2001:db8::1")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_ip("::ffff:192.0.2.1")->to_string(), "192.0.2.1");
  EXPECT_EQ(parse_ip("fe80::1%eth0")->to_string(), "fe80::1");
  for (const char* bad : {"unknown", "_hidden", "[1.2.3.4]", "[::1", "1.2.3.4:", "1.2.3.4:x",
                          "[::1]:", "[::1]x", "", " "})
    EXPECT_FALSE(parse_ip(bad)) << bad;
}

}  // namespace
}  // namespace comptoir::core
