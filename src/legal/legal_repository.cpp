#include "legal/legal_repository.hpp"

#include "db/connection.hpp"

namespace comptoir::legal {
namespace {

#define COMPTOIR_LEGAL_COLUMNS                              \
  "version, locale, to_char(edition, 'YYYY-MM-DD'), body, " \
  "to_char(first_shown_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

constexpr db::Query kRecord{
    "legal_record_version",
    "INSERT INTO legal_versions (document, version, locale, edition, body) "
    "VALUES ($1, $2, $3, $4::date, $5) ON CONFLICT (document, version, locale) DO NOTHING"};
constexpr db::Query kVersions{"legal_versions_of",
                              "SELECT " COMPTOIR_LEGAL_COLUMNS
                              " FROM legal_versions WHERE document = $1 "
                              "ORDER BY first_shown_at DESC, version DESC, locale"};
constexpr db::Query kFind{"legal_find_version",
                          "SELECT " COMPTOIR_LEGAL_COLUMNS
                          " FROM legal_versions "
                          "WHERE document = $1 AND version = $2 AND locale = $3"};

#undef COMPTOIR_LEGAL_COLUMNS

StoredVersion version_at(const db::Result& rows, std::size_t i) {
  return {.version = rows.get<std::string>(i, 0),
          .locale = rows.get<std::string_view>(i, 1) == "en" ? core::Locale::en : core::Locale::fr,
          .edition = rows.get<std::string>(i, 2),
          .body = rows.get<std::string>(i, 3),
          .first_shown_at = rows.get<std::string>(i, 4)};
}

}  // namespace

bool record_version(db::Connection& conn, Document document, std::string_view version,
                    core::Locale locale, std::string_view edition, std::string_view body) {
  return conn.exec(kRecord, std::string(code(document)), std::string(version),
                   std::string(core::code(locale)), std::string(edition), std::string(body))
             .affected_rows() == 1;
}

std::vector<StoredVersion> versions(db::Connection& conn, Document document) {
  auto rows = conn.exec(kVersions, std::string(code(document)));
  std::vector<StoredVersion> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(version_at(rows, i));
  return out;
}

std::optional<StoredVersion> find_version(db::Connection& conn, Document document,
                                          std::string_view version, core::Locale locale) {
  auto rows = conn.exec(kFind, std::string(code(document)), std::string(version),
                        std::string(core::code(locale)));
  if (rows.empty()) return std::nullopt;
  return version_at(rows, 0);
}

}  // namespace comptoir::legal
