#include "accounts/account_privacy.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "accounts/sealed_fields.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

// Times are ISO 8601 in UTC ("2026-12-04T02:15:09Z").

// Only the columns a person's copy holds: never password_hash, totp_secret_sealed,
// totp_last_step, locked_until nor any session's id_hash or csrf_secret.
constexpr db::Query kAccount{
    "privacy_account",
    "SELECT u.email, u.display_name, u.locale, r.name, "
    "to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(u.email_verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(u.totp_enabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "u.phone_sealed, u.clerk_user_id IS NOT NULL "
    "FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = $1"};
constexpr db::Query kAddresses{
    "privacy_addresses",
    "SELECT id, sealed, is_default, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
    "FROM addresses WHERE user_id = $1 ORDER BY is_default DESC, id"};
constexpr db::Query kSessions{
    "privacy_sessions",
    "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "COALESCE(host(ip), ''), user_agent FROM sessions "
    "WHERE user_id = $1 ORDER BY created_at"};

constexpr db::Query kLockUser{
    "privacy_lock_user",
    "SELECT email, display_name, locale, clerk_user_id FROM users WHERE id = $1 FOR UPDATE"};
constexpr db::Query kDeleteSessions{"privacy_delete_sessions",
                                    "DELETE FROM sessions WHERE user_id = $1"};
constexpr db::Query kDeleteAddresses{"privacy_delete_addresses",
                                     "DELETE FROM addresses WHERE user_id = $1"};
constexpr db::Query kDeleteEmailTokens{"privacy_delete_email_tokens",
                                       "DELETE FROM email_tokens WHERE user_id = $1"};
constexpr db::Query kDeleteRecoveryCodes{"privacy_delete_recovery_codes",
                                         "DELETE FROM recovery_codes WHERE user_id = $1"};
// The Svix deliveries that described this Clerk user (their payloads hold its email and name).
constexpr db::Query kDeleteClerkEvents{
    "privacy_delete_clerk_events", "DELETE FROM clerk_events WHERE payload->'data'->>'id' = $1"};
constexpr db::Query kDeleteUser{"privacy_delete_user", "DELETE FROM users WHERE id = $1"};

boost::json::value text_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::value(*text);
}

// An address as the account page shows it; null when no key opens it (the export says so
// rather than failing).
boost::json::value opened_address(const core::SecretKeys& keys, std::int64_t id,
                                  std::string_view sealed) {
  auto opened = core::open(keys, sealed, sealed_fields::address(id));
  if (!opened) return nullptr;
  boost::system::error_code ec;
  auto value = boost::json::parse(*opened, ec);
  if (ec || !value.is_object()) return nullptr;
  return value;
}

}  // namespace

boost::json::object export_account(db::Connection& conn, const core::SecretKeys& keys,
                                   std::int64_t user_id) {
  auto row = conn.exec(kAccount, user_id);
  if (row.empty()) return {};
  boost::json::object account{
      {"email", row.get<std::string>(0, 0)},
      {"display_name", row.get<std::string>(0, 1)},
      {"locale", row.get<std::string>(0, 2)},
      {"role", row.get<std::string>(0, 3)},
      {"created_at", row.get<std::string>(0, 4)},
      {"email_verified", !row.is_null(0, 5)},
      {"email_verified_at", text_or_null(row.get<std::optional<std::string>>(0, 5))},
      {"two_factor_enabled", !row.is_null(0, 6)},
      {"two_factor_enabled_at", text_or_null(row.get<std::optional<std::string>>(0, 6))},
      {"signs_in_with_clerk", row.get<bool>(0, 8)}};
  boost::json::value phone = nullptr;
  if (auto sealed = row.get<std::optional<std::string>>(0, 7)) {
    if (auto opened = core::open(keys, *sealed, sealed_fields::user_phone(user_id)))
      phone = boost::json::value(*opened);
  }
  account["phone"] = phone;

  boost::json::array addresses;
  auto rows = conn.exec(kAddresses, user_id);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto id = rows.get<std::int64_t>(i, 0);
    addresses.push_back(
        boost::json::object{{"address", opened_address(keys, id, rows.get<std::string_view>(i, 1))},
                            {"is_default", rows.get<bool>(i, 2)},
                            {"created_at", rows.get<std::string>(i, 3)}});
  }

  boost::json::array sessions;
  auto open_sessions = conn.exec(kSessions, user_id);
  for (std::size_t i = 0; i < open_sessions.size(); ++i)
    sessions.push_back(boost::json::object{{"created_at", open_sessions.get<std::string>(i, 0)},
                                           {"last_seen_at", open_sessions.get<std::string>(i, 1)},
                                           {"expires_at", open_sessions.get<std::string>(i, 2)},
                                           {"ip", open_sessions.get<std::string>(i, 3)},
                                           {"user_agent", open_sessions.get<std::string>(i, 4)}});

  return {{"account", std::move(account)},
          {"addresses", std::move(addresses)},
          {"sessions", std::move(sessions)}};
}

std::optional<ErasedAccount> erase_account(db::Connection& conn, std::int64_t user_id) {
  auto row = conn.exec(kLockUser, user_id);
  if (row.empty()) return std::nullopt;
  ErasedAccount erased{.email = row.get<std::string>(0, 0),
                       .display_name = row.get<std::string>(0, 1),
                       .locale = row.get<std::string>(0, 2)};
  auto clerk_id = row.get<std::optional<std::string>>(0, 3);
  auto count = [&](const db::Query& query) {
    return static_cast<std::int64_t>(conn.exec(query, user_id).affected_rows());
  };
  erased.sessions = count(kDeleteSessions);
  erased.addresses = count(kDeleteAddresses);
  erased.email_tokens = count(kDeleteEmailTokens);
  erased.recovery_codes = count(kDeleteRecoveryCodes);
  if (clerk_id)
    erased.clerk_events =
        static_cast<std::int64_t>(conn.exec(kDeleteClerkEvents, *clerk_id).affected_rows());
  conn.exec(kDeleteUser, user_id);
  return erased;
}

}  // namespace comptoir::accounts
