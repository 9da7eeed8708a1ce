#include "db/slots.hpp"

#include <stdexcept>

namespace comptoir::db::detail {

Slots::Slots(std::string conninfo, std::size_t size, ConnectOptions connect)
    : conninfo_(std::move(conninfo)), size_(size), connect_(std::move(connect)) {
  if (size_ == 0) throw std::invalid_argument("a database pool needs at least one connection");
  idle_.reserve(size_);
}

Connection Slots::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [this] { return !idle_.empty() || open_.load() < size_; });
  waiting_.fetch_sub(1);
  in_use_.fetch_add(1);
  if (!idle_.empty()) {
    Connection connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  open_.fetch_add(1);  // reserve the slot before connecting outside the lock
  lock.unlock();
  return open_claimed(nullptr);
}

Slots::Claim Slots::try_claim(std::optional<Connection>& idle) {
  std::lock_guard lock(mutex_);
  if (!idle_.empty()) {
    waiting_.fetch_sub(1);
    in_use_.fetch_add(1);
    idle.emplace(std::move(idle_.back()));
    idle_.pop_back();
    return Claim::idle;
  }
  if (open_.load() >= size_) return Claim::none;
  waiting_.fetch_sub(1);
  in_use_.fetch_add(1);
  open_.fetch_add(1);
  return Claim::open;
}

Connection Slots::open_claimed(SocketWait* wait) {
  try {
    return Connection::open(conninfo_, connect_, wait);
  } catch (...) {
    unclaim();
    throw;
  }
}

void Slots::unclaim() noexcept {
  {
    std::lock_guard lock(mutex_);
    open_.fetch_sub(1);
    in_use_.fetch_sub(1);
  }
  freed_.notify_one();
  if (released_) released_();
}

void Slots::release(Connection connection, bool discard) noexcept {
  discard = discard || connection.broken();
  std::size_t freed = 1;
  std::vector<Connection> dropped;
  {
    std::lock_guard lock(mutex_);
    in_use_.fetch_sub(1);
    if (discard) {
      open_.fetch_sub(1);
      // The idle ones are likely dead too, and each would fail one more call before being noticed.
      freed += idle_.size();
      open_.fetch_sub(idle_.size());
      dropped.swap(idle_);
      idle_.reserve(size_);
    } else {
      idle_.push_back(std::move(connection));
    }
  }
  if (freed > 1) {
    freed_.notify_all();
  } else {
    freed_.notify_one();
  }
  if (released_) released_();
}

PoolStats Slots::stats() const noexcept {
  return {size_, open_.load(), in_use_.load(), waiting_.load()};
}

bool reset_for_reuse(Connection& connection) noexcept {
  if (!connection.ok()) return false;
  if (!connection.in_transaction()) return true;
  try {
    connection.rollback();
    return connection.ok();
  } catch (...) {
    return false;
  }
}

}  // namespace comptoir::db::detail
