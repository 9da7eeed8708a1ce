#include "settings/settings_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

#include "db/connection.hpp"
#include "observe/log.hpp"

namespace comptoir::settings {
namespace json = boost::json;
namespace {

constexpr std::string_view kRevisionKey = "settings.revision";

constexpr db::Query kAll{"settings_all", "SELECT key, value::text FROM settings"};
// Saves are serialized by this lock (held until the transaction ends), not by row locks: a key
// that has no row yet has nothing to lock.
constexpr db::Query kLock{"settings_lock",
                          "SELECT pg_advisory_xact_lock(hashtext('comptoir.settings'))"};
constexpr db::Query kUpsert{"settings_upsert",
                            "INSERT INTO settings (key, value, updated_at) "
                            "VALUES ($1, $2::jsonb, clock_timestamp()) ON CONFLICT (key) DO "
                            "UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at"};
constexpr db::Query kSeed{
    "settings_seed",
    "INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING"};

}  // namespace

Snapshot load(db::Connection& conn) {
  Snapshot out;
  auto rows = conn.exec(kAll);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto key = rows.get<std::string>(i, 0);
    json::value value;
    try {
      value = json::parse(rows.get<std::string>(i, 1));
    } catch (const std::exception&) {
      continue;  // jsonb always parses; nothing else reaches this table
    }
    if (key == kRevisionKey) {
      if (const auto* number = value.if_int64()) out.revision = *number;
      continue;
    }
    if (!apply(out.settings, key, value) && key != "shop.country")
      observe::warn("settings: a stored value is not understood; its default applies",
                    {{"key", key}});
  }
  return out;
}

ShopSettings current(db::Connection& conn) {
  return load(conn).settings;
}

std::expected<Saved, SaveError> save(db::Connection& conn, std::int64_t expected_revision,
                                     const ShopSettings& settings) {
  auto wanted = normalize(settings);
  if (!validate(wanted).empty()) return std::unexpected(SaveError::invalid);
  conn.exec(kLock);
  auto before = load(conn);
  if (before.revision != expected_revision) return std::unexpected(SaveError::stale);
  wanted.currency = before.settings.currency;
  Saved out{.now = {.settings = wanted, .revision = before.revision},
            .changes = changes(before.settings, wanted)};
  if (out.changes.empty()) return out;
  auto old_entries = entries(before.settings);
  auto new_entries = entries(wanted);
  for (std::size_t i = 0; i < new_entries.size(); ++i)
    if (new_entries[i].value != old_entries[i].value)
      conn.exec(kUpsert, new_entries[i].key, json::serialize(new_entries[i].value));
  out.now.revision = before.revision + 1;
  conn.exec(kUpsert, std::string(kRevisionKey), std::to_string(out.now.revision));
  return out;
}

bool seed(db::Connection& conn, std::string_view key, std::string_view json) {
  return conn.exec(kSeed, std::string(key), std::string(json)).affected_rows() == 1;
}

}  // namespace comptoir::settings
