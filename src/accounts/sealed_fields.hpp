#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <fmt/format.h>

#include "db/sealed_columns.hpp"

// The associated data that binds each sealed personal value of accounts' tables to its row and
// column (core::seal/open). Every writer and reader of these columns, and `comptoir keys rotate`,
// uses these and nothing else: a value copied to another row or column then fails to open.
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

}  // namespace comptoir::accounts::sealed_fields

namespace comptoir::accounts {

// The sealed columns of accounts' tables for `keys rotate` (app adds them to its
// db::SealedColumnRegistry): addresses, users.phone, users.totp_secret, in that order.
std::span<const db::SealedColumn> sealed_columns();

}  // namespace comptoir::accounts
