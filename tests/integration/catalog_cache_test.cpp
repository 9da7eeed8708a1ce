// The cache of every process follows changes made anywhere: two CatalogService instances (two
// processes, as far as PostgreSQL can tell) on one database.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "catalog_test_support.hpp"

namespace comptoir::catalog::test {
namespace {

using namespace std::chrono_literals;

class CatalogCache : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    if (HasFatalFailure()) return;
    other_db_ =
        std::make_unique<db::Database>(db::DatabaseOptions{.primary_url = url(), .pool_size = 2});
    other_ = std::make_unique<CatalogService>(*other_db_, media_dir());
    catalog().start_listening(url());
    other_->start_listening(url());
    ASSERT_TRUE(wait_until([&] { return catalog().listening() && other_->listening(); }, 5s));
  }
  void TearDown() override {
    other_.reset();
    other_db_.reset();
    CatalogTest::TearDown();
  }

  template <class F>
  static bool wait_until(F done, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }

  std::string brand_seen_by_other(std::int64_t id) {
    auto product = run(other_->product(id));
    return product ? product->brand : "(none)";
  }

  std::unique_ptr<db::Database> other_db_;
  std::unique_ptr<CatalogService> other_;
};

TEST_F(CatalogCache, AWriteInOneProcessShowsInTheOtherWithinASecond) {
  auto product = create({.fr = "Thé", .en = "Tea"});
  EXPECT_EQ(brand_seen_by_other(product->id), "");  // now cached over there
  EXPECT_EQ(brand_seen_by_other(product->id), "");

  auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(run(catalog().update_product(product->id, {.brand = "Atelier"}, std::nullopt)));
  EXPECT_TRUE(wait_until([&] { return brand_seen_by_other(product->id) == "Atelier"; }, 1s))
      << "still " << brand_seen_by_other(product->id) << " after "
      << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started)
             .count()
      << " ms";
}

TEST_F(CatalogCache, TheWritingProcessSeesItsWriteAtOnce) {
  auto product = create({.fr = "Thé", .en = "Tea"});
  ASSERT_EQ(run(catalog().product(product->id))->brand, "");
  ASSERT_TRUE(run(catalog().update_product(product->id, {.brand = "Atelier"}, std::nullopt)));
  EXPECT_EQ(run(catalog().product(product->id))->brand, "Atelier");
}

TEST_F(CatalogCache, ListsAndTheTreeFollowToo) {
  auto tea = create_category("Thé", "Tea");
  EXPECT_EQ(run(other_->list_products({.locale = Locale::fr, .category_id = tea})).total, 0);
  EXPECT_EQ(run(other_->categories())->categories.size(), 1u);
  create({.fr = "Théière", .en = "Teapot", .categories = {tea}});
  create_category("Café", "Coffee");
  EXPECT_TRUE(wait_until(
      [&] {
        return run(other_->list_products({.locale = Locale::fr, .category_id = tea})).total == 1;
      },
      1s));
  EXPECT_TRUE(wait_until([&] { return run(other_->categories())->categories.size() == 2; }, 1s));
}

TEST_F(CatalogCache, AChangeMadeWithSqlShowsToo) {
  auto product = create({.fr = "Thé", .en = "Tea"});
  EXPECT_EQ(brand_seen_by_other(product->id), "");
  sql("UPDATE products SET brand = 'Direct' WHERE id = " + std::to_string(product->id));
  EXPECT_TRUE(wait_until([&] { return brand_seen_by_other(product->id) == "Direct"; }, 1s));
}

TEST_F(CatalogCache, TheBackOfficeListsReadPastTheCache) {
  const auto before = other_->cache_generation();
  auto product = create({.fr = "Thé", .en = "Tea"});
  // The creation's notifications reach the other process when they will: let them land (the
  // generation moves, then stays put) before caching a page, or a late one empties the cache
  // the test relies on.
  ASSERT_TRUE(wait_until([&] { return other_->cache_generation() > before; }, 2s));
  for (auto seen = other_->cache_generation();;) {
    std::this_thread::sleep_for(150ms);
    if (other_->cache_generation() == seen) break;
    seen = other_->cache_generation();
  }
  const ProductQuery storefront{.locale = Locale::fr};
  const ProductQuery staff{.locale = Locale::fr, .cached = false};
  EXPECT_EQ(run(other_->list_products(storefront)).total, 1);  // now cached over there
  EXPECT_EQ(run(other_->list_products(staff)).total, 1);
  // A change that sends no notification (triggers off for this session): only a list read past
  // the cache can see it.
  sql("SET session_replication_role = replica; UPDATE products SET status = 'archived' WHERE id "
      "= " +
      std::to_string(product->id));
  EXPECT_EQ(run(other_->list_products(storefront)).total, 1) << "the storefront's cached page";
  EXPECT_EQ(run(other_->list_products(staff)).total, 0);
  EXPECT_EQ(run(other_->list_products(storefront)).total, 1) << "the staff's answer was not stored";
}

TEST_F(CatalogCache, ChangesMissedWhileDisconnectedAreNotServedStale) {
  auto product = create({.fr = "Thé", .en = "Tea"});
  EXPECT_EQ(brand_seen_by_other(product->id), "");
  // Cut every listener connection; a change lands while nobody listens.
  connect().exec_script(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE application_name = 'comptoir-catalog-listener'");
  sql("UPDATE products SET brand = 'Missed' WHERE id = " + std::to_string(product->id));
  EXPECT_TRUE(wait_until([&] { return brand_seen_by_other(product->id) == "Missed"; }, 2s));
  // And the listeners come back, so caching resumes.
  EXPECT_TRUE(wait_until([&] { return catalog().listening() && other_->listening(); }, 5s));
  sql("UPDATE products SET brand = 'Later' WHERE id = " + std::to_string(product->id));
  EXPECT_TRUE(wait_until([&] { return brand_seen_by_other(product->id) == "Later"; }, 1s));
}

}  // namespace
}  // namespace comptoir::catalog::test
