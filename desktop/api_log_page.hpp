#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "suppliers/api_call_query.hpp"
#include "suppliers/model.hpp"
#include "suppliers/shops.hpp"

class QComboBox;
class QDateEdit;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace comptoir::desktop {

// The API call log of the shop the switcher shows: every call its connectors made, the newest
// first, filtered by supplier, outcome (failed: no answer or an HTTP status of 400 or more) and
// dates; the chosen call's request and response bodies, with the secrets the engine redacted when
// it wrote them. suppliers::api_calls on a worker thread.
class ApiLogPage : public QWidget {
  Q_OBJECT

 public:
  explicit ApiLogPage(QWidget* parent = nullptr);
  ~ApiLogPage() override;
  ApiLogPage(const ApiLogPage&) = delete;
  ApiLogPage& operator=(const ApiLogPage&) = delete;

  void set_shop(const suppliers::Shop* shop);
  void reload();
  void set_outcome(suppliers::ApiCallQuery::Outcome outcome);
  void set_dates(const QDate& from, const QDate& to);

  const std::vector<suppliers::LoggedCall>& calls() const { return calls_; }
  QTableWidget* table() const { return table_; }
  QPlainTextEdit* request() const { return request_; }
  QPlainTextEdit* response() const { return response_; }

 Q_SIGNALS:
  void loaded();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Snapshot {
    std::vector<suppliers::Supplier> suppliers;
    std::vector<suppliers::LoggedCall> calls;
  };
  void fill();
  void show_call();
  void retranslate();

  std::optional<suppliers::Shop> shop_;
  std::vector<suppliers::Supplier> suppliers_;
  std::vector<suppliers::LoggedCall> calls_;
  QLabel* hint_;
  QComboBox* supplier_;
  QComboBox* outcome_;
  QDateEdit* from_;
  QDateEdit* to_;
  QTableWidget* table_;
  QPlainTextEdit* request_;
  QPlainTextEdit* response_;
  QLabel* message_;
  QFutureWatcher<std::expected<Snapshot, std::string>> loading_;
};

}  // namespace comptoir::desktop
