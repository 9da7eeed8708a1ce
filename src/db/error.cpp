#include "db/error.hpp"

#include <fmt/format.h>

namespace comptoir::db {

namespace {

std::string describe(std::string_view sqlstate, std::string_view query_name,
                     std::string_view message) {
  std::string_view subject = query_name.empty() ? std::string_view{"database"} : query_name;
  if (sqlstate.empty()) return fmt::format("{}: {}", subject, message);
  return fmt::format("{}: {} (SQLSTATE {})", subject, message, sqlstate);
}

}  // namespace

DbError::DbError(std::string sqlstate, std::string query_name, std::string_view message)
    : std::runtime_error(describe(sqlstate, query_name, message)),
      sqlstate_(std::move(sqlstate)),
      query_name_(std::move(query_name)) {}

bool DbError::is_serialization_failure() const noexcept {
  return sqlstate_ == "40001" || sqlstate_ == "40P01";
}

bool DbError::is_connection_failure() const noexcept {
  return sqlstate_.starts_with("08") || sqlstate_ == "57P01" || sqlstate_ == "57P02" ||
         sqlstate_ == "57P03";
}

bool DbError::is_timeout() const noexcept {
  return sqlstate_ == "57014" || sqlstate_ == "55P03";
}

}  // namespace comptoir::db
