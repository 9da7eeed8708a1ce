#include "http/waf_policy.hpp"

#include <algorithm>
#include <iterator>

#include "core/text.hpp"

namespace comptoir::http {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && boost::beast::iequals(a, b);
}

// Whether a limit of `limit` (0: none) lets `value` through.
bool within(std::size_t value, std::size_t limit) {
  return limit == 0 || value <= limit;
}

std::uint64_t bit(Method method) {
  return std::uint64_t{1} << static_cast<unsigned>(method);
}

// Whether `path` is `pattern`, segment by segment, a `*` of the pattern standing for any one
// non-empty segment. Allocates nothing.
bool matches_path(std::string_view pattern, std::string_view path) {
  while (!pattern.empty() && !path.empty()) {
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    auto pattern_segment = pattern.substr(0, pattern.find('/'));
    auto path_segment = path.substr(0, path.find('/'));
    if (path_segment.empty() || (pattern_segment != "*" && pattern_segment != path_segment))
      return false;
    pattern.remove_prefix(pattern_segment.size());
    path.remove_prefix(path_segment.size());
  }
  return pattern.empty() && path.empty();
}

}  // namespace

std::string_view name(WafRule rule) {
  switch (rule) {
    case WafRule::deny:
      return "deny";
    case WafRule::ban:
      return "ban";
    case WafRule::connections:
      return "connections";
    case WafRule::url_length:
      return "url_length";
    case WafRule::headers:
      return "headers";
    case WafRule::query_params:
      return "query_params";
    case WafRule::param_name_length:
      return "param_name_length";
    case WafRule::param_value_length:
      return "param_value_length";
    case WafRule::method:
      return "method";
    case WafRule::content_type:
      return "content_type";
  }
  return "unknown";
}

RequestFacts RequestFacts::of(const Context& ctx) {
  const auto& req = ctx.request;
  auto length = req[Field::content_length];
  RequestFacts facts{
      .method = req.method(),
      .path = ctx.path,
      .query = ctx.query,
      .target_length = req.target().size(),
      .header_count = static_cast<std::size_t>(std::distance(req.base().begin(), req.base().end())),
      .has_body = !req.body().empty() || req.chunked() || (!length.empty() && length != "0"),
      .content_type = req[Field::content_type],
  };
  return facts;
}

bool media_type_allowed(std::string_view content_type, const std::vector<std::string>& allowed) {
  auto type = core::trim_blanks(content_type.substr(0, content_type.find(';')));
  auto slash = type.find('/');
  for (const std::string& pattern : allowed) {
    if (pattern == "*/*") return true;
    if (pattern.ends_with("/*")) {
      if (slash != std::string_view::npos &&
          iequal(type.substr(0, slash), std::string_view(pattern).substr(0, pattern.size() - 2)))
        return true;
    } else if (iequal(type, pattern)) {
      return true;
    }
  }
  return false;
}

WafPolicy::WafPolicy(WafRules rules) : rules_(std::move(rules)) {
  for (const auto& rule : rules_.classes) {
    Class compiled{.name = rule.name,
                   .any_method = rule.methods.empty(),
                   .methods = 0,
                   .allow = {},
                   .content_types = rule.content_types,
                   .limits = rule.limits};
    for (auto method : rule.methods) {
      compiled.methods |= bit(method);
      if (!compiled.allow.empty()) compiled.allow += ", ";
      compiled.allow += bhttp::to_string(method);
    }
    for (const auto& prefix : rule.prefixes) prefixes_.emplace_back(prefix, classes_.size());
    for (const auto& path : rule.paths) paths_.emplace_back(path, classes_.size());
    classes_.push_back(std::move(compiled));
  }
  std::ranges::stable_sort(prefixes_, std::greater<>{},
                           [](const auto& entry) { return entry.first.size(); });
  for (auto status : rules_.ban.statuses)
    if (status >= 400 && status < 600) ban_statuses_.set(status - 400);
}

const WafPolicy::Class* WafPolicy::classify(std::string_view path) const {
  for (const auto& [pattern, index] : paths_)
    if (matches_path(pattern, path)) return &classes_[index];
  for (const auto& [prefix, index] : prefixes_)
    if (path.starts_with(prefix)) return &classes_[index];
  return nullptr;
}

std::optional<WafVerdict> WafPolicy::check(const Class* cls, const RequestFacts& request) const {
  const WafLimits& limits = cls ? cls->limits : rules_.limits;
  if (!within(request.target_length, limits.url_length))
    return WafVerdict{WafRule::url_length, Status::uri_too_long};
  if (!within(request.header_count, limits.headers))
    return WafVerdict{WafRule::headers, Status::request_header_fields_too_large};
  std::size_t params = 0;
  for (auto rest = request.query; !rest.empty();) {
    auto amp = rest.find('&');
    auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    if (!within(++params, limits.query_params))
      return WafVerdict{WafRule::query_params, Status::uri_too_long};
    auto equals = pair.find('=');
    if (!within(pair.substr(0, equals).size(), limits.param_name_length))
      return WafVerdict{WafRule::param_name_length, Status::uri_too_long};
    if (equals != std::string_view::npos &&
        !within(pair.size() - equals - 1, limits.param_value_length))
      return WafVerdict{WafRule::param_value_length, Status::uri_too_long};
  }
  if (cls == nullptr) return std::nullopt;
  if (!cls->any_method &&
      (request.method == Method::unknown || (cls->methods & bit(request.method)) == 0))
    return WafVerdict{WafRule::method, Status::method_not_allowed};
  if (request.has_body && cls->content_types &&
      !media_type_allowed(request.content_type, *cls->content_types))
    return WafVerdict{WafRule::content_type, Status::unsupported_media_type};
  return std::nullopt;
}

bool WafPolicy::denied(const boost::asio::ip::address& client) const {
  return core::contains_any(rules_.deny, client);
}

bool WafPolicy::counts(unsigned status) const {
  return status >= 400 && status < 600 && ban_statuses_.test(status - 400);
}

}  // namespace comptoir::http
