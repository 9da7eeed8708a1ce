#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <boost/json/object.hpp>

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "suppliers/connection_test.hpp"
#include "suppliers/model.hpp"
#include "suppliers/shops.hpp"
#include "suppliers/supplier_service.hpp"

class QLabel;
class QPushButton;
class QTableWidget;

namespace comptoir::desktop {

// The suppliers of the shop the switcher shows: their list (type, fulfilment, active, whether
// credentials are set, minimum order, shipping days, contact), editing one (SupplierDialog, saved
// through the engine's SupplierService: a stale edit is refused, the credentials sealed at once),
// and "Test connection" with what the platform said and the call's latency
// (suppliers::test_connection), adding a supplier, and the configuration's JSON export and import
// (SupplierService's, without secrets: the same file as `comptoir suppliers export|import`). Every
// database, file and platform call runs on a worker thread.
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
  // Adds a supplier (`saved` says how it went); `credentials` "" for none yet.
  void add(suppliers::SupplierInput input, std::string credentials);
  // Writes the suppliers' configuration to `path` / imports it from there, in one transaction;
  // `exported` / `imported` say how it went ("" when it worked).
  void export_to(const QString& path);
  void import_from(const QString& path);

  const std::vector<suppliers::Supplier>& suppliers() const { return list_; }
  QTableWidget* table() const { return table_; }
  QLabel* message() const { return message_; }

 Q_SIGNALS:
  void loaded();
  void saved(const QString& problem);
  void tested(bool ok, const QString& text);
  void exported(const QString& problem);
  void imported(const QString& problem);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fill();
  // The credentials typed as the object to seal (nullopt inside: none typed); nullopt when they
  // are not a JSON object, which the page has then said (`saved` with the reason).
  std::optional<std::optional<boost::json::object>> typed_credentials(const std::string& typed);
  void show_message(const QString& text, bool problem);
  void edit_selected();
  void test_selected();
  void add_new();
  void choose_export();
  void choose_import();
  std::optional<std::int64_t> selected_id() const;
  void retranslate();

  std::optional<suppliers::Shop> shop_;
  std::vector<suppliers::Supplier> list_;
  QLabel* hint_;
  QTableWidget* table_;
  QPushButton* edit_;
  QPushButton* test_;
  QPushButton* add_;
  QPushButton* export_;
  QPushButton* import_;
  QLabel* message_;
  QFutureWatcher<std::expected<std::vector<suppliers::Supplier>, std::string>> loading_;
  QFutureWatcher<std::expected<std::string, std::string>> saving_;
  QFutureWatcher<std::expected<suppliers::ConnectionTest, std::string>> testing_;
  QFutureWatcher<std::expected<std::size_t, std::string>> exporting_;
  QFutureWatcher<std::expected<suppliers::ImportReport, std::string>> importing_;
};

}  // namespace comptoir::desktop
