#include "suppliers/session_lock.hpp"

#include "db/connection.hpp"

namespace comptoir::suppliers {
namespace {

constexpr db::Query kTryLock{"supplier_session_try_lock",
                             "SELECT pg_try_advisory_lock(hashtextextended($1, 0))"};
constexpr db::Query kUnlock{"supplier_session_unlock",
                            "SELECT pg_advisory_unlock(hashtextextended($1, 0))"};

}  // namespace

std::optional<SessionLock> SessionLock::try_take(db::Connection& conn, std::string name) {
  if (!conn.exec(kTryLock, name).one<bool>()) return std::nullopt;
  return SessionLock(conn, std::move(name));
}

SessionLock::SessionLock(SessionLock&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)), name_(std::move(other.name_)) {}

SessionLock::~SessionLock() {
  if (conn_ == nullptr) return;
  try {
    conn_->exec(kUnlock, name_);
  } catch (const std::exception&) {  // the connection is gone, and its lock with it
  }
}

}  // namespace comptoir::suppliers
