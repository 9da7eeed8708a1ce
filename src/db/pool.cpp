#include "db/pool.hpp"

#include <algorithm>
#include <stdexcept>

namespace comptoir::db {

Pool::Pool(PoolOptions options)
    : options_(std::move(options)), workers_(std::max<std::size_t>(options_.size, 1)) {
  if (options_.size == 0)
    throw std::invalid_argument("a database pool needs at least one connection");
  idle_.reserve(options_.size);
}

Pool::~Pool() {
  workers_.join();
}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [this] { return !idle_.empty() || open_.load() < options_.size; });
  waiting_.fetch_sub(1);
  in_use_.fetch_add(1);
  if (!idle_.empty()) {
    Connection connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  open_.fetch_add(1);  // reserve the slot before connecting outside the lock
  lock.unlock();
  try {
    return Lease(*this, Connection::open(options_.conninfo, options_.connect));
  } catch (...) {
    lock.lock();
    open_.fetch_sub(1);
    in_use_.fetch_sub(1);
    freed_.notify_one();
    throw;
  }
}

void Pool::release(Connection connection, bool discard) noexcept {
  // A task that left a transaction open must not hand it to the next task.
  if (!discard && connection.ok() && connection.in_transaction()) {
    try {
      connection.exec_script("ROLLBACK");
    } catch (...) {
      discard = true;
    }
  }
  discard = discard || connection.broken();
  std::size_t freed = 1;
  {
    std::lock_guard lock(mutex_);
    in_use_.fetch_sub(1);
    if (discard) {
      open_.fetch_sub(1);
      // A broken connection usually means the server restarted or failed over: the idle ones are
      // dead too, and each would fail one more call before being noticed.
      freed += idle_.size();
      open_.fetch_sub(idle_.size());
      idle_.clear();
    } else {
      idle_.push_back(std::move(connection));
    }
  }
  if (freed > 1) {
    freed_.notify_all();
  } else {
    freed_.notify_one();
  }
}

PoolStats Pool::stats() const noexcept {
  return {options_.size, open_.load(), in_use_.load(), waiting_.load()};
}

}  // namespace comptoir::db
