#include "desktop/screenshots.hpp"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>

#include "desktop/main_window.hpp"

namespace comptoir::desktop {
namespace {

// Runs start(), then the event loop until `sender` emits `signal` (20 s at most).
template <class Sender, class Signal, class Start>
void wait_for(Sender* sender, Signal signal, Start start) {
  QEventLoop loop;
  QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
  QObject::connect(sender, signal, &loop, &QEventLoop::quit);
  start();
  loop.exec();
}

// Lets the tables lay themselves out before a picture.
void settle() {
  QEventLoop loop;
  QTimer::singleShot(200, &loop, &QEventLoop::quit);
  loop.exec();
}

}  // namespace

void take_screenshots(MainWindow& window, const QString& dir) {
  QDir().mkpath(dir);
  window.resize(1280, 760);
  // Once the application's loop runs: the window's first load is then under way.
  QTimer::singleShot(0, &window, [&window, dir] {
    auto shoot = [&window, dir](const QString& name) {
      window.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    };
    wait_for(&window.loader(), &DashboardLoader::loaded, [] {});
    settle();  // the charts lay themselves out on the next turns of the loop
    shoot(QStringLiteral("dashboard"));
    if (window.book().shops().empty()) return QApplication::quit();
    wait_for(&window.loader(), &DashboardLoader::loaded, [&window] {
      window.select_shop(QString::fromStdString(window.book().shops().front().id));
      window.refresh();
    });
    settle();
    shoot(QStringLiteral("dashboard-shop"));
    wait_for(&window.suppliers_page(), &SuppliersPage::loaded, [&window] {
      window.tabs()->setCurrentIndex(1);
      window.suppliers_page().reload();
    });
    settle();
    shoot(QStringLiteral("suppliers"));
    wait_for(&window.sync_page(), &SyncPage::loaded, [&window] {
      window.tabs()->setCurrentIndex(2);
      window.sync_page().reload();
    });
    // The latest failed run, with its errors.
    auto* history = window.sync_page().history();
    for (int row = 0; row < history->rowCount(); ++row)
      if (window.sync_page().snapshot().runs[static_cast<std::size_t>(row)].status == "FAILED") {
        history->selectRow(row);
        break;
      }
    settle();
    shoot(QStringLiteral("sync"));
    wait_for(&window.orders_page(), &OrdersPage::loaded, [&window] {
      window.tabs()->setCurrentIndex(3);
      window.orders_page().reload();
    });
    // The last row chosen, so that the stuck and the failed ones show their colours.
    auto* queue = window.orders_page().table();
    if (queue->rowCount() > 0) queue->selectRow(queue->rowCount() - 1);
    settle();
    shoot(QStringLiteral("orders"));
    wait_for(&window.mapping_page(), &MappingPage::loaded, [&window] {
      window.tabs()->setCurrentIndex(4);
      window.mapping_page().reload();
    });
    wait_for(&window.mapping_page(), &MappingPage::shop_found,
             [&window] { window.mapping_page().search_shop(QString()); });
    settle();
    shoot(QStringLiteral("mapping"));
    wait_for(&window.api_log_page(), &ApiLogPage::loaded, [&window] {
      window.tabs()->setCurrentIndex(5);
      window.api_log_page().reload();
    });
    settle();
    shoot(QStringLiteral("api-log"));
    wait_for(&window.alerts_page(), &AlertsPage::loaded, [&window] {
      window.tabs()->setCurrentWidget(&window.alerts_page());
      window.alerts_page().reload();
    });
    settle();
    shoot(QStringLiteral("alerts"));
    QApplication::quit();
  });
}

}  // namespace comptoir::desktop
