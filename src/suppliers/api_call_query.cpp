#include "suppliers/api_call_query.hpp"

#include <regex>

#include "db/connection.hpp"

namespace comptoir::suppliers {
namespace {

// $1 supplier or NULL, $2 outcome (all, failed, succeeded), $3 from or NULL, $4 to or NULL,
// $5 limit.
// Failed: supplier_api_call_failed (migration 0025), for the filter and for the row.
constexpr db::Query kCalls{
    "supplier_api_calls_read",
    "SELECT c.id, c.supplier_id, coalesce(s.name, ''), "
    "to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), c.connector, "
    "c.method, c.path, c.status, c.latency_ms, c.attempt, c.request_id, c.request_body, "
    "c.response_body, c.error, supplier_api_call_failed(c.status) FROM supplier_api_calls c "
    "LEFT JOIN suppliers s ON s.id = c.supplier_id "
    "WHERE ($1::bigint IS NULL OR c.supplier_id = $1) AND CASE $2 WHEN 'failed' THEN "
    "supplier_api_call_failed(c.status) WHEN 'succeeded' THEN NOT "
    "supplier_api_call_failed(c.status) ELSE true END "
    "AND ($3::date IS NULL OR c.created_at >= ($3::date)::timestamp AT TIME ZONE 'UTC') "
    "AND ($4::date IS NULL OR c.created_at < ($4::date + 1)::timestamp AT TIME ZONE 'UTC') "
    "ORDER BY c.created_at DESC, c.id DESC LIMIT $5"};

std::optional<std::string> date_or_none(const std::string& text) {
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(text, kDate)) return std::nullopt;
  return text;
}

}  // namespace

std::vector<LoggedCall> api_calls(db::Connection& conn, const ApiCallQuery& query) {
  using Outcome = ApiCallQuery::Outcome;
  std::string outcome = query.outcome == Outcome::failed      ? "failed"
                        : query.outcome == Outcome::succeeded ? "succeeded"
                                                              : "all";
  auto r = conn.exec(kCalls, query.supplier_id, outcome, date_or_none(query.from),
                     date_or_none(query.to), static_cast<std::int64_t>(query.limit));
  std::vector<LoggedCall> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.id = r.get<std::int64_t>(i, 0),
                   .supplier_id = r.get<std::optional<std::int64_t>>(i, 1),
                   .supplier_name = r.get<std::string>(i, 2),
                   .created_at = r.get<std::string>(i, 3),
                   .call = {.connector = r.get<std::string>(i, 4),
                            .method = r.get<std::string>(i, 5),
                            .path = r.get<std::string>(i, 6),
                            .status = r.get<std::int32_t>(i, 7),
                            .latency_ms = r.get<std::int32_t>(i, 8),
                            .attempt = r.get<std::int32_t>(i, 9),
                            .request_id = r.get<std::string>(i, 10),
                            .request_body = r.get<std::string>(i, 11),
                            .response_body = r.get<std::string>(i, 12),
                            .error = r.get<std::string>(i, 13)},
                   .failed = r.get<bool>(i, 14)});
  return out;
}

}  // namespace comptoir::suppliers
