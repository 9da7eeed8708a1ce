#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "views/views.hpp"

// Sitemaps (https://www.sitemaps.org/protocol.html) with hreflang alternates
// (https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap).
namespace comptoir::seo {

struct SitemapOptions {
  std::string base_url{};
  views::LocaleTags tags{};
  // Pages that are always there besides the catalog's (the legal pages, handed in by app), listed
  // after the home page, without <lastmod>.
  std::vector<core::Localized> pages{};
  std::size_t urls_per_file = 50'000;  // the protocol's limit per file
};

// One locale's URL list per file: /sitemap-fr-1.xml, /sitemap-fr-2.xml, … each holding the home
// page (first file), then options.pages, then active categories, then active products, with
// <lastmod> and xhtml:link alternates to every locale's version and x-default (French).
// /sitemap.xml indexes them all. Immutable: built from one snapshot of the catalog.
class Sitemaps {
 public:
  Sitemaps(const std::vector<catalog::SitemapEntry>& entries, SitemapOptions options);

  static std::string file_name(catalog::Locale locale, std::size_t number);  // "sitemap-fr-1.xml"

  std::size_t file_count(catalog::Locale locale) const;  // at least 1: the home page
  std::string index_xml() const;
  // File `number` (from 1) of `locale`; nullopt past the last one.
  std::optional<std::string> file_xml(catalog::Locale locale, std::size_t number) const;

 private:
  struct Url {
    catalog::PerLocale<std::string> paths{};  // empty where the page has no translation
    catalog::Timestamp lastmod{};
  };
  // Indexes into urls_ of the URLs `locale` has, in order.
  const std::vector<std::size_t>& urls_of(catalog::Locale locale) const {
    return by_locale_[locale];
  }
  std::optional<catalog::Timestamp> lastmod_of_file(catalog::Locale locale,
                                                    std::size_t number) const;

  SitemapOptions options_;
  std::string origin_;
  std::vector<Url> urls_;
  catalog::PerLocale<std::vector<std::size_t>> by_locale_;
};

// W3C datetime in UTC: "2026-11-25T05:31:00Z".
std::string w3c_datetime(catalog::Timestamp instant);

// /robots.txt: the storefront open to crawlers; back office, API, webhooks and the per-visitor
// `private_pages` (cart, checkout, account: handed in by app from their modules) closed; the
// sitemap index announced.
std::string robots_txt(std::string_view base_url,
                       const std::vector<core::Localized>& private_pages);

}  // namespace comptoir::seo
