// What `catalog_changed` says (migrations 0034, 0035): nothing for a sale that leaves every variant
// as buyable as it was, `product:<id>` (with the categories listing it) for a change a page shows.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/inventory.hpp"
#include "catalog_test_support.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog::test {
namespace {

constexpr std::string_view kSentinel = "sentinel";

// A session that LISTENs to catalog_changed, as every process's listener does.
class Listener {
 public:
  explicit Listener(const std::string& url) : conn_(PQconnectdb(url.c_str()), &PQfinish) {
    PGresult* res = PQexec(conn_.get(), "LISTEN catalog_changed");
    ok_ = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
  }
  bool ok() const { return ok_ && PQstatus(conn_.get()) == CONNECTION_OK; }

  // The payloads that arrived before the sentinel, which `notify_sentinel` sent after whatever
  // the test did: notifications of committed transactions arrive in commit order.
  std::vector<std::string> until_sentinel() {
    std::vector<std::string> payloads;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
      ::poll(&fd, 1, 100);
      if (PQconsumeInput(conn_.get()) == 0) break;
      while (PGnotify* notification = PQnotifies(conn_.get())) {
        std::string payload = notification->extra;
        PQfreemem(notification);
        if (payload == kSentinel) return payloads;
        payloads.push_back(std::move(payload));
      }
    }
    ADD_FAILURE() << "the sentinel never came";
    return payloads;
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
  bool ok_ = false;
};

class CatalogNotify : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    if (HasFatalFailure()) return;
    parent_ = create_category("Cuisine", "Kitchen");
    child_ = create_category("Thé", "Tea", parent_);
    other_ = create_category("Café", "Coffee");
    listener_ = std::make_unique<Listener>(url());
    ASSERT_TRUE(listener_->ok());
  }

  // What was notified since the last call (the setup's own notifications included, once).
  std::set<std::string> notified() {
    sql("NOTIFY catalog_changed, 'sentinel'");
    auto payloads = listener_->until_sentinel();
    return {payloads.begin(), payloads.end()};
  }

  // An order taking `units` of the variant, as OrderService::place does.
  catalog::Reservation sell(std::int64_t variant_id, int units) {
    return run(database().transact(
        [&](db::Connection& conn) { return Inventory::reserve(conn, variant_id, units); }));
  }

  int version_of(std::int64_t product_id) {
    return run(catalog().product_for_staff(product_id))->version;
  }

  static std::string product_tag(std::int64_t id) { return "product:" + std::to_string(id); }
  static std::string category_tag(std::int64_t id) { return "category:" + std::to_string(id); }

  std::int64_t parent_ = 0;
  std::int64_t child_ = 0;
  std::int64_t other_ = 0;
  std::unique_ptr<Listener> listener_;
};

TEST_F(CatalogNotify, ASaleThatLeavesTheVariantInStockNotifiesNothing) {
  auto teapot = create({.fr = "Théière", .en = "Teapot", .categories = {child_}, .stock = 5});
  notified();
  const auto version = version_of(teapot->id);

  ASSERT_EQ(sell(teapot->variants.front().id, 2).outcome, Reservation::Outcome::reserved);
  EXPECT_EQ(notified(), std::set<std::string>{});
  // Nor does it rewrite the product: its offer and its version (the API's ETag) stay.
  EXPECT_EQ(version_of(teapot->id), version);
  EXPECT_EQ(run(catalog().product_for_staff(teapot->id))->variants.front().stock_on_hand, 3);
}

TEST_F(CatalogNotify, SellingTheLastUnitNotifiesTheProductAndTheListingsThatShowIt) {
  auto teapot = create({.fr = "Théière", .en = "Teapot", .categories = {child_}, .stock = 2});
  notified();

  ASSERT_EQ(sell(teapot->variants.front().id, 2).outcome, Reservation::Outcome::reserved);
  // Its category and the one above it list it; the coffee category does not.
  EXPECT_EQ(notified(), (std::set<std::string>{product_tag(teapot->id), category_tag(child_),
                                               category_tag(parent_)}));
  EXPECT_FALSE(run(catalog().product_for_staff(teapot->id))->available());

  // Back in stock (a cancelled order gives the units back): shown again, notified again.
  sql("UPDATE variants SET stock_on_hand = 1 WHERE id = " +
      std::to_string(teapot->variants.front().id));
  EXPECT_EQ(notified(), (std::set<std::string>{product_tag(teapot->id), category_tag(child_),
                                               category_tag(parent_)}));
}

// Migration 0035 compares a variant's columns one by one (no longer its whole row as JSON): each
// column a page may show notifies its product when it changes, and a column added to `variants`
// later must be named there too.
TEST_F(CatalogNotify, EveryVariantColumnButTheStockCountsIsCompared) {
  auto teapot = create({.fr = "Théière", .en = "Teapot", .categories = {other_}});
  const auto id = std::to_string(teapot->variants.front().id);
  notified();
  const std::set<std::string> teapot_shown{product_tag(teapot->id), category_tag(other_)};
  for (const char* change :
       {"sku = 'TEA-NEW'", "gtin = '4006381333931'", "option_values = '{\"size\": \"L\"}'",
        "compare_at_cents = 9999", "position = 7", "currency = 'EUR'", "version = version + 1"}) {
    sql(std::string("UPDATE variants SET ") + change + " WHERE id = " + id);
    EXPECT_EQ(notified(), teapot_shown) << change;
  }
  sql("UPDATE variants SET stock_on_hand = stock_on_hand + 3, updated_at = now() WHERE id = " + id);
  EXPECT_EQ(notified(), std::set<std::string>{}) << "stock counts are shown nowhere";

  auto missing = connect().exec(db::Query{
      "variant_columns_not_compared",
      "SELECT string_agg(c.column_name, ', ') FROM information_schema.columns c"
      " WHERE c.table_schema = current_schema() AND c.table_name = 'variants'"
      "   AND c.column_name NOT IN ('stock_on_hand', 'supplier_stock', 'updated_at')"
      "   AND (strpos(pg_get_functiondef('variant_shows_change'::regproc), 'n.' || c.column_name)"
      "          = 0"
      "     OR strpos(pg_get_functiondef('variant_shows_change'::regproc), 'o.' || c.column_name)"
      "          = 0)"});
  EXPECT_EQ(missing.get<std::optional<std::string>>(0, 0), std::nullopt)
      << "variant_shows_change() does not compare these columns of variants";
  // Migration 0037: one trigger both refreshes the offer and notifies, from one comparison.
  auto triggers = connect().exec(db::Query{
      "variant_update_triggers",
      "SELECT string_agg(tgname, ', ' ORDER BY tgname) FROM pg_trigger"
      " WHERE tgrelid = 'variants'::regclass AND NOT tgisinternal AND (tgtype & 16) <> 0"});
  EXPECT_EQ(triggers.one<std::string>(), "variants_offer_update");
}

TEST_F(CatalogNotify, AnEditNotifiesItsProductAndOnlyIt) {
  auto teapot = create({.fr = "Théière", .en = "Teapot", .categories = {child_}});
  auto kettle = create({.fr = "Bouilloire", .en = "Kettle", .categories = {other_}});
  notified();

  ASSERT_TRUE(run(catalog().update_product(teapot->id, {.brand = "Atelier"}, std::nullopt)));
  EXPECT_EQ(notified(), (std::set<std::string>{product_tag(teapot->id), category_tag(child_),
                                               category_tag(parent_)}));

  // A price is shown: its change too.
  sql("UPDATE variants SET price_cents = 1234 WHERE product_id = " + std::to_string(kettle->id));
  EXPECT_EQ(notified(), (std::set<std::string>{product_tag(kettle->id), category_tag(other_)}));
}

TEST_F(CatalogNotify, AProductThatMovesNotifiesTheListingsItLeftAndJoined) {
  auto teapot = create({.fr = "Théière", .en = "Teapot", .categories = {child_}});
  notified();

  ProductInput patch;
  patch.category_ids = std::vector<std::int64_t>{other_};
  patch.primary_category_id = std::optional<std::int64_t>{other_};
  ASSERT_TRUE(run(catalog().update_product(teapot->id, std::move(patch), std::nullopt)));
  EXPECT_EQ(notified(), (std::set<std::string>{product_tag(teapot->id), category_tag(child_),
                                               category_tag(parent_), category_tag(other_)}));
}

TEST_F(CatalogNotify, ACategoryChangeNotifiesTheWholeTree) {
  notified();
  CategoryTextInput text{.name = "Thés"};
  ASSERT_TRUE(run(catalog().put_category_text(child_, Locale::fr, std::move(text), std::nullopt)));
  EXPECT_EQ(notified(), std::set<std::string>{"categories"});
}

TEST_F(CatalogNotify, ABulkWriteNotifiesEverythingOnce) {
  for (int i = 0; i < 70; ++i) create({.fr = "Tasse", .en = "Cup"});
  notified();
  sql("UPDATE products SET popularity = popularity + 1");
  EXPECT_EQ(notified(), std::set<std::string>{""});
}

}  // namespace
}  // namespace comptoir::catalog::test
