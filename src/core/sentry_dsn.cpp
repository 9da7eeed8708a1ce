#include "core/sentry_dsn.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace comptoir::core {
namespace {

bool alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool host_char(char c) {
  return alnum(c) || c == '.' || c == '-';
}
bool path_char(char c) {
  return alnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~';
}

// "host", "host:port", "[::1]:port": whether it is well formed.
bool valid_host(std::string_view host) {
  std::string_view port;
  if (host.starts_with('[')) {
    auto close = host.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    auto inside = host.substr(1, close - 1);
    if (!std::ranges::all_of(inside, [](char c) { return alnum(c) || c == ':' || c == '.'; }))
      return false;
    auto rest = host.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(':')) return false;
      port = rest.substr(1);
      if (port.empty()) return false;
    }
  } else {
    auto colon = host.find(':');
    auto name = host.substr(0, colon);
    if (name.empty() || !std::ranges::all_of(name, host_char)) return false;
    if (colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      if (port.empty()) return false;
    }
  }
  if (port.empty()) return true;
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  return ec == std::errc{} && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

}  // namespace

std::string SentryDsn::envelope_url() const {
  return fmt::format("{}://{}{}/api/{}/envelope/", scheme, host, path, project_id);
}

std::string SentryDsn::text() const {
  return fmt::format("{}://{}@{}{}/{}", scheme, public_key, host, path, project_id);
}

std::expected<SentryDsn, std::string> parse_sentry_dsn(std::string_view text) {
  constexpr std::string_view kShape =
      "is not a DSN like https://PUBLIC_KEY@o0.ingest.sentry.io/PROJECT_ID";
  SentryDsn dsn;
  auto sep = text.find("://");
  if (sep == std::string_view::npos) return std::unexpected(std::string(kShape));
  dsn.scheme = std::string(text.substr(0, sep));
  if (dsn.scheme != "http" && dsn.scheme != "https")
    return std::unexpected("must start with https:// (or http:// for a server on your network)");
  auto rest = text.substr(sep + 3);
  if (rest.find_first_of("?#") != std::string_view::npos)
    return std::unexpected("must not carry a query string or a fragment");
  auto at = rest.find('@');
  auto slash = rest.find('/');
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at))
    return std::unexpected("has no public key (https://PUBLIC_KEY@host/PROJECT_ID)");
  auto userinfo = rest.substr(0, at);
  auto key = userinfo.substr(0, userinfo.find(':'));
  if (key.empty() || !std::ranges::all_of(key, alnum))
    return std::unexpected("has no public key made of letters and digits before the @");
  dsn.public_key = std::string(key);
  rest = rest.substr(at + 1);
  slash = rest.find('/');
  if (slash == std::string_view::npos)
    return std::unexpected("has no project id (https://PUBLIC_KEY@host/PROJECT_ID)");
  auto host = rest.substr(0, slash);
  if (!valid_host(host)) return std::unexpected("has no valid host[:port] after the @");
  dsn.host = std::string(host);
  auto path = rest.substr(slash);  // "/…/PROJECT_ID"
  auto last = path.rfind('/');
  auto project = path.substr(last + 1);
  if (project.empty() || !std::ranges::all_of(project, digit))
    return std::unexpected("must end with the project id, a number");
  auto prefix = path.substr(0, last);
  if (!std::ranges::all_of(prefix, path_char) || prefix.find("//") != std::string_view::npos ||
      prefix.ends_with('/'))
    return std::unexpected("has a path that is not plain segments before the project id");
  dsn.path = std::string(prefix);
  dsn.project_id = std::string(project);
  return dsn;
}

}  // namespace comptoir::core
