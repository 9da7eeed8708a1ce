#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

struct pg_result;

namespace comptoir::db {

namespace detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// Text-format column values → C++ values; false when the text does not parse as the type.
bool from_text(std::string_view text, std::string& out);
bool from_text(std::string_view text, std::string_view& out);
bool from_text(std::string_view text, std::int32_t& out);
bool from_text(std::string_view text, std::int64_t& out);
bool from_text(std::string_view text, bool& out);
bool from_text(std::string_view text, double& out);

}  // namespace detail

// The rows of one statement. Convert them to domain structs in the repository that ran the
// query; do not pass a Result further up. string_views returned by get() point into the Result.
class Result {
 public:
  Result(pg_result* res, std::string query_name);
  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;
  ~Result();

  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  std::size_t columns() const noexcept;
  // Rows touched by INSERT/UPDATE/DELETE (and rows returned by SELECT).
  std::size_t affected_rows() const;
  bool is_null(std::size_t row, std::size_t col) const;

  // `T` is std::string, std::string_view, std::int32_t, std::int64_t, bool, double or
  // std::optional of one of them (SQL NULL → std::nullopt; NULL into a non-optional throws).
  template <class T>
  T get(std::size_t row, std::size_t col) const {
    if constexpr (detail::IsOptional<T>::value) {
      if (is_null(row, col)) return std::nullopt;
      return get<typename T::value_type>(row, col);
    } else {
      T out{};
      if (!detail::from_text(text(row, col), out)) conversion_failed(row, col, type_name<T>());
      return out;
    }
  }

  // The first column of the only row; throws unless there is exactly one row.
  template <class T>
  T one() const {
    expect_one_row();
    return get<T>(0, 0);
  }

 private:
  struct Clear {
    void operator()(pg_result* res) const noexcept;
  };

  template <class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, bool>)
      return "bool";
    else if constexpr (std::is_integral_v<T>)
      return "integer";
    else if constexpr (std::is_floating_point_v<T>)
      return "double";
    else
      return "string";
  }

  std::string_view text(std::size_t row, std::size_t col) const;  // throws on NULL
  void check_cell(std::size_t row, std::size_t col) const;
  void expect_one_row() const;
  [[noreturn]] void conversion_failed(std::size_t row, std::size_t col,
                                      std::string_view type) const;

  std::unique_ptr<pg_result, Clear> res_;
  std::string query_name_;
};

}  // namespace comptoir::db
