// comptoir-suppliers' working tabs with real widgets (the offscreen platform) against a real
// PostgreSQL: catalog syncs with progress, cancel and history, and who runs the engine's jobs
// (this app or a headless `comptoir suppliers run`) with its heartbeat.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "desktop/main_window.hpp"
#include "desktop/news_dialog.hpp"
#include "desktop/tests/fixture.hpp"
#include "desktop/translations.hpp"
#include "suppliers/engine_heartbeat.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::desktop {
namespace {

// A price list of `count` variants G-1…G-count (500 products a page).
std::string price_list(int count) {
  std::string csv = "sku,title,cost,stock\n";
  for (int i = 1; i <= count; ++i)
    csv += "G-" + std::to_string(i) + ",Tasse " + std::to_string(i) + ",8.50,4\n";
  return csv;
}

// A paid order of the shop (as the orders module writes it) and its supplier orders, one per
// "supplier_id:state[:days in that state]".
void order_with(const Database& db, const std::string& number,
                const std::vector<std::string>& supplier_orders) {
  std::string sql =
      "INSERT INTO orders (number, email, locale, currency, region_code, shipping_address, "
      "subtotal, shipping, tax, tax_included, total, payment_provider, status, reserved_until) "
      "VALUES ('" +
      number +
      "', 'marie@example.ca', 'fr', 'CAD', 'CA-QC', 'v1.k1.AAAA', 2000, 0, 0, false, 2000, "
      "'stripe', 'paid', now());";
  int n = 0;
  for (const auto& spec : supplier_orders) {
    ++n;
    auto parts = QString::fromStdString(spec).split(QLatin1Char(':'));
    sql +=
        "INSERT INTO supplier_orders (supplier_id, order_id, external_id, state, "
        "state_changed_at, created_at, last_error) SELECT " +
        parts[0].toStdString() + ", id, '" + number + "-S" + std::to_string(n) + "', '" +
        parts[1].toStdString() + "', now() - interval '" +
        (parts.size() > 2 ? parts[2].toStdString() : "0") + " days', now() - interval '" +
        std::to_string(n) + " minutes', '" +
        (parts[1] == QStringLiteral("FAILED") ? "HTTP 500" : "") +
        "' FROM orders WHERE number = '" + number + "';";
  }
  db.sql(sql);
}

class WorkTest : public QObject, DesktopCase {
  Q_OBJECT

 private:
  // The window on one shop, "atelier", whose database is `db`, shown.
  std::unique_ptr<MainWindow> window_on(const Database& db) {
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    if (!book || !book->add(shop("atelier", "Atelier", "#2a6f97", db.url()))) return nullptr;
    auto window = std::make_unique<MainWindow>(std::move(*book), &*migrations_, translations_);
    window->show();
    return window;
  }

 private Q_SLOTS:
  // NOLINTNEXTLINE(readability-identifier-naming): the name Qt Test calls
  void initTestCase() {
    if (!start()) QSKIP("COMPTOIR_TEST_DATABASE_URL is not set");
  }
  void init() { new_dir(); }
  void cleanup() { remove_dir(); }

  void catalogs_sync_with_progress_cancel_and_history() {
    Database atelier(admin_);
    atelier.migrate();
    atelier.sql(R"(
      INSERT INTO products (status, fulfillment_type) VALUES ('active', 'DROPSHIPPING');
      INSERT INTO variants (product_id, sku, price_cents) VALUES (1, 'G-7', 2000);
    )");
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", atelier.url())));
    const auto keys = book->shops().front().secret_keys;
    std::int64_t grossiste = 0;
    {
      auto conn = db::Connection::open(atelier.url());
      suppliers::SupplierService service(conn, keys);
      grossiste = service.add({.name = "Grossiste", .type = suppliers::SupplierType::dropshipper})
                      .value()
                      .id;
      // A platform supplier whose credentials were never entered: its sync cannot start.
      QVERIFY(service.add({.name = "Imprimeur", .type = suppliers::SupplierType::printify}));
    }
    MainWindow window(std::move(*book), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto& page = window.sync_page();
    QSignalSpy loaded(&page, &SyncPage::loaded);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    window.tabs()->setCurrentIndex(2);
    QTRY_VERIFY_WITH_TIMEOUT(page.snapshot().suppliers.size() == 2U, 10'000);
    QVERIFY(page.engine()->text().startsWith(QStringLiteral("No engine has run")));

    // From a price list of 1 200 variants: three pages, each reported, G-7 mapped by its SKU.
    QSignalSpy progressed(&page, &SyncPage::progressed);
    QSignalSpy synced(&page, &SyncPage::synced);
    page.sync(grossiste, price_list(1200));
    QVERIFY(page.syncing());
    QVERIFY(synced.wait(30'000));
    auto done = synced.takeFirst();
    QVERIFY(done.at(1).toBool());
    QCOMPARE(done.at(0).toStringList().front(),
             QStringLiteral("Grossiste: done — 1200 variants, 1200 new, 1 mapped, 1199 unmapped, "
                            "0 gone"));
    QCOMPARE(progressed.size(), 3);
    QCOMPARE(progressed.last().at(1).toInt(), 1200);
    QTRY_COMPARE_WITH_TIMEOUT(page.history()->rowCount(), 1, 10'000);
    QCOMPARE(page.history()->item(0, 1)->text(), QStringLiteral("Done"));
    QCOMPARE(page.history()->item(0, 6)->text(), QStringLiteral("1200"));

    // Cancelled at once: the run ends CANCELLED before its last page, and says so.
    page.sync(grossiste, price_list(10'000));
    page.cancel();
    QVERIFY(synced.wait(30'000));
    QVERIFY(synced.takeFirst().at(0).toStringList().front().contains(QStringLiteral("cancelled")));
    QTRY_COMPARE_WITH_TIMEOUT(page.history()->rowCount(), 2, 10'000);
    QCOMPARE(page.history()->item(0, 1)->text(), QStringLiteral("Cancelled"));
    QVERIFY(page.history()->item(0, 4)->text().toInt() < 20);

    // Every supplier with a catalog API: the one whose credentials were never entered fails and
    // says why.
    page.sync(std::nullopt);
    QVERIFY(synced.wait(30'000));
    auto all = synced.takeFirst();
    QVERIFY(!all.at(1).toBool());
    QCOMPARE(all.at(0).toStringList().size(), 1);
    QVERIFY2(all.at(0).toStringList().front().startsWith(
                 QStringLiteral("Imprimeur: failed: no Printify token")),
             qPrintable(all.at(0).toStringList().front()));

    // Another view chosen while a sync runs: the sync stops at the end of its page on its own
    // thread (the window does not wait for it), and its result is not shown under another shop.
    page.sync(grossiste, price_list(10'000));
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    QVERIFY(page.syncing());
    QVERIFY(synced.wait(30'000));
    QVERIFY(synced.takeFirst().at(0).toStringList().front().contains(QStringLiteral("cancelled")));
    QCOMPARE(page.message()->text(), QString());
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(page.history()->rowCount(), 4, 10'000);
    QCOMPARE(page.history()->item(0, 1)->text(), QStringLiteral("Cancelled"));
  }

  void the_engine_runs_in_the_app_or_headless_and_the_page_says_which() {
    Database atelier(admin_);
    atelier.migrate();
    auto shown = window_on(atelier);
    QVERIFY(shown && QTest::qWaitForWindowExposed(shown.get()));
    auto& window = *shown;
    auto& page = window.sync_page();
    window.select_shop(QStringLiteral("atelier"));
    QSignalSpy passed(&window.engine(), &EngineHost::passed);
    window.engine_action()->trigger();
    QVERIFY(window.engine().running());
    QVERIFY(passed.wait(30'000));
    QVERIFY(passed.takeFirst().at(1).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(page.engine()->text().startsWith(QStringLiteral("Engine: this app")),
                             10'000);
    auto runners = [&] {
      auto conn = db::Connection::open(atelier.url());
      return suppliers::engine_runners(conn);
    };
    QCOMPARE(runners().size(), 1U);
    QCOMPARE(runners().front().mode, suppliers::RunnerMode::app);

    // Off: the app's heartbeat goes; a server's `suppliers run` is shown with its own.
    window.engine_action()->trigger();
    QVERIFY(!window.engine().running());
    QTRY_VERIFY_WITH_TIMEOUT(runners().empty(), 10'000);
    atelier.sql(
        "INSERT INTO supplier_engine_runners (runner, mode, host, pid, version) "
        "VALUES ('srv:42', 'HEADLESS', 'srv', 42, '0.1.0')");
    page.reload();
    QTRY_VERIFY_WITH_TIMEOUT(page.engine()->text().startsWith(QStringLiteral(
                                 "Engine: comptoir suppliers run on srv (pid 42), version 0.1.0")),
                             10'000);
    atelier.sql("UPDATE supplier_engine_runners SET beat_at = now() - interval '10 minutes'");
    page.reload();
    QTRY_VERIFY_WITH_TIMEOUT(page.engine()->text().contains(QStringLiteral("No engine has run")),
                             10'000);
    QVERIFY(page.engine()->text().contains(QStringLiteral("last heartbeat 10 min ago")));

    // Off while a pass runs: the window does not wait for it; the heartbeat goes once it ended.
    atelier.sql("DELETE FROM supplier_engine_runners");
    window.engine_action()->trigger();
    window.engine_action()->trigger();
    QVERIFY(!window.engine().running());
    QVERIFY(window.engine().busy());
    QVERIFY(passed.wait(30'000));
    QTRY_VERIFY_WITH_TIMEOUT(runners().empty(), 10'000);
  }

  void the_queue_across_shops_shows_the_newest_two_hundred() {
    Database atelier(admin_);
    Database boutique(admin_);
    for (const auto* db : {&atelier, &boutique}) {
      db->migrate();
      db->sql(
          "INSERT INTO suppliers (name, type, fulfillment_type) VALUES "
          "('Grossiste', 'DROPSHIPPER', 'DROPSHIPPING')");
    }
    order_with(atelier, "CMP-AAAA1001", {"1:PENDING"});
    order_with(boutique, "CMP-BBBB2001", {"1:PENDING"});
    // 150 more in each shop, the Boutique's the newer ones.
    atelier.sql(
        "INSERT INTO supplier_orders (supplier_id, order_id, external_id, created_at) "
        "SELECT 1, 1, 'A-' || g, now() - interval '1 day' - make_interval(mins => g) "
        "FROM generate_series(1, 150) AS g");
    boutique.sql(
        "INSERT INTO supplier_orders (supplier_id, order_id, external_id, created_at) "
        "SELECT 1, 1, 'B-' || g, now() - make_interval(secs => g) "
        "FROM generate_series(1, 150) AS g");
    MainWindow window(two_shops(atelier, boutique), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto& page = window.orders_page();
    QSignalSpy loaded(&page, &OrdersPage::loaded);
    window.tabs()->setCurrentWidget(&page);
    QVERIFY(loaded.wait(10'000));
    // 302 open orders in all: the 200 newest shown — the Boutique's newest first, the Atelier's
    // older ones last.
    QCOMPARE(page.table()->rowCount(), 200);
    QCOMPARE(page.table()->item(0, 0)->text(), QStringLiteral("Boutique"));
    QCOMPARE(page.table()->item(199, 0)->text(), QStringLiteral("Atelier"));
    QVERIFY(page.more()->isVisible());
    QVERIFY(page.more()->text().contains(QStringLiteral("200 newest")));
    // One shop, 151 orders: all of them, and nothing to say.
    window.select_shop(QStringLiteral("atelier"));
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.table()->rowCount(), 151);
    QVERIFY(!page.more()->isVisible());
  }

  void the_order_queue_across_shops_and_its_actions() {
    Database atelier(admin_);
    Database boutique(admin_);
    for (const auto* db : {&atelier, &boutique}) {
      db->migrate();
      db->sql(
          "INSERT INTO suppliers (name, type, fulfillment_type, default_shipping_days) VALUES "
          "('Grossiste', 'DROPSHIPPER', 'DROPSHIPPING', 7), "
          "('Imprimeur', 'PRINTIFY', 'PRINT_ON_DEMAND', 5)");
    }
    // Sent ten days ago to the Grossiste (stuck), failed at Printify, one delivered.
    order_with(atelier, "CMP-AAAA1001", {"1:SENT_TO_SUPPLIER:10", "2:FAILED", "1:DELIVERED"});
    order_with(boutique, "CMP-BBBB2001", {"1:PENDING"});
    MainWindow window(two_shops(atelier, boutique), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto& page = window.orders_page();
    QSignalSpy loaded(&page, &OrdersPage::loaded);
    window.tabs()->setCurrentIndex(3);
    page.reload();
    QVERIFY(loaded.wait(10'000));
    // Every shop, open orders only, newest first; the shop column shows.
    auto* table = page.table();
    QCOMPARE(table->rowCount(), 3);
    QVERIFY(!table->isColumnHidden(0));
    QStringList numbers;
    for (int r = 0; r < 3; ++r) numbers << table->item(r, 2)->text();
    numbers.sort();
    QCOMPARE(numbers, (QStringList{"CMP-AAAA1001", "CMP-AAAA1001", "CMP-BBBB2001"}));

    // One shop: the stuck order stands out; the filter finds it alone.
    window.select_shop(QStringLiteral("atelier"));
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(table->rowCount(), 2);
    QVERIFY(table->isColumnHidden(0));
    auto row_of = [&](const QString& external_id) {
      for (int r = 0; r < table->rowCount(); ++r)
        if (page.entry(r)->row.order.external_id == external_id.toStdString()) return r;
      return -1;
    };
    const int stuck = row_of(QStringLiteral("CMP-AAAA1001-S1"));
    QCOMPARE(table->item(stuck, 4)->text(), QStringLiteral("Sent to the supplier — stuck"));
    QCOMPARE(table->item(stuck, 4)->background().color(), QColor(0xff, 0xe0, 0xb2));
    page.set_stuck_only(true);
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(table->rowCount(), 1);
    page.set_stuck_only(false);
    QVERIFY(loaded.wait(10'000));

    // The failed one is tried again, then cancelled with a reason.
    QSignalSpy acted(&page, &OrdersPage::acted);
    page.retry(row_of(QStringLiteral("CMP-AAAA1001-S2")));
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.entry(row_of(QStringLiteral("CMP-AAAA1001-S2")))->row.order.state,
             suppliers::SupplierOrderState::pending);
    page.cancel(row_of(QStringLiteral("CMP-AAAA1001-S2")), "en rupture");
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(table->rowCount(), 1);  // cancelled: no longer open

    // The Grossiste's tracking typed in: checked by the engine, then recorded.
    NewsDialog dialog(page.entry(0)->row.order);
    dialog.carrier_field()->setText(QStringLiteral("Postes Canada"));
    dialog.tracking_field()->setText(QStringLiteral("7023210039414604"));
    dialog.url_field()->setText(QStringLiteral("ftp://exemple"));
    page.record_news(0, dialog.news());
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(),
             QStringLiteral("tracking_url: not an http(s) address"));
    QVERIFY(loaded.wait(10'000));
    dialog.url_field()->setText(QStringLiteral("https://www.canadapost-postescanada.ca/track"));
    QCOMPARE(dialog.news().state, suppliers::SupplierOrderState::shipped);
    page.record_news(0, dialog.news());
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    page.set_state_filter(QStringLiteral("SHIPPED"));
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 6)->text(), QStringLiteral("Postes Canada 7023210039414604"));
    // A shipped order is not dispatched again: the engine says why.
    page.dispatch_now(0);
    QVERIFY(acted.wait(10'000));
    QVERIFY(acted.takeFirst().at(0).toString().contains(QStringLiteral("nothing is left")));
  }

  void the_mapping_editor_maps_by_hand_reviews_auto_matches_and_shows_conflicts() {
    Database atelier(admin_);
    atelier.migrate();
    atelier.sql(R"(
      INSERT INTO products (status, fulfillment_type) VALUES ('active', 'DROPSHIPPING');
      INSERT INTO product_translations (product_id, locale, name, slug) VALUES
        (1, 'fr', 'Tasse émaillée', 'tasse-emaillee'), (1, 'en', 'Enamel mug', 'enamel-mug');
      INSERT INTO variants (product_id, sku, gtin, price_cents) VALUES
        (1, 'MUG-1', '', 2000), (1, 'MUG-2', '4006381333931', 2000), (1, 'MUG-3', '', 2000);
      INSERT INTO suppliers (name, type, fulfillment_type) VALUES
        ('Grossiste', 'DROPSHIPPER', 'DROPSHIPPING'), ('Autre', 'DROPSHIPPER', 'DROPSHIPPING');
      INSERT INTO supplier_products (supplier_id, external_id, title) VALUES
        (1, 'g', 'Tasses'), (2, 'a', 'Tasses');
      INSERT INTO supplier_variants (supplier_id, supplier_product_id, external_id, sku, gtin,
                                     cost, currency, stock) VALUES
        (1, 1, 'g1', 'mug-1', '', 800, 'CAD', 5),
        (1, 1, 'g2', 'G-2', '4006381333931', 800, 'CAD', 5),
        (1, 1, 'g3', 'G-3', '', 800, 'CAD', 5),
        (2, 2, 'a1', 'A-1', '', 600, 'CAD', 9);
      INSERT INTO supplier_mappings (supplier_variant_id, variant_id, source) VALUES (4, 1, 'MANUAL');
    )");
    auto shown = window_on(atelier);
    QVERIFY(shown && QTest::qWaitForWindowExposed(shown.get()));
    auto& window = *shown;
    auto& page = window.mapping_page();
    QSignalSpy loaded(&page, &MappingPage::loaded);
    window.select_shop(QStringLiteral("atelier"));
    window.tabs()->setCurrentIndex(4);
    QTRY_COMPARE_WITH_TIMEOUT(page.rows().size(), 4U, 10'000);
    page.set_show(suppliers::MappingShow::unmapped);
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.rows().size(), 3U);

    // Auto-match, reviewed: two matches offered (mug-1 by SKU, G-2 by GTIN); only the first kept.
    QSignalSpy proposed(&page, &MappingPage::proposed);
    page.propose(1);
    QVERIFY(proposed.wait(10'000));
    QCOMPARE(page.proposals().size(), 2U);
    ProposalDialog review(page.proposals());
    QCOMPARE(review.table()->item(0, 2)->text(), QStringLiteral("MUG-1"));
    review.table()->item(1, 0)->setCheckState(Qt::Unchecked);
    QCOMPARE(review.kept().size(), 1U);
    QSignalSpy acted(&page, &MappingPage::acted);
    page.accept(review.kept());
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QCOMPARE(page.message()->text(), QStringLiteral("1 variant mapped."));
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.rows().size(), 2U);  // G-2 and G-3 still unmapped

    // By hand: G-3 to the shop variant found by its product's name.
    QSignalSpy found(&page, &MappingPage::shop_found);
    page.search_shop(QStringLiteral("MUG-3"));
    QVERIFY(found.wait(10'000));
    QCOMPARE(page.shop_variants().size(), 1U);
    int g3 = page.rows()[0].sku == "G-3" ? 0 : 1;
    page.map(g3, 0, 10);
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.rows().size(), 1U);

    // MUG-1 has two suppliers at different costs: in conflict, with the policy's pick.
    page.set_show(suppliers::MappingShow::conflicts);
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.rows().size(), 2U);
    for (int r = 0; r < 2; ++r) {
      auto policy = page.table()->item(r, 9)->text();
      QCOMPARE(policy, page.rows()[static_cast<std::size_t>(r)].supplier_name == "Autre"
                           ? QStringLiteral("chosen by the policy")
                           : QStringLiteral("the policy chooses Autre"));
    }
    QVERIFY(page.table()->item(0, 6)->text().contains(QStringLiteral("MUG-1")));
    page.unmap(0);
    QVERIFY(acted.wait(10'000));
    QCOMPARE(acted.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QVERIFY(page.rows().empty());
  }

  void the_api_call_log_is_filtered_and_shows_redacted_bodies() {
    Database atelier(admin_);
    atelier.migrate();
    atelier.sql(R"(
      INSERT INTO suppliers (name, type, fulfillment_type) VALUES
        ('Imprimeur', 'PRINTIFY', 'PRINT_ON_DEMAND'), ('Etsy', 'ETSY', 'DROPSHIPPING');
      INSERT INTO supplier_api_calls (supplier_id, connector, method, path, status, latency_ms,
                                      request_body, response_body, error, created_at) VALUES
        (1, 'printify', 'GET', '/v1/shops.json', 200, 41, '', '[{"id":1}]', '', now() - interval '2 hours'),
        (1, 'printify', 'POST', '/v1/shops/1/orders.json', 500, 900,
         '{"token":"[redacted]","label":"CMP-1"}', 'oops', 'HTTP 500', now() - interval '1 hour'),
        (2, 'etsy', 'GET', '/v3/application/listings', 0, 3000, '', '', 'timeout',
         now() - interval '30 days');
    )");
    auto shown = window_on(atelier);
    QVERIFY(shown && QTest::qWaitForWindowExposed(shown.get()));
    auto& window = *shown;
    auto& page = window.api_log_page();
    QSignalSpy loaded(&page, &ApiLogPage::loaded);
    window.select_shop(QStringLiteral("atelier"));
    window.tabs()->setCurrentIndex(5);
    // The last seven days by default: the month-old Etsy call is left out.
    QTRY_COMPARE_WITH_TIMEOUT(page.calls().size(), 2U, 10'000);
    QCOMPARE(page.table()->item(0, 5)->text(), QStringLiteral("500"));
    // Failed calls in red, the others as usual.
    QCOMPARE(page.table()->item(0, 5)->foreground().color(), QColor(0xb0, 0x00, 0x20));
    QVERIFY(page.table()->item(1, 5)->foreground().color() != QColor(0xb0, 0x00, 0x20));
    QCOMPARE(page.request()->toPlainText(),
             QStringLiteral(R"({"token":"[redacted]","label":"CMP-1"})"));
    QVERIFY(page.response()->toPlainText().startsWith(QStringLiteral("Error: HTTP 500")));
    page.set_outcome(suppliers::ApiCallQuery::Outcome::failed);
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.calls().size(), 1U);
    page.set_dates(QDate::currentDate().addDays(-60), QDate::currentDate());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.calls().size(), 2U);
    auto etsy = page.calls()[1];
    QCOMPARE(etsy.supplier_name, std::string("Etsy"));
    QCOMPARE(page.table()->item(1, 5)->text(), QStringLiteral("no answer"));
  }
};

}  // namespace
}  // namespace comptoir::desktop

QTEST_MAIN(comptoir::desktop::WorkTest)
#include "work_test.moc"
