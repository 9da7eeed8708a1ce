#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::core {

// CSV for spreadsheets and scripts (RFC 4180): fields separated by commas, records ended by CRLF,
// a field quoted (its quotes doubled) when it holds a comma, a semicolon (the separator of
// French spreadsheets), a quote, CR or LF.
//
// Text cells are also defused against formula injection (OWASP "CSV injection"): a value that
// starts with = + - @, a tab or CR would be run by Excel or LibreOffice as a formula, so it gets a
// leading apostrophe, which spreadsheets show as text. Numbers written with number() are left as
// they are (a negative number is a number).
class CsvWriter {
 public:
  CsvWriter& text(std::string_view value);
  CsvWriter& number(std::int64_t value);
  // Ends the current record.
  void end_row();

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();

  std::string out_;
  bool row_started_ = false;
};

// Whether a spreadsheet would read `value` as a formula (its first character).
bool looks_like_formula(std::string_view value);

// A cell as CsvWriter::text wrote it, read back: the apostrophe put before a formula-like value is
// taken off ("'=1+1" → "=1+1"); any other value is returned as it is.
std::string_view without_formula_guard(std::string_view cell);

// CSV as CsvWriter and spreadsheets write it, read strictly: comma or semicolon separated (the
// one the first record uses more; French spreadsheets save with semicolons), quoted fields with
// doubled quotes and line breaks inside, CRLF or LF, a UTF-8 byte order mark skipped, blank lines
// skipped. Each record keeps the line it starts on, for messages.
struct CsvRecord {
  std::size_t line = 0;  // 1-based
  std::vector<std::string> cells;
};

struct CsvError {
  enum class Code { unclosed_quote, text_after_quote, too_many_records, too_many_cells } code;
  std::size_t line = 0;
};

struct CsvLimits {
  std::size_t max_records = 100'000;
  std::size_t max_cells = 200;  // per record
};

std::expected<std::vector<CsvRecord>, CsvError> read_csv(std::string_view text,
                                                         CsvLimits limits = {});

}  // namespace comptoir::core
