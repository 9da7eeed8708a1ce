// comptoir-suppliers' working tabs with real widgets (the offscreen platform) against a real
// PostgreSQL: catalog syncs with progress, cancel and history, and who runs the engine's jobs
// (this app or a headless `comptoir suppliers run`) with its heartbeat.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <cstdlib>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "desktop/main_window.hpp"
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

class WorkTest : public QObject, DesktopCase {
  Q_OBJECT

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
  }

  void the_engine_runs_in_the_app_or_headless_and_the_page_says_which() {
    Database atelier(admin_);
    atelier.migrate();
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", atelier.url())));
    MainWindow window(std::move(*book), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
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
  }
};

}  // namespace
}  // namespace comptoir::desktop

QTEST_MAIN(comptoir::desktop::WorkTest)
#include "work_test.moc"
