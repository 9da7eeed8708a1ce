#include "accounts/sealed_fields.hpp"

namespace comptoir::accounts {
namespace {

constexpr db::SealedColumn kUserPhone{
    "users.phone",
    {"keys_count_stale_phones",
     "SELECT count(*) FROM users WHERE phone_sealed IS NOT NULL AND "
     "split_part(phone_sealed, '.', 2) <> $1"},
    {"keys_select_stale_phones",
     "SELECT id, phone_sealed FROM users WHERE phone_sealed IS NOT NULL AND "
     "split_part(phone_sealed, '.', 2) <> $1 AND id > $2 ORDER BY id LIMIT $3"},
    {"keys_reseal_phone", "UPDATE users SET phone_sealed = $2 WHERE id = $1 AND phone_sealed = $3"},
    &sealed_fields::user_phone};

constexpr db::SealedColumn kUserTotpSecret{
    "users.totp_secret",
    {"keys_count_stale_totp",
     "SELECT count(*) FROM users WHERE totp_secret_sealed IS NOT NULL AND "
     "split_part(totp_secret_sealed, '.', 2) <> $1"},
    {"keys_select_stale_totp",
     "SELECT id, totp_secret_sealed FROM users WHERE totp_secret_sealed IS NOT NULL AND "
     "split_part(totp_secret_sealed, '.', 2) <> $1 AND id > $2 ORDER BY id LIMIT $3"},
    {"keys_reseal_totp",
     "UPDATE users SET totp_secret_sealed = $2 WHERE id = $1 AND totp_secret_sealed = $3"},
    &sealed_fields::user_totp_secret};

constexpr db::SealedColumn kAddress{
    "addresses",
    {"keys_count_stale_addresses", "SELECT count(*) FROM addresses WHERE key_id <> $1"},
    {"keys_select_stale_addresses",
     "SELECT id, sealed FROM addresses WHERE key_id <> $1 AND id > $2 ORDER BY id LIMIT $3"},
    {"keys_reseal_address",
     "UPDATE addresses SET sealed = $2, updated_at = now() WHERE id = $1 AND sealed = $3"},
    &sealed_fields::address};

constexpr db::SealedColumn kColumns[] = {kAddress, kUserPhone, kUserTotpSecret};

}  // namespace

std::span<const db::SealedColumn> sealed_columns() {
  return kColumns;
}

}  // namespace comptoir::accounts
