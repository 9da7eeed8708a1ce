#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "accounts/audit_log.hpp"
#include "accounts/password.hpp"
#include "accounts/rate_limiter.hpp"
#include "accounts/session.hpp"
#include "accounts/user.hpp"
#include "core/config.hpp"
#include "core/locale.hpp"
#include "core/waiter.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

class PasswordHasher;
enum class EmailTokenPurpose;

// Brute-force limits per form (token buckets; see RateLimiter). Each attempt takes from the
// bucket of the client's IP and, where there is one, of the account it names.
//
// A login takes from three in turn, stopping at the first that refuses: the client's IP, the
// pair of the account and that IP (strict: one address guessing one password), then the account
// as a whole (soft: many addresses together). A stranger thus locks out only their own address;
// the owner, from another one, still gets in until the account-wide limit trips, and then is
// mailed a link that lets them in anyway.
struct AuthLimits {
  RateLimit login_ip{.burst = 30, .per_second = 1.0 / 6};
  // At most 40 + 60 failures in any hour: OWASP ASVS 2.2.1 allows 100 per account.
  RateLimit login_account{.burst = 40, .per_second = 1.0 / 60};
  RateLimit login_account_ip{.burst = 5, .per_second = 1.0 / 60};
  // The password-change form's check of the current password: its own bucket, so a wrong current
  // password there and failed logins do not count against each other.
  RateLimit password_account{.burst = 5, .per_second = 1.0 / 60};
  RateLimit register_ip{.burst = 5, .per_second = 1.0 / 120};
  RateLimit reset_ip{.burst = 5, .per_second = 1.0 / 120};
  RateLimit reset_account{.burst = 3, .per_second = 1.0 / 300};
  RateLimit code_account{.burst = 5, .per_second = 1.0 / 30};
  // The forms that send mail, per account (its email, hashed) as well as per IP: registering
  // the same address again and again, or resending a verification link.
  RateLimit register_account{.burst = 3, .per_second = 1.0 / 600};
  RateLimit verify_ip{.burst = 10, .per_second = 1.0 / 120};
  RateLimit verify_account{.burst = 3, .per_second = 1.0 / 600};
  // Wrong 2FA codes in one half-signed-in session: the burst-th ends it (TwoFactorService::
  // count_failure); one is forgiven every 15 minutes.
  RateLimit code_session{.burst = 5, .per_second = 1.0 / 900};
};

// The built-in limits with the overrides of COMPTOIR_RATE_LIMITS applied.
AuthLimits auth_limits(const std::vector<core::RateLimitSetting>& overrides);

// Where a request comes from, for rate limits and the audit log, and who waits for its answer
// (password hashing skips the work of a client that has gone; null: never gone).
struct RequestInfo {
  ClientInfo client{};
  std::string request_id{};
  std::shared_ptr<const core::Waiter> waiter{};
};

struct Refusal {
  enum class Code {
    rate_limited,
    account_locked,  // the account-wide login limit: its owner was mailed an unlock link
    bad_credentials,
    invalid_email,
    weak_password,
    wrong_password,
    bad_token,
    busy  // the password hasher's queue is full (or the client left): 503, try again shortly
  };
  Code code;
  std::chrono::seconds retry_after{0};
  std::optional<PasswordProblem> password_problem{};
};

template <class T>
using Outcome = std::expected<T, Refusal>;

// Sign-up, sign-in and passwords: the rules, each change in one transaction with its audit record
// and its mail (written to email_outbox, sent by the email worker).
class AuthService {
 public:
  struct Deps {
    db::Database& db;
    PasswordHasher& hasher;
    const CommonPasswords& common;
    RateLimiter& limiter;
    std::string base_url;  // for links in mails
    AuthLimits limits{};
  };
  explicit AuthService(Deps deps) : deps_(std::move(deps)) {}

  // The user whose email and password these are. Every refusal is the same `bad_credentials`
  // whether the email exists or not, and takes as long (a password is hashed either way). A hash
  // made with other limits is replaced, in the transaction that records the login.
  //
  // Every method that hashes a password answers `busy` first of all, before any throttle or
  // lookup, when the hasher's queue is full.
  boost::asio::awaitable<Outcome<User>> login(std::string email, std::string password,
                                              RequestInfo info);
  // Registration, answered alike whether the email is new or known (a password is hashed either
  // way): a new address is sent a link that finishes the registration (the account exists, with
  // no password, until it is followed); the owner of a known one is mailed that someone tried.
  boost::asio::awaitable<Outcome<void>> register_customer(std::string email, std::string password,
                                                          std::string display_name,
                                                          core::Locale locale, RequestInfo info);
  // Mails a new verification link; rate_limited per IP and per account. `asked_by`: who asked
  // when it is not the account's owner (a staff member from the back office), the actor of the
  // audit row (email.verification_sent).
  boost::asio::awaitable<Outcome<void>> send_verification(
      const User& user, RequestInfo info, std::optional<Actor> asked_by = std::nullopt);
  // Marks the email of the token's user verified; bad_token when unknown, used or expired. A
  // registration's link also gives the account the password chosen on the form.
  struct Verified {
    User user;
    bool registration = false;  // the link finished a registration
  };
  boost::asio::awaitable<Outcome<Verified>> verify_email(std::string token, RequestInfo info);
  // The unlock link mailed when the account-wide login limit trips: with the account's password,
  // empties every login bucket of the account and lets its owner in (the link is used up then).
  boost::asio::awaitable<Outcome<User>> unlock(std::string token, std::string password,
                                               RequestInfo info);
  // Checks `current`, sets `next`, and ends every other session of the user.
  boost::asio::awaitable<Outcome<void>> change_password(const Session& session, std::string current,
                                                        std::string next, RequestInfo info);
  // The signed-in user proves it is them before a sensitive action of their own (a copy of their
  // data, closing their account): `password` is checked against the account's, throttled with the
  // password-change form's bucket (password_account). wrong_password also for an account with no
  // password (Clerk's, or an invitation never followed).
  boost::asio::awaitable<Outcome<void>> confirm_password(const User& user, std::string password,
                                                         RequestInfo info);
  boost::asio::awaitable<void> update_profile(const User& user, std::string display_name,
                                              core::Locale locale, RequestInfo info);
  // Mails a reset link when the email has an account; says nothing either way.
  boost::asio::awaitable<Outcome<void>> request_reset(std::string email, core::Locale locale,
                                                      RequestInfo info);
  // Sets the password of the token's user, ends all their sessions and unlocks their account.
  boost::asio::awaitable<Outcome<User>> reset_password(std::string token, std::string password,
                                                       RequestInfo info);
  // The link of a staff invitation (StaffAdmin::invite): gives the invitee's account its first
  // password (the registration's policy), marks its email verified (the link proved the mailbox)
  // and uses the link up. They sign in with it next and, being staff, enrol two-factor before
  // anything else. bad_token when the link is unknown, used or expired, or the account is
  // disabled or has a password already.
  boost::asio::awaitable<Outcome<User>> accept_invitation(std::string token, std::string password,
                                                          RequestInfo info);

 private:
  boost::asio::awaitable<std::optional<Refusal>> throttle(std::string bucket, RateLimit limit);
  // A new password for the user of a mailed link (reset, invitation): the link's user, when it is
  // usable and the account not disabled, and the password, checked against the policy, hashed.
  // The link is not used up: the caller does that with the change.
  struct LinkPassword {
    User user;
    std::string hash;
  };
  boost::asio::awaitable<Outcome<LinkPassword>> password_for_link(EmailTokenPurpose purpose,
                                                                  std::string token_hash,
                                                                  std::string password,
                                                                  RequestInfo info);
  // Mails the owner of `email` an unlock link, unless one is still live (once per lock).
  boost::asio::awaitable<void> mail_unlock_link(const std::string& email, const RequestInfo& info);

  Deps deps_;
};

// The rate-limit bucket for an email: hashed, so the table holds no addresses.
std::string account_bucket(std::string_view form, std::string_view normalized_email);

}  // namespace comptoir::accounts
