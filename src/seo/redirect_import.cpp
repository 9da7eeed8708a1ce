#include "seo/redirect_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "core/csv.hpp"

namespace comptoir::seo {
namespace {

using Key = std::pair<std::string, bool>;  // (from, prefix)

Key key_of(const Redirect& redirect) {
  return {redirect.from, redirect.prefix};
}

std::string csv_problem(const core::CsvError& error) {
  using Code = core::CsvError::Code;
  switch (error.code) {
    case Code::unclosed_quote:
      return "a quoted field is never closed";
    case Code::text_after_quote:
      return "text follows a closing quote";
    case Code::too_many_records:
      return fmt::format("the file holds more than {} redirects", kMaxRedirectRows);
    case Code::too_many_cells:
      return "a line has too many fields (from,to,status)";
  }
  return "the file is not CSV";
}

std::string lowercase_trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::string out;
  for (char c : text) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return out;
}

struct FileRow {
  std::size_t line = 0;
  Redirect redirect{};
};

// Reads and checks each line on its own; refusals go to `plan`.
std::vector<FileRow> read_rows(const std::vector<core::CsvRecord>& records, const PathRules& rules,
                               ImportPlan& plan) {
  std::vector<FileRow> rows;
  std::map<Key, std::size_t> seen;  // → line
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& record = records[i];
    const auto& cells = record.cells;
    std::string from_text = cells.empty() ? std::string{} : cells[0];
    auto refuse = [&](std::string reason) {
      plan.refused.push_back({record.line, from_text, std::move(reason)});
    };
    if (cells.size() != 3) {
      refuse(fmt::format("{} fields instead of 3 (from,to,status)", cells.size()));
      continue;
    }
    auto from = parse_from(cells[0], rules);
    if (!from) {
      refuse(from.error());
      continue;
    }
    auto status = parse_status(cells[2]);
    if (!status) {
      refuse(status.error());
      continue;
    }
    Redirect redirect = std::move(*from);
    redirect.status = *status;
    if (*status == 410) {
      if (cells[1].find_first_not_of(" \t") != std::string::npos) {
        refuse("a 410 (gone) has no new address: leave 'to' empty");
        continue;
      }
    } else {
      auto target = parse_target(cells[1]);
      if (!target) {
        refuse(target.error());
        continue;
      }
      redirect.target = std::move(*target);
    }
    auto [it, inserted] = seen.emplace(key_of(redirect), record.line);
    if (!inserted) {
      refuse(fmt::format("{} is already on line {}", redirect.from_text(), it->second));
      continue;
    }
    rows.push_back({record.line, std::move(redirect)});
  }
  return rows;
}

}  // namespace

std::size_t ImportPlan::count(PlannedRedirect::Change change) const {
  return static_cast<std::size_t>(std::ranges::count(rows, change, &PlannedRedirect::change));
}

ImportPlan plan_import(std::string_view csv, const std::vector<Redirect>& stored,
                       const PathRules& rules, bool replace) {
  ImportPlan plan;
  auto records = core::read_csv(csv, {.max_records = kMaxRedirectRows + 1, .max_cells = 50});
  if (!records) {
    plan.refused.push_back({records.error().line, {}, csv_problem(records.error())});
    return plan;
  }
  if (records->empty()) {
    plan.refused.push_back({0, {}, "the file is empty: its first line must be from,to,status"});
    return plan;
  }
  const auto& header = records->front();
  std::vector<std::string> names;
  for (const auto& cell : header.cells) names.push_back(lowercase_trimmed(cell));
  if (names != std::vector<std::string>{"from", "to", "status"}) {
    plan.refused.push_back({header.line, {}, "the first line must be the header from,to,status"});
    return plan;
  }

  auto rows = read_rows(*records, rules, plan);

  // Every redirect as it would be after the import: the stored ones the file leaves, then the
  // file's, so that chains are looked for across both.
  std::map<Key, const Redirect*> stored_by_key;
  for (const auto& redirect : stored) stored_by_key.emplace(key_of(redirect), &redirect);
  std::map<Key, std::size_t> file_keys;  // → index in rows
  for (std::size_t i = 0; i < rows.size(); ++i) file_keys.emplace(key_of(rows[i].redirect), i);
  std::vector<Redirect> after;
  std::size_t kept = 0;
  for (const auto& redirect : stored) {
    if (file_keys.contains(key_of(redirect))) continue;
    if (replace) {
      plan.removed.push_back(redirect);
      continue;
    }
    after.push_back(redirect);
    ++kept;
  }
  for (const auto& row : rows) after.push_back(row.redirect);
  const RedirectIndex index(std::move(after));
  const auto& all = index.all();

  std::vector<std::string> problems(rows.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Redirect* hop = nullptr;
    auto problem = chain_problem(all[i], index, rules.own_origin, &hop);
    if (problem.empty()) continue;
    if (i >= kept) {
      auto& slot = problems[i - kept];
      if (slot.empty()) slot = std::move(problem);
    } else if (hop != nullptr && static_cast<std::size_t>(hop - all.data()) >= kept) {
      // A stored redirect that leads to one of the file's old paths: the file's line is at fault.
      auto& slot = problems[static_cast<std::size_t>(hop - all.data()) - kept];
      if (slot.empty())
        slot = fmt::format("the stored redirect {} → {} leads here, so it would become a chain",
                           all[i].from_text(), all[i].target);
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& row = rows[i];
    if (!problems[i].empty()) {
      plan.refused.push_back({row.line, row.redirect.from_text(), std::move(problems[i])});
      continue;
    }
    PlannedRedirect planned{.line = row.line, .redirect = std::move(row.redirect)};
    if (auto it = stored_by_key.find(key_of(planned.redirect)); it != stored_by_key.end()) {
      planned.change = *it->second == planned.redirect ? PlannedRedirect::Change::same
                                                       : PlannedRedirect::Change::change;
      if (planned.change == PlannedRedirect::Change::change) planned.before = *it->second;
    }
    plan.rows.push_back(std::move(planned));
  }
  std::ranges::sort(plan.refused, {}, &RedirectRefusal::line);
  return plan;
}

}  // namespace comptoir::seo
