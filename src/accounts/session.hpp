#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/user.hpp"
#include "core/secret_keys.hpp"
#include "http/types.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

inline constexpr std::string_view kSessionCookie = "__Host-comptoir_session";

// How long sessions last. A session ends at whichever comes first: `idle` without a request, or
// `lifetime` after it was opened. Staff sessions are short: they can change the shop.
struct SessionPolicy {
  std::chrono::seconds guest_idle{std::chrono::days{7}};
  std::chrono::seconds guest_lifetime{std::chrono::days{30}};
  std::chrono::seconds customer_idle{std::chrono::days{7}};
  std::chrono::seconds customer_lifetime{std::chrono::days{30}};
  std::chrono::seconds staff_idle{std::chrono::minutes{30}};
  std::chrono::seconds staff_lifetime{std::chrono::hours{12}};
  // last_seen_at is written at most this often, so browsing does not write on every page.
  std::chrono::seconds touch_every{std::chrono::minutes{1}};
  // The cookie's Secure attribute. Always on: the __Host- prefix requires it, and browsers accept
  // Secure cookies from http://localhost and http://127.0.0.1 in development.
  bool secure_cookie = true;
};

// One visitor's server-side session. The cookie holds `id` (256 random bits, hex); the database
// holds only its SHA-256, so a stolen dump opens no session.
struct Session {
  // Empty: a visitor we have not needed a session for. Set and not `in_store`: a visitor who was
  // shown a form (the cookie is sent, the CSRF token derived from the id) but wrote nothing yet.
  std::string id{};
  std::string id_hash{};
  std::string csrf_token{};
  bool in_store = false;       // the row exists in `sessions`
  std::optional<User> user{};  // set once the password was accepted
  bool mfa_passed = false;     // the second factor was given in this session
  // When the holder last proved who they are with the second factor: at sign-in, or again for a
  // money or destructive action (reconfirm). Unset without a second factor.
  std::optional<std::chrono::sys_seconds> verified_at{};

  // The cookie must be (re)sent: the session was created or its id rotated.
  bool send_cookie = false;
  // The cookie must be removed: the session ended, or the one the browser sent had expired.
  bool clear_cookie = false;

  bool stored() const { return in_store; }
  // Fully signed in: password, and the code when the account has 2FA.
  bool signed_in() const { return user && (!user->totp_enabled || mfa_passed); }
  // The password was right; the 2FA code is still to come.
  bool awaiting_code() const { return user && user->totp_enabled && !mfa_passed; }
  // Staff must enrol in 2FA before anything else.
  bool must_enrol() const { return signed_in() && user->is_staff() && !user->totp_enabled; }
};

// What the account page lists about each session of a user.
struct SessionSummary {
  std::string id_hash{};
  std::chrono::sys_seconds created_at{};
  std::chrono::sys_seconds last_seen_at{};
  std::string ip{};
  std::string user_agent{};
  bool current = false;
};

struct ClientInfo {
  std::string ip{};
  std::string user_agent{};
};
ClientInfo client_info(const http::Context& ctx);

// Called once a session is fully signed in (password, and the code when there is 2FA), with the
// session's id hash and the user: the cart merges the guest's cart into the account's.
using SignedInHook = std::function<boost::asio::awaitable<void>(const std::string& session_id_hash,
                                                                std::int64_t user_id)>;

// Sessions in PostgreSQL (so any process serves any request).
class SessionService {
 public:
  // `keys`: the CSRF token of a session not stored yet is a keyed hash of its id.
  SessionService(db::Database& db, const core::SecretKeys& keys, SessionPolicy policy)
      : db_(db), keys_(keys), policy_(policy) {}

  // Set once at start, before serving.
  void on_signed_in(SignedInHook hook) { on_signed_in_ = std::move(hook); }

  const SessionPolicy& policy() const { return policy_; }

  // What a cookie names: a live session; one not stored yet (a well-formed id with no row: the
  // visitor was shown a form and wrote nothing since); or nothing usable (malformed, expired,
  // idle too long, or its user disabled: the cookie is cleared).
  boost::asio::awaitable<std::optional<Session>> resume(std::string id);
  // The live stored session whose cookie value is `id`, nullopt otherwise.
  boost::asio::awaitable<std::optional<Session>> load(std::string id);
  // Gives a visitor without a session an id (the cookie is sent) and a CSRF token, writing
  // nothing: a GET page with a form must not leave a row behind every crawler's visit.
  void prepare(Session& session) const;
  // Writes the guest session's row when it is not stored yet, under the id and CSRF token it was
  // given by `prepare` (so the form it was shown still validates): a cart needs an owner.
  boost::asio::awaitable<void> ensure_stored(Session& session, ClientInfo client);
  // Attaches `user` to the session under a new id (so an id planted before login is worthless)
  // and a new CSRF token; the guest session's row, and whatever hangs on it, becomes the user's.
  // `mfa_passed`: the second factor was given too.
  boost::asio::awaitable<void> sign_in(Session& session, const User& user, bool mfa_passed,
                                       ClientInfo client);
  // The 2FA code was accepted: a privilege change, so the id rotates again.
  boost::asio::awaitable<void> pass_mfa(Session& session);
  // The second factor was given again (a fresh code before a refund, a role change, a delete):
  // verified_at becomes now. Nothing for a session that never passed 2FA.
  boost::asio::awaitable<void> reconfirm(Session& session);
  // Re-reads the session's user (after a profile change or 2FA enrolment).
  boost::asio::awaitable<void> refresh_user(Session& session);
  boost::asio::awaitable<void> end(Session& session);
  // Ends every other session of the session's user; returns how many.
  boost::asio::awaitable<std::size_t> end_others(const Session& session);
  boost::asio::awaitable<std::vector<SessionSummary>> list(const Session& session);

 private:
  boost::asio::awaitable<void> signed_in(const Session& session);

  std::string csrf_for(std::string_view id) const;

  db::Database& db_;
  const core::SecretKeys& keys_;
  SessionPolicy policy_;
  SignedInHook on_signed_in_;
};

// Loads the session named by the cookie into ctx.session (always set afterwards: a blank,
// unstored one for a new visitor), and writes or clears the cookie on the way out. Responses
// that used a session are private and never cached.
http::Middleware with_session(SessionService& sessions);

// The request's session; throws std::logic_error on a route without with_session.
Session& session_of(const http::Context& ctx);

}  // namespace comptoir::accounts
