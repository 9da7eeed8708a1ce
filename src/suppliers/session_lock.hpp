#pragma once

#include <optional>
#include <string>
#include <utility>

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// A PostgreSQL session advisory lock on a name ("comptoir.supplier_sync:12"), held until this
// object goes (or its connection does: a process that dies frees its locks). Across processes:
// what one engine holds, another skips.
class SessionLock {
 public:
  // The lock, or nullopt when another session holds it.
  static std::optional<SessionLock> try_take(db::Connection& conn, std::string name);
  ~SessionLock();
  SessionLock(SessionLock&& other) noexcept;
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;
  SessionLock& operator=(SessionLock&&) = delete;

 private:
  SessionLock(db::Connection& conn, std::string name) : conn_(&conn), name_(std::move(name)) {}
  db::Connection* conn_;
  std::string name_;
};

}  // namespace comptoir::suppliers
