#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "suppliers/order_queue.hpp"
#include "suppliers/shops.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace comptoir::desktop {

// One shop's part of the queue as read: its rows, or why the shop could not be read.
struct ShopQueue {
  suppliers::Shop shop{};
  std::vector<suppliers::QueueEntry> entries{};
  std::vector<suppliers::Supplier> suppliers{};
  std::string error{};
};

// The order queue: the supplier orders of the shop the switcher shows, or of every shop (each
// row in its shop's colour; the shops read in parallel, one down says so and the rest show),
// newest first, filtered by state (open ones by default), supplier and stuck orders. Stuck orders
// — open and longer in their state than the supplier's shipping days — are highlighted, failed
// ones in red. Staff can dispatch an order now, retry a failed one, cancel one nothing was sent
// for, and type in a generic supplier's news (tracking): the engine's order_queue functions, on a
// worker thread; a refusal changes nothing and says why.
class OrdersPage : public QWidget {
  Q_OBJECT

 public:
  explicit OrdersPage(QWidget* parent = nullptr);
  ~OrdersPage() override;
  OrdersPage(const OrdersPage&) = delete;
  OrdersPage& operator=(const OrdersPage&) = delete;

  // The shops to show: one, or all (with their colours).
  void set_shops(std::vector<suppliers::Shop> shops);
  void reload();

  // The filters (the combos' values), for the tests.
  void set_state_filter(const QString& state);  // "open", "all", or a state (SHIPPED…)
  void set_stuck_only(bool on);

  // The actions on row `row` of the table; `acted` says how it went ("" when done).
  void dispatch_now(int row);
  void retry(int row);
  void cancel(int row, const std::string& reason);
  void record_news(int row, const suppliers::SupplierNews& news);

  QTableWidget* table() const { return table_; }
  QLabel* message() const { return message_; }
  QLabel* more() const { return more_; }
  // The row's order and its shop.
  const suppliers::QueueEntry* entry(int row) const;

 Q_SIGNALS:
  void loaded();
  void acted(const QString& problem);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Row {
    std::size_t shop;  // into loaded_
    std::size_t entry;
  };
  template <class Work>
  void act(int row, Work work);
  void fill();
  void update_buttons();
  void on_cancel();
  void on_news();
  void retranslate();

  std::vector<suppliers::Shop> shops_;
  std::vector<ShopQueue> loaded_;
  std::vector<Row> rows_;
  QComboBox* state_;
  QComboBox* supplier_;
  QCheckBox* stuck_;
  QTableWidget* table_;
  QPushButton* dispatch_;
  QPushButton* retry_;
  QPushButton* cancel_;
  QPushButton* news_;
  QLabel* message_;
  QLabel* more_;  // says when only the newest are shown
  QFutureWatcher<ShopQueue> loading_;
  QFutureWatcher<std::expected<std::string, std::string>> acting_;
};

}  // namespace comptoir::desktop
