#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "suppliers/alerts.hpp"
#include "suppliers/shops.hpp"

class QLabel;
class QPushButton;
class QTableWidget;

namespace comptoir::desktop {

// The open alerts of the shop the switcher shows — low stock, failed syncs, failing APIs, stuck
// or failed orders, unrouted lines, price conflicts — the most recently seen first, as the engine
// lists them (suppliers::Alerts::list_open, on a worker thread). *Mark as resolved* closes the
// chosen one (the engine raises it anew while its cause is still there).
class AlertsPage : public QWidget {
  Q_OBJECT

 public:
  explicit AlertsPage(QWidget* parent = nullptr);
  ~AlertsPage() override;
  AlertsPage(const AlertsPage&) = delete;
  AlertsPage& operator=(const AlertsPage&) = delete;

  void set_shop(const suppliers::Shop* shop);
  void reload();
  // Closes the alert on `row`; loaded() follows with the list read again.
  void resolve(int row);

  const std::vector<suppliers::Alert>& alerts() const { return alerts_; }
  QTableWidget* table() const { return table_; }
  QLabel* message() const { return message_; }

 Q_SIGNALS:
  void loaded();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fill();
  void retranslate();
  QString kind_text(const std::string& name) const;

  std::optional<suppliers::Shop> shop_;
  std::vector<suppliers::Alert> alerts_;
  QLabel* hint_;
  QTableWidget* table_;
  QPushButton* resolve_;
  QLabel* message_;
  // A load, or a resolution followed by a load: the list and what the resolution said ("" if none).
  struct Outcome {
    std::vector<suppliers::Alert> alerts;
    std::string note;
  };
  QFutureWatcher<std::expected<Outcome, std::string>> loading_;
};

}  // namespace comptoir::desktop
