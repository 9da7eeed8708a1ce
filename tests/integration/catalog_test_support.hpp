#pragma once

// A migrated database and a CatalogService over it, with helpers that build the catalog through
// the service (as the API does).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_service.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "media_test_support.hpp"
#include "test_database.hpp"

namespace comptoir::catalog::test {

using db::test::run_on_io;

inline std::filesystem::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir && *dir ? std::filesystem::path(dir) : std::filesystem::current_path();
}

// MEDIA_DIR for a CatalogService built by tests that never write pictures (orders, refunds).
inline std::filesystem::path unused_media_dir() {
  return std::filesystem::temp_directory_path() / "comptoir-test-media-unused";
}

struct NewProduct {
  std::string fr{};
  std::string en{};
  std::vector<std::pair<std::string, std::int64_t>> variants{};  // sku, price
  std::vector<std::int64_t> categories{};
  ProductStatus status = ProductStatus::active;
  std::string fr_description{};
  std::string en_description{};
  int stock = 5;
  int popularity = 0;
};

class CatalogTest : public db::test::DatabaseTest {
 protected:
  CatalogTest() : DatabaseTest(data_dir() / "migrations") {}

  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    db::Migrator(url(), data_dir() / "migrations").migrate();
    database_ =
        std::make_unique<db::Database>(db::DatabaseOptions{.primary_url = url(), .pool_size = 4});
    service_ = std::make_unique<CatalogService>(*database_, media_.path());
  }
  void TearDown() override {
    service_.reset();
    database_.reset();
    DatabaseTest::TearDown();
  }

  CatalogService& catalog() { return *service_; }
  const std::filesystem::path& media_dir() const { return media_.path(); }
  db::Database& database() { return *database_; }

  template <class T>
  T run(net::awaitable<T> work) {
    return run_on_io(std::move(work));
  }

  static ProductInput product_input(const NewProduct& p) {
    ProductInput input;
    input.status = p.status;
    input.popularity = p.popularity;
    input.text[Locale::fr] = ProductTextInput{.name = p.fr, .short_description = p.fr_description};
    input.text[Locale::en] = ProductTextInput{.name = p.en, .short_description = p.en_description};
    if (!p.categories.empty()) {
      input.category_ids = p.categories;
      input.primary_category_id = std::optional<std::int64_t>{p.categories.front()};
    }
    for (const auto& [sku, price] : p.variants)
      input.variants.push_back({.sku = sku, .price_cents = price, .stock_on_hand = p.stock});
    return input;
  }

  std::shared_ptr<const Product> create(NewProduct p) {
    if (p.variants.empty()) p.variants.push_back({"SKU-" + core::random_hex(4), 1000});
    auto created = run(catalog().create_product(product_input(p)));
    EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().message_key);
    return created ? *created : nullptr;
  }

  std::int64_t create_category(std::string fr, std::string en,
                               std::optional<std::int64_t> parent = std::nullopt) {
    CategoryInput input;
    input.parent_id = parent;
    input.text[Locale::fr] = CategoryTextInput{.name = std::move(fr)};
    input.text[Locale::en] = CategoryTextInput{.name = std::move(en)};
    auto created = run(catalog().create_category(std::move(input)));
    EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().message_key);
    return created ? created->id : 0;
  }

  ProductList list(ProductQuery query) { return run(catalog().list_products(query)); }

  static std::vector<std::string> names(const ProductList& list) {
    std::vector<std::string> out;
    for (const auto& item : list.items) out.push_back(item.name);
    return out;
  }

 private:
  media::test::TempDir media_;  // MEDIA_DIR: uploads land here, deletes remove from here
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<CatalogService> service_;
};

}  // namespace comptoir::catalog::test
