// A product's read row (migration 0038): what the storefront reads of a product must be what its
// tables hold, after every kind of write a page shows, once the write has committed.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "catalog/catalog_repository.hpp"
#include "catalog/inventory.hpp"
#include "catalog_test_support.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog::test {
namespace {

// Every field of a product, one line each: two products compare equal when their texts do, and
// a difference names its field.
std::string describe(const Product& p) {
  std::string out = fmt::format(
      "id {} status {} fulfillment {} brand {} tax {} weight {} primary {} featured {} "
      "popularity {} version {} created {} updated {}\n",
      p.id, static_cast<int>(p.status), static_cast<int>(p.fulfillment), p.brand, p.tax_class,
      p.weight_grams, p.primary_category_id.value_or(-1), p.featured, p.popularity, p.version,
      p.created_at.time_since_epoch().count(), p.updated_at.time_since_epoch().count());
  for (auto locale : core::kLocales) {
    const auto& t = p.text[locale];
    out += fmt::format("text {}: {} | {} | {} | {} | {} | {}\n", core::code(locale), t.name, t.slug,
                       t.short_description, t.description, t.meta_title, t.meta_description);
  }
  for (const auto& option : p.options)
    out += fmt::format("option {} {} {}\n", option.code, option.name[Locale::fr],
                       option.name[Locale::en]);
  for (auto id : p.category_ids) out += fmt::format("category {}\n", id);
  for (const auto& v : p.variants) {
    out +=
        fmt::format("variant {} {} {} {} {} {} stock {} suppliers {} track {} pos {} v{}\n", v.id,
                    v.sku, v.gtin, v.price.cents, v.price.currency, v.compare_at_cents.value_or(-1),
                    v.stock_on_hand, v.supplier_stock, v.track_inventory, v.position, v.version);
    for (const auto& [code, value] : v.option_values)
      out += fmt::format("  {} {} {}\n", code, value[Locale::fr], value[Locale::en]);
  }
  for (const auto& i : p.images)
    out += fmt::format("image {} {} {}x{} {} {} pos {}\n", i.id, i.path, i.width, i.height,
                       i.alt[Locale::fr], i.alt[Locale::en], i.position);
  return out;
}

// A session of its own, driven by hand: statements left running (an asynchronous COMMIT), what
// a transaction sees before it commits.
class Session {
 public:
  explicit Session(const std::string& url) : conn_(PQconnectdb(url.c_str()), &PQfinish) {}
  PGconn* get() const { return conn_.get(); }
  void run(const std::string& sql) {
    PGresult* res = PQexec(conn_.get(), sql.c_str());
    auto status = PQresultStatus(res);
    EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        << sql << ": " << PQresultErrorMessage(res);
    PQclear(res);
  }
  std::string scalar(const std::string& sql) {
    PGresult* res = PQexec(conn_.get(), sql.c_str());
    std::string value = PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "";
    PQclear(res);
    return value;
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

class CatalogReads : public CatalogTest {
 protected:
  // The product as the storefront reads it and as its tables hold it, compared field by field.
  void expect_read_is_live(std::int64_t id, std::string_view after) {
    db::Connection connection = connect();
    CatalogRepository repository(connection);
    auto live = repository.product(id);
    auto read = repository.product_read(id);
    ASSERT_EQ(live.has_value(), read.has_value()) << after;
    if (live) {
      EXPECT_EQ(describe(*read), describe(*live)) << after;
    }
  }
};

TEST_F(CatalogReads, TheReadRowIsTheProductAfterEveryKindOfWrite) {
  auto tea = create_category("Thé", "Tea");
  auto coffee = create_category("Café", "Coffee");
  auto product = create({.fr = "Théière en fonte",
                         .en = "Cast-iron teapot",
                         .variants = {{"TEA-1", 4500}, {"TEA-2", 5200}},
                         .categories = {tea},
                         .fr_description = "Fonte « noire »"});
  ASSERT_TRUE(product);
  const auto id = product->id;
  const auto ids = std::to_string(id);
  expect_read_is_live(id, "created");

  ASSERT_TRUE(run(catalog().update_product(
      id, {.brand = "Atelier", .weight_grams = 1200, .featured = true}, std::nullopt)));
  expect_read_is_live(id, "product columns");

  ASSERT_TRUE(
      run(catalog().put_product_text(id, Locale::fr,
                                     {.slug = "theiere-noire",
                                      .description = "<p>Deux lignes\net un « guillemet »</p>",
                                      .meta_title = "Titre",
                                      .meta_description = "Méta"},
                                     std::nullopt)));
  expect_read_is_live(id, "a text and its slug");

  sql("UPDATE variants SET price_cents = 3900, compare_at_cents = 4500, gtin = '4006381333931', "
      "option_values = '{\"size\": {\"fr\": \"Grand\", \"en\": \"Large\"}}' WHERE sku = 'TEA-1'");
  expect_read_is_live(id, "a variant's price and options");

  sql("INSERT INTO variants (product_id, sku, price_cents, stock_on_hand, position) VALUES (" +
      ids + ", 'TEA-3', 6100, 2, 3)");
  sql("DELETE FROM variants WHERE sku = 'TEA-2'");
  expect_read_is_live(id, "a variant added, another deleted");

  sql("INSERT INTO product_images (product_id, path, width, height, alt, position) VALUES (" + ids +
      ", 'ab/cd.webp', 800, 600, '{\"fr\": \"Théière\", \"en\": \"Teapot\"}', 0)");
  expect_read_is_live(id, "a picture");

  ProductInput moved;
  moved.category_ids = std::vector<std::int64_t>{coffee, tea};
  moved.primary_category_id = std::optional<std::int64_t>{coffee};
  ASSERT_TRUE(run(catalog().update_product(id, std::move(moved), std::nullopt)));
  expect_read_is_live(id, "its categories");

  sql("DELETE FROM product_translations WHERE product_id = " + ids + " AND locale = 'en'");
  expect_read_is_live(id, "a locale's text removed");

  // A sale that leaves the variant buyable changes nothing a page shows: the row keeps the counts
  // it had, as the processes' caches do. Selling its last units does: the row follows.
  const auto variant = product->variants.front().id;
  auto sell = [&](int units) {
    auto sold = run(database().transact(
        [&](db::Connection& c) { return Inventory::reserve(c, variant, units); }));
    EXPECT_EQ(sold.outcome, Reservation::Outcome::reserved);
  };
  sell(1);
  {
    db::Connection connection = connect();
    auto read = CatalogRepository(connection).product_read(id);
    auto live = CatalogRepository(connection).product(id);
    ASSERT_TRUE(read && live);
    EXPECT_EQ(read->variants.front().stock_on_hand, 5);
    EXPECT_EQ(live->variants.front().stock_on_hand, 4);
  }
  sell(4);
  expect_read_is_live(id, "its last units sold");

  sql("TRUNCATE product_images");
  expect_read_is_live(id, "pictures truncated");

  sql("UPDATE products SET status = 'draft' WHERE id = " + ids);
  expect_read_is_live(id, "unpublished");

  sql("DELETE FROM products WHERE id = " + ids);
  expect_read_is_live(id, "deleted");
}

// The row is rebuilt once, when the writing transaction commits: not per statement, and not
// before (inside the transaction, the row still shows the product as it was).
TEST_F(CatalogReads, TheRowIsRebuiltWhenTheTransactionCommits) {
  auto product = create({.fr = "Bouilloire", .en = "Kettle"});
  ASSERT_TRUE(product);
  const auto ids = std::to_string(product->id);
  Session writer(url());
  writer.run("BEGIN");
  writer.run("UPDATE products SET brand = 'Atelier' WHERE id = " + ids);
  writer.run(
      "UPDATE product_translations SET name = 'Bouilloire émaillée' WHERE locale = 'fr' "
      "AND product_id = " +
      ids);
  writer.run("UPDATE variants SET price_cents = 2900 WHERE product_id = " + ids);
  // One queued row per statement that changed it (the price's also rewrote the product's offer).
  EXPECT_EQ(writer.scalar("SELECT count(*) >= 3 FROM product_reads_pending"), "t");
  EXPECT_EQ(writer.scalar("SELECT fr_name FROM product_reads WHERE product_id = " + ids),
            "Bouilloire");
  writer.run("COMMIT");

  EXPECT_EQ(writer.scalar("SELECT count(*) FROM product_reads_pending"), "0");
  db::Connection reader = connect();
  auto read = CatalogRepository(reader).product_read(product->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->text[Locale::fr].name, "Bouilloire émaillée");
  EXPECT_EQ(read->brand, "Atelier");
  EXPECT_EQ(read->variants.front().price.cents, 2900);
  expect_read_is_live(product->id, "after commit");
}

// product_translations keeps slugs unique; two products may swap theirs in one transaction.
TEST_F(CatalogReads, TwoProductsSwapTheirSlugsInOneTransaction) {
  auto cup = create({.fr = "Tasse", .en = "Cup"});
  auto bowl = create({.fr = "Bol", .en = "Bowl"});
  ASSERT_TRUE(cup && bowl);
  sql(fmt::format(
      "BEGIN; UPDATE product_translations SET slug = 'provisoire' WHERE product_id = {0} AND "
      "locale = 'fr'; UPDATE product_translations SET slug = 'tasse' WHERE product_id = {1} AND "
      "locale = 'fr'; UPDATE product_translations SET slug = 'bol' WHERE product_id = {0} AND "
      "locale = 'fr'; COMMIT",
      cup->id, bowl->id));
  db::Connection connection = connect();
  CatalogRepository repository(connection);
  auto tasse = repository.product_read_at_slug(Locale::fr, "tasse");
  auto bol = repository.product_read_at_slug(Locale::fr, "bol");
  ASSERT_TRUE(tasse && bol);
  EXPECT_EQ(tasse->product.id, bowl->id);
  EXPECT_FALSE(tasse->match.moved_to);
  EXPECT_EQ(bol->product.id, cup->id);
  auto passing = repository.product_read_at_slug(Locale::fr, "provisoire");  // slug history
  ASSERT_TRUE(passing);
  EXPECT_EQ(passing->match.moved_to, "bol");
}

// Two transactions that changed one product commit while a third holds its row: each rebuild
// waits, then reads what the other committed, so the row ends with both changes. (Rebuilt from
// a snapshot taken before the wait, the second to commit would erase the first's change.)
TEST_F(CatalogReads, ConcurrentChangesOfOneProductAllReachItsRow) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  ASSERT_TRUE(product);
  const auto ids = std::to_string(product->id);
  Session holder(url());
  Session prices(url());
  Session pictures(url());
  holder.run("BEGIN");
  holder.run("SELECT 1 FROM product_reads WHERE product_id = " + ids + " FOR UPDATE");
  prices.run("BEGIN");
  prices.run("UPDATE variants SET price_cents = 3300 WHERE product_id = " + ids);
  pictures.run("BEGIN");
  pictures.run("INSERT INTO product_images (product_id, path, width, height) VALUES (" + ids +
               ", 'ef/gh.webp', 400, 400)");
  ASSERT_EQ(PQsendQuery(prices.get(), "COMMIT"), 1);
  ASSERT_EQ(PQsendQuery(pictures.get(), "COMMIT"), 1);

  Session watcher(url());
  std::string waiting;
  for (int i = 0; i < 200 && waiting != "2"; ++i) {
    waiting = watcher.scalar(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND query = 'COMMIT'");
    if (waiting != "2") std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(waiting, "2") << "both commits wait for the held row";
  holder.run("COMMIT");
  for (auto* session : {&prices, &pictures}) {
    while (PGresult* res = PQgetResult(session->get())) {
      EXPECT_EQ(PQresultStatus(res), PGRES_COMMAND_OK) << PQresultErrorMessage(res);
      PQclear(res);
    }
  }

  db::Connection reader = connect();
  auto read = CatalogRepository(reader).product_read(product->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->variants.front().price.cents, 3300);
  ASSERT_EQ(read->images.size(), 1U);
  EXPECT_EQ(read->images.front().path, "ef/gh.webp");
  expect_read_is_live(product->id, "after both");
}

}  // namespace
}  // namespace comptoir::catalog::test
