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

// One PostgreSQL session. Blocking: use it only on the pool's worker threads or in CLI commands.
// Not thread-safe; a Connection is used by one thread at a time.
class Connection {
 public:
  // Sessions run with statement_timeout, application_name and TimeZone=UTC set at startup.
  static Connection open(const std::string& conninfo, const ConnectOptions& options = {});

  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  // Runs `query` as a prepared statement (prepared once per connection) with `params` in text
  // format: strings, integers, bool, std::optional of those (std::nullopt → NULL), and
  // std::vector of integers (an array).
  template <class... Args>
  Result exec(const Query& query, const Args&... params) {
    std::array<detail::Param, sizeof...(Args)> values{detail::to_param(params)...};
    return exec_params(query, values);
  }

  // Simple-query protocol, several statements allowed, no parameters: for migrations and
  // transaction control only. Never build `sql` from input.
  void exec_script(std::string_view sql);

  bool ok() const noexcept;
  bool broken() const noexcept { return !ok(); }
  // Inside a transaction block (idle in it, or aborted by an error).
  bool in_transaction() const noexcept;
  bool transaction_failed() const noexcept;
  int backend_pid() const noexcept;

 private:
  struct Finish {
    void operator()(pg_conn* conn) const noexcept;
  };

  explicit Connection(pg_conn* conn);
  Result exec_params(const Query& query, std::span<const detail::Param> params);
  const std::string& prepare(const Query& query);  // → the NUL-terminated statement name
  [[noreturn]] void fail(std::string_view query_name, pg_result* res) const;

  std::unique_ptr<pg_conn, Finish> conn_;
  std::map<std::string, std::string, std::less<>> prepared_;  // name → SQL
};

}  // namespace comptoir::db
