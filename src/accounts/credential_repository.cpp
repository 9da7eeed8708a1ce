#include "accounts/credential_repository.hpp"

#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

constexpr db::Query kTotpState{
    "credentials_totp_state",
    "SELECT totp_secret_sealed, totp_last_step, totp_enabled_at IS NOT NULL FROM users "
    "WHERE id = $1"};
constexpr db::Query kSetPendingTotp{"credentials_set_pending_totp",
                                    "UPDATE users SET totp_secret_sealed = $2, updated_at = now() "
                                    "WHERE id = $1 AND totp_enabled_at IS NULL"};
constexpr db::Query kEnableTotp{
    "credentials_enable_totp",
    "UPDATE users SET totp_enabled_at = now(), totp_last_step = $2, updated_at = now() "
    "WHERE id = $1"};
constexpr db::Query kUseTotpStep{
    "credentials_use_totp_step",
    "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2"};
constexpr db::Query kDeleteRecoveryCodes{"credentials_delete_recovery_codes",
                                         "DELETE FROM recovery_codes WHERE user_id = $1"};
constexpr db::Query kInsertRecoveryCode{
    "credentials_insert_recovery_code",
    "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)"};
constexpr db::Query kUseRecoveryCode{"credentials_use_recovery_code",
                                     "UPDATE recovery_codes SET used_at = now() "
                                     "WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL"};
constexpr db::Query kCountRecoveryCodes{
    "credentials_count_recovery_codes",
    "SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"};
constexpr db::Query kClearTotp{
    "credentials_clear_totp",
    "UPDATE users SET totp_secret_sealed = NULL, totp_enabled_at = NULL, updated_at = now() "
    "WHERE id = $1"};
constexpr db::Query kInsertEmailToken{
    "credentials_insert_email_token",
    "INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at, password_hash) "
    "VALUES ($1, $2, $3, now() + make_interval(secs => $4::float8), $5)"};
constexpr db::Query kConsumeVerification{
    "credentials_consume_verification",
    "UPDATE email_tokens SET used_at = now() WHERE token_hash = $1 AND purpose = 'verify_email' "
    "AND used_at IS NULL AND expires_at > now() RETURNING user_id, password_hash"};
constexpr db::Query kLiveEmailToken{
    "credentials_live_email_token",
    "SELECT EXISTS (SELECT 1 FROM email_tokens WHERE user_id = $1 AND purpose = $2 "
    "AND used_at IS NULL AND expires_at > now())"};
constexpr db::Query kRevokeAllEmailTokens{
    "credentials_revoke_all_email_tokens",
    "UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL"};
constexpr db::Query kConsumeEmailToken{
    "credentials_consume_email_token",
    "UPDATE email_tokens SET used_at = now() WHERE token_hash = $1 AND purpose = $2 "
    "AND used_at IS NULL AND expires_at > now() RETURNING user_id"};
constexpr db::Query kEmailTokenUser{
    "credentials_email_token_user",
    "SELECT user_id FROM email_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL "
    "AND expires_at > now()"};
constexpr db::Query kRevokeEmailTokens{
    "credentials_revoke_email_tokens",
    "UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 "
    "AND used_at IS NULL"};
constexpr db::Query kMarkEmailVerified{
    "credentials_mark_email_verified",
    "UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() "
    "WHERE id = $1"};
constexpr db::Query kUpdateProfile{
    "credentials_update_profile",
    "UPDATE users SET display_name = $2, locale = $3, updated_at = now() WHERE id = $1"};
constexpr db::Query kNextAddressId{"credentials_next_address_id",
                                   "SELECT nextval(pg_get_serial_sequence('addresses', 'id'))"};
constexpr db::Query kClearDefaultAddress{"credentials_clear_default_address",
                                         "UPDATE addresses SET is_default = false, updated_at = "
                                         "now() WHERE user_id = $1 AND is_default"};
constexpr db::Query kInsertAddress{
    "credentials_insert_address",
    "INSERT INTO addresses (id, user_id, sealed, is_default) OVERRIDING SYSTEM VALUE "
    "VALUES ($1, $2, $3, $4)"};
constexpr db::Query kListAddresses{
    "credentials_list_addresses",
    "SELECT id, sealed, is_default FROM addresses WHERE user_id = $1 "
    "ORDER BY is_default DESC, id"};
constexpr db::Query kDeleteAddress{"credentials_delete_address",
                                   "DELETE FROM addresses WHERE user_id = $1 AND id = $2"};

}  // namespace

std::string_view purpose_name(EmailTokenPurpose purpose) {
  switch (purpose) {
    case EmailTokenPurpose::verify_email:
      return "verify_email";
    case EmailTokenPurpose::reset_password:
      return "reset_password";
    case EmailTokenPurpose::unlock_login:
      return "unlock_login";
    case EmailTokenPurpose::invite:
      return "invite";
  }
  return "verify_email";
}

TotpState CredentialRepository::totp_state(std::int64_t user_id) {
  auto r = conn_.exec(kTotpState, user_id);
  if (r.empty()) return {};
  return {.sealed_secret = r.get<std::optional<std::string>>(0, 0),
          .last_step = r.get<std::int64_t>(0, 1),
          .enabled = r.get<bool>(0, 2)};
}

bool CredentialRepository::set_pending_totp(std::int64_t user_id, std::string_view sealed_secret) {
  return conn_.exec(kSetPendingTotp, user_id, sealed_secret).affected_rows() == 1;
}

void CredentialRepository::enable_totp(std::int64_t user_id, std::int64_t step) {
  conn_.exec(kEnableTotp, user_id, step);
}

bool CredentialRepository::use_totp_step(std::int64_t user_id, std::int64_t step) {
  return conn_.exec(kUseTotpStep, user_id, step).affected_rows() == 1;
}

void CredentialRepository::replace_recovery_codes(std::int64_t user_id,
                                                  const std::vector<std::string>& hashes) {
  conn_.exec(kDeleteRecoveryCodes, user_id);
  for (const auto& hash : hashes) conn_.exec(kInsertRecoveryCode, user_id, hash);
}

bool CredentialRepository::use_recovery_code(std::int64_t user_id, std::string_view code_hash) {
  return conn_.exec(kUseRecoveryCode, user_id, code_hash).affected_rows() == 1;
}

std::int64_t CredentialRepository::unused_recovery_codes(std::int64_t user_id) {
  return conn_.exec(kCountRecoveryCodes, user_id).get<std::int64_t>(0, 0);
}

void CredentialRepository::clear_two_factor(std::int64_t user_id) {
  conn_.exec(kClearTotp, user_id);
  conn_.exec(kDeleteRecoveryCodes, user_id);
}

void CredentialRepository::insert_email_token(std::int64_t user_id, EmailTokenPurpose purpose,
                                              std::string_view token_hash, std::chrono::seconds ttl,
                                              std::optional<std::string_view> password_hash) {
  conn_.exec(kInsertEmailToken, user_id, purpose_name(purpose), token_hash,
             std::to_string(ttl.count()), password_hash);
}

std::optional<std::int64_t> CredentialRepository::email_token_user(EmailTokenPurpose purpose,
                                                                   std::string_view token_hash) {
  auto r = conn_.exec(kEmailTokenUser, token_hash, purpose_name(purpose));
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

std::optional<std::int64_t> CredentialRepository::consume_email_token(EmailTokenPurpose purpose,
                                                                      std::string_view token_hash) {
  auto r = conn_.exec(kConsumeEmailToken, token_hash, purpose_name(purpose));
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

std::optional<ConsumedVerification> CredentialRepository::consume_verification(
    std::string_view token_hash) {
  auto r = conn_.exec(kConsumeVerification, token_hash);
  if (r.empty()) return std::nullopt;
  return ConsumedVerification{.user_id = r.get<std::int64_t>(0, 0),
                              .password_hash = r.get<std::optional<std::string>>(0, 1)};
}

bool CredentialRepository::has_live_email_token(std::int64_t user_id, EmailTokenPurpose purpose) {
  return conn_.exec(kLiveEmailToken, user_id, purpose_name(purpose)).one<bool>();
}

void CredentialRepository::revoke_email_tokens(std::int64_t user_id, EmailTokenPurpose purpose) {
  conn_.exec(kRevokeEmailTokens, user_id, purpose_name(purpose));
}

void CredentialRepository::revoke_all_email_tokens(std::int64_t user_id) {
  conn_.exec(kRevokeAllEmailTokens, user_id);
}

void CredentialRepository::mark_email_verified(std::int64_t user_id) {
  conn_.exec(kMarkEmailVerified, user_id);
}

void CredentialRepository::update_profile(std::int64_t user_id, std::string_view display_name,
                                          std::string_view locale) {
  conn_.exec(kUpdateProfile, user_id, display_name, locale);
}

std::int64_t CredentialRepository::next_address_id() {
  return conn_.exec(kNextAddressId).get<std::int64_t>(0, 0);
}

void CredentialRepository::insert_address(std::int64_t id, std::int64_t user_id,
                                          std::string_view sealed, bool is_default) {
  if (is_default) conn_.exec(kClearDefaultAddress, user_id);
  conn_.exec(kInsertAddress, id, user_id, sealed, is_default);
}

std::vector<SealedAddress> CredentialRepository::addresses(std::int64_t user_id) {
  auto r = conn_.exec(kListAddresses, user_id);
  std::vector<SealedAddress> out;
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.id = r.get<std::int64_t>(i, 0),
                   .sealed = r.get<std::string>(i, 1),
                   .is_default = r.get<bool>(i, 2)});
  return out;
}

bool CredentialRepository::delete_address(std::int64_t user_id, std::int64_t address_id) {
  return conn_.exec(kDeleteAddress, user_id, address_id).affected_rows() == 1;
}

}  // namespace comptoir::accounts
