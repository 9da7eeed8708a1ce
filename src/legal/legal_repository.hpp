#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/locale.hpp"
#include "legal/legal_document.hpp"

namespace comptoir::db {
class Connection;
}

// SQL for legal_versions (every published version of each legal document, per locale), on the
// caller's connection.
namespace comptoir::legal {

struct StoredVersion {
  std::string version{};
  core::Locale locale = core::Locale::fr;
  std::string edition{};         // YYYY-MM-DD
  std::string body{};            // the text as the page showed it (HTML)
  std::string first_shown_at{};  // ISO 8601, UTC
};

// Writes the version's text unless it is already there (a version is never rewritten); true when
// this call wrote it.
bool record_version(db::Connection& conn, Document document, std::string_view version,
                    core::Locale locale, std::string_view edition, std::string_view body);

// The document's versions, newest first (both locales of each).
std::vector<StoredVersion> versions(db::Connection& conn, Document document);

// One version's text in one locale.
std::optional<StoredVersion> find_version(db::Connection& conn, Document document,
                                          std::string_view version, core::Locale locale);

}  // namespace comptoir::legal
