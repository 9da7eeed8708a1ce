#include <gtest/gtest.h>

#include "core/csv.hpp"

namespace comptoir::core {
namespace {

std::string row(std::initializer_list<std::string_view> cells) {
  CsvWriter csv;
  for (auto cell : cells) csv.text(cell);
  csv.end_row();
  return csv.take();
}

TEST(Csv, PlainFieldsAreWrittenAsTheyAreAndRecordsEndWithCrlf) {
  EXPECT_EQ(row({"id", "Marie Tremblay", "order.status_changed"}),
            "id,Marie Tremblay,order.status_changed\r\n");
  EXPECT_EQ(row({"", ""}), ",\r\n");
}

TEST(Csv, FieldsWithSeparatorsQuotesOrLineBreaksAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(row({"a,b"}), "\"a,b\"\r\n");
  EXPECT_EQ(row({"a;b"}), "\"a;b\"\r\n");
  EXPECT_EQ(row({R"({"to":"paid"})"}), "\"{\"\"to\"\":\"\"paid\"\"}\"\r\n");
  EXPECT_EQ(row({"line 1\nline 2"}), "\"line 1\nline 2\"\r\n");
  EXPECT_EQ(row({"Hélène « l’été »"}), "Hélène « l’été »\r\n");
}

TEST(Csv, TextThatASpreadsheetWouldRunAsAFormulaGetsAnApostrophe) {
  EXPECT_EQ(row({"=HYPERLINK(\"http://evil.example\",\"x\")"}),
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\r\n");
  EXPECT_EQ(row({"+1"}), "\"'+1\"\r\n");
  EXPECT_EQ(row({"-2+3"}), "\"'-2+3\"\r\n");
  EXPECT_EQ(row({"@SUM(A1)"}), "\"'@SUM(A1)\"\r\n");
  EXPECT_EQ(row({"\tcmd"}), "\"'\tcmd\"\r\n");
  EXPECT_EQ(row({"\r=1"}), "\"'\r=1\"\r\n");
  EXPECT_EQ(row({"a=b"}), "a=b\r\n");  // only the first character counts
}

TEST(Csv, NumbersAreWrittenAsNumbers) {
  CsvWriter csv;
  csv.number(42).number(-7).text("x");
  csv.end_row();
  csv.number(1);
  csv.end_row();
  EXPECT_EQ(csv.str(), "42,-7,x\r\n1\r\n");
}

}  // namespace
}  // namespace comptoir::core
