// The cache of every process follows changes made anywhere: two CatalogService instances (two
// processes, as far as PostgreSQL can tell) on one database.
#include <gtest/gtest.h>

#include <atomic>
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
    other_->on_drop([this](const CacheDrop&) { other_drops_.fetch_add(1); });
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

  // Lists of this category (or of all products when none) as the other process caches them.
  std::int64_t total_seen_by_other(std::optional<std::int64_t> category) {
    return run(other_->list_products({.locale = Locale::fr, .category_id = category})).total;
  }

  // Waits until the other process's drops stop coming (each notification is one).
  void let_notifications_land() {
    for (auto seen = other_drops_.load();;) {
      std::this_thread::sleep_for(150ms);
      if (other_drops_.load() == seen) break;
      seen = other_drops_.load();
    }
  }

  std::atomic<int> other_drops_{0};
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
  const auto before = other_drops_.load();
  auto product = create({.fr = "Thé", .en = "Tea"});
  // The creation's notifications reach the other process when they will: let them land (drops
  // come, then stop) before caching a page, or a late one empties the cache the test relies on.
  ASSERT_TRUE(wait_until([&] { return other_drops_.load() > before; }, 2s));
  let_notifications_land();
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

TEST_F(CatalogCache, AProductChangeDropsItsEntriesAndListingsButNotTheOthers) {
  auto tea = create_category("Thé", "Tea");
  auto coffee = create_category("Café", "Coffee");
  auto teapot = create({.fr = "Théière", .en = "Teapot", .categories = {tea}});
  auto grinder = create({.fr = "Moulin", .en = "Grinder", .categories = {coffee}});
  let_notifications_land();
  const auto epoch = other_->cache_generation();
  EXPECT_EQ(brand_seen_by_other(teapot->id), "");
  EXPECT_EQ(brand_seen_by_other(grinder->id), "");
  EXPECT_EQ(total_seen_by_other(tea), 1);
  EXPECT_EQ(total_seen_by_other(coffee), 1);

  // Changes no notification tells of (triggers off for this session) show only where the cache
  // was dropped: the grinder's entries must still be there after the teapot's change.
  sql("SET session_replication_role = replica; UPDATE products SET brand = 'Hidden' WHERE id = " +
      std::to_string(grinder->id) + "; UPDATE product_categories SET category_id = " +
      std::to_string(tea) + " WHERE product_id = " + std::to_string(grinder->id) +
      "; SELECT refresh_category_listings(ARRAY[" + std::to_string(grinder->id) + "]::bigint[])");
  const auto drops = other_drops_.load();
  sql("UPDATE products SET brand = 'Atelier' WHERE id = " + std::to_string(teapot->id));
  ASSERT_TRUE(wait_until([&] { return other_drops_.load() > drops; }, 2s));

  EXPECT_EQ(brand_seen_by_other(teapot->id), "Atelier");
  EXPECT_EQ(total_seen_by_other(tea), 2) << "the teapot's category was read again";
  EXPECT_EQ(brand_seen_by_other(grinder->id), "") << "the grinder's entry was dropped";
  EXPECT_EQ(total_seen_by_other(coffee), 1) << "the coffee listing was dropped";
  EXPECT_EQ(other_->cache_generation(), epoch) << "a product's change drops only what shows it";
}

TEST_F(CatalogCache, ChangesMissedWhileDisconnectedAreNotServedStale) {
  auto product = create({.fr = "Thé", .en = "Tea"});
  EXPECT_EQ(brand_seen_by_other(product->id), "");
  // Cut every listener connection to this test's database (the other tests, running alongside,
  // keep theirs); a change lands while nobody listens.
  connect().exec_script(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE application_name = 'comptoir-catalog-listener' AND datname = current_database()");
  sql("UPDATE products SET brand = 'Missed' WHERE id = " + std::to_string(product->id));
  EXPECT_TRUE(wait_until([&] { return brand_seen_by_other(product->id) == "Missed"; }, 2s));
  // And the listeners come back, so caching resumes.
  EXPECT_TRUE(wait_until([&] { return catalog().listening() && other_->listening(); }, 5s));
  sql("UPDATE products SET brand = 'Later' WHERE id = " + std::to_string(product->id));
  EXPECT_TRUE(wait_until([&] { return brand_seen_by_other(product->id) == "Later"; }, 1s));
}

}  // namespace
}  // namespace comptoir::catalog::test
