#include "orders/order_link.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "core/keyed_hash.hpp"

namespace comptoir::orders {
namespace {

constexpr std::string_view kContext = "orderlnk";
constexpr std::size_t kTagBytes = 16;  // 128 bits: plenty against guessing, short in a URL

std::array<unsigned char, kTagBytes> tag(const core::SecretKey& key, std::string_view number) {
  auto mac = core::keyed_hash(key, kContext, number);
  std::array<unsigned char, kTagBytes> out{};
  std::copy_n(mac.begin(), kTagBytes, out.begin());
  return out;
}

std::string encode(const std::array<unsigned char, kTagBytes>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(kTagBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.pop_back();  // the terminating NUL
  return out;
}

}  // namespace

std::string order_token(const core::SecretKeys& keys, std::string_view number) {
  if (keys.empty()) return {};
  const auto& key = keys.active();
  return key.id + "." + encode(tag(key, number));
}

bool verify_order_token(const core::SecretKeys& keys, std::string_view number,
                        std::string_view token) {
  auto dot = token.find('.');
  if (dot == std::string_view::npos) return false;
  const auto* key = keys.find(token.substr(0, dot));
  if (key == nullptr) return false;
  auto expected = encode(tag(*key, number));
  auto given = token.substr(dot + 1);
  return given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace comptoir::orders
