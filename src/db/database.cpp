#include "db/database.hpp"

#include <random>

namespace comptoir::db {

namespace {

constexpr Query kBeginReadCommitted{"begin_read_committed", "BEGIN ISOLATION LEVEL READ COMMITTED"};
constexpr Query kBeginRepeatableRead{"begin_repeatable_read",
                                     "BEGIN ISOLATION LEVEL REPEATABLE READ"};
constexpr Query kBeginSerializable{"begin_serializable", "BEGIN ISOLATION LEVEL SERIALIZABLE"};
constexpr Query kCommit{"commit", "COMMIT"};
constexpr Query kPing{"ping", "SELECT 1"};

PoolOptions pool_options(const std::string& url, const DatabaseOptions& options) {
  return {.conninfo = url,
          .size = options.pool_size,
          .connect = {.statement_timeout = options.statement_timeout,
                      .application_name = options.application_name,
                      .connect_timeout = options.connect_timeout},
          .driver = options.driver};
}

}  // namespace

namespace detail {

const Query& begin_query(Isolation isolation) noexcept {
  switch (isolation) {
    case Isolation::repeatable_read:
      return kBeginRepeatableRead;
    case Isolation::serializable:
      return kBeginSerializable;
    case Isolation::read_committed:
      break;
  }
  return kBeginReadCommitted;
}

void begin(Connection& connection, Isolation isolation) {
  connection.begin(begin_query(isolation));
}

void commit(Connection& connection) {
  // PostgreSQL answers COMMIT of an aborted transaction with a silent ROLLBACK: a caller that
  // caught a DbError inside the transaction would believe its writes were saved.
  if (connection.transaction_failed()) {
    throw DbError("25P02", std::string(kCommit.name),
                  "the transaction was aborted by an earlier error caught inside it; "
                  "nothing was committed");
  }
  connection.commit(kCommit);
}

void rollback_quietly(Connection& connection) noexcept {
  if (!connection.ok() || !connection.in_transaction()) return;
  try {
    connection.rollback();
  } catch (...) {
    // The pool drops a connection it cannot bring back to an idle state.
  }
}

bool may_retry(const DbError& error, bool began, int attempt) noexcept {
  if (attempt >= Database::kMaxAttempts) return false;
  if (error.is_serialization_failure()) return true;
  // Nothing ran before BEGIN failed, so one more try on a fresh connection is safe.
  return error.is_connection_failure() && !began && attempt == 1;
}

std::chrono::milliseconds backoff(int attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  const int base = 5 << std::min(attempt - 1, 6);
  std::uniform_int_distribution<int> jitter(base / 2, base + base / 2);
  return std::chrono::milliseconds(jitter(random));
}

}  // namespace detail

Database::Database(DatabaseOptions options)
    : primary_(std::make_unique<Pool>(pool_options(options.primary_url, options))) {
  if (!options.read_url.empty() && options.read_url != options.primary_url) {
    replica_ = std::make_unique<Pool>(pool_options(options.read_url, options));
  } else if (options.read_pool_size > 0) {
    // Reads of one statement and transactions that wait on their round trips holding a
    // connection do not queue behind each other (bench/README.md, the cold product page).
    auto reads = options;
    reads.pool_size = options.read_pool_size;
    reads_ = std::make_unique<Pool>(pool_options(options.primary_url, reads));
  }
}

net::awaitable<bool> Database::ping(std::chrono::milliseconds timeout) {
  try {
    co_await primary_->run([](Connection& c) { c.exec(kPing); }, timeout);
    co_return true;
  } catch (const DbError&) {
    co_return false;
  }
}

DatabaseStats Database::stats() const noexcept {
  DatabaseStats stats{.primary = primary_->stats(), .replica = std::nullopt};
  if (replica_) stats.replica = replica_->stats();
  if (reads_) stats.reads = reads_->stats();
  return stats;
}

}  // namespace comptoir::db
