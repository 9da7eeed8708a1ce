#include <gtest/gtest.h>

#include "catalog/storefront_render.hpp"
#include "storefront_fixtures.hpp"
#include "storefront_test_support.hpp"

namespace comptoir::catalog::storefront {
namespace {

using testing::formatter;
using testing::messages;

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

class StorefrontRender : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    assets_ =
        new staticfiles::AssetStore(staticfiles::AssetStore::load(testing::data_dir() / "static"));
    // What app hands in (app::site_navigation): the product page's form posts to the cart.
    const views::Navigation navigation{.home = {"/fr/", "/en/"},
                                       .products = {"/fr/produits", "/en/products"},
                                       .cart = {"/fr/panier", "/en/cart"},
                                       .account = {"/fr/compte", "/en/account"}};
    views_ = new views::Views(testing::data_dir() / "templates", messages(), *assets_, navigation);
  }
  static void TearDownTestSuite() {
    delete views_;
    delete assets_;
  }
  static PageRenderer renderer() { return PageRenderer(*views_, messages()); }

  static std::string product_page(const Product& product, Locale locale) {
    auto view = product_view(product, testing::tree(), locale, formatter(), messages());
    return renderer().product(views::Page{.locale = locale, .title = view.name}, view);
  }

  static ListingModel listing(Locale locale, int products, std::string_view query) {
    std::vector<ProductSummary> items;
    for (int i = 1; i <= products; ++i) {
      ProductSummary item;
      item.id = i;
      item.name = "Tasse " + std::to_string(i);
      item.slug = "tasse-" + std::to_string(i);
      item.price = Money{1299, "CAD"};
      item.compare_at_cents = 1599;
      item.in_stock = true;
      Image image;
      image.path = "products/" + std::to_string(i) + "/1.jpg";
      image.width = 640;
      image.height = 480;
      item.image = image;
      items.push_back(item);
    }
    ListingModel model{.path = locale == Locale::fr ? "/fr/produits" : "/en/products",
                       .heading = "Tous les produits",
                       .params = parse_listing_params(query)};
    model.breadcrumbs = {{.name = "Accueil", .path = "/fr/"},
                         {.name = "Tous les produits", .path = model.path}};
    model.cards = card_views(items, locale, formatter(), messages(), kEagerCards);
    model.count_text = count_text(messages(), formatter(), locale, "listing.count", 100);
    model.pagination = pagination_view(model.path, model.params, 100, 24, locale, messages());
    model.sort_links = sort_links(model.path, model.params, locale, messages());
    model.search_page = true;
    return model;
  }

  static inline staticfiles::AssetStore* assets_ = nullptr;
  static inline views::Views* views_ = nullptr;
};

TEST_F(StorefrontRender, ProductPageHasOneHeadingAndANoScriptVariantForm) {
  auto html = product_page(testing::teapot(), Locale::fr);
  EXPECT_EQ(count(html, "<h1"), 1u);
  EXPECT_NE(html.find("<h1 id=\"product-name\">Théière en fonte</h1>"), std::string::npos);
  // The analytics script's data (docs/analytics.md): the cheapest variant's SKU and exact price.
  EXPECT_NE(html.find("<form class=\"add-to-cart\" action=\"/fr/panier\" method=\"post\" "
                      "data-analytics-item data-item-id=\"TEA-POT-S\" data-item-name=\"Théière "
                      "en fonte\" data-item-price=\"49.99\" data-currency=\"CAD\">"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<legend>Taille</legend>"), std::string::npos);
  EXPECT_NE(html.find("<input type=\"radio\" name=\"variant_id\" id=\"variant-7\" value=\"7\" "
                      "data-item-id=\"TEA-POT-S\" data-item-price=\"49.99\" "
                      "data-item-variant=\"Petite\" checked>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<input type=\"radio\" name=\"variant_id\" id=\"variant-8\" value=\"8\" "
                      "data-item-id=\"TEA-POT-L\" data-item-price=\"69.99\" "
                      "data-item-variant=\"Grande\" disabled>"),
            std::string::npos);
  EXPECT_NE(html.find("<label for=\"variant-7\">"), std::string::npos);
  EXPECT_NE(html.find("<label for=\"quantity\">Quantité</label>"), std::string::npos);
  EXPECT_NE(html.find("<button class=\"button\" type=\"submit\">Ajouter au panier</button>"),
            std::string::npos);
}

TEST_F(StorefrontRender, CompareAtPriceIsStruckWithAccessibleText) {
  auto html = product_page(testing::teapot(), Locale::en);
  EXPECT_NE(html.find("<span class=\"price__current\">From $49.99</span> <s class=\"price__was\">"
                      "<span class=\"visually-hidden\">Regular price:</span> $59.99</s>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"visually-hidden\">Current price:</span>"), std::string::npos);
}

TEST_F(StorefrontRender, StockIsSaidInWordsNotOnlyColour) {
  auto html = product_page(testing::teapot(), Locale::fr);
  EXPECT_NE(html.find("<p class=\"stock stock--in\">En stock</p>"), std::string::npos);
  auto sold_out = testing::teapot();
  sold_out.variants[0].stock_on_hand = 0;
  html = product_page(sold_out, Locale::fr);
  EXPECT_NE(html.find("<p class=\"stock stock--out\">Épuisé</p>"), std::string::npos);
  EXPECT_NE(html.find("type=\"submit\" disabled>"), std::string::npos);
}

TEST_F(StorefrontRender, GalleryImagesHaveSizesAndLoadingHints) {
  auto html = product_page(testing::teapot(), Locale::fr);
  EXPECT_NE(html.find("<img class=\"product__image\" src=\"/media/products/42/1.jpg\" srcset=\""
                      "/media/products/42/1-320.webp 320w, /media/products/42/1-640.webp 640w, "
                      "/media/products/42/1-960.webp 960w\" sizes=\"(min-width: 60rem) 32rem, "
                      "100vw\" width=\"1000\" height=\"800\" alt=\"Théière noire vue de face\" "
                      "loading=\"eager\" fetchpriority=\"high\">"),
            std::string::npos)
      << html;
  EXPECT_NE(
      html.find("<li><img src=\"/media/products/42/2.jpg\" width=\"300\" height=\"300\" "
                "alt=\"Théière en fonte, image 2\" loading=\"lazy\" decoding=\"async\"></li>"),
      std::string::npos);
}

TEST_F(StorefrontRender, ProductTextIsEscaped) {
  auto product = testing::teapot();
  product.text[Locale::fr].name = "<script>alert(1)</script>";
  product.text[Locale::fr].description = "<img src=x onerror=alert(1)>";
  auto html = product_page(product, Locale::fr);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(StorefrontRender, BreadcrumbsMarkTheCurrentPage) {
  auto html = product_page(testing::teapot(), Locale::fr);
  EXPECT_NE(html.find("<nav class=\"breadcrumbs\" aria-label=\"Fil d’Ariane\">"),
            std::string::npos);
  EXPECT_NE(html.find("<li><a href=\"/fr/categorie/theieres\">Théières</a></li>"),
            std::string::npos);
  EXPECT_NE(html.find("<li><span aria-current=\"page\">Théière en fonte</span></li>"),
            std::string::npos);
}

TEST_F(StorefrontRender, ListingHasPaginationSortFiltersAndLazyImagesBelowTheFirstRow) {
  auto html = renderer().listing(views::Page{.locale = Locale::en},
                                 listing(Locale::en, 24, "page=2&min=5&in_stock=1"));
  EXPECT_EQ(count(html, "<h1"), 1u);
  EXPECT_NE(html.find("<nav class=\"pagination\" aria-label=\"Pagination\">"), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"Page 2\" aria-current=\"page\">2</a>"), std::string::npos)
      << html;
  EXPECT_EQ(count(html, "aria-current=\"page\""), 2u);  // breadcrumb + pagination
  EXPECT_NE(html.find("<a href=\"/en/products?min=5&amp;in_stock=1&amp;page=3\" rel=\"next\">"),
            std::string::npos);
  EXPECT_NE(html.find("<label for=\"filter-min\">Minimum ($)</label>"), std::string::npos);
  EXPECT_NE(html.find("name=\"min\" type=\"number\" min=\"0\" step=\"0.01\" inputmode=\"decimal\" "
                      "value=\"5\">"),
            std::string::npos);
  EXPECT_NE(html.find("value=\"1\" checked>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/en/products\">Clear filters</a>"), std::string::npos);
  EXPECT_NE(html.find("<nav class=\"sort\" aria-label=\"Sort by\">"), std::string::npos);
  EXPECT_EQ(count(html, "loading=\"eager\""), 4u);
  EXPECT_EQ(count(html, "loading=\"lazy\""), 20u);
  EXPECT_NE(html.find("<h2 id=\"results-heading\" class=\"listing__count\">100 products</h2>"),
            std::string::npos);
}

TEST_F(StorefrontRender, SearchShowsHighlightsAndSuggestions) {
  auto model = listing(Locale::fr, 1, "q=tase");
  model.cards[0].highlight_html = "Une <mark>tasse</mark> &lt;b&gt;";
  model.suggestions = {{.label = "tasse", .url = "/fr/produits?q=tasse"},
                       {.label = "taser", .url = "/fr/produits?q=taser"}};
  auto html = renderer().listing(views::Page{.locale = Locale::fr}, model);
  EXPECT_NE(html.find("<p class=\"product-card__highlight\">Une <mark>tasse</mark> &lt;b&gt;</p>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("Vouliez-vous dire\u00A0: <a href=\"/fr/produits?q=tasse\">tasse</a>, "
                      "<a href=\"/fr/produits?q=taser\">taser</a></p>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<input type=\"hidden\" name=\"q\" value=\"tase\">"), std::string::npos);
  EXPECT_NE(html.find("<input id=\"listing-q\" type=\"search\" name=\"q\" value=\"tase\">"),
            std::string::npos);
}

TEST_F(StorefrontRender, AnEmptyListingSaysSo) {
  auto model = listing(Locale::en, 0, "q=zzz");
  model.pagination = {};
  auto html = renderer().listing(views::Page{.locale = Locale::en}, model);
  EXPECT_NE(html.find("No product matches your search."), std::string::npos);
  EXPECT_EQ(html.find("class=\"product-grid\""), std::string::npos);
}

TEST_F(StorefrontRender, HomeShowsCategoriesAndFeaturedProducts) {
  HomeModel model{.categories = featured_categories(testing::tree(), Locale::fr),
                  .featured = listing(Locale::fr, 2, "").cards};
  auto html = renderer().home(views::Page{.locale = Locale::fr}, model);
  EXPECT_EQ(count(html, "<h1"), 1u);
  EXPECT_NE(
      html.find("<a class=\"category-card__link\" href=\"/fr/categorie/cuisine\">Cuisine</a>"),
      std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"featured-heading\">Produits vedettes</h2>"), std::string::npos);
  EXPECT_NE(html.find("<a class=\"product-card__link\" href=\"/fr/produit/tasse-1\">Tasse 1</a>"),
            std::string::npos);
  // A card is a product for the analytics script's view_item_list (docs/analytics.md).
  EXPECT_NE(html.find("<li class=\"product-card\" data-analytics-card data-item-id=\"product-1\" "
                      "data-item-name=\"Tasse 1\" data-item-price=\"12.99\" "
                      "data-currency=\"CAD\">"),
            std::string::npos)
      << html;
}

TEST_F(StorefrontRender, LayoutWritesTheHeadTagsItIsGiven) {
  views::Page page{
      .locale = Locale::fr,
      .title = "Thé",
      .robots = "noindex, follow",
      .canonical_url = "https://s.example/fr/categorie/the",
      .alternates = {{.hreflang = "fr-CA", .href = "https://s.example/fr/categorie/the"},
                     {.hreflang = "x-default", .href = "https://s.example/fr/categorie/the"}},
      .open_graph = {.type = "website",
                     .title = "Thé",
                     .description = "Des thés.",
                     .url = "https://s.example/fr/categorie/the",
                     .image = "https://s.example/media/c.jpg",
                     .site_name = "Comptoir",
                     .locale = "fr_CA",
                     .alternate_locales = {"en_CA"}},
      .json_ld = R"({"@context":"https://schema.org","name":"\u003c/script\u003e"})"};
  auto html = renderer().home(page, HomeModel{});
  for (auto expected : {
           "<html lang=\"fr-CA\">",
           "<title>Thé – Comptoir</title>",
           "<meta name=\"robots\" content=\"noindex, follow\">",
           "<link rel=\"canonical\" href=\"https://s.example/fr/categorie/the\">",
           "<link rel=\"alternate\" hreflang=\"fr-CA\" "
           "href=\"https://s.example/fr/categorie/the\">",
           "<link rel=\"alternate\" hreflang=\"x-default\" "
           "href=\"https://s.example/fr/categorie/the\">",
           "<meta property=\"og:type\" content=\"website\">",
           "<meta property=\"og:locale\" content=\"fr_CA\">",
           "<meta property=\"og:locale:alternate\" content=\"en_CA\">",
           "<meta property=\"og:image\" content=\"https://s.example/media/c.jpg\">",
           "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"name\":"
           "\"\\u003c/script\\u003e\"}</script>",
       })
    EXPECT_NE(html.find(expected), std::string::npos) << expected << "\n" << html;
}

TEST_F(StorefrontRender, NoHeadExtrasUnlessGiven) {
  auto html = renderer().home(views::Page{.locale = Locale::en}, HomeModel{});
  EXPECT_NE(html.find("<title>Comptoir</title>"), std::string::npos);
  for (auto absent : {"rel=\"canonical\"", "hreflang=\"x-default\"", "og:type",
                      "application/ld+json", "name=\"robots\""})
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
}

}  // namespace
}  // namespace comptoir::catalog::storefront
