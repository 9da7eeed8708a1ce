#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

// A confidentiality incident as the register holds it (Law 25, s. 3.8; GDPR art. 33(5)), and the
// rules of a form that records or changes one. Pure: incident_register applies them.
namespace comptoir::privacy {

// The assessment of the risk of serious injury (Law 25) / of a high risk (GDPR art. 34).
enum class RiskLevel { not_assessed, low, serious };
std::string_view name(RiskLevel level);
std::optional<RiskLevel> parse_risk(std::string_view text);
inline constexpr RiskLevel kRiskLevels[] = {RiskLevel::not_assessed, RiskLevel::low,
                                            RiskLevel::serious};

// What a staff member types (dates as YYYY-MM-DD; empty: not known).
struct IncidentDraft {
  std::string discovered_on{};
  std::string occurred_on{};
  std::string description{};
  std::string data_categories{};
  std::string people_affected{};  // a whole number, or empty
  std::string serious_risk = "not_assessed";
  std::string risk_assessment{};
  std::string authority_notified_on{};
  std::string people_notified_on{};
  std::string measures{};
};

struct Incident {
  std::int64_t id = 0;
  std::string discovered_on{};  // YYYY-MM-DD
  std::string occurred_on{};    // "" when not known
  std::string description{};
  std::string data_categories{};
  std::optional<std::int64_t> people_affected{};
  RiskLevel serious_risk = RiskLevel::not_assessed;
  std::string risk_assessment{};
  std::string authority_notified_on{};  // "" when not notified
  std::string people_notified_on{};
  std::string measures{};
  std::optional<std::int64_t> recorded_by{};
  std::string created_at{};  // ISO 8601, UTC
  std::string updated_at{};
  int version = 1;
};

// A field the staff member must fix: its form name and the message key.
struct IncidentProblem {
  std::string field{};
  std::string message_key{};
};

inline constexpr std::size_t kLongText = 5000;
inline constexpr std::size_t kCategoriesText = 1000;

// The incident a draft describes, or what is wrong with it: a discovery date (required), dates
// that read (YYYY-MM-DD, an existing day, none after `today`), an occurrence not after the
// discovery, a description and categories (required), a whole number of people, a known risk
// level, texts within their lengths.
std::expected<Incident, std::vector<IncidentProblem>> read_draft(const IncidentDraft& draft,
                                                                 std::chrono::sys_days today);

// The draft that shows `incident` in the form.
IncidentDraft draft_of(const Incident& incident);

// {"field": {"before": …, "after": …}} for each field that differs (the audit row of a change).
boost::json::object changes(const Incident& before, const Incident& after);

}  // namespace comptoir::privacy
