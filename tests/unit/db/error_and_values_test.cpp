#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/error.hpp"
#include "db/result.hpp"

namespace comptoir::db {
namespace {

TEST(DbError, SerializationFailuresAndDeadlocksMayBeRetried) {
  EXPECT_TRUE(DbError("40001", "q", "could not serialize").is_serialization_failure());
  EXPECT_TRUE(DbError("40P01", "q", "deadlock detected").is_serialization_failure());
  EXPECT_FALSE(DbError("23505", "q", "duplicate key").is_serialization_failure());
}

TEST(DbError, ConnectionClassAndServerShutdownAreConnectionFailures) {
  EXPECT_TRUE(DbError("08006", "q", "lost").is_connection_failure());
  EXPECT_TRUE(DbError("08001", "connect", "refused").is_connection_failure());
  EXPECT_TRUE(DbError("57P01", "q", "terminating connection").is_connection_failure());
  EXPECT_FALSE(DbError("57014", "q", "statement timeout").is_connection_failure());
  EXPECT_FALSE(DbError("", "q", "bad conversion").is_connection_failure());
}

TEST(DbError, MessageNamesTheQueryAndTheSqlstate) {
  const DbError error("23505", "insert_customer", "duplicate key value");
  EXPECT_STREQ(error.what(), "insert_customer: duplicate key value (SQLSTATE 23505)");
  EXPECT_EQ(error.query_name(), "insert_customer");
  EXPECT_EQ(error.sqlstate(), "23505");
}

std::optional<std::string> text_of(const detail::Param& param) {
  const char* text = param.c_str();
  return text ? std::optional<std::string>(text) : std::nullopt;
}

TEST(QueryParameter, NumbersAndBooleansAreWrittenAsPostgresText) {
  EXPECT_EQ(text_of(detail::to_param(std::numeric_limits<std::int64_t>::min())),
            "-9223372036854775808");
  EXPECT_EQ(text_of(detail::to_param(std::uint16_t{65535})), "65535");
  EXPECT_EQ(text_of(detail::to_param(-7)), "-7");
  EXPECT_EQ(text_of(detail::to_param(true)), "true");
  EXPECT_EQ(text_of(detail::to_param(false)), "false");
}

TEST(QueryParameter, EmptyOptionalIsNull) {
  EXPECT_EQ(text_of(detail::to_param(std::optional<std::int32_t>{})), std::nullopt);
  EXPECT_EQ(text_of(detail::to_param(std::optional<std::string>{"x"})), "x");
}

TEST(QueryParameter, AVectorOfIntegersIsAnArray) {
  EXPECT_EQ(text_of(detail::to_param(std::vector<std::int64_t>{3, -1, 12})), "{3,-1,12}");
  EXPECT_EQ(text_of(detail::to_param(std::vector<int>{})), "{}");
}

TEST(QueryParameter, TextWithANulByteIsRefusedRatherThanCut) {
  using namespace std::string_literals;
  EXPECT_THROW(detail::to_param("abc\0def"s), DbError);
  EXPECT_THROW(detail::to_param(std::string_view{"abc\0def", 7}), DbError);
}

TEST(ColumnValue, ParsesPostgresTextOutput) {
  bool flag = false;
  EXPECT_TRUE(detail::from_text("t", flag));
  EXPECT_TRUE(flag);
  EXPECT_TRUE(detail::from_text("f", flag));
  EXPECT_FALSE(flag);
  EXPECT_FALSE(detail::from_text("true", flag));

  std::int32_t small = 0;
  EXPECT_TRUE(detail::from_text("-2147483648", small));
  EXPECT_EQ(small, std::numeric_limits<std::int32_t>::min());
  EXPECT_FALSE(detail::from_text("2147483648", small));
  EXPECT_FALSE(detail::from_text("12x", small));
  EXPECT_FALSE(detail::from_text("", small));

  double real = 0;
  EXPECT_TRUE(detail::from_text("Infinity", real));
  EXPECT_EQ(real, std::numeric_limits<double>::infinity());
  EXPECT_TRUE(detail::from_text("-0.125", real));
  EXPECT_EQ(real, -0.125);
}

}  // namespace
}  // namespace comptoir::db
