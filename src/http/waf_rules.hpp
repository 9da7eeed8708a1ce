#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ip_range.hpp"
#include "http/types.hpp"

// The WAF's rules as a plain value: what an operator writes in COMPTOIR_WAF_FILE (JSON) and what
// the back office will later keep in the database. Parsing lives here; enforcing lives in
// http/waf_policy.hpp (the compiled, per-request form) and http/waf.hpp (state, metrics, logs).
namespace comptoir::http {

// COMPTOIR_WAF: `on` blocks; `log` evaluates, counts and logs every rule but blocks nothing;
// `off` evaluates nothing.
enum class WafMode { on, log, off };
std::optional<WafMode> parse_waf_mode(std::string_view text);
std::string_view name(WafMode mode);

// Limits on what a request's head may hold; 0 means no limit. Lengths are of the raw,
// still percent-encoded text.
struct WafLimits {
  std::size_t url_length = 4096;          // the whole target, path and query
  std::size_t query_params = 32;          // name=value pairs in the query
  std::size_t param_name_length = 128;    // one query parameter's name
  std::size_t param_value_length = 1024;  // one query parameter's value
  std::size_t headers = 64;               // header fields
};

// The requests whose path is one of `paths`, or else starts with one of `prefixes` (the longest
// prefix of any class wins). A class names one or the other, or both.
struct WafClass {
  std::string name;  // in logs: [a-z0-9_-]
  std::vector<std::string> prefixes;
  // Whole paths, checked before every prefix, where a segment `*` stands for any one segment:
  // "/api/v1/products/*/images" is one route, not what lies under it.
  std::vector<std::string> paths{};
  // Allowed methods; none listed (the file leaves it out): any method.
  std::vector<Method> methods;
  // Media types a request body may have ("application/json", "image/*", "*/*"), compared
  // without parameters and case; nullopt: any; empty: no request may carry a body.
  std::optional<std::vector<std::string>> content_types;
  WafLimits limits;  // the file's top-level limits, with this class's own changes
};

// Fail2ban-like: `answers` answers with one of `statuses` to one client within `window` of the
// first one ban that client for `duration`. Counted in memory, per process, for at most
// `max_clients` clients (the least recently seen are forgotten first).
struct WafBanRule {
  std::size_t answers = 100;  // 0: never ban
  std::chrono::milliseconds window{std::chrono::minutes(1)};
  std::chrono::milliseconds duration{std::chrono::minutes(10)};
  std::vector<unsigned> statuses{400, 401, 403, 404, 405, 413, 414, 415, 429, 431};
  std::size_t max_clients = 10000;
};

struct WafRules {
  std::vector<core::IpRange> deny;  // client addresses refused outright (403)
  WafLimits limits;                 // for paths no class claims
  std::vector<WafClass> classes;
  WafBanRule ban;
  // Open connections one TCP peer may hold (0: no cap); a trusted proxy is never capped.
  std::size_t connections_per_client = 128;
};

// The rules without a file: API, webhooks, storefront pages, static files and media, and the
// rest (docs/security.md lists them).
WafRules default_waf_rules();

// Parses COMPTOIR_WAF_FILE's JSON. Each top-level member replaces the built-in one (`classes`
// wholesale; `limits`, `ban` and each class's `limits` field by field). An unknown member, a
// wrong type or value is an error naming its place: "classes[1].methods[0]: 'FETCH' is not an
// HTTP method".
std::expected<WafRules, std::string> parse_waf_rules(std::string_view json);
// Reads and parses a file; the error starts with the file's path.
std::expected<WafRules, std::string> load_waf_rules(const std::filesystem::path& file);

}  // namespace comptoir::http
