#include "backup/manifest.hpp"

#include <boost/json.hpp>

namespace comptoir::backup {
namespace json = boost::json;

namespace {

std::string_view kind_name(PartKind kind) {
  return kind == PartKind::database ? "database" : "media";
}

std::optional<std::string> text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string(value->get_string());
}

std::optional<std::int64_t> integer_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64() && value->get_uint64() <= INT64_MAX)
    return static_cast<std::int64_t>(value->get_uint64());
  return std::nullopt;
}

}  // namespace

std::uint64_t Manifest::database_bytes() const {
  std::uint64_t total = 0;
  for (const auto& part : parts)
    if (part.kind == PartKind::database) total += part.size;
  return total;
}

std::uint64_t Manifest::media_bytes() const {
  std::uint64_t total = 0;
  for (const auto& part : parts)
    if (part.kind == PartKind::media) total += part.size;
  return total;
}

std::size_t Manifest::media_files() const {
  std::size_t count = 0;
  for (const auto& part : parts)
    if (part.kind == PartKind::media) ++count;
  return count;
}

std::string to_json(const Manifest& manifest) {
  json::array parts;
  for (const auto& part : manifest.parts) {
    json::object entry{{"name", part.name},
                       {"kind", kind_name(part.kind)},
                       {"size", part.size},
                       {"sha256", part.sha256}};
    if (part.kind == PartKind::media) entry["mtime"] = part.mtime;
    parts.push_back(std::move(entry));
  }
  json::object out{
      {"format", manifest.format},
      {"comptoir",
       json::object{{"version", manifest.comptoir_version}, {"commit", manifest.comptoir_commit}}},
      {"created_at", manifest.created_at},
      {"key_id", manifest.key_id},
      {"database", json::object{{"schema_migration", manifest.schema_migration},
                                {"server_version", manifest.server_version},
                                {"pg_dump", manifest.pg_dump_version}}},
      {"totals", json::object{{"database_bytes", manifest.database_bytes()},
                              {"media_files", manifest.media_files()},
                              {"media_bytes", manifest.media_bytes()}}},
      {"parts", std::move(parts)},
  };
  return json::serialize(out);
}

std::optional<Manifest> manifest_from_json(std::string_view text) {
  json::error_code error;
  auto value = json::parse(text, error);
  if (error || !value.is_object()) return std::nullopt;
  const auto& root = value.get_object();
  Manifest manifest;
  if (integer_of(root, "format") != 1) return std::nullopt;
  const auto* comptoir = root.if_contains("comptoir");
  const auto* database = root.if_contains("database");
  const auto* parts = root.if_contains("parts");
  if (comptoir == nullptr || !comptoir->is_object() || database == nullptr ||
      !database->is_object() || parts == nullptr || !parts->is_array())
    return std::nullopt;
  auto version = text_of(comptoir->get_object(), "version");
  auto commit = text_of(comptoir->get_object(), "commit");
  auto created = text_of(root, "created_at");
  auto key = text_of(root, "key_id");
  auto migration = text_of(database->get_object(), "schema_migration");
  auto server = text_of(database->get_object(), "server_version");
  auto dump = text_of(database->get_object(), "pg_dump");
  if (!version || !commit || !created || !key || !migration || !server || !dump)
    return std::nullopt;
  manifest.comptoir_version = *version;
  manifest.comptoir_commit = *commit;
  manifest.created_at = *created;
  manifest.key_id = *key;
  manifest.schema_migration = *migration;
  manifest.server_version = *server;
  manifest.pg_dump_version = *dump;
  for (const auto& item : parts->get_array()) {
    if (!item.is_object()) return std::nullopt;
    const auto& object = item.get_object();
    auto name = text_of(object, "name");
    auto kind = text_of(object, "kind");
    auto size = integer_of(object, "size");
    auto sha = text_of(object, "sha256");
    if (!name || !kind || !size || *size < 0 || !sha || (*kind != "database" && *kind != "media"))
      return std::nullopt;
    Part part{.name = *name,
              .kind = *kind == "database" ? PartKind::database : PartKind::media,
              .size = static_cast<std::uint64_t>(*size),
              .sha256 = *sha};
    if (part.kind == PartKind::media) part.mtime = integer_of(object, "mtime").value_or(0);
    manifest.parts.push_back(std::move(part));
  }
  return manifest;
}

}  // namespace comptoir::backup
