#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

#include "accounts/auth_service.hpp"
#include "accounts/user.hpp"
#include "core/secret_keys.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

// What the enrolment page shows: the QR code and the same secret as text, for typing by hand.
struct Enrolment {
  std::string secret_text{};  // base32, in groups of four
  std::string otpauth_uri{};
  std::string qr_svg{};
};

// TOTP two-factor authentication (RFC 6238) with recovery codes. The secret is sealed at rest
// (users.totp_secret_sealed); a code's time step is recorded when used, so no code works twice.
class TwoFactorService {
 public:
  struct Deps {
    db::Database& db;
    const core::SecretKeys& keys;
    RateLimiter& limiter;
    RateLimit code_limit{};
    std::string issuer = "Comptoir";  // the name authenticator apps show
    // Wrong codes one half-signed-in session may send: the burst-th ends it (count_failure).
    RateLimit session_failures{.burst = 5, .per_second = 1.0 / 900};
    std::string base_url{};  // for the link in the lockout mail
  };
  explicit TwoFactorService(Deps deps) : deps_(std::move(deps)) {}

  // The pending secret of `user` (made on the first visit, kept until confirmed, so reloading
  // the page shows the same QR code). `qr_label` is the QR code's accessible name.
  boost::asio::awaitable<Enrolment> enrolment(const User& user, std::string qr_label);
  // Turns 2FA on when `code` is right for the pending secret; returns the 10 recovery codes,
  // shown once (only their hashes are kept).
  boost::asio::awaitable<Outcome<std::vector<std::string>>> confirm(const User& user,
                                                                    std::string code,
                                                                    RequestInfo info);
  // The second step of a login: a current TOTP code or an unused recovery code.
  boost::asio::awaitable<Outcome<void>> check(const User& user, std::string code, RequestInfo info);
  // Counts a wrong code of the sign-in whose session id hash is `session`. At the
  // `session_failures.burst`-th, the lockout is audited and the owner mailed (in their locale),
  // and true is returned: the caller ends the session, so the password must be given again.
  boost::asio::awaitable<bool> count_failure(const User& user, std::string session,
                                             RequestInfo info);

 private:
  Deps deps_;
};

// "JBSWY3DPEHPK3PXP…" → "JBSW Y3DP EHPK 3PXP …"
std::string group_by_four(std::string_view text);

}  // namespace comptoir::accounts
