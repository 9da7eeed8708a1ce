// comptoir-suppliers' window and models, with real widgets (the offscreen platform) against a real
// PostgreSQL: the shops file, the consolidated dashboard across several shop databases (one down,
// one to migrate), the shop switcher and its theme, and the interface in French.
#include <libpq-fe.h>

#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedBarSeries>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QToolBar>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "core/random.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "desktop/keychain.hpp"
#include "desktop/main_window.hpp"
#include "desktop/shop_book.hpp"
#include "desktop/supplier_dialog.hpp"
#include "desktop/tests/fixture.hpp"
#include "desktop/translations.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::desktop {
namespace {

class DesktopTest : public QObject, DesktopCase {
  Q_OBJECT

 private:
  // Waits for the dashboard's load; how long the event loop went without turning meanwhile.
  qint64 wait_loaded(MainWindow& window) {
    QSignalSpy loaded(&window.loader(), &DashboardLoader::loaded);
    QElapsedTimer since;
    qint64 longest = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout,
                     [&] { longest = std::max(longest, since.restart()); });
    since.start();
    tick.start(5);
    if (loaded.isEmpty()) loaded.wait(30'000);
    tick.stop();
    return longest;
  }

 private Q_SLOTS:
  // NOLINTNEXTLINE(readability-identifier-naming): the name Qt Test calls
  void initTestCase() {
    if (!start()) QSKIP("COMPTOIR_TEST_DATABASE_URL is not set");
  }
  void init() { new_dir(); }
  void cleanup() { remove_dir(); }

  void the_shops_file_is_the_engines_and_keeps_secrets_out_of_it() {
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    QVERIFY(book.has_value());
    QVERIFY(book->shops().empty());
    auto added =
        book->add(shop("atelier", "Atelier", "#2a6f97", "postgres://u:p4ss@localhost/atelier"));
    QVERIFY2(added.has_value(), added ? "" : added.error().c_str());
    // The engine reads what the app wrote; the file itself holds no secret.
    auto read = suppliers::load_shops(dir_ / "comptoir-shops.json");
    QVERIFY(read.has_value());
    QCOMPARE(read->size(), 1U);
    QCOMPARE(read->front().database_url, std::string("postgres://u:p4ss@localhost/atelier"));
    std::ifstream in(dir_ / "comptoir-shops.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    QVERIFY(text.find("p4ss") == std::string::npos);
    QVERIFY(text.find("database_url_file") != std::string::npos);
    for (const auto* name : {"atelier.database-url", "atelier.keys", "comptoir-shops.json"})
      QCOMPARE(fs::status(dir_ / name).permissions() & fs::perms::all,
               fs::perms::owner_read | fs::perms::owner_write);
    // What the engine refuses is refused, with its reason, and nothing changes.
    auto bad = book->add(shop("B A D", "x", "#000000", "postgres://x"));
    QVERIFY(!bad.has_value());
    QVERIFY(bad.error().find("id must be") != std::string::npos);
    auto colour = book->update("atelier", {.id = "atelier", .name = "Atelier", .color = "bleu"});
    QVERIFY(!colour.has_value());
    QVERIFY(colour.error().find("#RRGGBB") != std::string::npos);
    QVERIFY(book->add(shop("atelier", "x", "#000000", "p")).error().find("already") !=
            std::string::npos);
    // An edit without secrets keeps them; a removal takes its secret files away.
    QVERIFY(book->update("atelier", {.id = "atelier", .name = "L'Atelier", .color = "#aa3300"}));
    auto again = ShopBook::open(dir_ / "comptoir-shops.json");
    QCOMPARE(again->shops().front().name, std::string("L'Atelier"));
    QCOMPARE(again->shops().front().database_url,
             std::string("postgres://u:p4ss@localhost/atelier"));
    QVERIFY(again->remove("atelier"));
    QVERIFY(!fs::exists(dir_ / "atelier.keys"));
    QVERIFY(ShopBook::open(dir_ / "comptoir-shops.json")->shops().empty());
  }

  void without_a_keychain_the_secrets_go_to_files_and_the_window_says_so() {
    // No D-Bus session, so no Secret Service (ctest sets the same): the user's keychain, if this
    // runs on a desktop, is never touched.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    SystemKeychain keychain;
    QVERIFY(!keychain.available());
    QVERIFY(!keychain.unavailable_reason().empty());
    auto book = ShopBook::open(dir_ / "comptoir-shops.json", &keychain);
    QVERIFY(!book->keeps_secrets_in_keychain());
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", "postgres://u:p4ss@db/atelier")));
    QVERIFY(fs::exists(dir_ / "atelier.database-url"));
    QVERIFY(suppliers::load_shops(dir_ / "comptoir-shops.json").has_value());
    MainWindow window(std::move(*book), &*migrations_, translations_);
    auto* note = window.statusBar()->findChild<QLabel*>();
    QVERIFY(note != nullptr);
    QVERIFY2(note->text().contains(
                 QStringLiteral("no system keychain: secrets in files readable only by you")),
             qPrintable(note->text()));
    QCOMPARE(note->toolTip(), QString::fromStdString(keychain.unavailable_reason()));
  }

  void the_dashboard_reads_every_shop_and_one_down_does_not_stop_the_others() {
    Database atelier(admin_);
    Database boutique(admin_);
    Database nouvelle(admin_);  // never migrated
    atelier.migrate();
    boutique.migrate();
    atelier.sql(
        "INSERT INTO suppliers (name, type, fulfillment_type, currency) VALUES "
        "('Printify', 'PRINTIFY', 'PRINT_ON_DEMAND', 'CAD'), "
        "('Grossiste', 'DROPSHIPPER', 'DROPSHIPPING', 'CAD');"
        "INSERT INTO supplier_products (supplier_id, external_id, title) VALUES (1, 'p', 'Mug');"
        "INSERT INTO supplier_variants (supplier_id, supplier_product_id, external_id, sku) "
        "VALUES (1, 1, 'v1', 'MUG-1'), (1, 1, 'v2', 'MUG-2');");
    auto book = two_shops(atelier, boutique);
    QVERIFY(book.add(shop("ferme", "Fermée", "#555555", "postgres://nobody@127.0.0.1:1/none")));
    QVERIFY(book.add(shop("nouvelle", "Nouvelle", "#118833", nouvelle.url())));

    MainWindow window(std::move(book), &*migrations_, translations_);
    window.show();
    auto stall = wait_loaded(window);
    // A figure for the closing note, not an assertion: these machines are shared.
    qInfo("dashboard of 4 shops: the event loop turned at least every %lld ms", stall);
    auto& model = window.dashboard();
    QCOMPARE(model.rowCount(), 4);
    auto cell = [&](int row, int column) {
      return model.data(model.index(row, column)).toString();
    };
    QCOMPARE(cell(0, DashboardModel::shop), QStringLiteral("Atelier"));
    QCOMPARE(cell(0, DashboardModel::state), QStringLiteral("OK"));
    QCOMPARE(cell(0, DashboardModel::suppliers), QStringLiteral("2"));
    QCOMPARE(cell(0, DashboardModel::synced), QStringLiteral("2"));
    QCOMPARE(cell(0, DashboardModel::unmapped), QStringLiteral("2"));
    QCOMPARE(cell(1, DashboardModel::state), QStringLiteral("OK"));
    QCOMPARE(cell(1, DashboardModel::suppliers), QStringLiteral("0"));
    QCOMPARE(cell(2, DashboardModel::state), QStringLiteral("Unreachable"));
    QVERIFY(model.data(model.index(2, DashboardModel::suppliers)).isNull());
    QVERIFY(cell(3, DashboardModel::state).startsWith(QStringLiteral("Needs comptoir migrate")));
    QVERIFY(model.data(model.index(3, DashboardModel::state), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("comptoir migrate")));
    QCOMPARE(model.data(model.index(0, DashboardModel::shop), Qt::DecorationRole).value<QColor>(),
             QColor(QStringLiteral("#2a6f97")));
    QCOMPARE(window.summary()->text(), QStringLiteral("4 shops · 1 unreachable · 1 to migrate"));
  }

  void the_charts_count_each_day_and_each_figure_opens_its_list() {
    Database atelier(admin_);
    Database boutique(admin_);
    atelier.migrate();
    boutique.migrate();
    const std::string supplier =
        "INSERT INTO suppliers (name, type, fulfillment_type, currency) VALUES "
        "('Grossiste', 'DROPSHIPPER', 'DROPSHIPPING', 'CAD');";
    // Atelier: a run that could not read 3 products today, a failed run two days ago, an alert.
    atelier.sql(supplier +
                "INSERT INTO supplier_sync_runs (supplier_id, status, error_count, started_at) "
                "VALUES (1, 'DONE', 3, now()), (1, 'FAILED', 0, now() - interval '2 days');"
                "INSERT INTO supplier_alerts (supplier_id, kind, subject, message) "
                "VALUES (1, 'LOW_STOCK', 'MUG-1', '2 left');"
                "INSERT INTO supplier_api_calls (supplier_id, connector, method, path, status, "
                "latency_ms) VALUES (1, 'dropshipper', 'POST', '/', 500, 120), "
                "(1, 'dropshipper', 'POST', '/', 200, 80);");
    boutique.sql(supplier +
                 "INSERT INTO supplier_sync_runs (supplier_id, status, error_count, started_at) "
                 "VALUES (1, 'DONE', 1, now());");
    auto book = two_shops(atelier, boutique);
    QVERIFY(book.add(shop("ferme", "Fermée", "#555555", "postgres://nobody@127.0.0.1:1/none")));
    MainWindow window(std::move(book), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    wait_loaded(window);

    // Sync errors per day: one bar segment per shop that could be read, in its colour.
    auto* errors = window.charts().errors_view()->chart();
    QCOMPARE(errors->series().size(), 1);
    auto* stacked = qobject_cast<QStackedBarSeries*>(errors->series().front());
    QVERIFY(stacked != nullptr);
    QCOMPARE(stacked->count(), 2);
    auto total = [](const QBarSet* set) {
      qreal sum = 0;
      for (int i = 0; i < set->count(); ++i) sum += set->at(i);
      return sum;
    };
    QCOMPARE(stacked->barSets()[0]->label(), QStringLiteral("Atelier"));
    QCOMPARE(stacked->barSets()[0]->color(), QColor(QStringLiteral("#2a6f97")));
    QCOMPARE(stacked->barSets()[0]->count(), suppliers::kStatusDays);
    QCOMPARE(stacked->barSets()[0]->at(suppliers::kStatusDays - 1), 3.0);  // today, last
    QCOMPARE(total(stacked->barSets()[0]), 4.0);
    QCOMPARE(total(stacked->barSets()[1]), 1.0);
    QVERIFY2(window.charts().errors_view()->accessibleDescription().startsWith(
                 QStringLiteral("5 in the last 14 days; most on")),
             qPrintable(window.charts().errors_view()->accessibleDescription()));
    QCOMPARE(window.charts().orders_view()->accessibleDescription(),
             QStringLiteral("None in the last 14 days"));
    // One shop chosen: its bars alone.
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    stacked = qobject_cast<QStackedBarSeries*>(errors->series().front());
    QCOMPARE(stacked->count(), 1);
    QCOMPARE(stacked->barSets()[0]->label(), QStringLiteral("Boutique"));
    QCOMPARE(errors->axes(Qt::Horizontal).size(), 1);  // drawn again on the same axes
    QCOMPARE(errors->axes(Qt::Vertical).size(), 1);
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);

    // A figure of an unreachable shop opens nothing; Atelier's alerts open its alerts, clicked.
    auto& model = window.dashboard();
    QVERIFY(!model.opens_list(model.index(2, DashboardModel::alerts)));
    QVERIFY(!model.opens_list(model.index(0, DashboardModel::state)));
    window.open_list(model.index(2, DashboardModel::alerts));
    QCOMPARE(window.tabs()->currentIndex(), 0);
    QSignalSpy alerts_loaded(&window.alerts_page(), &AlertsPage::loaded);
    auto cell = window.table()->visualRect(model.index(0, DashboardModel::alerts));
    QTest::mouseClick(window.table()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(window.current_shop(), QStringLiteral("atelier"));
    QCOMPARE(window.tabs()->currentWidget(), &window.alerts_page());
    QVERIFY(alerts_loaded.wait(10'000));
    QCOMPARE(window.alerts_page().alerts().size(), 1U);
    QCOMPARE(window.alerts_page().table()->item(0, 1)->text(), QStringLiteral("Low stock"));
    QCOMPARE(window.alerts_page().table()->item(0, 3)->text(), QStringLiteral("MUG-1"));
    window.alerts_page().resolve(0);
    QVERIFY(alerts_loaded.wait(10'000));
    QVERIFY(window.alerts_page().alerts().empty());
    QVERIFY(window.alerts_page().message()->text().contains(QStringLiteral("resolved")));

    // Unmapped opens the mapping editor on the unmapped; open orders the queue on open ones.
    window.select_shop({});
    window.tabs()->setCurrentIndex(0);
    window.open_list(model.index(1, DashboardModel::unmapped));
    QCOMPARE(window.current_shop(), QStringLiteral("boutique"));
    QCOMPARE(window.tabs()->currentWidget(), &window.mapping_page());
    QCOMPARE(
        window.mapping_page().findChild<QComboBox*>(QStringLiteral("mappingShow"))->currentIndex(),
        static_cast<int>(suppliers::MappingShow::unmapped));
    window.open_list(model.index(0, DashboardModel::open_orders));
    QCOMPARE(window.tabs()->currentWidget(), &window.orders_page());
    QCOMPARE(window.orders_page()
                 .findChild<QComboBox*>(QStringLiteral("orderState"))
                 ->currentData()
                 .toString(),
             QStringLiteral("open"));
    window.open_list(model.index(0, DashboardModel::sync_errors));
    QCOMPARE(window.tabs()->currentWidget(), &window.sync_page());

    // API health over the last day, per connector in the tooltip; a click lists the failed calls.
    window.select_shop({});
    auto text_of = [&](int row, int column, int role = Qt::DisplayRole) {
      return model.data(model.index(row, column), role).toString();
    };
    QCOMPARE(text_of(0, DashboardModel::api_health), QStringLiteral("1 of 2 failed"));
    QCOMPARE(
        text_of(0, DashboardModel::api_health, Qt::ToolTipRole),
        QStringLiteral("dropshipper: 2 calls, 1 failed, median 80 ms\nClick to open the list"));
    QCOMPARE(text_of(1, DashboardModel::api_health), QStringLiteral("no call"));
    QSignalSpy calls_loaded(&window.api_log_page(), &ApiLogPage::loaded);
    window.open_list(model.index(0, DashboardModel::api_health));
    QCOMPARE(window.tabs()->currentWidget(), &window.api_log_page());
    QTRY_COMPARE_WITH_TIMEOUT(window.api_log_page().calls().size(), 1U, 10'000);
    QCOMPARE(window.api_log_page().calls().front().call.status, 500);
  }

  void the_switcher_shows_one_shop_in_its_colour() {
    Database atelier(admin_);
    atelier.migrate();
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", atelier.url())));
    QVERIFY(book->add(shop("boutique", "Boutique", "#aa3300", atelier.url())));
    MainWindow window(std::move(*book), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    wait_loaded(window);
    QCOMPARE(window.current_shop(), QString());  // all shops first
    QCOMPARE(window.dashboard().rowCount(), 2);
    const auto plain = window.palette().color(QPalette::Window);

    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.current_shop(), QStringLiteral("boutique"));
    QCOMPARE(window.switcher()->currentText(), QStringLiteral("Boutique"));
    QCOMPARE(window.dashboard().rowCount(), 1);
    QCOMPARE(window.palette().color(QPalette::Highlight), QColor(QStringLiteral("#aa3300")));
    QVERIFY(window.palette().color(QPalette::Window) != plain);
    QVERIFY(window.findChild<QToolBar*>(QStringLiteral("shopBar"))
                ->styleSheet()
                .contains(QStringLiteral("#aa3300")));

    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(window.current_shop(), QString());
    QCOMPARE(window.dashboard().rowCount(), 2);
    QCOMPARE(window.palette().color(QPalette::Window), plain);

    // Adding a shop from the window selects it; its id is checked by the engine's rules.
    QVERIFY(window
                .add_shop({.id = "Mauvais id",
                           .name = "x",
                           .color = "#000000",
                           .database_url = atelier.url(),
                           .secret_keys = new_keys()})
                .contains(QStringLiteral("id must be")));
    QCOMPARE(window.add_shop({.id = "troisieme",
                              .name = "Troisième",
                              .color = "#118833",
                              .database_url = atelier.url(),
                              .secret_keys = new_keys()}),
             QString());
    QCOMPARE(window.current_shop(), QStringLiteral("troisieme"));
    QCOMPARE(window.switcher()->count(), 4);
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.current_shop(), QStringLiteral("troisieme"));
  }

  void a_supplier_is_edited_its_credentials_sealed_and_its_connection_tested() {
    Database atelier(admin_);
    atelier.migrate();
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", atelier.url())));
    const auto keys = book->shops().front().secret_keys;
    std::int64_t id = 0;
    {
      auto conn = db::Connection::open(atelier.url());
      auto added = suppliers::SupplierService(conn, keys)
                       .add({.name = "Grossiste",
                             .type = suppliers::SupplierType::dropshipper,
                             .contact_email = "commandes@grossiste.example"});
      QVERIFY(added.has_value());
      id = added->id;
    }
    MainWindow window(std::move(*book), &*migrations_, translations_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto& page = window.suppliers_page();
    QSignalSpy loaded(&page, &SuppliersPage::loaded);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    window.tabs()->setCurrentIndex(1);
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.suppliers().size(), 1U);
    QCOMPARE(page.table()->item(0, 0)->text(), QStringLiteral("Grossiste"));
    QCOMPARE(page.table()->item(0, 4)->text(), QStringLiteral("none"));

    // The dialog reads what is typed; the engine checks it when the page saves.
    SupplierDialog dialog(page.suppliers().front());
    dialog.name_field()->setText(QStringLiteral("Grossiste du Nord"));
    dialog.minimum_field()->setText(QStringLiteral("25,5"));
    dialog.days_field()->setValue(9);
    dialog.credentials_field()->setPlainText(QStringLiteral(R"({"signing_secret": "s3cret"})"));
    auto input = dialog.input();
    QCOMPARE(input.minimum_order_amount, std::optional<std::int64_t>(2550));
    QSignalSpy saved(&page, &SuppliersPage::saved);
    const int version = page.suppliers().front().version;
    page.save(id, version, input, dialog.credentials());
    QVERIFY(saved.wait(10'000));
    QCOMPARE(saved.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.suppliers().front().name, std::string("Grossiste du Nord"));
    QCOMPARE(page.suppliers().front().minimum_order_amount, 2550);
    QCOMPARE(page.table()->item(0, 4)->text(), QStringLiteral("set"));
    {
      auto conn = db::Connection::open(atelier.url());
      auto opened = suppliers::SupplierService(conn, keys).credentials(id);
      QVERIFY(opened.has_value());
      QCOMPARE(std::string(opened->at("signing_secret").as_string()), std::string("s3cret"));
    }
    // A stale edit (made on the version before) and credentials that are not JSON are refused,
    // and change nothing.
    page.save(id, version, {.name = "Autre nom"}, "");
    QVERIFY(saved.wait(10'000));
    QVERIFY(!saved.takeFirst().at(0).toString().isEmpty());
    page.save(id, page.suppliers().front().version, {.name = "Autre nom"}, "pas du JSON");
    QCOMPARE(saved.takeFirst().at(0).toString(),
             QStringLiteral("the credentials must be a JSON object"));
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.suppliers().front().name, std::string("Grossiste du Nord"));

    // A supplier reached by mail tests as such, without a call.
    QSignalSpy tested(&page, &SuppliersPage::tested);
    page.test(id);
    QVERIFY(tested.wait(10'000));
    auto result = tested.takeFirst();
    QVERIFY(result.at(0).toBool());
    QVERIFY(result.at(1).toString().contains(QStringLiteral("commandes@grossiste.example")));
    QVERIFY(page.message()->text().startsWith(QStringLiteral("Connection OK")));

    // Added from the app: the dialog offers the type only for a new supplier.
    SupplierDialog adding(suppliers::Supplier{});
    QVERIFY(adding.type_field()->isEnabled());
    QVERIFY(!dialog.type_field()->isEnabled());
    adding.name_field()->setText(QStringLiteral("Imprimeur"));
    adding.type_field()->setCurrentIndex(adding.type_field()->findData(QStringLiteral("PRINTIFY")));
    QCOMPARE(adding.input().fulfillment, suppliers::FulfillmentType::print_on_demand);
    page.add(adding.input(), "");
    QVERIFY(saved.wait(10'000));
    QCOMPARE(saved.takeFirst().at(0).toString(), QString());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.suppliers().size(), 2U);

    // Exported without secrets, imported back all or nothing.
    QSignalSpy exported(&page, &SuppliersPage::exported);
    QSignalSpy imported(&page, &SuppliersPage::imported);
    const auto file = QString::fromStdString((dir_ / "suppliers.json").string());
    page.export_to(file);
    QVERIFY(exported.wait(10'000));
    QCOMPARE(exported.takeFirst().at(0).toString(), QString());
    std::string json;
    {
      std::ifstream in(dir_ / "suppliers.json");
      json.assign(std::istreambuf_iterator<char>(in), {});
    }
    QVERIFY(json.find("Imprimeur") != std::string::npos);
    QVERIFY(json.find("s3cret") == std::string::npos);
    page.import_from(file);
    QVERIFY(imported.wait(10'000));
    QCOMPARE(imported.takeFirst().at(0).toString(), QString());
    QCOMPARE(page.message()->text(),
             QStringLiteral("Imported: 0 created, 0 updated, 2 unchanged."));
    std::ofstream(dir_ / "bad.json") << R"([{"name": "Nouveau", "type": "DROPSHIPPER"},
                                           {"name": "", "type": "PRINTIFY"}])";
    page.import_from(QString::fromStdString((dir_ / "bad.json").string()));
    QVERIFY(imported.wait(10'000));
    QVERIFY(!imported.takeFirst().at(0).toString().isEmpty());
    QVERIFY(loaded.wait(10'000));
    QCOMPARE(page.suppliers().size(), 2U);
  }

  void the_interface_speaks_french_and_switches_back() {
    auto book = ShopBook::open(dir_ / "comptoir-shops.json");
    MainWindow window(std::move(*book), &*migrations_, translations_);
    translations_.use(QStringLiteral("fr"));
    QCOMPARE(window.dashboard().headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("Boutique"));
    // The language change reaches the window as a posted event.
    QTRY_COMPARE(window.switcher()->itemText(0), QStringLiteral("Toutes les boutiques"));
    QCOMPARE(window.switcher()->accessibleName(), QStringLiteral("Boutique"));
    QVERIFY(window.summary()->text().startsWith(QStringLiteral("Aucune boutique")));
    translations_.use(QStringLiteral("en"));
    QTRY_COMPARE(window.switcher()->itemText(0), QStringLiteral("All shops"));
    QCOMPARE(window.summary()->text(), QStringLiteral("No shop yet: add one (Ctrl+N)."));
  }
};

}  // namespace
}  // namespace comptoir::desktop

QTEST_MAIN(comptoir::desktop::DesktopTest)
#include "desktop_test.moc"
