#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The redirects of a previous site's URLs (docs/seo.md, "Moving from another site"): what one
// redirect is, how a request path finds its redirect, and what an old path or a target may be.
// Pure rules, no I/O: the repository stores them, the service loads and imports them.
namespace comptoir::seo {

// 301 moved for good, 302 moved for now, 410 gone (no target).
inline constexpr int kRedirectStatuses[] = {301, 302, 410};

struct Redirect {
  std::string from{};    // the old path, percent-decoded (UTF-8), without a prefix's final '*'
  bool prefix = false;   // matches every path that starts with `from`
  std::string target{};  // a path ("/fr/produits") or an http(s) URL; empty for 410
  int status = 301;

  // As written in a CSV file: the path, with '*' after a prefix.
  std::string from_text() const { return prefix ? from + '*' : from; }
  bool operator==(const Redirect&) const = default;
};

// The redirects in memory, answering "which redirect does this path take?". Exact paths are one
// hash lookup; prefixes are looked up once per distinct prefix length, longest first, so the cost
// does not grow with the number of redirects. Immutable once built.
class RedirectIndex {
 public:
  RedirectIndex() = default;
  explicit RedirectIndex(std::vector<Redirect> redirects);
  RedirectIndex(const RedirectIndex&) = delete;  // the maps point into redirects_
  RedirectIndex& operator=(const RedirectIndex&) = delete;

  // `path` percent-decoded, without its query. An exact redirect wins over any prefix; among
  // prefixes the longest wins. nullptr when none matches.
  const Redirect* find(std::string_view path) const;

  const std::vector<Redirect>& all() const { return redirects_; }
  std::size_t size() const { return redirects_.size(); }

 private:
  std::vector<Redirect> redirects_;
  std::unordered_map<std::string_view, std::size_t> exact_;
  std::unordered_map<std::string_view, std::size_t> prefixes_;
  std::vector<std::size_t> prefix_lengths_;  // distinct, longest first
};

// What an old path may not be: the shop's own URLs. A from path is refused when it is one of
// `reserved_paths`, lies under one of `reserved_prefixes`, or (a prefix) covers one of them; and
// when the storefront's own redirects would answer it before routing (upper case or a trailing
// slash under /fr/ or /en/, another language's prefix such as /de/).
struct PathRules {
  std::vector<std::string> reserved_paths{};
  std::vector<std::string> reserved_prefixes{};
  // BASE_URL's origin: a target URL on it is a path of this shop (for chains and loops).
  std::string own_origin{};
};

// The shop's own URLs (design.md §4): /, /fr, /en, /fr/…, /en/…, /api/…, /admin…, /webhooks/…,
// /static/…, /media/…, /healthz, /readyz, /metrics, /robots.txt, /sitemap….xml, /_bench/…,
// /BingSiteAuth.xml, and `extra_paths` (the Google verification file when configured).
PathRules shop_path_rules(std::string_view base_url, std::vector<std::string> extra_paths = {});

// "/old-shop/*" → {from "/old-shop/", prefix}; percent escapes decoded. The error says why not.
std::expected<Redirect, std::string> parse_from(std::string_view text, const PathRules& rules);
// A path starting with one '/', or an absolute http(s) URL with a host; non-ASCII bytes are
// percent-encoded so it can stand in a Location header.
std::expected<std::string, std::string> parse_target(std::string_view text);
std::expected<int, std::string> parse_status(std::string_view text);

// The path a target leads to on this shop, percent-decoded and without query or fragment:
// the target itself when it is a path, the URL's path when the URL is on `own_origin`; nullopt
// for another site.
std::optional<std::string> local_path_of(std::string_view target, std::string_view own_origin);

// The Location of a redirect for a request with `query` (without '?'): the target, with the
// request's query appended ('?' or '&', before any '#fragment' of the target).
std::string location_of(const Redirect& redirect, std::string_view query);

// Where following `redirect` goes wrong in `index` (which holds it): "" when its target is not
// itself redirected; else a description of the chain or loop, e.g.
// "leads to /b, itself redirected to /c (a chain)" or "leads back to itself (a loop)".
// `first_hop` receives the redirect its target lands on.
std::string chain_problem(const Redirect& redirect, const RedirectIndex& index,
                          std::string_view own_origin, const Redirect** first_hop = nullptr);

}  // namespace comptoir::seo
