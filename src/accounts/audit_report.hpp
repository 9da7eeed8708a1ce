#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

// The audit log read back, for staff (the back office's activity log and its CSV export):
// filtered, newest first, by pages. The log is written by append_audit (audit_log.hpp).
namespace comptoir::accounts {

// Which entries a page shows; every filter is optional.
struct AuditFilter {
  // Part of an email address or of a display name: the entries of the accounts it matches (at
  // most kMaxActors of them). An address given whole finds its account only.
  std::string actor{};
  // An action ("order.status_changed"), or a family of actions by its leading words ending with
  // a dot ("order." → order.address_viewed, order.status_changed…). See is_action_filter.
  std::string action{};
  // What was acted on: its kind ("order", "user", "route"…) and, optionally, its id.
  std::string target_kind{};
  std::string target_id{};
  std::optional<std::chrono::sys_days> from{};  // UTC, inclusive
  std::optional<std::chrono::sys_days> to{};    // UTC, inclusive
  // The last id of the previous page: the next one starts just below it (a cursor stays right
  // while new entries arrive, unlike an offset).
  std::optional<std::int64_t> before_id{};
  int limit = 50;  // 1 … kMaxRows
};

struct AuditRow {
  std::int64_t id = 0;
  std::string occurred_at{};  // ISO 8601, UTC
  std::string actor_kind{};   // user | api_token | system | anonymous
  std::optional<std::int64_t> actor_id{};
  std::string actor_email{};  // the account's, for a user
  std::string actor_name{};   // the account's display name, or the API token's name
  std::string action{};
  std::string target_kind{};  // "" when none
  std::string target_id{};
  std::string ip{};          // "" when unknown
  std::string request_id{};  // "" outside a request
  boost::json::object details{};
};

struct AuditPage {
  std::vector<AuditRow> rows{};
  std::optional<std::int64_t> next_before_id{};  // set when older entries exist
  // With an actor filter: how many accounts it matched, and whether there were more than the
  // kMaxActors whose entries are shown.
  int actors_matched = 0;
  bool actors_truncated = false;
};

// "order.status_changed" or "order." (or "order.status."): what AuditFilter::action accepts.
bool is_action_filter(std::string_view text);

class AuditReport {
 public:
  static constexpr int kMaxActors = 20;
  static constexpr int kMaxRows = 10'000;

  explicit AuditReport(db::Connection& conn) : conn_(conn) {}

  // On the caller's connection, inside its transaction (db.transact): the statement is planned
  // for the filters given, so each filter is served by its own index of audit_log (migration
  // 0013) and a page reads about its own rows however long the log grows.
  AuditPage list(const AuditFilter& filter);

 private:
  std::vector<std::int64_t> actors(std::string_view text, bool& truncated);

  db::Connection& conn_;
};

}  // namespace comptoir::accounts
