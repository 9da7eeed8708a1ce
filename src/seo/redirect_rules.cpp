#include "seo/redirect_rules.hpp"

#include <fmt/format.h>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <functional>
#include <set>

#include "core/locale.hpp"
#include "http/form.hpp"
#include "http/router.hpp"
#include "seo/canonical.hpp"

namespace comptoir::seo {
namespace {

constexpr std::size_t kMaxLength = 2000;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool has_control(std::string_view text) {
  return std::ranges::any_of(text, [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view start) {
  if (text.size() < start.size()) return false;
  for (std::size_t i = 0; i < start.size(); ++i)
    if (lower(text[i]) != lower(start[i])) return false;
  return true;
}

std::string_view before_query(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

}  // namespace

RedirectIndex::RedirectIndex(std::vector<Redirect> redirects) : redirects_(std::move(redirects)) {
  std::set<std::size_t, std::greater<>> lengths;
  for (std::size_t i = 0; i < redirects_.size(); ++i) {
    const auto& redirect = redirects_[i];
    if (redirect.prefix) {
      prefixes_.emplace(redirect.from, i);
      lengths.insert(redirect.from.size());
    } else {
      exact_.emplace(redirect.from, i);
    }
  }
  prefix_lengths_.assign(lengths.begin(), lengths.end());
}

const Redirect* RedirectIndex::find(std::string_view path) const {
  if (auto it = exact_.find(path); it != exact_.end()) return &redirects_[it->second];
  for (auto length : prefix_lengths_) {
    if (length > path.size()) continue;
    if (auto it = prefixes_.find(path.substr(0, length)); it != prefixes_.end())
      return &redirects_[it->second];
  }
  return nullptr;
}

PathRules shop_path_rules(std::string_view base_url, std::vector<std::string> extra_paths) {
  PathRules rules;
  rules.reserved_paths = {"/",         "/admin",           "/api",        "/healthz",
                          "/readyz",   "/metrics",         "/robots.txt", "/sitemap.xml",
                          "/webhooks", "/BingSiteAuth.xml"};
  rules.reserved_prefixes = {"/api/",   "/admin/",  "/webhooks/", "/static/",
                             "/media/", "/_bench/", "/sitemap-"};
  for (auto locale : core::kLocales) {
    rules.reserved_paths.push_back(fmt::format("/{}", core::code(locale)));
    rules.reserved_prefixes.push_back(fmt::format("/{}/", core::code(locale)));
  }
  for (auto& path : extra_paths) rules.reserved_paths.push_back(std::move(path));
  rules.own_origin = origin_of(base_url);
  return rules;
}

std::expected<Redirect, std::string> parse_from(std::string_view text, const PathRules& rules) {
  text = trimmed(text);
  if (text.empty()) return std::unexpected("the old path is empty");
  if (text.starts_with("http://") || text.starts_with("https://"))
    return std::unexpected(
        fmt::format("'{}' is a URL: write the old address's path alone, starting with '/'", text));
  if (!text.starts_with('/') || text.starts_with("//"))
    return std::unexpected(fmt::format("'{}' is not a path starting with one '/'", text));
  if (text.size() > kMaxLength)
    return std::unexpected(fmt::format("the old path is longer than {} bytes", kMaxLength));
  if (text.find_first_of("?#") != std::string_view::npos)
    return std::unexpected(fmt::format(
        "'{}' holds a query string or a fragment, which matching ignores: write the path alone",
        text));
  Redirect redirect;
  if (text.ends_with('*')) {
    redirect.prefix = true;
    text.remove_suffix(1);
  }
  if (!http::is_clean_text(text) || has_control(text))
    return std::unexpected("the old path is not valid UTF-8 text");
  redirect.from = http::percent_decode(text);
  if (!http::is_clean_text(redirect.from) || has_control(redirect.from))
    return std::unexpected(
        fmt::format("'{}' is not valid UTF-8 once its %XX escapes are decoded", text));
  const auto& path = redirect.from;
  for (const auto& reserved : rules.reserved_paths) {
    if (path == reserved) return std::unexpected(fmt::format("{} is a page of this shop", path));
    if (redirect.prefix && reserved.starts_with(path))
      return std::unexpected(
          fmt::format("{}* would cover {}, a page of this shop", path, reserved));
  }
  for (const auto& reserved : rules.reserved_prefixes) {
    if (path.starts_with(reserved))
      return std::unexpected(fmt::format("{} is under {}, which this shop serves", path, reserved));
    if (redirect.prefix && reserved.starts_with(path))
      return std::unexpected(
          fmt::format("{}* would cover {}, which this shop serves", path, reserved));
  }
  // The storefront's own redirects answer these before any route, so the redirect would never
  // be reached.
  auto storefront = canonical_storefront_path(path);
  if (!storefront) storefront = locale_fallback_path(path);
  if (storefront)
    return std::unexpected(
        fmt::format("{} is already redirected by the shop to {}", path, *storefront));
  return redirect;
}

std::expected<std::string, std::string> parse_target(std::string_view text) {
  text = trimmed(text);
  if (text.empty()) return std::unexpected("the new address is empty (only a 410 has none)");
  if (text.size() > kMaxLength)
    return std::unexpected(fmt::format("the new address is longer than {} bytes", kMaxLength));
  if (has_control(text) || text.find(' ') != std::string_view::npos)
    return std::unexpected(
        fmt::format("'{}' holds a space or a control character (write a space %20)", text));
  if (!http::is_clean_text(text)) return std::unexpected("the new address is not valid UTF-8");
  bool path = text.starts_with('/') && !text.starts_with("//");
  bool url =
      starts_with_ignoring_case(text, "http://") || starts_with_ignoring_case(text, "https://");
  if (!path && !url)
    return std::unexpected(fmt::format(
        "'{}' is neither a path starting with '/' nor an http:// or https:// URL", text));
  std::string encoded;
  encoded.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80)
      encoded += fmt::format("%{:02X}", byte);
    else
      encoded.push_back(c);
  }
  auto parsed = boost::urls::parse_uri_reference(encoded);
  if (!parsed || (url && parsed->encoded_host().empty()))
    return std::unexpected(fmt::format("'{}' is not a valid address", text));
  if (!http::is_clean_text(http::percent_decode(before_query(encoded))))
    return std::unexpected(
        fmt::format("'{}' is not valid UTF-8 once its %XX escapes are decoded", text));
  return encoded;
}

std::expected<int, std::string> parse_status(std::string_view text) {
  text = trimmed(text);
  for (int status : kRedirectStatuses)
    if (text == std::to_string(status)) return status;
  return std::unexpected(fmt::format("status '{}' is not 301, 302 or 410", text));
}

std::optional<std::string> local_path_of(std::string_view target, std::string_view own_origin) {
  if (target.starts_with('/') && !target.starts_with("//"))
    return http::percent_decode(before_query(target));
  if (own_origin.empty() || !starts_with_ignoring_case(target, own_origin)) return std::nullopt;
  auto rest = target.substr(own_origin.size());
  if (!rest.empty() && rest.front() != '/' && rest.front() != '?' && rest.front() != '#')
    return std::nullopt;  // https://shop.example.evil/…
  auto path = before_query(rest);
  return path.empty() ? std::string("/") : http::percent_decode(path);
}

std::string location_of(const Redirect& redirect, std::string_view query) {
  std::string_view target = redirect.target;
  if (query.empty()) return std::string(target);
  auto hash = target.find('#');
  auto base = target.substr(0, hash);
  std::string out(base);
  out += base.find('?') == std::string_view::npos ? '?' : '&';
  out += query;
  if (hash != std::string_view::npos) out += target.substr(hash);
  return out;
}

std::string chain_problem(const Redirect& redirect, const RedirectIndex& index,
                          std::string_view own_origin, const Redirect** first_hop) {
  if (redirect.status == 410) return {};
  auto path = local_path_of(redirect.target, own_origin);
  if (!path) return {};
  const Redirect* hop = index.find(*path);
  if (first_hop) *first_hop = hop;
  if (hop == nullptr) return {};
  if (hop->from == redirect.from && hop->prefix == redirect.prefix)
    return fmt::format("{} leads to itself (a loop)", redirect.from_text());
  // Follow the chain a little, to tell a loop back to this redirect from a chain.
  const Redirect* next = hop;
  for (std::size_t step = 0; next != nullptr && step < 32 && next->status != 410; ++step) {
    auto next_path = local_path_of(next->target, own_origin);
    if (!next_path) break;
    next = index.find(*next_path);
    if (next != nullptr && next->from == redirect.from && next->prefix == redirect.prefix)
      return fmt::format("{} leads to {}, which leads back to it (a loop)", redirect.from_text(),
                         hop->from_text());
  }
  auto hop_target = hop->status == 410 ? std::string("410 gone") : hop->target;
  return fmt::format(
      "its target {} is itself redirected ({} → {}): a chain; point it at the final address", *path,
      hop->from_text(), hop_target);
}

}  // namespace comptoir::seo
