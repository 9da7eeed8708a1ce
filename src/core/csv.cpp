#include "core/csv.hpp"

#include <optional>

namespace comptoir::core {

bool looks_like_formula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

std::string_view without_formula_guard(std::string_view cell) {
  if (cell.size() > 1 && cell.front() == '\'' && looks_like_formula(cell.substr(1)))
    cell.remove_prefix(1);
  return cell;
}

namespace {

// The separator the first record uses more, outside quotes (a comma on a tie).
char separator_of(std::string_view text) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

bool blank(const CsvRecord& record) {
  return record.cells.size() == 1 && record.cells.front().empty();
}

}  // namespace

std::expected<std::vector<CsvRecord>, CsvError> read_csv(std::string_view text, CsvLimits limits) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const char separator = separator_of(text);
  std::vector<CsvRecord> records;
  CsvRecord record{.line = 1, .cells = {std::string{}}};
  std::size_t line = 1;
  std::size_t i = 0;
  auto end_record = [&]() -> std::optional<CsvError> {
    if (!blank(record)) {
      if (records.size() == limits.max_records)
        return CsvError{CsvError::Code::too_many_records, record.line};
      records.push_back(std::move(record));
    }
    record = CsvRecord{.line = line, .cells = {std::string{}}};
    return std::nullopt;
  };
  while (i < text.size()) {
    char c = text[i];
    auto& cell = record.cells.back();
    if (c == '"' && cell.empty()) {  // a quoted field, up to its closing quote
      const std::size_t opened_on = line;
      ++i;
      while (true) {
        if (i >= text.size())
          return std::unexpected(CsvError{CsvError::Code::unclosed_quote, opened_on});
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        cell += text[i++];
      }
      if (i < text.size() && text[i] != separator && text[i] != '\r' && text[i] != '\n')
        return std::unexpected(CsvError{CsvError::Code::text_after_quote, line});
      continue;
    }
    if (c == separator) {
      if (record.cells.size() == limits.max_cells)
        return std::unexpected(CsvError{CsvError::Code::too_many_cells, record.line});
      record.cells.emplace_back();
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2U : 1U;
      ++line;
      if (auto error = end_record()) return std::unexpected(*error);
      continue;
    }
    cell += c;
    ++i;
  }
  if (auto error = end_record()) return std::unexpected(*error);
  return records;
}

void CsvWriter::separate() {
  if (row_started_) out_ += ',';
  row_started_ = true;
}

CsvWriter& CsvWriter::text(std::string_view value) {
  separate();
  const bool formula = looks_like_formula(value);
  const bool quoted = formula || value.find_first_of(",;\"\r\n") != std::string_view::npos;
  if (quoted) out_ += '"';
  if (formula) out_ += '\'';
  for (char c : value) {
    if (c == '"') out_ += '"';
    out_ += c;
  }
  if (quoted) out_ += '"';
  return *this;
}

CsvWriter& CsvWriter::number(std::int64_t value) {
  separate();
  out_ += std::to_string(value);
  return *this;
}

void CsvWriter::end_row() {
  out_ += "\r\n";
  row_started_ = false;
}

}  // namespace comptoir::core
