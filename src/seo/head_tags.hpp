#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/storefront_seo.hpp"
#include "i18n/catalog.hpp"
#include "views/views.hpp"

namespace comptoir::seo {

// The storefront's PageSeo: title and description with fallbacks, robots, canonical, hreflang,
// Open Graph and JSON-LD, all absolute from BASE_URL.
class HeadTags final : public catalog::storefront::PageSeo {
 public:
  // `home_meta`: tags only the home pages carry (the search engines' verification codes:
  // site_verification_tags).
  HeadTags(std::string_view base_url, views::LocaleTags tags, const i18n::Catalog& messages,
           const views::ShopName& shop_name, std::vector<views::MetaTag> home_meta = {});

  // title: meta title, else name, else nothing (the layout shows the shop name alone).
  // description: meta description, else the summary cut to ~160 characters, else the shop's.
  void describe(const catalog::storefront::PageFacts& facts, views::Page& page) const override;

 private:
  std::string origin_;
  views::LocaleTags tags_;
  const i18n::Catalog& messages_;
  const views::ShopName& shop_name_;
  std::vector<views::MetaTag> home_meta_;
};

// <meta name="google-site-verification"> for each Google code, then <meta name="msvalidate.01">
// for each Bing code.
std::vector<views::MetaTag> site_verification_tags(const std::vector<std::string>& google,
                                                   const std::vector<std::string>& bing);

// `text` with whitespace runs collapsed to one space, cut at a word boundary so that it holds at
// most `max_bytes` bytes including a final "…" when cut. Never splits a UTF-8 sequence.
std::string summarize(std::string_view text, std::size_t max_bytes = 160);

}  // namespace comptoir::seo
