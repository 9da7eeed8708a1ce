#include "accounts/auth_service.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "accounts/account_urls.hpp"
#include "accounts/api_token.hpp"
#include "accounts/audit_log.hpp"
#include "accounts/credential_repository.hpp"
#include "accounts/mailed_token.hpp"
#include "accounts/password_hasher.hpp"
#include "accounts/user_repository.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "notify/outbox.hpp"
#include "throttle/limits.hpp"

namespace comptoir::accounts {
namespace {

std::unexpected<Refusal> refuse(Refusal::Code code) {
  return std::unexpected(Refusal{.code = code});
}

std::unexpected<Refusal> busy() {
  return std::unexpected(
      Refusal{.code = Refusal::Code::busy, .retry_after = PasswordHasher::kRetryAfter});
}

AuditEntry audit(std::string action, const RequestInfo& info, std::optional<std::int64_t> user) {
  AuditEntry entry{.actor = user ? Actor::user(*user) : Actor::anonymous(),
                   .action = std::move(action),
                   .ip = info.client.ip,
                   .request_id = info.request_id};
  if (user) {
    entry.target_kind = "user";
    entry.target_id = std::to_string(*user);
  }
  return entry;
}

core::Locale locale_of(const User& user) {
  return user.locale == "en" ? core::Locale::en : core::Locale::fr;
}

// To the owner of an address someone tried to register again: no token, a link to log in.
void mail_registration_attempt(db::Connection& conn, const User& owner, std::string_view base_url) {
  auto locale = locale_of(owner);
  notify::Mail mail{.to = owner.email,
                    .locale = locale,
                    .template_name = "accounts.registration_attempt",
                    .payload = {{"name", owner.display_name},
                                {"link", fmt::format("{}{}", base_url, urls::kLogin[locale])}}};
  notify::Outbox::enqueue(conn, mail);
}

// The pair of an account and a client address, named after the account's bucket so that
// RateLimiter::reset_family empties both.
std::string account_ip_bucket(std::string_view account_bucket, std::string_view ip) {
  return fmt::format("{}:ip:{}", account_bucket, ip);
}

}  // namespace

AuthLimits auth_limits(const std::vector<core::RateLimitSetting>& overrides) {
  AuthLimits limits;
  const std::pair<std::string_view, RateLimit*> named[] = {
      {"login_ip", &limits.login_ip},
      {"login_account", &limits.login_account},
      {"login_account_ip", &limits.login_account_ip},
      {"password_account", &limits.password_account},
      {"register_ip", &limits.register_ip},
      {"reset_ip", &limits.reset_ip},
      {"reset_account", &limits.reset_account},
      {"code_account", &limits.code_account},
      {"register_account", &limits.register_account},
      {"verify_ip", &limits.verify_ip},
      {"verify_account", &limits.verify_account},
      {"code_session", &limits.code_session}};
  throttle::apply_overrides(overrides, named);
  return limits;
}

std::string account_bucket(std::string_view form, std::string_view normalized_email) {
  return fmt::format("{}:account:{}", form, hash_secret(normalized_email).substr(0, 32));
}

boost::asio::awaitable<std::optional<Refusal>> AuthService::throttle(std::string bucket,
                                                                     RateLimit limit) {
  auto decision = co_await deps_.limiter.take(std::move(bucket), limit);
  if (decision.allowed) co_return std::nullopt;
  co_return Refusal{.code = Refusal::Code::rate_limited, .retry_after = decision.retry_after};
}

boost::asio::awaitable<Outcome<User>> AuthService::login(std::string email, std::string password,
                                                         RequestInfo info) {
  email = normalize_email(email);
  // First of all: a full queue refuses every email alike, at once, with no database work.
  auto ticket = deps_.hasher.admit(info.waiter);
  if (!ticket) co_return busy();
  // Buckets are named first: GCC 12 mishandles class temporaries inside co_await expressions.
  auto ip_bucket = "login:ip:" + info.client.ip;
  if (auto refused = co_await throttle(ip_bucket, deps_.limits.login_ip))
    co_return std::unexpected(*refused);
  // The pair first: an address past its own limit takes nothing more from the account's, so one
  // stranger alone can never empty it.
  auto account = account_bucket("login", email);
  auto pair = account_ip_bucket(account, info.client.ip);
  if (auto refused = co_await throttle(pair, deps_.limits.login_account_ip))
    co_return std::unexpected(*refused);
  if (auto refused = co_await throttle(account, deps_.limits.login_account)) {
    co_await mail_unlock_link(email, info);
    refused->code = Refusal::Code::account_locked;
    co_return std::unexpected(*refused);
  }

  auto found = co_await deps_.db.transact([&](db::Connection& conn) {
    return is_plausible_email(email) ? UserRepository(conn).find_for_login(email) : std::nullopt;
  });
  std::optional<bool> checked;
  if (found && found->password_hash) {
    checked = co_await deps_.hasher.verify(*ticket, *found->password_hash, password);
  } else {
    checked = co_await deps_.hasher.verify_nobody(*ticket, password);
  }
  if (!checked) co_return busy();  // the client left before its turn: nothing was checked
  bool ok = *checked && !found->user.disabled_at;

  std::optional<std::int64_t> user_id;
  if (found) user_id = found->user.id;
  auto entry = audit(ok ? "login.succeeded" : "login.failed", info, user_id);
  // What was typed, bounded (the form was checked to be UTF-8): repeated failures on one address
  // are what an operator looks for.
  if (!ok) entry.details["email"] = email.substr(0, 254);
  // Stored with other limits (older ones, or libsodium's moderate ones we used before): the
  // password just verified is hashed again with the current ones.
  std::optional<std::string> rehashed;
  if (ok && needs_rehash(*found->password_hash, deps_.hasher.limits()))
    rehashed = co_await deps_.hasher.hash(*ticket, password);
  // One commit records the attempt, stores the new hash and, on success, empties the pair's
  // bucket (not the account's: the owner signing in must not give a distributed guesser a new
  // allowance): the success path then costs about what a failure costs.
  co_await deps_.db.transact([&](db::Connection& conn) {
    if (rehashed) UserRepository(conn).set_password_hash(*user_id, *rehashed);
    append_audit(conn, entry);
    if (ok) RateLimiter::reset(conn, pair);
  });
  if (!ok) co_return refuse(Refusal::Code::bad_credentials);
  co_return found->user;
}

boost::asio::awaitable<void> AuthService::mail_unlock_link(const std::string& email,
                                                           const RequestInfo& info) {
  // The same transaction for a known email and an unknown one; only an account that can be
  // signed in to gets the mail, and only when its last link has been used or has expired.
  co_await deps_.db.transact([&](db::Connection& conn) {
    if (!is_plausible_email(email)) return;
    UserRepository users(conn);
    auto found = users.find_for_login(email);
    if (!found || !found->password_hash || found->user.disabled_at) return;
    users.lock(found->user.id);
    if (CredentialRepository(conn).has_live_email_token(found->user.id,
                                                        EmailTokenPurpose::unlock_login))
      return;
    mail_token(conn, found->user, EmailTokenPurpose::unlock_login, deps_.base_url,
               locale_of(found->user));
    append_audit(conn, audit("login.locked", info, found->user.id));
  });
}

boost::asio::awaitable<Outcome<User>> AuthService::unlock(std::string token, std::string password,
                                                          RequestInfo info) {
  auto ticket = deps_.hasher.admit(info.waiter);
  if (!ticket) co_return busy();
  auto token_hash = hash_secret(token);
  // Only looked up: the link is used up with the login it lets through, so a mistyped password
  // leaves it usable.
  auto found =
      co_await deps_.db.transact([&](db::Connection& conn) -> std::optional<LoginCredentials> {
        auto user_id = CredentialRepository(conn).email_token_user(EmailTokenPurpose::unlock_login,
                                                                   token_hash);
        if (!user_id) return std::nullopt;
        UserRepository users(conn);
        auto user = users.find(*user_id);
        if (!user) return std::nullopt;
        return LoginCredentials{.user = std::move(*user),
                                .password_hash = users.password_hash(*user_id)};
      });
  if (!found || !found->password_hash || found->user.disabled_at)
    co_return refuse(Refusal::Code::bad_token);
  // The link passes the account's limit, not the pair's: this form guesses no better than a login.
  auto account = account_bucket("login", found->user.email);
  auto pair = account_ip_bucket(account, info.client.ip);
  if (auto refused = co_await throttle(pair, deps_.limits.login_account_ip))
    co_return std::unexpected(*refused);
  auto checked = co_await deps_.hasher.verify(*ticket, *found->password_hash, password);
  if (!checked) co_return busy();
  const auto user_id = found->user.id;
  if (!*checked) {
    co_await deps_.db.transact([&](db::Connection& conn) {
      auto entry = audit("login.failed", info, user_id);
      entry.details["via"] = "unlock_link";
      append_audit(conn, entry);
    });
    co_return refuse(Refusal::Code::bad_credentials);
  }
  std::optional<std::string> rehashed;
  if (needs_rehash(*found->password_hash, deps_.hasher.limits()))
    rehashed = co_await deps_.hasher.hash(*ticket, password);
  auto unlocked = co_await deps_.db.transact([&](db::Connection& conn) {
    auto used =
        CredentialRepository(conn).consume_email_token(EmailTokenPurpose::unlock_login, token_hash);
    if (used != user_id) return false;  // used meanwhile by another request
    if (rehashed) UserRepository(conn).set_password_hash(user_id, *rehashed);
    RateLimiter::reset_family(conn, account);
    append_audit(conn, audit("login.unlocked", info, user_id));
    auto entry = audit("login.succeeded", info, user_id);
    entry.details["via"] = "unlock_link";
    append_audit(conn, entry);
    return true;
  });
  if (!unlocked) co_return refuse(Refusal::Code::bad_token);
  co_return found->user;
}

boost::asio::awaitable<Outcome<void>> AuthService::register_customer(std::string email,
                                                                     std::string password,
                                                                     std::string display_name,
                                                                     core::Locale locale,
                                                                     RequestInfo info) {
  auto ticket = deps_.hasher.admit(info.waiter);
  if (!ticket) co_return busy();
  auto ip_bucket = "register:ip:" + info.client.ip;
  if (auto refused = co_await throttle(ip_bucket, deps_.limits.register_ip))
    co_return std::unexpected(*refused);
  email = normalize_email(email);
  if (!is_plausible_email(email)) co_return refuse(Refusal::Code::invalid_email);
  if (auto policy = check_password_policy(password, email, deps_.common); !policy)
    co_return std::unexpected(
        Refusal{.code = Refusal::Code::weak_password, .password_problem = policy.error()});
  // Per address too, before anything is looked up: the same answer whether it has an account or
  // not.
  auto account = account_bucket("register", email);
  if (auto refused = co_await throttle(account, deps_.limits.register_account))
    co_return std::unexpected(*refused);
  // Hashed before anything is looked up, whoever holds the address: the answer and its timing
  // are the same for a new email and a known one.
  auto hash = co_await deps_.hasher.hash(*ticket, password);
  if (!hash) co_return busy();
  co_await deps_.db.transact([&](db::Connection& conn) {
    UserRepository users(conn);
    auto holder = users.find_holder(email);
    if (holder && !holder->awaiting_confirmation) {
      // Someone registering an address that has an account: its owner hears of it, and nobody
      // else learns anything.
      if (holder->user.disabled_at) return;
      mail_registration_attempt(conn, holder->user, deps_.base_url);
      append_audit(conn, audit("user.registration_attempted", info, holder->user.id));
      return;
    }
    std::optional<User> user;
    if (holder) {
      user = holder->user;  // an earlier registration never confirmed: this one may finish it
    } else {
      auto role = users.find_role("customer");
      if (!role) throw std::logic_error("the built-in role 'customer' is missing");
      // No password until the link is followed: until then the account cannot be signed in to.
      auto id = users.insert({.email = email,
                              .display_name = display_name,
                              .locale = std::string(core::code(locale)),
                              .role_id = role->id});
      if (!id) return;  // registered by a concurrent request, which mails the address
      user = users.find(*id);
      append_audit(conn, audit("user.registered", info, *id));
    }
    user->display_name = display_name;  // the greeting of this form's mail
    std::optional<std::string_view> chosen = *hash;
    mail_token(conn, *user, EmailTokenPurpose::verify_email, deps_.base_url, locale, chosen);
  });
  co_return Outcome<void>{};
}

// Its default argument is built inside the caller's co_await: GCC 12 may destroy such a temporary
// twice (architecture.md), harmless only while it has nothing to free.
static_assert(std::is_trivially_destructible_v<std::optional<Actor>>);

boost::asio::awaitable<Outcome<void>> AuthService::send_verification(
    const User& user, RequestInfo info, std::optional<Actor> asked_by) {
  if (user.email_verified) co_return Outcome<void>{};
  auto ip_bucket = "verify:ip:" + info.client.ip;
  if (auto refused = co_await throttle(ip_bucket, deps_.limits.verify_ip))
    co_return std::unexpected(*refused);
  auto bucket = account_bucket("verify", user.email);
  if (auto refused = co_await throttle(bucket, deps_.limits.verify_account))
    co_return std::unexpected(*refused);
  co_await deps_.db.transact([&](db::Connection& conn) {
    mail_token(conn, user, EmailTokenPurpose::verify_email, deps_.base_url, locale_of(user));
    auto entry = audit("email.verification_sent", info, user.id);
    if (asked_by) entry.actor = *asked_by;
    append_audit(conn, entry);
  });
  co_return Outcome<void>{};
}

boost::asio::awaitable<Outcome<AuthService::Verified>> AuthService::verify_email(std::string token,
                                                                                 RequestInfo info) {
  auto hash = hash_secret(token);
  auto verified = co_await deps_.db.transact([&](db::Connection& conn) -> std::optional<Verified> {
    CredentialRepository credentials(conn);
    auto used = credentials.consume_verification(hash);
    if (!used) return std::nullopt;
    UserRepository users(conn);
    bool registration = false;
    if (used->password_hash) {
      // The registration this link finishes: its password becomes the account's, and the other
      // registrations of the address (someone else's, perhaps) can no longer be finished.
      registration = users.set_first_password_hash(used->user_id, *used->password_hash);
      credentials.revoke_email_tokens(used->user_id, EmailTokenPurpose::verify_email);
      if (registration)
        append_audit(conn, audit("user.registration_confirmed", info, used->user_id));
    }
    credentials.mark_email_verified(used->user_id);
    append_audit(conn, audit("email.verified", info, used->user_id));
    auto user = users.find(used->user_id);
    if (!user) return std::nullopt;
    return Verified{.user = std::move(*user), .registration = registration};
  });
  if (!verified) co_return refuse(Refusal::Code::bad_token);
  co_return std::move(*verified);
}

boost::asio::awaitable<Outcome<void>> AuthService::change_password(const Session& session,
                                                                   std::string current,
                                                                   std::string next,
                                                                   RequestInfo info) {
  auto ticket = deps_.hasher.admit(info.waiter);
  if (!ticket) co_return busy();
  const User& user = *session.user;
  // Its own bucket: a wrong current password here must not lock the account's logins, nor failed
  // logins this form.
  auto bucket = account_bucket("password", user.email);
  if (auto refused = co_await throttle(bucket, deps_.limits.password_account))
    co_return std::unexpected(*refused);
  auto stored = co_await deps_.db.transact(
      [&](db::Connection& conn) { return UserRepository(conn).password_hash(user.id); });
  std::optional<bool> checked = false;
  if (stored) checked = co_await deps_.hasher.verify(*ticket, *stored, current);
  if (!checked) co_return busy();
  if (!*checked) co_return refuse(Refusal::Code::wrong_password);
  if (auto policy = check_password_policy(next, user.email, deps_.common); !policy)
    co_return std::unexpected(
        Refusal{.code = Refusal::Code::weak_password, .password_problem = policy.error()});
  auto hash = co_await deps_.hasher.hash(*ticket, next);
  if (!hash) co_return busy();
  auto keep = session.id_hash;
  co_await deps_.db.transact([&](db::Connection& conn) {
    UserRepository users(conn);
    users.set_password_hash(user.id, *hash);
    users.delete_sessions(user.id, keep);
    CredentialRepository(conn).revoke_email_tokens(user.id, EmailTokenPurpose::reset_password);
    append_audit(conn, audit("password.changed", info, user.id));
  });
  co_return Outcome<void>{};
}

boost::asio::awaitable<Outcome<void>> AuthService::confirm_password(const User& user,
                                                                    std::string password,
                                                                    RequestInfo info) {
  auto ticket = deps_.hasher.admit(info.waiter);
  if (!ticket) co_return busy();
  auto bucket = account_bucket("password", user.email);
  if (auto refused = co_await throttle(bucket, deps_.limits.password_account))
    co_return std::unexpected(*refused);
  auto stored = co_await deps_.db.transact(
      [&](db::Connection& conn) { return UserRepository(conn).password_hash(user.id); });
  std::optional<bool> checked;
  if (stored) {
    checked = co_await deps_.hasher.verify(*ticket, *stored, password);
  } else {
    checked = co_await deps_.hasher.verify_nobody(*ticket, password);
    if (checked) checked = false;
  }
  if (!checked) co_return busy();
  if (!*checked) {
    co_await deps_.db.transact([&](db::Connection& conn) {
      append_audit(conn, audit("password.confirmation_failed", info, user.id));
    });
    co_return refuse(Refusal::Code::wrong_password);
  }
  co_return Outcome<void>{};
}

boost::asio::awaitable<void> AuthService::update_profile(const User& user, std::string display_name,
                                                         core::Locale locale, RequestInfo info) {
  co_await deps_.db.transact([&](db::Connection& conn) {
    CredentialRepository(conn).update_profile(user.id, display_name, core::code(locale));
    auto entry = audit("user.profile_updated", info, user.id);
    entry.details["locale"] = core::code(locale);
    append_audit(conn, entry);
  });
}

boost::asio::awaitable<Outcome<void>> AuthService::request_reset(std::string email,
                                                                 core::Locale locale,
                                                                 RequestInfo info) {
  email = normalize_email(email);
  auto ip_bucket = "reset:ip:" + info.client.ip;
  if (auto refused = co_await throttle(ip_bucket, deps_.limits.reset_ip))
    co_return std::unexpected(*refused);
  if (!is_plausible_email(email)) co_return refuse(Refusal::Code::invalid_email);
  // Over the account's limit the answer is the same "check your inbox": only the mail is skipped.
  auto bucket = account_bucket("reset", email);
  auto account_refusal = co_await throttle(bucket, deps_.limits.reset_account);
  if (account_refusal) co_return Outcome<void>{};
  co_await deps_.db.transact([&](db::Connection& conn) {
    auto user = UserRepository(conn).find_by_email(email);
    if (!user || user->disabled_at) return;
    mail_token(conn, *user, EmailTokenPurpose::reset_password, deps_.base_url, locale);
    append_audit(conn, audit("password.reset_requested", info, user->id));
  });
  co_return Outcome<void>{};
}

boost::asio::awaitable<Outcome<AuthService::LinkPassword>> AuthService::password_for_link(
    EmailTokenPurpose purpose, std::string token_hash, std::string password, RequestInfo info) {
  auto ticket = deps_.hasher.admit(info.waiter);
  if (!ticket) co_return busy();
  // Check the token and the policy before the costly hash; the token is consumed only with the
  // change itself, so a refused password leaves the link usable.
  auto user = co_await deps_.db.transact([&](db::Connection& conn) -> std::optional<User> {
    auto user_id = CredentialRepository(conn).email_token_user(purpose, token_hash);
    if (!user_id) return std::nullopt;
    return UserRepository(conn).find(*user_id);
  });
  if (!user || user->disabled_at) co_return refuse(Refusal::Code::bad_token);
  if (auto policy = check_password_policy(password, user->email, deps_.common); !policy)
    co_return std::unexpected(
        Refusal{.code = Refusal::Code::weak_password, .password_problem = policy.error()});
  auto hash = co_await deps_.hasher.hash(*ticket, password);
  if (!hash) co_return busy();
  co_return LinkPassword{.user = std::move(*user), .hash = std::move(*hash)};
}

boost::asio::awaitable<Outcome<User>> AuthService::reset_password(std::string token,
                                                                  std::string password,
                                                                  RequestInfo info) {
  auto token_hash = hash_secret(token);
  auto checked = co_await password_for_link(EmailTokenPurpose::reset_password, token_hash,
                                            std::move(password), info);
  if (!checked) co_return std::unexpected(checked.error());
  const auto& user = checked->user;
  const auto& hash = checked->hash;
  auto changed = co_await deps_.db.transact([&](db::Connection& conn) {
    CredentialRepository credentials(conn);
    auto user_id = credentials.consume_email_token(EmailTokenPurpose::reset_password, token_hash);
    if (user_id != user.id) return false;  // used meanwhile by another request
    UserRepository users(conn);
    users.set_password_hash(user.id, hash);
    users.delete_sessions(user.id);
    // Following the link proves the mailbox, as verification does.
    credentials.mark_email_verified(user.id);
    append_audit(conn, audit("password.reset", info, user.id));
    // Every login bucket of the account, per address included: its owner is back.
    RateLimiter::reset_family(conn, account_bucket("login", user.email));
    return true;
  });
  if (!changed) co_return refuse(Refusal::Code::bad_token);
  co_return user;
}

boost::asio::awaitable<Outcome<User>> AuthService::accept_invitation(std::string token,
                                                                     std::string password,
                                                                     RequestInfo info) {
  auto token_hash = hash_secret(token);
  auto checked =
      co_await password_for_link(EmailTokenPurpose::invite, token_hash, std::move(password), info);
  if (!checked) co_return std::unexpected(checked.error());
  const auto& user = checked->user;
  const auto& hash = checked->hash;
  auto accepted = co_await deps_.db.transact([&](db::Connection& conn) {
    CredentialRepository credentials(conn);
    auto user_id = credentials.consume_email_token(EmailTokenPurpose::invite, token_hash);
    if (user_id != user.id) return false;  // used meanwhile by another request
    // Only an account that has no password yet: an invitation never replaces one.
    if (!UserRepository(conn).set_first_password_hash(user.id, hash)) return false;
    credentials.revoke_email_tokens(user.id, EmailTokenPurpose::invite);
    credentials.mark_email_verified(user.id);
    append_audit(conn, audit("user.invitation_accepted", info, user.id));
    return true;
  });
  if (!accepted) co_return refuse(Refusal::Code::bad_token);
  co_return user;
}

}  // namespace comptoir::accounts
