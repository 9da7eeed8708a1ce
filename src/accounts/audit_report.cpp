#include "accounts/audit_report.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>

#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

// Plans made for the parameters of each call: a filter left out (NULL) then drops out of the
// statement, and the planner picks the index of the filters given (audit_log_action_idx,
// _family_idx, _target_idx, _time_idx) instead of one generic plan for every combination.
// Local to the caller's transaction.
constexpr db::Query kCustomPlans{"audit_report_custom_plans",
                                 "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)"};

// Where the page's cursor entry sits, exactly (text keeps the microseconds).
constexpr db::Query kCursor{"audit_report_cursor",
                            "SELECT occurred_at::text FROM audit_log WHERE id = $1"};

constexpr db::Query kActorByEmail{"audit_report_actor_by_email",
                                  "SELECT id FROM users WHERE lower(email) = lower($1)"};
// strpos rather than LIKE: what is typed is matched as it is, '%' and '_' included.
constexpr db::Query kActorsMatching{
    "audit_report_actors_matching",
    "SELECT id FROM users WHERE strpos(lower(email), lower($1)) > 0 "
    "OR (display_name <> '' AND strpos(lower(display_name), lower($1)) > 0) ORDER BY id LIMIT $2"};

#define COMPTOIR_AUDIT_COLUMNS                                                                   \
  "a.id, to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "          \
  "a.actor_kind, a.actor_id, coalesce(u.email, ''), coalesce(u.display_name, t.name, ''), "      \
  "a.action, coalesce(a.target_kind, ''), coalesce(a.target_id, ''), coalesce(host(a.ip), ''), " \
  "coalesce(a.request_id, ''), a.details::text "
#define COMPTOIR_AUDIT_NAMES                                          \
  "LEFT JOIN users u ON a.actor_kind = 'user' AND u.id = a.actor_id " \
  "LEFT JOIN api_tokens t ON a.actor_kind = 'api_token' AND t.id = a.actor_id "

// $1 the cursor entry's time and $8 its id; $2 an action, $3 a family ("order."); $4 and $5 the
// entity; $6 and $7 the dates. The dates and the cursor are bounds of one index range: the
// upper one is whichever of the cursor and the day after `to` comes first, as one row bound
// (occurred_at, id) so the scan starts right there.
#define COMPTOIR_AUDIT_UPPER "(($7::date + 1)::timestamp AT TIME ZONE 'UTC')"
#define COMPTOIR_AUDIT_BELOW_CURSOR \
  "$1::timestamptz IS NOT NULL AND ($7::date IS NULL OR $1::timestamptz < " COMPTOIR_AUDIT_UPPER ")"
#define COMPTOIR_AUDIT_FILTERS                                                          \
  "($2::text IS NULL OR a.action = $2) "                                                \
  "AND ($3::text IS NULL OR (split_part(a.action, '.', 1) = split_part($3, '.', 1) "    \
  "     AND starts_with(a.action, $3))) "                                               \
  "AND ($4::text IS NULL OR a.target_kind = $4) "                                       \
  "AND ($5::text IS NULL OR a.target_id = $5) "                                         \
  "AND a.occurred_at >= coalesce($6::date::timestamp AT TIME ZONE 'UTC', '-infinity') " \
  "AND (a.occurred_at, a.id) < (CASE WHEN " COMPTOIR_AUDIT_BELOW_CURSOR                 \
  " THEN $1::timestamptz ELSE coalesce(" COMPTOIR_AUDIT_UPPER                           \
  ", 'infinity') END, "                                                                 \
  "CASE WHEN " COMPTOIR_AUDIT_BELOW_CURSOR " THEN $8::bigint ELSE 0 END) "
#define COMPTOIR_AUDIT_NEWEST "ORDER BY a.occurred_at DESC, a.id DESC LIMIT $9"

constexpr db::Query kList{"audit_report_list",
                          "SELECT " COMPTOIR_AUDIT_COLUMNS "FROM audit_log a " COMPTOIR_AUDIT_NAMES
                          "WHERE " COMPTOIR_AUDIT_FILTERS COMPTOIR_AUDIT_NEWEST};
// The entries of some accounts ($10): each account's newest through audit_log_actor_idx, then
// the newest of those, so a busy account and a quiet one both cost one short index walk.
constexpr db::Query kListByActors{
    "audit_report_list_by_actors",
    "SELECT " COMPTOIR_AUDIT_COLUMNS
    "FROM unnest($10::bigint[]) AS actor(id) CROSS JOIN LATERAL (SELECT * FROM audit_log a "
    "WHERE a.actor_kind = 'user' AND a.actor_id = actor.id AND " COMPTOIR_AUDIT_FILTERS
        COMPTOIR_AUDIT_NEWEST ") a " COMPTOIR_AUDIT_NAMES COMPTOIR_AUDIT_NEWEST};

#undef COMPTOIR_AUDIT_NEWEST
#undef COMPTOIR_AUDIT_FILTERS
#undef COMPTOIR_AUDIT_BELOW_CURSOR
#undef COMPTOIR_AUDIT_UPPER
#undef COMPTOIR_AUDIT_NAMES
#undef COMPTOIR_AUDIT_COLUMNS

bool is_word(std::string_view word) {
  return !word.empty() &&
         std::ranges::all_of(word, [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

std::optional<std::string> text_or_null(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

std::optional<std::string> day_text(std::optional<std::chrono::sys_days> day) {
  if (!day) return std::nullopt;
  std::chrono::year_month_day ymd{*day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

boost::json::object object_of(std::string_view text) {
  boost::system::error_code error;
  auto value = boost::json::parse(text, error);
  if (error || !value.is_object()) return {};
  return std::move(value.as_object());
}

}  // namespace

bool is_action_filter(std::string_view text) {
  if (text.empty() || text.size() > 100) return false;
  if (text.ends_with('.')) text.remove_suffix(1);
  while (true) {
    auto dot = text.find('.');
    if (!is_word(text.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    text.remove_prefix(dot + 1);
  }
}

std::vector<std::int64_t> AuditReport::actors(std::string_view text, bool& truncated) {
  std::vector<std::int64_t> out;
  truncated = false;
  if (text.find('@') != std::string_view::npos) {
    auto exact = conn_.exec(kActorByEmail, text);
    if (!exact.empty()) return {exact.get<std::int64_t>(0, 0)};
  }
  auto rows = conn_.exec(kActorsMatching, text, kMaxActors + 1);
  for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(kMaxActors); ++i)
    out.push_back(rows.get<std::int64_t>(i, 0));
  truncated = rows.size() > static_cast<std::size_t>(kMaxActors);
  return out;
}

AuditPage AuditReport::list(const AuditFilter& filter) {
  AuditPage page;
  const int limit = std::clamp(filter.limit, 1, kMaxRows);
  std::vector<std::int64_t> actor_ids;
  if (!filter.actor.empty()) {
    actor_ids = actors(filter.actor, page.actors_truncated);
    page.actors_matched = static_cast<int>(actor_ids.size());
    if (actor_ids.empty()) return page;
  }
  std::optional<std::string> exact;
  std::optional<std::string> family;
  if (!filter.action.empty() && is_action_filter(filter.action)) {
    if (filter.action.ends_with('.'))
      family = filter.action;
    else if (filter.action.find('.') == std::string::npos)
      family = filter.action + ".";  // one word: the whole family
    else
      exact = filter.action;
  }
  std::optional<std::string> cursor_time;
  std::optional<std::int64_t> cursor_id;
  if (filter.before_id) {
    auto found = conn_.exec(kCursor, *filter.before_id);
    if (!found.empty()) {
      cursor_time = found.get<std::string>(0, 0);
      cursor_id = filter.before_id;
    }
  }
  conn_.exec(kCustomPlans);
  auto kind = text_or_null(filter.target_kind);
  auto id = text_or_null(filter.target_id);
  auto from = day_text(filter.from);
  auto to = day_text(filter.to);
  // One more row than asked says whether an older page exists.
  auto rows = actor_ids.empty() ? conn_.exec(kList, cursor_time, exact, family, kind, id, from, to,
                                             cursor_id, limit + 1)
                                : conn_.exec(kListByActors, cursor_time, exact, family, kind, id,
                                             from, to, cursor_id, limit + 1, actor_ids);
  for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
    page.rows.push_back({.id = rows.get<std::int64_t>(i, 0),
                         .occurred_at = rows.get<std::string>(i, 1),
                         .actor_kind = rows.get<std::string>(i, 2),
                         .actor_id = rows.get<std::optional<std::int64_t>>(i, 3),
                         .actor_email = rows.get<std::string>(i, 4),
                         .actor_name = rows.get<std::string>(i, 5),
                         .action = rows.get<std::string>(i, 6),
                         .target_kind = rows.get<std::string>(i, 7),
                         .target_id = rows.get<std::string>(i, 8),
                         .ip = rows.get<std::string>(i, 9),
                         .request_id = rows.get<std::string>(i, 10),
                         .details = object_of(rows.get<std::string_view>(i, 11))});
  }
  if (rows.size() > static_cast<std::size_t>(limit) && !page.rows.empty())
    page.next_before_id = page.rows.back().id;
  return page;
}

}  // namespace comptoir::accounts
