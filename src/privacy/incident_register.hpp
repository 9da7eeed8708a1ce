#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <vector>

#include "privacy/incident.hpp"

namespace comptoir::db {
class Connection;
}

// The register of confidentiality incidents (confidentiality_incidents, migration 0029): SQL and
// the rules of a save, on the caller's connection so the back office writes its audit row in the
// same transaction. Entries are never deleted: the table refuses it for five years.
namespace comptoir::privacy {

struct IncidentPage {
  std::vector<Incident> items{};
  std::optional<std::int64_t> next_before{};  // the id the next page starts below
};

enum class SaveError { unknown, stale };

class IncidentRegister {
 public:
  explicit IncidentRegister(db::Connection& conn) : conn_(conn) {}

  // Newest discovery first (then newest entry), `limit` a page, below the entry `before` when
  // set (keyset on discovered_on, id).
  IncidentPage list(std::optional<std::int64_t> before, int limit = 50);
  std::optional<Incident> find(std::int64_t id);
  // A new entry (version 1) by `recorded_by`; returns it as stored.
  Incident record(const Incident& incident, std::int64_t recorded_by);
  // Replaces the entry's fields when it is still at `version` (the one the staff member's page
  // showed), and increases it. `before` receives the entry as it was, for the audit row.
  std::expected<Incident, SaveError> update(std::int64_t id, int version, const Incident& incident,
                                            Incident* before = nullptr);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::privacy
