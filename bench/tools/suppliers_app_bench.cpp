// bench/suppliers-app's program: comptoir-suppliers' window (real widgets, Qt's offscreen platform)
// on the shops of SHOPS_FILE, driven through a fixed sequence of actions, three times. For each
// action: how long until its result was shown, and the longest time the event loop went without
// turning meanwhile (a 2 ms precise timer counts the gaps), the figure the issue asks about ("no
// UI action blocks the event loop for more than 50 ms"). Figures, not assertions: written as JSON.
// Built only with -DCOMPTOIR_BENCH_TOOLS=ON.
//
//   QT_QPA_PLATFORM=offscreen bench_suppliers_app SHOPS_FILE OUT.json
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTabWidget>
#include <QTimer>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "db/migration_set.hpp"
#include "desktop/main_window.hpp"
#include "desktop/shop_book.hpp"
#include "desktop/translations.hpp"

namespace {

using namespace comptoir::desktop;

struct Measure {
  double ms = 0;        // until the result was there (the signal), or the action returned
  double stall_ms = 0;  // the longest gap between two turns of the loop, painting included
  double busy_ms = 0;   // the most CPU time the UI thread used within one gap: its own work;
                        // the rest of a gap is the thread waiting for a core (2 cores, shared
                        // with PostgreSQL and the workers)
};

// CPU time used by the calling thread.
qint64 thread_cpu_ns() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<qint64>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Runs `action`, then waits for `done` (when given) and lets the window paint for 150 ms, counting
// the event loop's longest gap all along.
Measure measure(const std::function<void()>& action,
                const std::function<QMetaObject::Connection(std::function<void()>)>& done) {
  QEventLoop loop;
  bool finished = !done;
  QMetaObject::Connection connection;
  if (done)
    connection = done([&] {
      finished = true;
      loop.quit();
    });
  QElapsedTimer since;
  qint64 longest = 0;
  qint64 cpu_at = thread_cpu_ns();
  qint64 busiest = 0;
  auto turn = [&] {
    longest = std::max(longest, since.restart());
    auto cpu = thread_cpu_ns();
    busiest = std::max(busiest, cpu - cpu_at);
    cpu_at = cpu;
  };
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  QObject::connect(&tick, &QTimer::timeout, turn);
  QElapsedTimer total;
  total.start();
  since.start();
  tick.start(2);
  action();
  if (!finished) {
    QTimer::singleShot(120'000, &loop, &QEventLoop::quit);
    loop.exec();
  }
  const auto until = total.nsecsElapsed();
  QEventLoop paint;
  QTimer::singleShot(150, &paint, &QEventLoop::quit);
  paint.exec();
  tick.stop();
  turn();
  QObject::disconnect(connection);
  return {.ms = static_cast<double>(until) / 1e6,
          .stall_ms = static_cast<double>(longest),
          .busy_ms = static_cast<double>(busiest) / 1e6};
}

template <class Page>
std::function<QMetaObject::Connection(std::function<void()>)> on_loaded(Page& page) {
  return [&page](std::function<void()> then) {
    return QObject::connect(&page, &Page::loaded, &page, std::move(then));
  };
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  if (argc != 3) {
    fmt::print(stderr, "usage: bench_suppliers_app SHOPS_FILE OUT.json\n");
    return 2;
  }
  Translations translations;
  translations.use(QStringLiteral("en"));
  auto book = ShopBook::open(argv[1]);
  if (!book) {
    fmt::print(stderr, "{}\n", book.error());
    return 1;
  }
  const auto shops = book->shops();
  const char* data_dir = std::getenv("COMPTOIR_DATA_DIR");
  auto migrations = comptoir::db::MigrationSet::load(
      std::filesystem::path(data_dir ? data_dir : ".") / "migrations");
  MainWindow window(std::move(*book), &migrations, translations);
  window.resize(1280, 760);

  std::map<std::string, std::vector<Measure>> runs;
  std::vector<std::string> order;
  auto record = [&](const std::string& name, Measure m) {
    if (!runs.contains(name)) order.push_back(name);
    runs[name].push_back(m);
  };
  auto loaded = [&window](std::function<void()> then) {
    return QObject::connect(&window.loader(), &DashboardLoader::loaded, &window, std::move(then));
  };
  // The first appearance: shown, and every shop's figures read and drawn.
  record("dashboard: first appearance", measure([&] { window.show(); }, loaded));
  for (int round = 0; round < 3; ++round) {
    record("dashboard: refresh (F5)", measure([&] { window.refresh(); }, loaded));
    for (std::size_t i = 0; i < shops.size(); ++i)
      record("switcher: one shop (Ctrl+N)",
             measure([&] { window.select_shop(QString::fromStdString(shops[i].id)); }, {}));
    window.select_shop(QString::fromStdString(shops.front().id));
    record("tab: suppliers",
           measure([&] { window.tabs()->setCurrentWidget(&window.suppliers_page()); },
                   on_loaded(window.suppliers_page())));
    record("tab: sync (history)",
           measure([&] { window.tabs()->setCurrentWidget(&window.sync_page()); },
                   on_loaded(window.sync_page())));
    record("tab: orders (one shop)",
           measure([&] { window.tabs()->setCurrentWidget(&window.orders_page()); },
                   on_loaded(window.orders_page())));
    record("tab: mapping (every variant)",
           measure([&] { window.tabs()->setCurrentWidget(&window.mapping_page()); },
                   on_loaded(window.mapping_page())));
    record("mapping: search a SKU", measure([&] { window.mapping_page().set_text("SUP-4242"); },
                                            on_loaded(window.mapping_page())));
    window.mapping_page().set_text({});
    record(
        "mapping: unmapped",
        measure([&] { window.mapping_page().set_show(comptoir::suppliers::MappingShow::unmapped); },
                on_loaded(window.mapping_page())));
    record("mapping: conflicts",
           measure(
               [&] { window.mapping_page().set_show(comptoir::suppliers::MappingShow::conflicts); },
               on_loaded(window.mapping_page())));
    window.mapping_page().set_show(comptoir::suppliers::MappingShow::all);
    record("tab: API log", measure([&] { window.tabs()->setCurrentWidget(&window.api_log_page()); },
                                   on_loaded(window.api_log_page())));
    record("tab: alerts", measure([&] { window.tabs()->setCurrentWidget(&window.alerts_page()); },
                                  on_loaded(window.alerts_page())));
    window.select_shop({});
    record("tab: orders (every shop)",
           measure([&] { window.tabs()->setCurrentWidget(&window.orders_page()); },
                   on_loaded(window.orders_page())));
    window.tabs()->setCurrentIndex(0);
    record("dashboard: a figure opens its list",
           measure(
               [&] {
                 auto& model = window.dashboard();
                 window.open_list(
                     model.index(static_cast<int>(shops.size()) - 1, DashboardModel::alerts));
               },
               on_loaded(window.alerts_page())));
    window.select_shop({});
    window.tabs()->setCurrentIndex(0);
  }

  boost::json::array steps;
  double worst = 0;
  double worst_busy = 0;
  for (const auto& name : order) {
    auto& all = runs[name];
    std::vector<double> ms;
    double stall = 0;
    double busy = 0;
    for (const auto& m : all) {
      ms.push_back(m.ms);
      stall = std::max(stall, m.stall_ms);
      busy = std::max(busy, m.busy_ms);
    }
    std::sort(ms.begin(), ms.end());
    worst = std::max(worst, stall);
    steps.push_back(boost::json::object{{"action", name},
                                        {"runs", all.size()},
                                        {"median_ms", std::round(ms[ms.size() / 2])},
                                        {"longest_stall_ms", stall},
                                        {"longest_busy_ms", std::round(busy)}});
    worst_busy = std::max(worst_busy, busy);
    fmt::print(
        "{:<40} {:>2} run(s)  median {:>6.0f} ms  longest stall {:>4.0f} ms  busy {:>4.0f} ms\n",
        name, all.size(), ms[ms.size() / 2], stall, busy);
  }
  boost::json::object out{
      {"shops", shops.size()},
      {"dashboard_first_ms", std::round(runs["dashboard: first appearance"][0].ms)},
      {"worst_stall_ms", worst},
      {"steps", std::move(steps)}};
  std::ofstream(argv[2]) << boost::json::serialize(out) << "\n";
  return 0;
}
