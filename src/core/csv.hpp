#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

}  // namespace comptoir::core
