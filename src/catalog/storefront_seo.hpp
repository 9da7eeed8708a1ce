#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "views/views.hpp"

namespace comptoir::catalog::storefront {

enum class PageKind { home, category, listing, product };

// One step of a breadcrumb trail: the home page first, the current page last.
struct Crumb {
  std::string name{};
  std::string path{};  // "/fr/categorie/the"
};

// What a storefront page says about itself. The SEO module (src/seo, which depends on this
// module) turns it into <title>, meta description, canonical, hreflang, Open Graph and JSON-LD;
// the storefront depends only on this interface, wired in src/app.
struct PageFacts {
  PageKind kind = PageKind::home;
  Locale locale = Locale::fr;
  PerLocale<std::string> paths{};  // this page in each locale, without a query string
  std::string_view query{};        // the request's raw query; the SEO rules pick what is canonical
  // Title and description candidates, best first; the SEO module applies the fallbacks.
  std::string meta_title{};
  std::string name{};
  std::string meta_description{};
  std::string summary{};         // e.g. the short description, used when meta_description is empty
  bool noindex = false;          // search results: crawlable, not indexed
  std::optional<Image> image{};  // og:image
  std::vector<Crumb> breadcrumbs{};
  const Product* product = nullptr;  // product pages: JSON-LD Product with its offers
};

class PageSeo {
 public:
  virtual ~PageSeo() = default;
  // Fills page.title, description, robots, canonical_url, alternates, open_graph and json_ld.
  virtual void describe(const PageFacts& facts, views::Page& page) const = 0;
};

}  // namespace comptoir::catalog::storefront
