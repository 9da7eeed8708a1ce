// comptoir-suppliers against the supplier platforms' local fakes (the engine's own, run by
// tests/support/serve_fake.mjs) and a real PostgreSQL: a Printify supplier's connection tested
// (its shop found, the latency shown) and its catalog synced from the platform page by page with
// the progress shown; a paid order dispatched from the order queue to a generic dropshipper that
// refuses it, retried, then made there once.
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <boost/json/object.hpp>

#include "core/sealed_box.hpp"
#include "desktop/main_window.hpp"
#include "desktop/tests/fake_server.hpp"
#include "desktop/tests/fixture.hpp"
#include "orders/order_repository.hpp"
#include "orders/sealed_fields.hpp"
#include "suppliers/order_routing.hpp"
#include "suppliers/supplier_service.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::desktop {
namespace {

// A paid order of one `sku` line, its address sealed under `keys` (as a checkout leaves it),
// routed by the engine to its supplier: one PENDING supplier order.
void paid_order(db::Connection& conn, const core::SecretKeys& keys, std::int64_t product,
                std::int64_t variant, const std::string& sku) {
  suppliers::in_transaction(conn, [&](db::Connection& c) {
    orders::OrderRepository repository(c);
    auto id = repository.next_id();
    auto address = orders::to_json(orders::ShippingAddress{.full_name = "Marie Tremblay",
                                                           .line1 = "1200 rue Saint-Denis",
                                                           .city = "Montréal",
                                                           .region = "QC",
                                                           .postal_code = "H2X 3J6",
                                                           .country = "CA"});
    repository.insert({.id = id,
                       .number = orders::new_order_number(),
                       .email = "marie@example.ca",
                       .currency = "CAD",
                       .region_code = "CA-QC",
                       .sealed_address = core::seal(
                           keys, address, orders::sealed_fields::order_shipping_address(id)),
                       .totals = {.subtotal = 2500, .total = 2500},
                       .provider = orders::PaymentProvider::manual});
    repository.insert_line(id, 0,
                           {.variant_id = variant,
                            .product_id = product,
                            .sku = sku,
                            .name = sku,
                            .unit_price = 2500,
                            .quantity = 1,
                            .amount = 2500},
                           false);
    repository.set_status(id, orders::OrderStatus::pending, orders::OrderStatus::paid,
                          {.actor_kind = "system", .actor_id = "", .text = "test"});
    return suppliers::OrderRouting::route(c, repository.find_by_id(id)->order).created.size();
  });
}

class PlatformTest : public QObject, DesktopCase {
  Q_OBJECT

 private Q_SLOTS:
  // NOLINTNEXTLINE(readability-identifier-naming): the names Qt Test calls
  void initTestCase() {
    if (!start()) QSKIP("COMPTOIR_TEST_DATABASE_URL is not set");
  }
  void init() { new_dir(); }
  void cleanup() { remove_dir(); }

  void a_printify_supplier_is_tested_and_its_catalog_synced_page_by_page() {
    // 250 products of 2 variants: three pages of 100 at Printify.
    FakeServer printify(QStringLiteral("printify"), {{"productCount", 250}}, Database::data_dir());
    Database atelier(admin_);
    atelier.migrate();
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", atelier.url())));
    std::int64_t id = 0;
    {
      auto conn = db::Connection::open(atelier.url());
      auto added =
          suppliers::SupplierService(conn, book->shops().front().secret_keys)
              .add({.name = "Printify",
                    .type = suppliers::SupplierType::printify,
                    .api_base = printify.url().toStdString(),
                    .account = std::to_string(
                        printify.info().value(QStringLiteral("shopId")).toInteger())},
                   {{"token",
                     printify.info().value(QStringLiteral("token")).toString().toStdString()}});
      QVERIFY(added.has_value());
      id = added->id;
    }
    MainWindow window(std::move(*book), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.select_shop(QStringLiteral("atelier"));

    // Test connection: the platform's answer and how long it took.
    auto& suppliers_page = window.suppliers_page();
    QSignalSpy listed(&suppliers_page, &SuppliersPage::loaded);
    window.tabs()->setCurrentWidget(&suppliers_page);
    QVERIFY(listed.wait(10'000));
    QSignalSpy tested(&suppliers_page, &SuppliersPage::tested);
    suppliers_page.test(id);
    QVERIFY(tested.wait(10'000));
    auto result = tested.takeFirst();
    QVERIFY2(result.at(0).toBool(), qPrintable(result.at(1).toString()));
    QVERIFY(result.at(1).toString().contains(QStringLiteral("Printify shop 'Comptoir test shop'")));
    QVERIFY(result.at(1).toString().contains(QStringLiteral(" ms)")));

    // The sync from the platform: a progress report per page, then the result.
    auto& sync = window.sync_page();
    QSignalSpy loaded(&sync, &SyncPage::loaded);
    window.tabs()->setCurrentWidget(&sync);
    QVERIFY(loaded.wait(10'000));
    QSignalSpy progressed(&sync, &SyncPage::progressed);
    QSignalSpy synced(&sync, &SyncPage::synced);
    sync.sync(id);
    QVERIFY(synced.wait(60'000));
    QVERIFY(synced.takeFirst().at(1).toBool());
    QCOMPARE(progressed.size(), 3);
    QCOMPARE(progressed.last().at(0).toInt(), 3);    // pages
    QCOMPARE(progressed.last().at(1).toInt(), 250);  // products
    auto conn = db::Connection::open(atelier.url());
    QCOMPARE(
        conn.exec(db::Query{"platform_test_variants", "SELECT count(*) FROM supplier_variants"})
            .one<std::int64_t>(),
        std::int64_t{500});
  }

  void an_order_refused_by_the_dropshipper_is_retried_and_made_there_once() {
    FakeServer dropshipper(QStringLiteral("dropshipper"), {}, Database::data_dir());
    Database atelier(admin_);
    atelier.migrate();
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", atelier.url())));
    const auto keys = book->shops().front().secret_keys;
    {
      auto conn = db::Connection::open(atelier.url());
      auto added =
          suppliers::SupplierService(conn, keys)
              .add({.name = "Grossiste",
                    .type = suppliers::SupplierType::dropshipper,
                    .api_base = dropshipper.url().toStdString()},
                   {{"signing_secret",
                     dropshipper.info().value(QStringLiteral("secret")).toString().toStdString()}});
      QVERIFY(added.has_value());
      atelier.sql(
          "INSERT INTO products (status, fulfillment_type) VALUES ('active', 'DROPSHIPPING');"
          "INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) "
          "VALUES (1, 'MUG-1', 2500, 0);"
          "INSERT INTO supplier_products (supplier_id, external_id, title) "
          "VALUES (1, 'p1', 'Tasse');"
          "INSERT INTO supplier_variants (supplier_id, supplier_product_id, external_id, sku, "
          "cost) VALUES (1, 1, 'v1', 'G-MUG-1', 950);"
          "INSERT INTO supplier_mappings (supplier_variant_id, variant_id, source) "
          "VALUES (1, 1, 'MANUAL');");
      paid_order(conn, keys, 1, 1, "MUG-1");
    }
    MainWindow window(std::move(*book), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.select_shop(QStringLiteral("atelier"));
    auto& page = window.orders_page();
    QSignalSpy loaded(&page, &OrdersPage::loaded);
    QSignalSpy acted(&page, &OrdersPage::acted);
    window.tabs()->setCurrentWidget(&page);
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.table()->rowCount(), 1);

    // The supplier refuses the purchase order (422): the order fails, with the reason.
    dropshipper.command({{"failNext", QJsonObject{{"status", 422}}}});
    page.dispatch_now(0);
    QVERIFY(acted.wait(20'000));
    QCOMPARE(acted.takeFirst().at(0).toString(),
             QStringLiteral("The supplier refused it: see its last error."));
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.entry(0)->row.order.state, suppliers::SupplierOrderState::failed);
    QVERIFY(page.entry(0)->row.order.last_error.find("422") != std::string::npos);

    // Retried, then dispatched now: made at the supplier, once.
    page.retry(0);
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.entry(0)->row.order.state, suppliers::SupplierOrderState::pending);
    page.dispatch_now(0);
    QVERIFY(acted.wait(20'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QVERIFY(page.entry(0)->row.order.state != suppliers::SupplierOrderState::failed);
    QVERIFY(page.entry(0)->row.order.state != suppliers::SupplierOrderState::pending);
    auto state = dropshipper.command({{"state", true}});
    QCOMPARE(state.value(QStringLiteral("orders")).toArray().size(), 1);
    QCOMPARE(state.value(QStringLiteral("orders")).toArray().first().toString(),
             QString::fromStdString(page.entry(0)->row.order.external_id));
  }
};

}  // namespace
}  // namespace comptoir::desktop

QTEST_MAIN(comptoir::desktop::PlatformTest)
#include "platform_test.moc"
