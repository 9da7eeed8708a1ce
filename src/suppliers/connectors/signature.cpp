#include "suppliers/connectors/signature.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <charconv>

namespace comptoir::suppliers::signature {

std::string hex_hmac_sha256(std::string_view secret, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return std::string(hex.data(), crypto_auth_hmacsha256_BYTES * 2);
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sign(std::string_view secret, std::chrono::sys_seconds at, std::string_view body) {
  auto t = std::to_string(at.time_since_epoch().count());
  return fmt::format("t={},v1={}", t, hex_hmac_sha256(secret, fmt::format("{}.{}", t, body)));
}

Check verify(std::string_view header, std::string_view secret, std::string_view body,
             std::chrono::sys_seconds now) {
  std::string_view t;
  std::string_view v1;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with("t=")) t = part.substr(2);
    if (part.starts_with("v1=")) v1 = part.substr(3);
  }
  std::int64_t seconds = 0;
  auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), seconds);
  if (t.empty() || error != std::errc{} || end != t.data() + t.size() || v1.size() != 64)
    return Check::malformed;
  auto age = now - std::chrono::sys_seconds{std::chrono::seconds{seconds}};
  if (age > kTolerance || age < -kTolerance) return Check::stale;
  auto expected = hex_hmac_sha256(secret, fmt::format("{}.{}", t, body));
  return same(expected, v1) ? Check::valid : Check::mismatch;
}

}  // namespace comptoir::suppliers::signature
