#include "seo/canonical.hpp"

#include "catalog/storefront_listing.hpp"
#include "catalog/storefront_urls.hpp"

namespace comptoir::seo {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string canonical_query(PageKind kind, std::string_view raw_query) {
  if (kind != PageKind::category && kind != PageKind::listing) return {};
  auto params = catalog::storefront::parse_listing_params(raw_query);
  catalog::storefront::QueryParams kept;
  if (kind == PageKind::listing) kept.emplace_back("q", params.q);
  if (params.page > 1) kept.emplace_back("page", std::to_string(params.page));
  auto url = catalog::storefront::with_query("", kept);
  return url.empty() ? url : url.substr(1);  // without the '?'
}

std::string origin_of(std::string_view base_url) {
  while (base_url.ends_with('/')) base_url.remove_suffix(1);
  return std::string(base_url);
}

std::string absolute_url(std::string_view origin, std::string_view path, std::string_view query) {
  std::string url(origin);
  url += path;
  if (!query.empty()) {
    url += '?';
    url += query;
  }
  return url;
}

std::vector<views::AlternateLink> hreflang_links(std::string_view origin,
                                                 const PerLocale<std::string>& paths,
                                                 std::string_view query,
                                                 const views::LocaleTags& tags) {
  std::vector<views::AlternateLink> links;
  std::string fallback;
  for (auto locale : core::kLocales) {
    if (paths[locale].empty()) continue;
    auto href = absolute_url(origin, paths[locale], query);
    if (fallback.empty()) fallback = href;  // kLocales starts with French, the default
    links.push_back({.hreflang = tags[locale], .href = std::move(href)});
  }
  if (!fallback.empty()) links.push_back({.hreflang = "x-default", .href = std::move(fallback)});
  return links;
}

std::string og_locale(std::string_view tag) {
  std::string out(tag);
  for (auto& c : out)
    if (c == '-') c = '_';
  return out;
}

std::optional<std::string> canonical_storefront_path(std::string_view path) {
  std::string target;
  target.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {  // keep an escape as it is
      target.append(path.substr(i, 3));
      i += 2;
      continue;
    }
    target.push_back(lower(path[i]));
  }
  bool storefront = false;
  for (auto locale : core::kLocales) {
    auto home = catalog::storefront::home_path(locale);  // "/fr/"
    if (target == std::string_view(home).substr(0, home.size() - 1)) {
      // "/FR" → "/fr/"; "/fr" itself is left to its own route.
      if (target == path) return std::nullopt;
      return home;
    }
    if (target.starts_with(home)) storefront = true;
  }
  if (!storefront) return std::nullopt;
  while (target.size() > 4 && target.ends_with('/')) target.pop_back();
  if (target == path) return std::nullopt;
  return target;
}

}  // namespace comptoir::seo
