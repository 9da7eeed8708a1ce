#include "seo/sitemap.hpp"

#include <algorithm>
#include <utility>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "catalog/catalog_urls.hpp"
#include "core/markup.hpp"
#include "seo/canonical.hpp"

namespace comptoir::seo {
namespace {

using catalog::Locale;
namespace storefront = catalog::storefront;

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

std::string w3c_datetime(catalog::Timestamp instant) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", instant);
}

Sitemaps::Sitemaps(const std::vector<catalog::SitemapEntry>& entries, SitemapOptions options)
    : options_(std::move(options)), origin_(origin_of(options_.base_url)) {
  if (options_.urls_per_file == 0) options_.urls_per_file = 1;
  Url home;
  for (auto locale : core::kLocales) home.paths[locale] = catalog::urls::home(locale);
  for (const auto& entry : entries) home.lastmod = std::max(home.lastmod, entry.lastmod);
  urls_.push_back(std::move(home));
  for (const auto& page : options_.pages) {
    Url url;
    for (auto locale : core::kLocales) url.paths[locale] = std::string(page[locale]);
    urls_.push_back(std::move(url));
  }
  // Categories before products, each in the order the catalog gave them.
  for (auto kind : {catalog::SitemapEntry::Kind::category, catalog::SitemapEntry::Kind::product}) {
    for (const auto& entry : entries) {
      if (entry.kind != kind) continue;
      Url url{.paths = {}, .lastmod = entry.lastmod};
      for (auto locale : core::kLocales) {
        const auto& slug = entry.slug[locale];
        if (slug.empty()) continue;
        url.paths[locale] = kind == catalog::SitemapEntry::Kind::category
                                ? catalog::urls::category(locale, slug)
                                : catalog::urls::product(locale, slug);
      }
      urls_.push_back(std::move(url));
    }
  }
  for (std::size_t i = 0; i < urls_.size(); ++i)
    for (auto locale : core::kLocales)
      if (!urls_[i].paths[locale].empty()) by_locale_[locale].push_back(i);
}

std::string Sitemaps::file_name(Locale locale, std::size_t number) {
  return fmt::format("sitemap-{}-{}.xml", core::code(locale), number);
}

std::size_t Sitemaps::file_count(Locale locale) const {
  auto count = urls_of(locale).size();
  return std::max<std::size_t>(1, (count + options_.urls_per_file - 1) / options_.urls_per_file);
}

std::optional<catalog::Timestamp> Sitemaps::lastmod_of_file(Locale locale,
                                                            std::size_t number) const {
  const auto& indexes = urls_of(locale);
  auto begin = (number - 1) * options_.urls_per_file;
  auto end = std::min(indexes.size(), begin + options_.urls_per_file);
  std::optional<catalog::Timestamp> latest;
  for (auto i = begin; i < end; ++i) {
    auto lastmod = urls_[indexes[i]].lastmod;
    if (lastmod != catalog::Timestamp{} && (!latest || lastmod > *latest)) latest = lastmod;
  }
  return latest;
}

std::string Sitemaps::index_xml() const {
  std::string out(kXmlDeclaration);
  out += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (auto locale : core::kLocales) {
    for (std::size_t number = 1; number <= file_count(locale); ++number) {
      out += "<sitemap><loc>";
      core::append_xml_escaped(out, absolute_url(origin_, "/" + file_name(locale, number)));
      out += "</loc>";
      if (auto lastmod = lastmod_of_file(locale, number))
        out += fmt::format("<lastmod>{}</lastmod>", w3c_datetime(*lastmod));
      out += "</sitemap>\n";
    }
  }
  out += "</sitemapindex>\n";
  return out;
}

std::optional<std::string> Sitemaps::file_xml(Locale locale, std::size_t number) const {
  if (number < 1 || number > file_count(locale)) return std::nullopt;
  const auto& indexes = urls_of(locale);
  auto begin = (number - 1) * options_.urls_per_file;
  auto end = std::min(indexes.size(), begin + options_.urls_per_file);

  std::string out(kXmlDeclaration);
  out +=
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
  for (auto i = begin; i < end; ++i) {
    const auto& url = urls_[indexes[i]];
    out += "<url><loc>";
    core::append_xml_escaped(out, absolute_url(origin_, url.paths[locale]));
    out += "</loc>";
    if (url.lastmod != catalog::Timestamp{})
      out += fmt::format("<lastmod>{}</lastmod>", w3c_datetime(url.lastmod));
    for (const auto& link : hreflang_links(origin_, url.paths, "", options_.tags)) {
      out += "<xhtml:link rel=\"alternate\" hreflang=\"";
      core::append_xml_escaped(out, link.hreflang);
      out += "\" href=\"";
      core::append_xml_escaped(out, link.href);
      out += "\"/>";
    }
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string robots_txt(std::string_view base_url,
                       const std::vector<core::Localized>& private_pages) {
  std::string out =
      "User-agent: *\n"
      "Allow: /\n";
  for (auto path : {"/admin/", "/api/", "/webhooks/"}) out += fmt::format("Disallow: {}\n", path);
  for (auto locale : core::kLocales) {
    // Private, per-visitor pages: nothing there for a search engine.
    for (const auto& page : private_pages) out += fmt::format("Disallow: {}\n", page[locale]);
  }
  out += fmt::format("\nSitemap: {}\n", absolute_url(origin_of(base_url), "/sitemap.xml"));
  return out;
}

}  // namespace comptoir::seo
