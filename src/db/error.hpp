#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace comptoir::db {

// A failed database operation. The message is PostgreSQL's primary message only: never the
// parameter values nor PostgreSQL's DETAIL line, which can both carry personal data.
class DbError : public std::runtime_error {
 public:
  // `sqlstate` is empty when the failure happened on the client side (e.g. a bad conversion).
  DbError(std::string sqlstate, std::string query_name, std::string_view message);

  const std::string& sqlstate() const noexcept { return sqlstate_; }
  const std::string& query_name() const noexcept { return query_name_; }

  // 40001 serialization_failure, 40P01 deadlock_detected: the transaction may simply be retried.
  bool is_serialization_failure() const noexcept;
  // Class 08 (connection exception) or the server going away (57P01..57P03): the connection
  // that raised it is unusable.
  bool is_connection_failure() const noexcept;
  // The database is there but could not answer in time: 57014 query_canceled (the session's
  // statement_timeout, or a cancel) or 55P03 lock_not_available (lock_timeout). Trying again
  // later may work; nothing was written.
  bool is_timeout() const noexcept;

 private:
  std::string sqlstate_;
  std::string query_name_;
};

// SQLSTATE used when libpq loses the connection without the server sending one.
inline constexpr std::string_view kConnectionFailure = "08006";

}  // namespace comptoir::db
