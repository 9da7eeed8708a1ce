#include "accounts/key_rotation.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "accounts/sealed_fields.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"

namespace comptoir::accounts {
namespace {

// One sealed column: how to count, find and replace its values not under key $1.
struct SealedColumn {
  std::string_view name;
  db::Query count_stale;   // ($1 active key id) → count
  db::Query select_stale;  // ($1 active key id, $2 after id, $3 limit) → id, sealed
  db::Query reseal;        // ($1 id, $2 new value, $3 old value): compare-and-set
  std::string (*associated_data)(std::int64_t id);
};

constexpr SealedColumn kUserPhone{
    "users.phone",
    {"keys_count_stale_phones",
     "SELECT count(*) FROM users WHERE phone_sealed IS NOT NULL AND "
     "split_part(phone_sealed, '.', 2) <> $1"},
    {"keys_select_stale_phones",
     "SELECT id, phone_sealed FROM users WHERE phone_sealed IS NOT NULL AND "
     "split_part(phone_sealed, '.', 2) <> $1 AND id > $2 ORDER BY id LIMIT $3"},
    {"keys_reseal_phone", "UPDATE users SET phone_sealed = $2 WHERE id = $1 AND phone_sealed = $3"},
    &sealed_fields::user_phone};

constexpr SealedColumn kUserTotpSecret{
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

constexpr SealedColumn kAddress{
    "addresses",
    {"keys_count_stale_addresses", "SELECT count(*) FROM addresses WHERE key_id <> $1"},
    {"keys_select_stale_addresses",
     "SELECT id, sealed FROM addresses WHERE key_id <> $1 AND id > $2 ORDER BY id LIMIT $3"},
    {"keys_reseal_address",
     "UPDATE addresses SET sealed = $2, updated_at = now() WHERE id = $1 AND sealed = $3"},
    &sealed_fields::address};

// Orders keep the address they were shipped to (migrations/0006_orders.sql).
constexpr SealedColumn kOrderAddress{
    "orders.shipping_address",
    {"keys_count_stale_order_addresses", "SELECT count(*) FROM orders WHERE address_key_id <> $1"},
    {"keys_select_stale_order_addresses",
     "SELECT id, shipping_address FROM orders WHERE address_key_id <> $1 AND id > $2 ORDER BY id "
     "LIMIT $3"},
    {"keys_reseal_order_address",
     "UPDATE orders SET shipping_address = $2 WHERE id = $1 AND shipping_address = $3"},
    &sealed_fields::order_shipping_address};

constexpr SealedColumn kColumns[] = {kAddress, kUserPhone, kUserTotpSecret, kOrderAddress};

struct Stale {
  std::int64_t id;
  std::string sealed;
};

}  // namespace

std::vector<ColumnRotation> rotate_sealed_values(db::Database& db, const core::SecretKeys& keys,
                                                 const RotationOptions& options) {
  const std::string& active = keys.active().id;
  std::int64_t total = 0;
  for (const auto& column : kColumns)
    total += db.transact_sync([&](db::Connection& conn) {
      return conn.exec(column.count_stale, active).one<std::int64_t>();
    });
  std::int64_t done = 0;
  if (options.progress) options.progress(done, total);

  std::vector<ColumnRotation> report;
  for (const auto& column : kColumns) {
    ColumnRotation rotation{.column = std::string(column.name)};
    std::int64_t after = 0;
    for (;;) {
      // One short transaction per batch: read the stale values, re-seal them in memory, write
      // each back only if it is still what was read.
      auto batch = db.transact_sync([&](db::Connection& conn) {
        auto rows = conn.exec(column.select_stale, active, after, options.batch_size);
        std::vector<Stale> stale;
        stale.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
          stale.push_back({rows.get<std::int64_t>(i, 0), rows.get<std::string>(i, 1)});
        std::int64_t resealed = 0;
        std::vector<std::int64_t> unreadable;
        for (const auto& value : stale) {
          auto ad = column.associated_data(value.id);
          auto plain = core::open(keys, value.sealed, ad);
          if (!plain) {
            unreadable.push_back(value.id);
            continue;
          }
          auto fresh = core::seal(keys, *plain, ad);
          resealed += static_cast<std::int64_t>(
              conn.exec(column.reseal, value.id, fresh, value.sealed).affected_rows());
        }
        return std::tuple{stale.empty() ? after : stale.back().id, stale.size(), resealed,
                          std::move(unreadable)};
      });
      auto& [last_id, seen, resealed, unreadable] = batch;
      if (seen == 0) break;
      after = last_id;
      rotation.resealed += resealed;
      rotation.unreadable.insert(rotation.unreadable.end(), unreadable.begin(), unreadable.end());
      done += static_cast<std::int64_t>(seen);
      if (options.progress) options.progress(done, std::max(done, total));
    }
    report.push_back(std::move(rotation));
  }
  return report;
}

}  // namespace comptoir::accounts
