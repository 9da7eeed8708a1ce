#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace comptoir::core {

// SENTRY_DSN, parsed: {PROTOCOL}://{PUBLIC_KEY}@{HOST}[:PORT]/{PATH}{PROJECT_ID} (Sentry, and
// self-hosted GlitchTip, which speaks the same protocol). The secret of a legacy DSN
// (`key:secret@`) is not needed by the envelope endpoint and is dropped.
struct SentryDsn {
  std::string scheme;      // http or https
  std::string public_key;  // [A-Za-z0-9]+
  std::string host;        // name or address, with ":port" when the DSN names one
  std::string path;        // "" or "/prefix" (no trailing slash): the DSN's PATH
  std::string project_id;  // digits

  // {scheme}://{host}{path}/api/{project_id}/envelope/
  std::string envelope_url() const;
  // The DSN as the envelope header names it (without a legacy secret).
  std::string text() const;
};

// A DSN, or why it is not one (a sentence for check-config, never the DSN itself).
std::expected<SentryDsn, std::string> parse_sentry_dsn(std::string_view text);

}  // namespace comptoir::core
