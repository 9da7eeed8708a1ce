#include "accounts/audit_log.hpp"

#include <boost/json/serialize.hpp>

#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

constexpr db::Query kAppendAudit{
    "accounts_append_audit",
    "INSERT INTO audit_log (actor_kind, actor_id, action, target_kind, target_id, ip, request_id, "
    "details) VALUES ($1, $2, $3, nullif($4, ''), nullif($5, ''), nullif($6, '')::inet, "
    "nullif($7, ''), $8::jsonb)"};

std::string_view kind_name(Actor::Kind kind) {
  switch (kind) {
    case Actor::Kind::user:
      return "user";
    case Actor::Kind::api_token:
      return "api_token";
    case Actor::Kind::system:
      return "system";
    case Actor::Kind::anonymous:
      return "anonymous";
  }
  return "system";
}

}  // namespace

void append_audit(db::Connection& conn, const AuditEntry& entry) {
  conn.exec(kAppendAudit, kind_name(entry.actor.kind), entry.actor.id, entry.action,
            entry.target_kind, entry.target_id, entry.ip, entry.request_id,
            boost::json::serialize(entry.details));
}

}  // namespace comptoir::accounts
