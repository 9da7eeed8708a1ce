#include "core/secret_keys.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <ranges>

namespace comptoir::core {
namespace {

bool valid_key_id(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::ranges::all_of(id, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

const SecretKey* SecretKeys::find(std::string_view id) const {
  auto it = std::ranges::find(keys_, id, &SecretKey::id);
  return it == keys_.end() ? nullptr : &*it;
}

std::expected<SecretKeys, std::string> parse_secret_keys(std::string_view text) {
  if (sodium_init() < 0) return std::unexpected("libsodium failed to initialise");
  std::vector<SecretKey> keys;
  std::size_t position = 0;
  for (auto part : text | std::views::split(',')) {
    ++position;
    auto entry = trim(std::string_view(part.begin(), part.end()));
    auto colon = entry.find(':');
    if (colon == std::string_view::npos)
      return std::unexpected(fmt::format("key #{} is not of the form id:base64key", position));
    auto id = entry.substr(0, colon);
    auto encoded = entry.substr(colon + 1);
    if (!valid_key_id(id))
      return std::unexpected(fmt::format(
          "key #{} has an invalid id (letters, digits, - and _, at most 32)", position));
    SecretKey key{std::string(id), {}};
    std::size_t decoded = 0;
    const char* end = nullptr;
    if (sodium_base642bin(key.bytes.data(), key.bytes.size(), encoded.data(), encoded.size(),
                          nullptr, &decoded, &end, sodium_base64_VARIANT_ORIGINAL) != 0 &&
        sodium_base642bin(key.bytes.data(), key.bytes.size(), encoded.data(), encoded.size(),
                          nullptr, &decoded, &end, sodium_base64_VARIANT_URLSAFE) != 0)
      return std::unexpected(fmt::format(
          "key '{}' is not base64 of exactly {} bytes (generate one with: openssl rand -base64 32)",
          key.id, kSecretKeyBytes));
    if (decoded != kSecretKeyBytes || end != encoded.data() + encoded.size())
      return std::unexpected(
          fmt::format("key '{}' must decode to exactly {} bytes", key.id, kSecretKeyBytes));
    if (std::ranges::find(keys, key.id, &SecretKey::id) != keys.end())
      return std::unexpected(fmt::format("key id '{}' appears twice", key.id));
    keys.push_back(std::move(key));
  }
  if (keys.empty()) return std::unexpected("no key given");
  return SecretKeys(std::move(keys));
}

}  // namespace comptoir::core
