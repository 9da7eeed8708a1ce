#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/storefront_format.hpp"
#include "catalog/storefront_images.hpp"
#include "catalog/storefront_seo.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

// View models of the home's featured categories, breadcrumbs and the product page.
namespace comptoir::catalog::storefront {

// Home first, then the category's ancestors (active ones), the category itself last.
std::vector<Crumb> category_trail(const CategoryTree& tree, std::int64_t category_id, Locale locale,
                                  const i18n::Catalog& catalog);

// The category a product's breadcrumbs go through: its primary one if active, else its first
// active one; nullopt when none.
std::optional<std::int64_t> breadcrumb_category(const Product& product, const CategoryTree& tree);

struct VariantView {
  std::int64_t id = 0;
  std::string input_id{};  // "variant-12"
  std::string label{};     // option values in the product's axis order: "Grand · Rouge"
  std::string sku{};
  PriceView price{};
  bool available = false;
  std::string stock_label{};
  bool checked = false;  // the first available variant
  AnalyticsItem item{};
};

struct ProductView {
  std::int64_t product_id = 0;  // posted with the variant to the cart
  std::string name{};
  std::string brand{};
  std::string short_description{};
  std::vector<std::string> description{};  // paragraphs
  std::vector<Crumb> breadcrumbs{};
  std::vector<ImageView> gallery{};  // the first image eager (the page's largest paint)
  PriceView price{};                 // the cheapest variant's
  bool price_varies = false;         // variants differ in price: "From …"
  bool available = false;
  std::string stock_label{};
  std::string sku{};                    // of a single-variant product
  std::vector<VariantView> variants{};  // by position
  std::string choice_legend{};          // the option axes' names: "Taille · Couleur"
  std::int64_t default_variant_id = 0;  // 0 when nothing can be bought
  AnalyticsItem item{};                 // the cheapest variant's
  PerLocale<std::string> paths{};
};

// "Grand · Bleu": the variant's option values in the product's axis order; its SKU when it has
// none.
std::string variant_label(const Product& product, const Variant& variant, Locale locale);

ProductView product_view(const Product& product, const CategoryTree& tree, Locale locale,
                         const i18n::Formatter& formatter, const i18n::Catalog& catalog);

struct CategoryCardView {
  std::string name{};
  std::string url{};
  std::string description{};
};

// Active categories flagged featured, in tree order; none featured: the active top-level ones.
std::vector<CategoryCardView> featured_categories(const CategoryTree& tree, Locale locale);
// Active direct children of a category.
std::vector<CategoryCardView> subcategories(const CategoryTree& tree, std::int64_t category_id,
                                            Locale locale);

inline constexpr std::string_view kMainImageSizes = "(min-width: 60rem) 32rem, 100vw";
inline constexpr std::string_view kThumbnailSizes = "(min-width: 60rem) 10rem, 30vw";

}  // namespace comptoir::catalog::storefront
