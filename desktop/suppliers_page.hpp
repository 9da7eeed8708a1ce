#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "suppliers/connection_test.hpp"
#include "suppliers/model.hpp"
#include "suppliers/shops.hpp"

class QLabel;
class QPushButton;
class QTableWidget;

namespace comptoir::desktop {

// The suppliers of the shop the switcher shows: their list (type, fulfilment, active, whether
// credentials are set, minimum order, shipping days, contact), editing one (SupplierDialog, saved
// through the engine's SupplierService: a stale edit is refused, the credentials sealed at once),
// and "Test connection" with what the platform said and the call's latency
// (suppliers::test_connection). Every database and platform call runs on a worker thread.
class SuppliersPage : public QWidget {
  Q_OBJECT

 public:
  explicit SuppliersPage(QWidget* parent = nullptr);

  // The shop to show (nullptr: all shops, for which the page asks to choose one).
  void set_shop(const suppliers::Shop* shop);
  void reload();

  // Saves an edit of supplier `id` made at `version` ("" credentials: keep them); `done` says how
  // it went ("" when saved), once the worker is back.
  void save(std::int64_t id, int version, suppliers::SupplierInput input, std::string credentials);
  void test(std::int64_t id);

  const std::vector<suppliers::Supplier>& suppliers() const { return list_; }
  QTableWidget* table() const { return table_; }
  QLabel* message() const { return message_; }

 Q_SIGNALS:
  void loaded();
  void saved(const QString& problem);
  void tested(bool ok, const QString& text);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fill();
  void show_message(const QString& text, bool problem);
  void edit_selected();
  void test_selected();
  std::optional<std::int64_t> selected_id() const;
  void retranslate();

  std::optional<suppliers::Shop> shop_;
  std::vector<suppliers::Supplier> list_;
  QLabel* hint_;
  QTableWidget* table_;
  QPushButton* edit_;
  QPushButton* test_;
  QLabel* message_;
  QFutureWatcher<std::expected<std::vector<suppliers::Supplier>, std::string>> loading_;
  QFutureWatcher<std::expected<std::string, std::string>> saving_;
  QFutureWatcher<std::expected<suppliers::ConnectionTest, std::string>> testing_;
};

}  // namespace comptoir::desktop
