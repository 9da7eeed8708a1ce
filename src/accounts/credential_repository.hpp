#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::accounts {

enum class EmailTokenPurpose { verify_email, reset_password, unlock_login, invite };

// A verification token just used: its user, and the password a registration chose, which waits
// with the token until the link proves the mailbox.
struct ConsumedVerification {
  std::int64_t user_id = 0;
  std::optional<std::string> password_hash{};
};

struct TotpState {
  std::optional<std::string> sealed_secret{};  // pending (enrolment started) or enabled
  std::int64_t last_step = 0;
  bool enabled = false;
};

struct SealedAddress {
  std::int64_t id = 0;
  std::string sealed{};
  bool is_default = false;
};

// SQL for what proves who a user is and what reaches them: 2FA secrets and recovery codes, email
// tokens, profile fields and sealed addresses. Runs on the caller's connection. (The mails that
// carry the tokens go through notify::Outbox.)
class CredentialRepository {
 public:
  explicit CredentialRepository(db::Connection& conn) : conn_(conn) {}

  TotpState totp_state(std::int64_t user_id);
  // Starts (or restarts) enrolment; refused (false) once 2FA is enabled.
  bool set_pending_totp(std::int64_t user_id, std::string_view sealed_secret);
  void enable_totp(std::int64_t user_id, std::int64_t step);
  // Records `step` as used when it is newer than the last used one; false if it is not (a
  // replay, even one racing on another process).
  bool use_totp_step(std::int64_t user_id, std::int64_t step);
  void replace_recovery_codes(std::int64_t user_id, const std::vector<std::string>& hashes);
  bool use_recovery_code(std::int64_t user_id, std::string_view code_hash);
  std::int64_t unused_recovery_codes(std::int64_t user_id);
  // 2FA off and its recovery codes gone (a secret someone else may have enrolled).
  void clear_two_factor(std::int64_t user_id);

  // `password_hash`: a registration's password, set when a verify_email token is used.
  void insert_email_token(std::int64_t user_id, EmailTokenPurpose purpose,
                          std::string_view token_hash, std::chrono::seconds ttl,
                          std::optional<std::string_view> password_hash = std::nullopt);
  // The token's user when it is usable (exists, this purpose, unused, not expired); nothing
  // changes.
  std::optional<std::int64_t> email_token_user(EmailTokenPurpose purpose,
                                               std::string_view token_hash);
  // Marks the token used and returns its user, when it exists, has this purpose, is unused and
  // has not expired.
  std::optional<std::int64_t> consume_email_token(EmailTokenPurpose purpose,
                                                  std::string_view token_hash);
  // consume_email_token for verify_email, with the password a registration left there.
  std::optional<ConsumedVerification> consume_verification(std::string_view token_hash);
  // A token of this purpose is still usable (an unlock link is mailed once while it lives).
  bool has_live_email_token(std::int64_t user_id, EmailTokenPurpose purpose);
  // Every unused token of this purpose dies (a newer one was sent, or the password changed).
  void revoke_email_tokens(std::int64_t user_id, EmailTokenPurpose purpose);
  // Every unused token of the user, whatever its purpose.
  void revoke_all_email_tokens(std::int64_t user_id);
  void mark_email_verified(std::int64_t user_id);

  void update_profile(std::int64_t user_id, std::string_view display_name, std::string_view locale);

  // An address row is inserted with its id known first, since the id is in the associated data.
  std::int64_t next_address_id();
  void insert_address(std::int64_t id, std::int64_t user_id, std::string_view sealed,
                      bool is_default);
  std::vector<SealedAddress> addresses(std::int64_t user_id);
  bool delete_address(std::int64_t user_id, std::int64_t address_id);

 private:
  db::Connection& conn_;
};

std::string_view purpose_name(EmailTokenPurpose purpose);

}  // namespace comptoir::accounts
