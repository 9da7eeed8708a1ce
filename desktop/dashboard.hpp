#pragma once

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <vector>

#include "suppliers/shops.hpp"
#include "suppliers/status_report.hpp"

namespace comptoir::db {
class MigrationSet;
}

namespace comptoir::desktop {

// The consolidated dashboard's rows: one per shop, its colour as the row's swatch, its figures from
// the engine (suppliers::consolidated_status); a shop that cannot be read shows why, the others
// are unaffected. Filtered to one shop when the switcher names one ("" = all shops).
class DashboardModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    shop,
    state,
    suppliers,
    synced,
    unmapped,
    open_orders,
    sync_errors,
    alerts,
    api_health,
    last_sync,
    latency,
    column_count
  };

  explicit DashboardModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

  // Whether `index` is a figure that opens its list (shown as a link: its shop could be read).
  bool opens_list(const QModelIndex& index) const;

  void set_statuses(std::vector<suppliers::ShopStatus> statuses);
  void set_filter(const QString& shop_id);
  const std::vector<suppliers::ShopStatus>& statuses() const { return all_; }
  // The texts of the headers and states, after a change of language.
  void retranslate();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  const suppliers::ShopStatus& row(int index) const;
  QString state_text(const suppliers::ShopStatus& status) const;

  std::vector<suppliers::ShopStatus> all_;
  std::vector<std::size_t> shown_;  // indexes into all_, in order
  QString filter_;
};

// Reads every shop's figures off the UI thread (a worker of Qt's global pool, each shop on its own
// thread inside the engine) and hands them to the model when done. A load asked while another runs
// supersedes it: the older result is dropped.
class DashboardLoader : public QObject {
  Q_OBJECT

 public:
  // `migrations`: the program's own, to check each shop's schema (nullptr: not checked).
  DashboardLoader(DashboardModel& model, const db::MigrationSet* migrations,
                  QObject* parent = nullptr);

  void load(std::vector<suppliers::Shop> shops);
  bool loading() const { return watcher_.isRunning(); }

 Q_SIGNALS:
  void loaded();

 private:
  DashboardModel& model_;
  const db::MigrationSet* migrations_;
  QFutureWatcher<std::vector<suppliers::ShopStatus>> watcher_;
};

}  // namespace comptoir::desktop
