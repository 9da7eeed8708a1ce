#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/seed/images.hpp"

namespace comptoir::catalog::seed {

// The demo shop as written in seeds/demo/*.json (categories.json, products-*.json): French and
// English copy, prices in cents, stock, and what the generated pictures look like.

struct DemoText {
  std::string name;
  std::string slug;
  std::string short_description;  // products only
  std::string description;
  std::string meta_title;
  std::string meta_description;
};

struct DemoCategory {
  std::string key;                    // stable identifier used by the product files
  std::optional<std::string> parent;  // key of the parent, none for a root
  int position = 0;
  bool featured = false;
  Palette palette{};
  PerLocale<DemoText> text{};
};

struct DemoOption {
  std::string code;
  PerLocale<std::string> name{};
};

struct DemoVariant {
  std::string sku;
  std::map<std::string, PerLocale<std::string>> values{};  // option code → value
  std::int64_t price_cents = 0;
  std::optional<std::int64_t> compare_at_cents{};
  int stock = 0;
};

struct DemoImage {
  Shape shape = Shape::circle;
  int width = 1200;
  int height = 1200;
  PerLocale<std::string> alt{};
};

struct DemoProduct {
  std::string key;
  std::string category;                // primary category key
  std::vector<std::string> also_in{};  // other category keys
  std::string brand;
  int weight_grams = 0;
  std::string status = "active";  // draft | active | archived
  bool featured = false;
  int popularity = 0;
  PerLocale<DemoText> text{};
  std::vector<DemoOption> options{};
  std::vector<DemoVariant> variants{};
  std::vector<DemoImage> images{};
};

struct DemoCatalog {
  std::vector<DemoCategory> categories;  // parents before their children
  std::vector<DemoProduct> products;

  const DemoCategory* category(std::string_view key) const;
};

// A seed file that does not say what the loader expects; the message names the file and entry.
class DemoDataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and checks `dir` (the data dir's seeds/demo): every field present and typed, slugs
// lowercase ASCII with hyphens, unique slugs and SKUs, known category keys, ≥ 1 variant per
// product, option values for every declared option. Throws DemoDataError.
DemoCatalog load_demo_catalog(const std::filesystem::path& dir);

}  // namespace comptoir::catalog::seed
