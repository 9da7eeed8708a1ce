#pragma once

#include <QMainWindow>

#include <memory>
#include <vector>

#include "desktop/alerts_page.hpp"
#include "desktop/api_log_page.hpp"
#include "desktop/dashboard.hpp"
#include "desktop/day_charts.hpp"
#include "desktop/engine_host.hpp"
#include "desktop/mapping_page.hpp"
#include "desktop/orders_page.hpp"
#include "desktop/shop_book.hpp"
#include "desktop/suppliers_page.hpp"
#include "desktop/sync_page.hpp"
#include "desktop/translations.hpp"

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;
class QTimer;

namespace comptoir::desktop {

// comptoir-suppliers' window: a shop switcher (toolbar, Ctrl+1…9 for the shops, Ctrl+0 for all)
// that themes the window with the chosen shop's colour, the shops' list (add, edit, remove:
// ShopBook), and tabs: the consolidated dashboard of every shop, read off the UI thread and
// refreshed every 30 seconds (F5 at once) with its charts per day (DayCharts), each figure opening
// its list (the tab, the shop, the filter), the chosen shop's suppliers (SuppliersPage) and its
// catalog syncs (SyncPage), its mappings (MappingPage), its API call log (ApiLogPage), its open
// alerts (AlertsPage), and the
// order queue of the chosen shop or of all (OrdersPage). The Engine menu runs the engine's jobs in
// the app (EngineHost). "All shops" is the default view.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  MainWindow(ShopBook book, const db::MigrationSet* migrations, Translations& translations,
             QWidget* parent = nullptr);

  // The shop shown ("" = all shops).
  QString current_shop() const;
  void select_shop(const QString& id);
  void refresh();

  ShopBook& book() { return book_; }
  DashboardModel& dashboard() { return model_; }
  DashboardLoader& loader() { return *loader_; }
  QComboBox* switcher() const { return switcher_; }
  QTableView* table() const { return table_; }
  QLabel* summary() const { return summary_; }
  QTabWidget* tabs() const { return tabs_; }
  SuppliersPage& suppliers_page() const { return *suppliers_; }
  SyncPage& sync_page() const { return *sync_; }
  OrdersPage& orders_page() const { return *orders_; }
  MappingPage& mapping_page() const { return *mapping_; }
  ApiLogPage& api_log_page() const { return *api_log_; }
  AlertsPage& alerts_page() const { return *alerts_; }
  DayCharts& charts() const { return *charts_; }
  // What a click on a dashboard figure does: its shop chosen, its tab shown, filtered to it.
  void open_list(const QModelIndex& index);
  EngineHost& engine() { return engine_; }
  QAction* engine_action() const { return run_engine_; }

  // The dialogs of the actions, for the tests: `edit` fills the dialog the user would see and
  // returns what the book said ("" when it took it).
  QString add_shop(const ShopEntry& entry);
  QString edit_shop(const ShopEntry& entry);
  QString remove_shop(const QString& id);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void build_actions();
  void fill_switcher();
  // Shows the switcher's shop: the dashboard's filter, the suppliers tab, the actions, the theme.
  void show_current();
  void theme();
  void reload_tab(int index);
  void retranslate();
  void update_summary();
  void on_add();
  void on_edit();
  void on_remove();

  ShopBook book_;
  Translations& translations_;
  DashboardModel model_;
  std::unique_ptr<DashboardLoader> loader_;
  QComboBox* switcher_;
  QTabWidget* tabs_;
  SuppliersPage* suppliers_;
  SyncPage* sync_;
  OrdersPage* orders_;
  MappingPage* mapping_;
  ApiLogPage* api_log_;
  AlertsPage* alerts_;
  EngineHost engine_;
  QTableView* table_;
  DayCharts* charts_;
  QLabel* summary_;
  QLabel* file_note_;
  QTimer* timer_;
  QAction* refresh_;
  QAction* add_;
  QAction* edit_;
  QAction* remove_;
  QAction* run_engine_;
  QAction* french_;
  QAction* english_;
  QMenu* shops_menu_ = nullptr;
  QMenu* engine_menu_ = nullptr;
  QMenu* language_menu_ = nullptr;
  std::vector<QAction*> shortcuts_;
};

}  // namespace comptoir::desktop
