#include "seo/canonical.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/catalog_urls.hpp"
#include "catalog/storefront_listing.hpp"

namespace comptoir::seo {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_alnum(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}

// "de", "es-MX", "fr_FR", "zh-Hant", "es-419": a two-letter (ISO 639-1) language, then an
// optional 2–4 character region or script. Three-letter languages are left out on purpose: they
// would take top-level paths such as /api/ for locales.
bool looks_like_language_tag(std::string_view segment) {
  auto dash = segment.find_first_of("-_");
  auto language = segment.substr(0, dash);
  if (language.size() != 2) return false;
  for (char c : language)
    if (!is_alpha(c)) return false;
  if (dash == std::string_view::npos) return true;
  auto region = segment.substr(dash + 1);
  if (region.size() < 2 || region.size() > 4) return false;
  for (char c : region)
    if (!is_alnum(c)) return false;
  return true;
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
  // Nearly every request's path is canonical already: no capital letter (an escape's hex digits
  // included, to stay simple) and no trailing slash past a home's "/fr/". Then nothing below could
  // differ from it, and there is nothing to build.
  if (std::ranges::none_of(path, [](char c) { return c >= 'A' && c <= 'Z'; }) &&
      (path.size() <= 4 || !path.ends_with('/')))
    return std::nullopt;
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
    auto home = catalog::urls::home(locale);  // "/fr/"
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

std::optional<std::string> locale_fallback_path(std::string_view path) {
  if (!path.starts_with('/')) return std::nullopt;
  auto rest = path.substr(1);
  auto slash = rest.find('/');
  auto segment = rest.substr(0, slash);
  if (!looks_like_language_tag(segment)) return std::nullopt;
  std::string language;
  for (char c : segment.substr(0, segment.find_first_of("-_"))) language.push_back(lower(c));
  // "/fr/…" and "/en/…" themselves (and their case variants) belong to canonical_storefront_path.
  auto target = core::kDefaultLocale;
  bool ours = false;
  for (auto locale : core::kLocales) {
    if (language == core::code(locale)) {
      target = locale;
      ours = true;
    }
  }
  if (ours && segment.size() == language.size()) return std::nullopt;
  std::string out = fmt::format("/{}/", core::code(target));
  if (slash != std::string_view::npos) out.append(rest.substr(slash + 1));
  return out;
}

}  // namespace comptoir::seo
