#pragma once

#include <array>
#include <chrono>
#include <concepts>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "db/query.hpp"
#include "db/result.hpp"
#include "db/socket_wait.hpp"

struct pg_conn;

namespace comptoir::db {

struct ConnectOptions {
  std::chrono::milliseconds statement_timeout{0};  // 0: no limit
  std::string application_name = "comptoir";
  std::chrono::seconds connect_timeout{5};  // libpq treats anything below 2 s as 2 s
};

namespace detail {

// One query parameter in PostgreSQL's text format; std::monostate is SQL NULL.
class Param {
 public:
  Param() = default;  // NULL
  explicit Param(const char* borrowed) : value_(borrowed) {}
  explicit Param(std::string owned) : value_(std::move(owned)) {}

  const char* c_str() const noexcept;

 private:
  std::variant<std::monostate, const char*, std::string> value_;
};

Param to_param(const std::string& value);  // borrowed: lives until the statement returns
Param to_param(std::string_view value);
Param to_param(const char* value);
Param to_param(bool value);
Param to_param(std::int64_t value);
Param to_param(std::uint64_t value);

template <std::integral T>
requires(!std::same_as<T, bool> && !std::same_as<T, char>) Param to_param(T value) {
  if constexpr (std::is_signed_v<T>)
    return to_param(static_cast<std::int64_t>(value));
  else
    return to_param(static_cast<std::uint64_t>(value));
}

template <class T>
Param to_param(const std::optional<T>& value) {
  return value ? to_param(*value) : Param{};
}

// An array of integers in PostgreSQL's text form ("{1,2,3}"), for `$n::bigint[]` or `$n::int[]`.
template <std::integral T>
requires(!std::same_as<T, bool> && !std::same_as<T, char>) Param
    to_param(const std::vector<T>& values) {
  std::string text = "{";
  for (auto value : values) {
    if (text.size() > 1) text += ',';
    text += std::to_string(value);
  }
  text += '}';
  return Param{std::move(text)};
}

}  // namespace detail

// One PostgreSQL session, driven through libpq's non-blocking API: a statement is sent, then the
// connection waits for its socket through its SocketWait (a fiber of the pool's fiber driver) or,
// without one, in poll() on the calling thread (the thread driver's workers, CLI commands).
// Not thread-safe; a Connection is used by one thread (or one fiber) at a time.
class Connection {
 public:
  // Sessions run with statement_timeout, application_name and TimeZone=UTC set at startup.
  // Connecting waits through `wait` (null: poll()), which the connection keeps for its queries.
  static Connection open(const std::string& conninfo, const ConnectOptions& options = {},
                         SocketWait* wait = nullptr);

  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  // Runs `query` as a prepared statement (prepared once per connection) with `params` in text
  // format: strings, integers, bool, std::optional of those (std::nullopt → NULL), and
  // std::vector of integers (an array). The first use of a query on this connection sends its
  // PREPARE with it, in one round trip (pipeline mode).
  template <class... Args>
  Result exec(const Query& query, const Args&... params) {
    std::array<detail::Param, sizeof...(Args)> values{detail::to_param(params)...};
    return exec_params(query, values);
  }

  // Inside a transaction, for a write whose rows nothing reads: `query` is queued and sent with
  // the next statement that waits for its answer (an exec(), the COMMIT), all of them in one
  // round trip (pipeline mode). The first of them to fail is thrown there, as a DbError naming
  // it; a rollback drops what is still queued. `query` must outlive the transaction (a constant).
  // Outside a transaction: DbError 25P01, nothing queued.
  template <class... Args>
  void exec_later(const Query& query, const Args&... params) {
    std::array<detail::Param, sizeof...(Args)> values{detail::to_param(params)...};
    queue(query, values);
  }
  // A write whose rows nothing reads: exec_later() inside a transaction, exec() outside one.
  template <class... Args>
  void write(const Query& query, const Args&... params) {
    if (in_transaction())
      exec_later(query, params...);
    else
      exec(query, params...);
  }
  // Statements queued by exec_later() and not sent yet.
  std::size_t queued() const noexcept { return later_.size(); }

  // Simple-query protocol, several statements allowed, no parameters: for migrations and
  // transaction control only. Never build `sql` from input.
  void exec_script(std::string_view sql);

  // Transaction control for db::Database. begin() sends nothing: `begin` (a BEGIN statement) goes
  // with the next statement, in one round trip, and its failure is thrown by that statement as a
  // DbError naming `begin`. A transaction in which nothing ran ends without a round trip.
  void begin(const Query& begin);
  void commit(const Query& commit);
  void rollback();

  // Who waits for the socket from now on (null: poll() on the calling thread).
  void attach(SocketWait* wait) noexcept;

  bool ok() const noexcept;
  bool broken() const noexcept { return !ok(); }
  // Inside a transaction block (begun, idle in it, or aborted by an error).
  bool in_transaction() const noexcept;
  bool transaction_failed() const noexcept;
  int backend_pid() const noexcept;

 private:
  struct Finish {
    void operator()(pg_conn* conn) const noexcept;
  };
  struct Step;
  // A statement exec_later() queued, its parameters copied.
  struct Later {
    Query query;
    std::vector<std::optional<std::string>> values;
  };

  explicit Connection(pg_conn* conn);
  Result exec_params(const Query& query, std::span<const detail::Param> params);
  void queue(const Query& query, std::span<const detail::Param> params);
  // nullptr: not prepared on this connection yet.
  const std::string* prepared(const Query& query) const;
  // The pending BEGIN, the queued statements and `last` (when not null, with `values`) in one
  // round trip; `last`'s rows (null without `last`). Throws the first failure.
  pg_result* pipeline(const Query* last, std::span<const char* const> values);
  void send_pending_begin();
  bool wait(Want want, Deadline deadline);
  void flush();
  pg_result* next_result();
  void drain_results() noexcept;
  void close() noexcept;
  [[noreturn]] void fail(std::string_view query_name, pg_result* res) const;

  std::unique_ptr<pg_conn, Finish> conn_;
  std::map<std::string, std::string, std::less<>> prepared_;  // name → SQL
  SocketWait* wait_ = nullptr;
  std::optional<Query> pending_begin_;
  std::vector<Later> later_;
};

}  // namespace comptoir::db
