#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <expected>
#include <string_view>

#include "settings/shop_settings.hpp"

namespace comptoir::db {
class Connection;
}

// The `settings` table (one JSON value per key), on the caller's connection: read where a rule
// needs it — the cart's handling fee, a return's window, the dashboard's threshold — so a change
// saved by one process applies in every other at its next read, without a restart or a cache to
// invalidate. One primary-key scan of a few rows; the storefront's cached pages never read it.
namespace comptoir::settings {

// The settings and their revision, a number each save increases: a form names the revision it
// showed, and a save against another one is stale.
struct Snapshot {
  ShopSettings settings{};
  std::int64_t revision = 0;
};

// Missing or malformed rows read as their defaults (ShopSettings{}); a malformed row is logged.
Snapshot load(db::Connection& conn);
ShopSettings current(db::Connection& conn);

enum class SaveError { stale, invalid };

struct Saved {
  Snapshot now{};
  boost::json::object changes{};  // field by field, before and after (empty: nothing changed)
};

// Writes `settings` (normalized first; `currency` is not written) if the stored revision is still
// `expected_revision` and validate() finds nothing, and answers what changed. Concurrent saves
// are taken one after the other (a transaction-scoped advisory lock), so two staff members
// saving from the same revision cannot both win. Must run inside the caller's transaction, which
// also holds the audit entry. A save that changes nothing writes nothing and keeps the revision.
std::expected<Saved, SaveError> save(db::Connection& conn, std::int64_t expected_revision,
                                     const ShopSettings& settings);

// The demo shop's values and first-run defaults: written only where the key has no row yet
// (true when written).
bool seed(db::Connection& conn, std::string_view key, std::string_view json);

}  // namespace comptoir::settings
