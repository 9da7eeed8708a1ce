#include "privacy/incident.hpp"

#include <charconv>

#include <fmt/format.h>

namespace comptoir::privacy {
namespace {

// "2026-12-04" → that day; nullopt for anything else (another shape, 2026-02-30).
std::optional<std::chrono::sys_days> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    int value = 0;
    auto first = text.data() + at;
    auto [end, ec] = std::from_chars(first, first + length, value);
    if (ec != std::errc{} || end != first + length) return std::nullopt;
    return value;
  };
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day day{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                  std::chrono::day{unsigned(*d)}};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_days{day};
}

std::string trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Counts code points, as PostgreSQL's char_length does.
std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace

std::string_view name(RiskLevel level) {
  switch (level) {
    case RiskLevel::low:
      return "low";
    case RiskLevel::serious:
      return "serious";
    case RiskLevel::not_assessed:
      break;
  }
  return "not_assessed";
}

std::optional<RiskLevel> parse_risk(std::string_view text) {
  for (auto level : kRiskLevels)
    if (name(level) == text) return level;
  return std::nullopt;
}

std::expected<Incident, std::vector<IncidentProblem>> read_draft(const IncidentDraft& draft,
                                                                 std::chrono::sys_days today) {
  std::vector<IncidentProblem> problems;
  Incident out;
  // A date field: empty allowed unless required; otherwise an existing day, not in the future.
  auto date = [&](std::string_view field, std::string_view text, bool required,
                  std::string& into) -> std::optional<std::chrono::sys_days> {
    auto value = trimmed(text);
    if (value.empty()) {
      if (required) problems.push_back({std::string(field), "privacy.incident.error.required"});
      return std::nullopt;
    }
    auto day = parse_day(value);
    if (!day) {
      problems.push_back({std::string(field), "privacy.incident.error.date"});
      return std::nullopt;
    }
    if (*day > today) {
      problems.push_back({std::string(field), "privacy.incident.error.future"});
      return std::nullopt;
    }
    into = value;
    return day;
  };
  auto discovered = date("discovered_on", draft.discovered_on, true, out.discovered_on);
  auto occurred = date("occurred_on", draft.occurred_on, false, out.occurred_on);
  if (discovered && occurred && *occurred > *discovered)
    problems.push_back({"occurred_on", "privacy.incident.error.occurred_after"});
  date("authority_notified_on", draft.authority_notified_on, false, out.authority_notified_on);
  date("people_notified_on", draft.people_notified_on, false, out.people_notified_on);

  auto text = [&](std::string_view field, std::string_view typed, bool required, std::size_t max,
                  std::string& into) {
    into = trimmed(typed);
    if (required && into.empty())
      problems.push_back({std::string(field), "privacy.incident.error.required"});
    else if (characters(into) > max)
      problems.push_back({std::string(field), "privacy.incident.error.too_long"});
  };
  text("description", draft.description, true, kLongText, out.description);
  text("data_categories", draft.data_categories, true, kCategoriesText, out.data_categories);
  text("risk_assessment", draft.risk_assessment, false, kLongText, out.risk_assessment);
  text("measures", draft.measures, false, kLongText, out.measures);

  if (auto people = trimmed(draft.people_affected); !people.empty()) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(people.data(), people.data() + people.size(), value);
    if (ec != std::errc{} || end != people.data() + people.size() || value < 0 ||
        value > 2'000'000'000)
      problems.push_back({"people_affected", "privacy.incident.error.people"});
    else
      out.people_affected = value;
  }
  if (auto risk = parse_risk(draft.serious_risk))
    out.serious_risk = *risk;
  else
    problems.push_back({"serious_risk", "privacy.incident.error.risk"});

  if (!problems.empty()) return std::unexpected(std::move(problems));
  return out;
}

IncidentDraft draft_of(const Incident& incident) {
  return {
      .discovered_on = incident.discovered_on,
      .occurred_on = incident.occurred_on,
      .description = incident.description,
      .data_categories = incident.data_categories,
      .people_affected = incident.people_affected ? std::to_string(*incident.people_affected) : "",
      .serious_risk = std::string(name(incident.serious_risk)),
      .risk_assessment = incident.risk_assessment,
      .authority_notified_on = incident.authority_notified_on,
      .people_notified_on = incident.people_notified_on,
      .measures = incident.measures};
}

boost::json::object changes(const Incident& before, const Incident& after) {
  boost::json::object out;
  auto was = draft_of(before);
  auto now = draft_of(after);
  auto compare = [&](std::string_view field, const std::string& a, const std::string& b) {
    if (a == b) return;
    // Long texts cut, as the catalog's changes are: the register itself keeps the whole.
    auto cut = [](const std::string& text) {
      if (text.size() <= 300) return text;
      std::size_t end = 300;
      while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
      return text.substr(0, end);
    };
    out[field] = boost::json::object{{"before", cut(a)}, {"after", cut(b)}};
  };
  compare("discovered_on", was.discovered_on, now.discovered_on);
  compare("occurred_on", was.occurred_on, now.occurred_on);
  compare("description", was.description, now.description);
  compare("data_categories", was.data_categories, now.data_categories);
  compare("people_affected", was.people_affected, now.people_affected);
  compare("serious_risk", was.serious_risk, now.serious_risk);
  compare("risk_assessment", was.risk_assessment, now.risk_assessment);
  compare("authority_notified_on", was.authority_notified_on, now.authority_notified_on);
  compare("people_notified_on", was.people_notified_on, now.people_notified_on);
  compare("measures", was.measures, now.measures);
  return out;
}

}  // namespace comptoir::privacy
