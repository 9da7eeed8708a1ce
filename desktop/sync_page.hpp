#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <cstdint>
#include <expected>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "suppliers/catalog_sync.hpp"
#include "suppliers/engine_heartbeat.hpp"
#include "suppliers/model.hpp"
#include "suppliers/shops.hpp"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace comptoir::desktop {

// What the Sync tab reads of a shop: its suppliers, the latest sync runs, and who runs the
// engine's jobs there.
struct SyncSnapshot {
  std::vector<suppliers::Supplier> suppliers{};
  std::vector<suppliers::SyncRun> runs{};
  std::vector<suppliers::EngineRunner> runners{};
};

// One supplier's sync as the page ran it.
struct SyncResult {
  std::string supplier{};
  std::expected<suppliers::SyncOutcome, std::string> outcome{};
};

// The catalog syncs of the shop the switcher shows: start one for the selected supplier (from its
// platform, or from a price list file for a supplier without a catalog API) or for every supplier
// with one, with a progress bar and Cancel (the run ends CANCELLED at the next page), and the
// history of runs with their errors. Above them, who runs the engine's jobs on this shop — a
// headless `comptoir suppliers run`, this app, or nobody — with the last heartbeat. The syncs are
// the engine's (suppliers::sync_catalog), on a worker thread.
class SyncPage : public QWidget {
  Q_OBJECT

 public:
  explicit SyncPage(QWidget* parent = nullptr);
  ~SyncPage() override;  // cancels a sync and waits for it
  SyncPage(const SyncPage&) = delete;
  SyncPage& operator=(const SyncPage&) = delete;

  void set_shop(const suppliers::Shop* shop);
  void reload();
  // Syncs supplier `id`, or every supplier with a catalog API (nullopt); `price_list`: the CSV
  // to read instead of the platform. `synced` says how it went.
  void sync(std::optional<std::int64_t> id, std::optional<std::string> price_list = std::nullopt);
  void cancel();
  bool syncing() const { return syncing_.isRunning(); }

  const SyncSnapshot& snapshot() const { return snapshot_; }
  QTableWidget* history() const { return history_; }
  QLabel* engine() const { return engine_; }
  QLabel* message() const { return message_; }
  QProgressBar* progress() const { return progress_; }
  QPlainTextEdit* errors() const { return errors_; }

 Q_SIGNALS:
  void loaded();
  void progressed(int pages, int products, qint64 total);
  void synced(const QStringList& lines, bool ok);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fill();
  void fill_engine();
  void show_errors();
  void update_buttons();
  void sync_selected();
  void sync_price_list();
  void on_progress(const suppliers::SyncRun& run, std::int64_t total);
  std::optional<std::int64_t> selected_supplier() const;
  QString supplier_name(std::int64_t id) const;
  void retranslate();

  std::optional<suppliers::Shop> shop_;
  std::string syncing_shop_;  // the shop of the sync running (or last run)
  SyncSnapshot snapshot_;
  QLabel* hint_;
  QLabel* engine_;
  QTableWidget* suppliers_;
  QPushButton* sync_;
  QPushButton* sync_file_;
  QPushButton* sync_all_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* message_;
  QLabel* history_title_;
  QTableWidget* history_;
  QPlainTextEdit* errors_;
  std::stop_source stop_;
  QFutureWatcher<std::expected<SyncSnapshot, std::string>> loading_;
  QFutureWatcher<std::vector<SyncResult>> syncing_;
};

// "12 s ago", "3 min ago", "2 h ago": how long since a heartbeat, in the interface's language.
QString ago(std::int64_t seconds);

}  // namespace comptoir::desktop
