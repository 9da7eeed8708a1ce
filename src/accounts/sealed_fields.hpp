#pragma once

#include <cstdint>
#include <string>

#include <fmt/format.h>

// The associated data that binds each sealed personal value to its row and column
// (core::seal/open). Every writer and reader of these columns, and `comptoir keys rotate`, uses
// these and nothing else: a value copied to another row or column then fails to open.
namespace comptoir::accounts::sealed_fields {

inline std::string user_phone(std::int64_t user_id) {
  return fmt::format("users:{}:phone", user_id);
}
inline std::string user_totp_secret(std::int64_t user_id) {
  return fmt::format("users:{}:totp_secret", user_id);
}
inline std::string address(std::int64_t address_id) {
  return fmt::format("addresses:{}", address_id);
}
inline std::string order_shipping_address(std::int64_t order_id) {
  return fmt::format("orders:{}:shipping_address", order_id);
}

}  // namespace comptoir::accounts::sealed_fields
