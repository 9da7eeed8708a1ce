#pragma once

#include <boost/asio/ip/address.hpp>

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/types.hpp"
#include "http/waf_rules.hpp"

namespace comptoir::http {

// What a WAF block is for: its metric label, its log field, its problem code (`waf.<rule>`).
enum class WafRule : std::uint8_t {
  deny,
  ban,
  connections,
  url_length,
  headers,
  query_params,
  param_name_length,
  param_value_length,
  method,
  content_type,
};
inline constexpr std::size_t kWafRuleCount = 10;
std::string_view name(WafRule rule);

// What the request-level rules look at, taken from a parsed request without copying it.
struct RequestFacts {
  Method method = Method::get;
  std::string_view path;   // percent-encoded, without the query
  std::string_view query;  // without '?'
  std::size_t target_length = 0;
  std::size_t header_count = 0;
  bool has_body = false;          // a body, or one announced (Content-Length > 0, chunked)
  std::string_view content_type;  // as sent, parameters included

  static RequestFacts of(const Context& ctx);
};

struct WafVerdict {
  WafRule rule;
  Status status;
};

// WafRules compiled for the hot path: classes found by a scan of whole paths (their segments
// compared in place), then of prefixes longest first, methods
// as a bit mask, limits ready. Immutable once built, so every request of every thread reads it
// without a lock (http::Waf swaps whole policies). Evaluating allocates nothing.
class WafPolicy {
 public:
  struct Class {
    std::string name;
    bool any_method = true;
    std::uint64_t methods = 0;  // bit i: Method(i) allowed
    std::string allow;          // "GET, HEAD, POST", for the Allow header of a 405
    std::optional<std::vector<std::string>> content_types;
    WafLimits limits;
  };

  explicit WafPolicy(WafRules rules);

  const WafRules& rules() const { return rules_; }
  // The class one of whose paths `path` is, else the class whose longest prefix starts it; null
  // when no class claims it.
  const Class* classify(std::string_view path) const;
  // The first rule the request breaks, checked in this order: url_length, headers, query_params,
  // param_name_length, param_value_length, method, content_type. `cls` may be null (the
  // top-level limits, any method, any type).
  std::optional<WafVerdict> check(const Class* cls, const RequestFacts& request) const;
  bool denied(const boost::asio::ip::address& client) const;
  bool has_deny_list() const { return !rules_.deny.empty(); }
  // Whether an answer with this status counts towards a ban.
  bool counts(unsigned status) const;

 private:
  WafRules rules_;
  std::vector<Class> classes_;
  std::vector<std::pair<std::string, std::size_t>> paths_;     // in the order of the rules
  std::vector<std::pair<std::string, std::size_t>> prefixes_;  // longest first
  std::bitset<200> ban_statuses_;                              // 400 … 599
};

// Whether a media type (parameters and case ignored) is one of `allowed` ("type/subtype",
// "type/*", "*/*").
bool media_type_allowed(std::string_view content_type, const std::vector<std::string>& allowed);

}  // namespace comptoir::http
