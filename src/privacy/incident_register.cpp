#include "privacy/incident_register.hpp"

#include "db/connection.hpp"

namespace comptoir::privacy {
namespace {

#define COLUMNS                                                                                  \
  "id, to_char(discovered_on, 'YYYY-MM-DD'), coalesce(to_char(occurred_on, 'YYYY-MM-DD'), ''), " \
  "description, data_categories, people_affected, serious_risk, risk_assessment, "               \
  "coalesce(to_char(authority_notified_on, 'YYYY-MM-DD'), ''), "                                 \
  "coalesce(to_char(people_notified_on, 'YYYY-MM-DD'), ''), measures, recorded_by, "             \
  "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "                   \
  "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), version"

constexpr db::Query kList{"incidents_list", "SELECT " COLUMNS
                                            " FROM confidentiality_incidents "
                                            "ORDER BY discovered_on DESC, id DESC LIMIT $1"};
constexpr db::Query kListBefore{
    "incidents_list_before",
    "SELECT " COLUMNS
    " FROM confidentiality_incidents "
    "WHERE (discovered_on, id) < (SELECT discovered_on, id FROM confidentiality_incidents "
    "WHERE id = $2) ORDER BY discovered_on DESC, id DESC LIMIT $1"};
constexpr db::Query kFind{"incidents_find",
                          "SELECT " COLUMNS " FROM confidentiality_incidents WHERE id = $1"};
constexpr db::Query kLock{"incidents_lock", "SELECT " COLUMNS
                                            " FROM confidentiality_incidents WHERE id = $1 "
                                            "FOR UPDATE"};
constexpr db::Query kInsert{
    "incidents_insert",
    "INSERT INTO confidentiality_incidents (discovered_on, occurred_on, description, "
    "data_categories, people_affected, serious_risk, risk_assessment, authority_notified_on, "
    "people_notified_on, measures, recorded_by) VALUES ($1::date, nullif($2, '')::date, $3, $4, "
    "$5::integer, $6, $7, nullif($8, '')::date, nullif($9, '')::date, $10, $11) RETURNING id"};
constexpr db::Query kUpdate{
    "incidents_update",
    "UPDATE confidentiality_incidents SET discovered_on = $2::date, "
    "occurred_on = nullif($3, '')::date, description = $4, data_categories = $5, "
    "people_affected = $6::integer, serious_risk = $7, risk_assessment = $8, "
    "authority_notified_on = nullif($9, '')::date, people_notified_on = nullif($10, '')::date, "
    "measures = $11, updated_at = now(), version = version + 1 WHERE id = $1"};

#undef COLUMNS

Incident row_of(const db::Result& rows, std::size_t i) {
  return {.id = rows.get<std::int64_t>(i, 0),
          .discovered_on = rows.get<std::string>(i, 1),
          .occurred_on = rows.get<std::string>(i, 2),
          .description = rows.get<std::string>(i, 3),
          .data_categories = rows.get<std::string>(i, 4),
          .people_affected = rows.get<std::optional<std::int64_t>>(i, 5),
          .serious_risk =
              parse_risk(rows.get<std::string_view>(i, 6)).value_or(RiskLevel::not_assessed),
          .risk_assessment = rows.get<std::string>(i, 7),
          .authority_notified_on = rows.get<std::string>(i, 8),
          .people_notified_on = rows.get<std::string>(i, 9),
          .measures = rows.get<std::string>(i, 10),
          .recorded_by = rows.get<std::optional<std::int64_t>>(i, 11),
          .created_at = rows.get<std::string>(i, 12),
          .updated_at = rows.get<std::string>(i, 13),
          .version = rows.get<std::int32_t>(i, 14)};
}

}  // namespace

IncidentPage IncidentRegister::list(std::optional<std::int64_t> before, int limit) {
  auto rows = before ? conn_.exec(kListBefore, limit + 1, *before) : conn_.exec(kList, limit + 1);
  IncidentPage page;
  for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i)
    page.items.push_back(row_of(rows, i));
  if (rows.size() > static_cast<std::size_t>(limit) && !page.items.empty())
    page.next_before = page.items.back().id;
  return page;
}

std::optional<Incident> IncidentRegister::find(std::int64_t id) {
  auto rows = conn_.exec(kFind, id);
  if (rows.empty()) return std::nullopt;
  return row_of(rows, 0);
}

Incident IncidentRegister::record(const Incident& i, std::int64_t recorded_by) {
  auto id = conn_
                .exec(kInsert, i.discovered_on, i.occurred_on, i.description, i.data_categories,
                      i.people_affected, name(i.serious_risk), i.risk_assessment,
                      i.authority_notified_on, i.people_notified_on, i.measures, recorded_by)
                .get<std::int64_t>(0, 0);
  return *find(id);
}

std::expected<Incident, SaveError> IncidentRegister::update(std::int64_t id, int version,
                                                            const Incident& i, Incident* before) {
  auto rows = conn_.exec(kLock, id);
  if (rows.empty()) return std::unexpected(SaveError::unknown);
  auto stored = row_of(rows, 0);
  if (stored.version != version) return std::unexpected(SaveError::stale);
  conn_.exec(kUpdate, id, i.discovered_on, i.occurred_on, i.description, i.data_categories,
             i.people_affected, name(i.serious_risk), i.risk_assessment, i.authority_notified_on,
             i.people_notified_on, i.measures);
  if (before) *before = std::move(stored);
  return *find(id);
}

}  // namespace comptoir::privacy
