#include "accounts/session.hpp"

#include <algorithm>
#include <stdexcept>

#include "accounts/api_token.hpp"
#include "accounts/user_repository.hpp"
#include "core/keyed_hash.hpp"
#include "core/random.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "http/cookie.hpp"
#include "http/middleware.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::size_t kIdBytes = 32;  // 256 bits
constexpr std::size_t kUserAgentMax = 512;

// The row whatever its state, and whether it is live: idle limits are checked here, absolute ones
// by expires_at, and a disabled user's sessions are dead. A dead row must not be taken for "no
// row" (which would let its id start again as a new guest session).
constexpr db::Query kSelectSession{
    "sessions_select",
    "SELECT s.user_id, s.csrf_secret, s.mfa_at IS NOT NULL, "
    "s.last_seen_at < now() - make_interval(secs => $4::float8), "
    "s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => CASE WHEN s.staff "
    "THEN $2::float8 ELSE $3::float8 END) AND u.disabled_at IS NULL, "
    "extract(epoch FROM s.mfa_at)::bigint "
    "FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1"};
constexpr db::Query kTouchSession{"sessions_touch",
                                  "UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1"};
constexpr db::Query kInsertSession{
    "sessions_insert",
    "INSERT INTO sessions (id_hash, user_id, csrf_secret, staff, mfa_at, expires_at, ip, "
    "user_agent) VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END, "
    "now() + make_interval(secs => $6::float8), NULLIF($7, '')::inet, $8)"};
// A guest's first write. Two requests of one visitor may race to store the same id: the second
// finds the row the first wrote, which is the same session.
constexpr db::Query kStoreGuestSession{
    "sessions_store_guest",
    "INSERT INTO sessions (id_hash, csrf_secret, expires_at, ip, user_agent) "
    "VALUES ($1, $2, now() + make_interval(secs => $3::float8), NULLIF($4, '')::inet, $5) "
    "ON CONFLICT (id_hash) DO NOTHING"};
constexpr std::string_view kCsrfContext = "sesscsrf";
// Sign-in keeps the guest row (what hangs on the session comes along) under a new id.
constexpr db::Query kSignInSession{
    "sessions_sign_in",
    "UPDATE sessions SET id_hash = $2, user_id = $3, csrf_secret = $4, staff = $5, "
    "mfa_at = CASE WHEN $6 THEN now() END, created_at = now(), last_seen_at = now(), "
    "expires_at = now() + make_interval(secs => $7::float8), ip = NULLIF($8, '')::inet, "
    "user_agent = $9 WHERE id_hash = $1"};
constexpr db::Query kPassMfa{"sessions_pass_mfa",
                             "UPDATE sessions SET id_hash = $2, csrf_secret = $3, mfa_at = now(), "
                             "last_seen_at = now() WHERE id_hash = $1"};
constexpr db::Query kReconfirm{"sessions_reconfirm",
                               "UPDATE sessions SET mfa_at = now() WHERE id_hash = $1 AND "
                               "mfa_at IS NOT NULL"};
constexpr db::Query kDeleteSession{"sessions_delete", "DELETE FROM sessions WHERE id_hash = $1"};
constexpr db::Query kListSessions{
    "sessions_list",
    "SELECT id_hash, extract(epoch FROM created_at)::bigint, "
    "extract(epoch FROM last_seen_at)::bigint, coalesce(host(ip), ''), user_agent FROM sessions "
    "WHERE user_id = $1 AND expires_at > now() ORDER BY last_seen_at DESC, created_at DESC"};

std::chrono::sys_seconds now_seconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string seconds_text(std::chrono::seconds s) {
  return std::to_string(s.count());
}

bool is_session_id(std::string_view id) {
  return id.size() == kIdBytes * 2 && std::ranges::all_of(id, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

struct NewId {
  std::string id = core::random_hex(kIdBytes);
  std::string hash = hash_secret(id);
  std::string csrf = core::random_hex(32);
};

// `fresh` is written to the database: the session is stored under its new id.
void adopt(Session& session, NewId&& fresh) {
  session.id = std::move(fresh.id);
  session.id_hash = std::move(fresh.hash);
  session.csrf_token = std::move(fresh.csrf);
  session.in_store = true;
  session.send_cookie = true;
  session.clear_cookie = false;
}

}  // namespace

ClientInfo client_info(const http::Context& ctx) {
  ClientInfo info;
  info.ip = ctx.client_ip.substr(0, ctx.client_ip.find('%'));  // no IPv6 zone: not an inet
  // Printable ASCII only, bounded: it is shown back on the account page.
  for (char c : ctx.header(http::Field::user_agent)) {
    if (info.user_agent.size() == kUserAgentMax) break;
    if (c >= 0x20 && c < 0x7f) info.user_agent += c;
  }
  return info;
}

std::string SessionService::csrf_for(std::string_view id) const {
  return core::hex(core::keyed_hash(keys_.active(), kCsrfContext, id));
}

boost::asio::awaitable<std::optional<Session>> SessionService::resume(std::string id) {
  if (!is_session_id(id)) co_return std::nullopt;
  auto hash = hash_secret(id);
  auto staff_idle = seconds_text(policy_.staff_idle);
  auto customer_idle = seconds_text(policy_.customer_idle);
  auto touch_every = seconds_text(policy_.touch_every);
  // Statements that commit each by itself: a live session is one round trip, its touch (once a
  // minute at most) another, and no COMMIT follows.
  co_return co_await db_.on_primary([&](db::Connection& conn) -> std::optional<Session> {
    auto row = conn.exec(kSelectSession, hash, staff_idle, customer_idle, touch_every);
    if (row.empty()) return Session{.id = id, .id_hash = hash, .csrf_token = csrf_for(id)};
    if (!row.get<bool>(0, 4)) return std::nullopt;
    Session session{.id = id, .id_hash = hash, .csrf_token = row.get<std::string>(0, 1)};
    session.in_store = true;
    session.mfa_passed = row.get<bool>(0, 2);
    if (auto at = row.get<std::optional<std::int64_t>>(0, 5))
      session.verified_at = std::chrono::sys_seconds{std::chrono::seconds{*at}};
    if (row.get<bool>(0, 3)) conn.exec(kTouchSession, hash);
    if (!row.is_null(0, 0)) {
      session.user = UserRepository(conn).find(row.get<std::int64_t>(0, 0));
      if (!session.user) return std::nullopt;
    }
    return session;
  });
}

boost::asio::awaitable<std::optional<Session>> SessionService::load(std::string id) {
  auto session = co_await resume(std::move(id));
  if (session && !session->stored()) session.reset();
  co_return session;
}

void SessionService::prepare(Session& session) const {
  if (!session.id.empty()) return;
  session.id = core::random_hex(kIdBytes);
  session.id_hash = hash_secret(session.id);
  session.csrf_token = csrf_for(session.id);
  session.send_cookie = true;
  session.clear_cookie = false;
}

boost::asio::awaitable<void> SessionService::ensure_stored(Session& session, ClientInfo client) {
  if (session.stored()) co_return;
  prepare(session);
  auto lifetime = seconds_text(policy_.guest_lifetime);
  const auto& hash = session.id_hash;
  const auto& csrf = session.csrf_token;
  co_await db_.transact([&](db::Connection& conn) {
    conn.exec(kStoreGuestSession, hash, csrf, lifetime, client.ip, client.user_agent);
  });
  session.in_store = true;
}

boost::asio::awaitable<void> SessionService::sign_in(Session& session, const User& user,
                                                     bool mfa_passed, ClientInfo client) {
  NewId fresh;
  const bool staff = user.is_staff();
  auto lifetime = seconds_text(staff ? policy_.staff_lifetime : policy_.customer_lifetime);
  auto old_hash = session.id_hash;
  co_await db_.transact([&](db::Connection& conn) {
    std::size_t updated = 0;
    if (!old_hash.empty())
      updated = conn.exec(kSignInSession, old_hash, fresh.hash, user.id, fresh.csrf, staff,
                          mfa_passed, lifetime, client.ip, client.user_agent)
                    .affected_rows();
    if (updated == 0)
      conn.exec(kInsertSession, fresh.hash, user.id, fresh.csrf, staff, mfa_passed, lifetime,
                client.ip, client.user_agent);
  });
  adopt(session, std::move(fresh));
  session.user = user;
  session.mfa_passed = mfa_passed;
  if (mfa_passed) session.verified_at = now_seconds();
  co_await signed_in(session);
}

boost::asio::awaitable<void> SessionService::signed_in(const Session& session) {
  if (on_signed_in_ && session.signed_in())
    co_await on_signed_in_(session.id_hash, session.user->id);
}

boost::asio::awaitable<void> SessionService::pass_mfa(Session& session) {
  NewId fresh;
  auto old_hash = session.id_hash;
  co_await db_.transact(
      [&](db::Connection& conn) { conn.exec(kPassMfa, old_hash, fresh.hash, fresh.csrf); });
  adopt(session, std::move(fresh));
  session.mfa_passed = true;
  session.verified_at = now_seconds();
  co_await signed_in(session);
}

boost::asio::awaitable<void> SessionService::reconfirm(Session& session) {
  if (!session.mfa_passed) co_return;
  auto hash = session.id_hash;
  co_await db_.transact([&](db::Connection& conn) { conn.exec(kReconfirm, hash); });
  session.verified_at = now_seconds();
}

boost::asio::awaitable<void> SessionService::refresh_user(Session& session) {
  if (!session.user) co_return;
  auto id = session.user->id;
  auto user =
      co_await db_.transact([&](db::Connection& conn) { return UserRepository(conn).find(id); });
  if (user) session.user = std::move(*user);
}

boost::asio::awaitable<void> SessionService::end(Session& session) {
  if (session.stored()) {
    auto hash = session.id_hash;
    co_await db_.transact([&](db::Connection& conn) { conn.exec(kDeleteSession, hash); });
  }
  session = Session{};
  session.clear_cookie = true;
}

boost::asio::awaitable<std::size_t> SessionService::end_others(const Session& session) {
  if (!session.user) co_return 0;
  auto user_id = session.user->id;
  auto keep = session.id_hash;
  co_return co_await db_.transact(
      [&](db::Connection& conn) { return UserRepository(conn).delete_sessions(user_id, keep); });
}

boost::asio::awaitable<std::vector<SessionSummary>> SessionService::list(const Session& session) {
  if (!session.user) co_return std::vector<SessionSummary>{};
  auto user_id = session.user->id;
  auto rows = co_await db_.transact([&](db::Connection& conn) {
    auto r = conn.exec(kListSessions, user_id);
    std::vector<SessionSummary> out;
    for (std::size_t i = 0; i < r.size(); ++i)
      out.push_back(
          {.id_hash = r.get<std::string>(i, 0),
           .created_at = std::chrono::sys_seconds{std::chrono::seconds{r.get<std::int64_t>(i, 1)}},
           .last_seen_at =
               std::chrono::sys_seconds{std::chrono::seconds{r.get<std::int64_t>(i, 2)}},
           .ip = r.get<std::string>(i, 3),
           .user_agent = r.get<std::string>(i, 4)});
    return out;
  });
  for (auto& row : rows) row.current = row.id_hash == session.id_hash;
  co_return rows;
}

http::Middleware with_session(SessionService& sessions) {
  return [&sessions](http::Context& ctx,
                     const http::Handler& next) -> http::net::awaitable<http::Response> {
    auto session = std::make_shared<Session>();
    if (auto cookie = http::find_cookie(ctx.header(http::Field::cookie), kSessionCookie)) {
      auto id = std::string(*cookie);
      if (auto found = co_await sessions.resume(std::move(id)))
        *session = std::move(*found);
      else
        session->clear_cookie = true;
    }
    ctx.session = session;
    auto res = co_await next(ctx);
    const auto& policy = sessions.policy();
    if (session->send_cookie) {
      auto staff = session->user && session->user->is_staff();
      auto lifetime = !session->user ? policy.guest_lifetime
                      : staff        ? policy.staff_lifetime
                                     : policy.customer_lifetime;
      res.insert(http::Field::set_cookie,
                 http::set_cookie(kSessionCookie, session->id,
                                  {.secure = policy.secure_cookie, .max_age = lifetime}));
    } else if (session->clear_cookie) {
      res.insert(http::Field::set_cookie, http::set_cookie(kSessionCookie, "",
                                                           {.secure = policy.secure_cookie,
                                                            .max_age = std::chrono::seconds{0}}));
    }
    res.set(http::Field::cache_control, "private, no-store");
    http::add_vary(res, "Cookie");
    co_return res;
  };
}

Session& session_of(const http::Context& ctx) {
  if (!ctx.session) throw std::logic_error("route has no session middleware");
  return *ctx.session;
}

}  // namespace comptoir::accounts
