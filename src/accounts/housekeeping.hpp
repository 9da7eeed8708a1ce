#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include "accounts/session.hpp"

namespace comptoir::db {
class Connection;
class Database;
}  // namespace comptoir::db

namespace comptoir::accounts {

struct PurgeCounts {
  std::size_t sessions = 0;
  std::size_t email_tokens = 0;
  std::size_t rate_limit_buckets = 0;
};

// Deletes what can no longer be used: sessions past their lifetime or idle limit (guest sessions
// pile up from every visit to a form), email tokens used or expired a day ago, and rate-limit
// buckets untouched for a day (full again by then). Safe to run from several processes at once.
PurgeCounts purge_expired(db::Connection& conn, const SessionPolicy& policy);

// Runs purge_expired every `every` on a thread of its own, and logs what it removed.
class Housekeeper {
 public:
  Housekeeper(db::Database& db, SessionPolicy policy, std::chrono::seconds every);
  ~Housekeeper();  // wakes the thread and joins it
  Housekeeper(const Housekeeper&) = delete;
  Housekeeper& operator=(const Housekeeper&) = delete;

 private:
  void run(std::stop_token stop);

  db::Database& db_;
  SessionPolicy policy_;
  std::chrono::seconds every_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: starts once everything it uses exists
};

}  // namespace comptoir::accounts
