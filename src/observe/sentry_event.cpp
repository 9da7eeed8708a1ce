#include "observe/sentry_event.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/build_info.hpp"

namespace comptoir::observe {
namespace json = boost::json;
namespace {

bool alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool hex_digit(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool email_local(char c) {
  return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool email_domain(char c) {
  return alnum(c) || c == '.' || c == '-';
}
bool token_char(char c) {
  return alnum(c) || c == '_' || c == '-';
}
bool word_char(char c) {
  return alnum(c) || c == '_';
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// local@domain.tld → [email]
std::string without_emails(std::string text) {
  for (auto at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
    auto begin = at;
    while (begin > 0 && email_local(text[begin - 1])) --begin;
    auto end = at + 1;
    while (end < text.size() && email_domain(text[end])) ++end;
    auto domain = std::string_view(text).substr(at + 1, end - at - 1);
    while (domain.ends_with('.')) {
      domain.remove_suffix(1);
      --end;
    }
    if (begin == at || domain.find('.') == std::string_view::npos) continue;
    text.replace(begin, end - begin, "[email]");
    at = begin;
  }
  return text;
}

// Runs of [0-9A-Fa-f:.] standing alone: four dotted numbers (IPv4), or an IPv6 address (with
// "::" or at least four colons). Clock times (12:30:45) and C++ names (db::DbError) stay.
std::string without_addresses(std::string text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto is_run = [](char c) { return hex_digit(c) || c == ':' || c == '.'; };
    if (!is_run(text[i]) || (i > 0 && word_char(text[i - 1]))) {
      ++i;
      continue;
    }
    auto end = i;
    while (end < text.size() && is_run(text[end])) ++end;
    auto run = std::string_view(text).substr(i, end - i);
    while (run.ends_with('.')) run.remove_suffix(1);  // a sentence's full stop
    end = i + run.size();
    bool alone = end >= text.size() || !word_char(text[end]);
    auto colons = std::ranges::count(run, ':');
    auto dots = std::ranges::count(run, '.');
    bool ipv4 = colons == 0 && dots == 3 &&
                std::ranges::all_of(run, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    bool ipv6 = (run.find("::") != std::string_view::npos && run.size() > 2) || colons >= 4;
    if (alone && (ipv4 || ipv6) && std::ranges::any_of(run, hex_digit)) {
      text.replace(i, run.size(), "[ip]");
      i += 4;
    } else {
      i = std::max(end, i + 1);
    }
  }
  return text;
}

// Words of 32 or more [A-Za-z0-9_-] with both letters and digits: keys, tokens, session ids.
std::string without_tokens(std::string text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!token_char(text[i])) {
      ++i;
      continue;
    }
    auto end = i;
    while (end < text.size() && token_char(text[end])) ++end;
    auto word = std::string_view(text).substr(i, end - i);
    bool digits = std::ranges::any_of(word, [](char c) { return c >= '0' && c <= '9'; });
    bool letters = std::ranges::any_of(
        word, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
    if (word.size() >= 32 && digits && letters) {
      text.replace(i, word.size(), "[token]");
      i += 7;
    } else {
      i = end;
    }
  }
  return text;
}

std::string_view sentry_level(Level level) {
  switch (level) {
    case Level::trace:
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warning";
    case Level::error:
      return "error";
  }
  return "error";
}

std::string_view sentry_level(std::string_view log_level) {
  if (log_level == "warn") return "warning";
  if (log_level == "error" || log_level == "info" || log_level == "debug") return log_level;
  return "debug";
}

// One log line (observe::log's JSON) as a breadcrumb; null when it is not one.
json::value breadcrumb(std::string_view line, const Scrubber& scrub) {
  boost::system::error_code ec;
  auto parsed = json::parse(line, ec);
  if (ec || !parsed.is_object()) return nullptr;
  const auto& fields = parsed.as_object();
  auto string_of = [&](std::string_view key) -> std::string_view {
    const auto* value = fields.if_contains(key);
    return value && value->is_string() ? std::string_view(value->as_string()) : std::string_view{};
  };
  json::object crumb{{"type", "default"},
                     {"category", "log"},
                     {"level", sentry_level(string_of("level"))},
                     {"message", scrub.text(string_of("msg"))}};
  if (auto ts = string_of("ts"); !ts.empty()) crumb["timestamp"] = ts;
  json::object data;
  for (const auto& [key, value] : fields) {
    if (key == "ts" || key == "level" || key == "msg" || key == "request_id") continue;
    if (Scrubber::sensitive_key(key)) continue;
    if (value.is_string())
      data[key] = scrub.text(value.as_string());
    else if (value.is_number() || value.is_bool())
      data[key] = value;
    // objects and arrays stay out: what they hold is not vetted
  }
  if (!data.empty()) crumb["data"] = std::move(data);
  return crumb;
}

}  // namespace

std::string Scrubber::text(std::string_view text) const {
  return without_tokens(without_addresses(without_emails(redact_(text))));
}

bool Scrubber::sensitive_key(std::string_view key) {
  static constexpr std::array<std::string_view, 24> kParts = {
      "pass", "secret", "token", "key",  "auth", "session", "cookie", "csrf",
      "sig",  "email",  "mail",  "code", "otp",  "ip",      "client", "peer",
      "addr", "phone",  "name",  "path", "url",  "query",   "body",   "header"};
  auto name = lower(key);
  return std::ranges::any_of(
      kParts, [&](std::string_view part) { return name.find(part) != std::string::npos; });
}

std::string Scrubber::url(std::string_view path, std::string_view query,
                          std::string_view route) const {
  // A path with parameters may carry a token (/fr/compte/reinitialiser/{token}): its route then.
  std::string out =
      route.find('{') != std::string_view::npos || route.empty() || route.front() != '/'
          ? (route.starts_with('/') ? std::string(route) : std::string{})
          : text(path);
  if (out.empty()) out = "/";
  char sep = '?';
  while (!query.empty()) {
    auto amp = query.find('&');
    auto item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    auto name = item.substr(0, eq);
    auto value = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
    bool hide = sensitive_key(name) || value.find('@') != std::string_view::npos ||
                lower(value).find("%40") != std::string::npos;
    auto shown = hide ? std::string("[Filtered]") : text(value);
    out += fmt::format("{}{}={}", sep, text(name), shown);
    sep = '&';
  }
  return out;
}

std::vector<std::string> fingerprint_of(const ErrorReport& report) {
  if (!report.fingerprint.empty()) return report.fingerprint;
  return {report.logger, report.exception_type.empty() ? report.message : report.exception_type,
          report.route.empty() ? report.transaction : report.route};
}

boost::json::object build_event(const ErrorReport& report,
                                const std::vector<std::string>& breadcrumbs,
                                const EventSource& source, const Scrubber& scrub,
                                std::string_view event_id,
                                std::chrono::system_clock::time_point now) {
  json::object event{{"event_id", event_id},
                     {"timestamp", rfc3339(now)},
                     {"platform", "native"},
                     {"level", sentry_level(report.level)},
                     {"logger", report.logger},
                     {"message", scrub.text(report.message)},
                     {"release", source.release},
                     {"environment", source.environment},
                     {"server_name", source.server_name},
                     {"sdk", {{"name", "comptoir"}, {"version", core::build::kVersion}}}};
  json::object tags;
  if (!report.request_id.empty()) tags["request_id"] = report.request_id;
  if (!report.route.empty()) tags["route"] = report.route;
  if (!report.transaction.empty()) tags["transaction"] = report.transaction;
  if (report.status != 0) tags["status"] = std::to_string(report.status);
  for (const auto& [name, value] : report.tags) tags[name] = scrub.text(value);
  event["tags"] = std::move(tags);
  if (!report.transaction.empty()) event["transaction"] = report.transaction;
  json::array fingerprint;
  for (const auto& part : fingerprint_of(report)) fingerprint.emplace_back(scrub.text(part));
  event["fingerprint"] = std::move(fingerprint);
  if (report.user_id) event["user"] = {{"id", std::to_string(*report.user_id)}};
  if (!report.exception_type.empty()) {
    json::object exception{{"type", report.exception_type},
                           {"value", scrub.text(report.exception_value)}};
    event["exception"] = {{"values", json::array{std::move(exception)}}};
  }
  if (!report.method.empty()) {
    json::object request{{"method", report.method}};
    if (!report.url.empty()) {
      auto q = report.url.find('?');
      auto path = std::string_view(report.url).substr(0, q);
      auto query =
          q == std::string::npos ? std::string_view{} : std::string_view(report.url).substr(q + 1);
      request["url"] = source.base_url + scrub.url(path, query, report.route);
    }
    if (!report.user_agent.empty())
      request["headers"] = {{"User-Agent", scrub.text(report.user_agent)}};
    event["request"] = std::move(request);
  }
  json::array crumbs;
  for (const auto& line : breadcrumbs)
    if (auto crumb = breadcrumb(line, scrub); !crumb.is_null()) crumbs.push_back(std::move(crumb));
  if (!crumbs.empty()) event["breadcrumbs"] = {{"values", std::move(crumbs)}};
  return event;
}

std::string envelope(const boost::json::object& event, std::string_view dsn,
                     std::chrono::system_clock::time_point sent_at) {
  auto payload = json::serialize(event);  // one line: JSON strings escape their newlines
  json::object header{{"dsn", dsn},
                      {"sent_at", rfc3339(sent_at)},
                      {"sdk", {{"name", "comptoir"}, {"version", core::build::kVersion}}}};
  if (const auto* id = event.if_contains("event_id")) header["event_id"] = *id;
  json::object item{{"type", "event"}, {"length", payload.size()}};
  return fmt::format("{}\n{}\n{}\n", json::serialize(header), json::serialize(item), payload);
}

std::string auth_header(std::string_view public_key, std::string_view client_version) {
  return fmt::format("Sentry sentry_version=7, sentry_key={}, sentry_client=comptoir/{}",
                     public_key, client_version);
}

std::optional<std::chrono::milliseconds> rate_limit_pause(long status, std::string_view retry_after,
                                                          std::string_view rate_limits) {
  auto seconds_of = [](std::string_view text) -> std::optional<double> {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
  };
  auto as_ms = [](double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(std::min(seconds, 86'400.0) * 1000));
  };
  if (!rate_limits.empty()) {
    std::optional<double> longest;
    while (!rate_limits.empty()) {
      auto comma = rate_limits.find(',');
      auto quota = rate_limits.substr(0, comma);
      rate_limits =
          comma == std::string_view::npos ? std::string_view{} : rate_limits.substr(comma + 1);
      auto colon = quota.find(':');
      auto seconds = seconds_of(quota.substr(0, colon));
      if (!seconds) continue;
      auto rest = colon == std::string_view::npos ? std::string_view{} : quota.substr(colon + 1);
      auto categories = rest.substr(0, rest.find(':'));
      bool ours = categories.find_first_not_of(' ') == std::string_view::npos;
      while (!ours && !categories.empty()) {
        auto semi = categories.find(';');
        auto category = categories.substr(0, semi);
        while (!category.empty() && category.front() == ' ') category.remove_prefix(1);
        ours = category == "error" || category == "default";
        categories =
            semi == std::string_view::npos ? std::string_view{} : categories.substr(semi + 1);
      }
      if (ours) longest = std::max(longest.value_or(0.0), *seconds);
    }
    if (longest) return as_ms(*longest);
  }
  if (status != 429) return std::nullopt;
  return as_ms(seconds_of(retry_after).value_or(60.0));
}

std::string rfc3339(std::chrono::system_clock::time_point at) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at - seconds).count();
  return fmt::format("{:%FT%T}.{:03}Z", seconds, millis);
}

}  // namespace comptoir::observe
