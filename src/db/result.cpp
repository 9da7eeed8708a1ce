#include "db/result.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>
#include <charconv>

#include "db/error.hpp"

namespace comptoir::db {

namespace detail {

namespace {

template <class Number>
bool parse_number(std::string_view text, Number& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc{} && ptr == end;
}

}  // namespace

bool from_text(std::string_view text, std::string& out) {
  out.assign(text);
  return true;
}

bool from_text(std::string_view text, std::string_view& out) {
  out = text;
  return true;
}

bool from_text(std::string_view text, std::int32_t& out) {
  return parse_number(text, out);
}
bool from_text(std::string_view text, std::int64_t& out) {
  return parse_number(text, out);
}
bool from_text(std::string_view text, double& out) {
  return parse_number(text, out);
}

bool from_text(std::string_view text, bool& out) {
  if (text == "t") {
    out = true;
  } else if (text == "f") {
    out = false;
  } else {
    return false;
  }
  return true;
}

}  // namespace detail

void Result::Clear::operator()(PGresult* res) const noexcept {
  PQclear(res);
}

Result::Result(PGresult* res, std::string query_name)
    : res_(res), query_name_(std::move(query_name)) {}

Result::~Result() = default;

std::size_t Result::size() const noexcept {
  return res_ ? static_cast<std::size_t>(PQntuples(res_.get())) : 0;
}

std::size_t Result::columns() const noexcept {
  return res_ ? static_cast<std::size_t>(PQnfields(res_.get())) : 0;
}

std::size_t Result::affected_rows() const {
  std::string_view tuples = res_ ? PQcmdTuples(res_.get()) : "";
  if (tuples.empty()) return 0;  // a statement without a row count, e.g. CREATE TABLE
  std::size_t n = 0;
  if (!detail::parse_number(tuples, n)) {
    throw DbError("", query_name_, fmt::format("unexpected row count '{}'", tuples));
  }
  return n;
}

void Result::check_cell(std::size_t row, std::size_t col) const {
  if (row >= size() || col >= columns()) {
    throw DbError("", query_name_,
                  fmt::format("no cell at row {}, column {} (the result has {} rows, {} columns)",
                              row, col, size(), columns()));
  }
}

bool Result::is_null(std::size_t row, std::size_t col) const {
  check_cell(row, col);
  return PQgetisnull(res_.get(), static_cast<int>(row), static_cast<int>(col)) == 1;
}

std::string_view Result::text(std::size_t row, std::size_t col) const {
  if (is_null(row, col)) {
    throw DbError("", query_name_,
                  fmt::format("column {} ({}) is NULL; read it as a std::optional", col,
                              PQfname(res_.get(), static_cast<int>(col))));
  }
  const int r = static_cast<int>(row);
  const int c = static_cast<int>(col);
  return {PQgetvalue(res_.get(), r, c), static_cast<std::size_t>(PQgetlength(res_.get(), r, c))};
}

void Result::expect_one_row() const {
  if (size() != 1) {
    throw DbError("", query_name_, fmt::format("expected exactly one row, got {}", size()));
  }
}

void Result::conversion_failed(std::size_t row, std::size_t col, std::string_view type) const {
  // The value itself stays out of the message: it may be personal data.
  throw DbError("", query_name_,
                fmt::format("column {} ({}) of row {} is not a valid {}", col,
                            PQfname(res_.get(), static_cast<int>(col)), row, type));
}

}  // namespace comptoir::db
