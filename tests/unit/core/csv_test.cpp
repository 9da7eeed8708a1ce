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

std::vector<std::vector<std::string>> cells(std::string_view text) {
  auto records = read_csv(text);
  EXPECT_TRUE(records.has_value());
  std::vector<std::vector<std::string>> out;
  if (records)
    for (auto& record : *records) out.push_back(record.cells);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, ReadsBackWhatTheWriterWrote) {
  CsvWriter csv;
  csv.text("sku").text("fr_name").text("note").end_row();
  csv.text("TH-1").text("Théière « fonte », 1 L").text("ligne 1\nligne \"2\"").end_row();
  csv.text("=SUM(A1)").number(-3).text("").end_row();
  auto records = read_csv(csv.str());
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3U);
  EXPECT_EQ((*records)[1].cells,
            (std::vector<std::string>{"TH-1", "Théière « fonte », 1 L", "ligne 1\nligne \"2\""}));
  EXPECT_EQ((*records)[2].cells, (std::vector<std::string>{"'=SUM(A1)", "-3", ""}));
  EXPECT_EQ(without_formula_guard((*records)[2].cells[0]), "=SUM(A1)");
  EXPECT_EQ((*records)[0].line, 1U);
  EXPECT_EQ((*records)[1].line, 2U);
  EXPECT_EQ((*records)[2].line, 4U);  // the quoted line break counts
}

TEST(CsvReader, TheApostropheIsOnlyTakenOffBeforeAFormula) {
  EXPECT_EQ(without_formula_guard("'+1"), "+1");
  EXPECT_EQ(without_formula_guard("'l'été"), "'l'été");
  EXPECT_EQ(without_formula_guard("'"), "'");
  EXPECT_EQ(without_formula_guard("plain"), "plain");
}

TEST(CsvReader, SemicolonsWhenTheFirstRecordUsesThemMore) {
  EXPECT_EQ(cells("sku;price\r\nA;24,50\r\n"), (Rows{{"sku", "price"}, {"A", "24,50"}}));
  EXPECT_EQ(cells("sku,note\nA,\"x;y\"\n"), (Rows{{"sku", "note"}, {"A", "x;y"}}));
}

TEST(CsvReader, AByteOrderMarkBlankLinesAndAMissingLastLineBreakAreFine) {
  EXPECT_EQ(cells("\xEF\xBB\xBFsku\n\nA\r\n\r\nB"), (Rows{{"sku"}, {"A"}, {"B"}}));
  EXPECT_EQ(cells(""), Rows{});
  EXPECT_EQ(cells(",\n"), (Rows{{"", ""}}));
}

TEST(CsvReader, MalformedQuotingIsRefusedWithItsLine) {
  auto unclosed = read_csv("sku\nA\n\"open,\nB\n");
  ASSERT_FALSE(unclosed);
  EXPECT_EQ(unclosed.error().code, CsvError::Code::unclosed_quote);
  EXPECT_EQ(unclosed.error().line, 3U);
  auto after = read_csv("sku,name\n\"A\"x,b\n");
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, CsvError::Code::text_after_quote);
  EXPECT_EQ(after.error().line, 2U);
}

TEST(CsvReader, LimitsOnRecordsAndCells) {
  auto many = read_csv("a\nb\nc\n", {.max_records = 2});
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().code, CsvError::Code::too_many_records);
  EXPECT_EQ(many.error().line, 3U);
  auto wide = read_csv("a,b,c\n", {.max_cells = 2});
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().code, CsvError::Code::too_many_cells);
  EXPECT_TRUE(read_csv("a,b\n", {.max_cells = 2}));
}

}  // namespace
}  // namespace comptoir::core
