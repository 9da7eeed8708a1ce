#include "seo/head_tags.hpp"

#include <utility>

#include "catalog/catalog_urls.hpp"
#include "media/media_paths.hpp"
#include "seo/canonical.hpp"
#include "seo/json_ld.hpp"

namespace comptoir::seo {
namespace {

using catalog::storefront::PageFacts;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::string summarize(std::string_view text, std::size_t max_bytes) {
  std::string collapsed;
  collapsed.reserve(text.size());
  for (char c : text) {
    if (is_space(c)) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
    } else {
      collapsed.push_back(c);
    }
  }
  if (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  if (collapsed.size() <= max_bytes) return collapsed;

  constexpr std::string_view kEllipsis = "…";
  auto limit = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  auto cut = collapsed.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) {  // one long word: cut inside it
    cut = limit;
    while (cut > 0 && is_continuation(collapsed[cut])) --cut;
  }
  collapsed.resize(cut);
  while (!collapsed.empty() && (collapsed.back() == ' ' || collapsed.back() == ',' ||
                                collapsed.back() == ';' || collapsed.back() == ':'))
    collapsed.pop_back();
  collapsed += kEllipsis;
  return collapsed;
}

std::vector<views::MetaTag> site_verification_tags(const std::vector<std::string>& google,
                                                   const std::vector<std::string>& bing) {
  std::vector<views::MetaTag> tags;
  for (const auto& code : google) tags.push_back({"google-site-verification", code});
  for (const auto& code : bing) tags.push_back({"msvalidate.01", code});
  return tags;
}

HeadTags::HeadTags(std::string_view base_url, views::LocaleTags tags, const i18n::Catalog& messages,
                   const views::ShopName& shop_name, std::vector<views::MetaTag> home_meta)
    : origin_(origin_of(base_url)),
      tags_(std::move(tags)),
      messages_(messages),
      shop_name_(shop_name),
      home_meta_(std::move(home_meta)) {}

namespace {

// <body data-page>, the label of the Core Web Vitals it reports (observe/web_vitals).
std::string page_type(catalog::storefront::PageKind kind) {
  using enum catalog::storefront::PageKind;
  switch (kind) {
    case home:
      return "home";
    case category:
      return "category";
    case listing:
      return "listing";
    case product:
      return "product";
  }
  return "other";
}

}  // namespace

void HeadTags::describe(const PageFacts& facts, views::Page& page) const {
  auto locale = facts.locale;
  auto shop_name = shop_name_(locale);

  page.title = !facts.meta_title.empty() ? facts.meta_title : facts.name;
  page.description = !facts.meta_description.empty() ? summarize(facts.meta_description)
                     : !facts.summary.empty()
                         ? summarize(facts.summary)
                         : shop_name_.in(messages_.t(locale, "home.description"), locale);
  if (facts.noindex) page.robots = "noindex, follow";
  page.page_type = page_type(facts.kind);

  auto query = canonical_query(facts.kind, facts.query);
  page.canonical_url = absolute_url(origin_, facts.paths[locale], query);
  page.alternates = hreflang_links(origin_, facts.paths, query, tags_);

  auto& og = page.open_graph;
  og.type = facts.kind == catalog::storefront::PageKind::product ? "product" : "website";
  og.title = page.title.empty() ? shop_name : page.title;
  og.description = page.description;
  og.url = page.canonical_url;
  og.site_name = shop_name;
  og.locale = og_locale(tags_[locale]);
  og.alternate_locales = {og_locale(tags_[core::other(locale)])};
  if (facts.image) og.image = absolute_url(origin_, media::url(facts.image->path));

  JsonLdGraph graph;
  if (facts.kind == catalog::storefront::PageKind::home) {
    page.meta_tags = home_meta_;
    graph.organization(shop_name, origin_);
    graph.website(shop_name, origin_, page.canonical_url, catalog::urls::products(locale),
                  tags_[locale]);
  }
  if (facts.product != nullptr) graph.product(*facts.product, locale, page.canonical_url, origin_);
  if (facts.breadcrumbs.size() > 1) graph.breadcrumbs(facts.breadcrumbs, origin_);
  page.json_ld = std::move(graph).text();
}

}  // namespace comptoir::seo
