#include "desktop/api_log_page.hpp"
#include "desktop/qt_text.hpp"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "desktop/list_table.hpp"
#include "desktop/shop_work.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::desktop {
namespace {

enum Column {
  c_when,
  c_supplier,
  c_connector,
  c_method,
  c_path,
  c_status,
  c_latency,
  c_attempt,
  c_request_id,
  column_count
};
const QColor kProblem(0xb0, 0x00, 0x20);

}  // namespace

ApiLogPage::ApiLogPage(QWidget* parent)
    : QWidget(parent),
      hint_(new QLabel(this)),
      supplier_(new QComboBox(this)),
      outcome_(new QComboBox(this)),
      from_(new QDateEdit(QDate::currentDate().addDays(-7), this)),
      to_(new QDateEdit(QDate::currentDate(), this)),
      table_(new QTableWidget(0, column_count, this)),
      request_(new QPlainTextEdit(this)),
      response_(new QPlainTextEdit(this)),
      message_(new QLabel(this)) {
  make_list(table_);
  table_->setObjectName(QStringLiteral("apiCalls"));
  for (auto* date : {from_, to_}) {
    date->setCalendarPopup(true);
    date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
  }
  for (auto* body : {request_, response_}) body->setReadOnly(true);
  auto* filters = new QHBoxLayout;
  filters->addWidget(supplier_);
  filters->addWidget(outcome_);
  filters->addWidget(from_);
  filters->addWidget(to_);
  filters->addStretch();
  auto* bodies = new QSplitter(this);
  bodies->addWidget(request_);
  bodies->addWidget(response_);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(table_);
  split->addWidget(bodies);
  split->setSizes({400, 200});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint_);
  layout->addLayout(filters);
  layout->addWidget(split, 1);
  layout->addWidget(message_);
  connect(supplier_, &QComboBox::activated, this, &ApiLogPage::reload);
  connect(outcome_, &QComboBox::activated, this, &ApiLogPage::reload);
  connect(from_, &QDateEdit::editingFinished, this, &ApiLogPage::reload);
  connect(to_, &QDateEdit::editingFinished, this, &ApiLogPage::reload);
  connect(table_, &QTableWidget::currentCellChanged, this, &ApiLogPage::show_call);
  connect(&loading_, &QFutureWatcherBase::finished, this, [this] {
    auto result = loading_.result();
    message_->setText(result ? QString() : text(result.error()));
    if (result) {
      suppliers_ = std::move(result->suppliers);
      calls_ = std::move(result->calls);
    } else {
      calls_.clear();
    }
    fill();
    Q_EMIT loaded();
  });
  retranslate();
  set_shop(nullptr);
}

ApiLogPage::~ApiLogPage() {
  loading_.waitForFinished();
}

void ApiLogPage::set_shop(const suppliers::Shop* shop) {
  shop_ = shop ? std::optional<suppliers::Shop>(*shop) : std::nullopt;
  suppliers_.clear();
  calls_.clear();
  fill();
  if (isVisible()) reload();  // else when its tab is chosen
}

void ApiLogPage::set_outcome(suppliers::ApiCallQuery::Outcome outcome) {
  outcome_->setCurrentIndex(static_cast<int>(outcome));
  if (isVisible()) reload();  // else when its tab is chosen
}

void ApiLogPage::set_dates(const QDate& from, const QDate& to) {
  from_->setDate(from);
  to_->setDate(to);
  if (isVisible()) reload();  // else when its tab is chosen
}

void ApiLogPage::reload() {
  if (!shop_) return;
  suppliers::ApiCallQuery query{
      .outcome = static_cast<suppliers::ApiCallQuery::Outcome>(outcome_->currentIndex()),
      .from = from_->date().toString(Qt::ISODate).toStdString(),
      .to = to_->date().toString(Qt::ISODate).toStdString()};
  if (supplier_->currentData().isValid()) query.supplier_id = supplier_->currentData().toLongLong();
  // A load still running is dropped: the watcher follows the new one (never wait here:
  // the UI thread would wait for a shop's connect timeout).
  loading_.setFuture(on_shop(*shop_, [query](db::Connection& conn, const suppliers::Shop& shop) {
    return Snapshot{suppliers::SupplierService(conn, shop.secret_keys).list(),
                    suppliers::api_calls(conn, query)};
  }));
}

void ApiLogPage::fill() {
  hint_->setVisible(!shop_);
  for (QWidget* w : std::initializer_list<QWidget*>{supplier_, outcome_, from_, to_, table_,
                                                    request_, response_})
    w->setVisible(shop_.has_value());
  fill_supplier_filter(supplier_, suppliers_, tr("Every supplier"));
  table_->setRowCount(static_cast<int>(calls_.size()));
  for (int r = 0; r < static_cast<int>(calls_.size()); ++r) {
    const auto& logged = calls_[static_cast<std::size_t>(r)];
    const auto& call = logged.call;
    auto cell = [&](int column, const QString& value) {
      auto* item = new QTableWidgetItem(value);
      if (logged.failed) item->setForeground(kProblem);
      table_->setItem(r, column, item);
    };
    cell(c_when, local_time(logged.created_at));
    cell(c_supplier, text(logged.supplier_name));
    cell(c_connector, text(call.connector));
    cell(c_method, text(call.method));
    cell(c_path, text(call.path));
    cell(c_status, call.status == 0 ? tr("no answer") : QString::number(call.status));
    cell(c_latency, tr("%1 ms").arg(call.latency_ms));
    cell(c_attempt, QString::number(call.attempt));
    cell(c_request_id, text(call.request_id));
  }
  if (table_->currentRow() < 0 && !calls_.empty()) table_->selectRow(0);
  show_call();
}

void ApiLogPage::show_call() {
  auto row = table_->currentRow();
  if (row < 0 || static_cast<std::size_t>(row) >= calls_.size()) {
    request_->clear();
    response_->clear();
    return;
  }
  const auto& call = calls_[static_cast<std::size_t>(row)].call;
  request_->setPlainText(call.request_body.empty() ? tr("(no body)") : text(call.request_body));
  auto response = call.response_body.empty() ? tr("(no body)") : text(call.response_body);
  if (!call.error.empty()) response = tr("Error: %1").arg(text(call.error)) + "\n\n" + response;
  response_->setPlainText(response);
}

void ApiLogPage::retranslate() {
  hint_->setText(tr("Choose a shop in the switcher to read its API call log."));
  auto keep = outcome_->currentIndex();
  outcome_->clear();
  outcome_->addItems({tr("Every call"), tr("Failed calls"), tr("Succeeded calls")});
  outcome_->setCurrentIndex(keep < 0 ? 0 : keep);
  if (supplier_->count() > 0) supplier_->setItemText(0, tr("Every supplier"));
  supplier_->setAccessibleName(tr("Supplier of the calls shown"));
  outcome_->setAccessibleName(tr("Outcome of the calls shown"));
  from_->setAccessibleName(tr("From (date)"));
  to_->setAccessibleName(tr("To (date, included)"));
  table_->setHorizontalHeaderLabels({tr("When"), tr("Supplier"), tr("Connector"), tr("Method"),
                                     tr("Path"), tr("Status"), tr("Latency"), tr("Attempt"),
                                     tr("Request id")});
  table_->setAccessibleName(tr("API calls"));
  request_->setAccessibleName(tr("Request body (secrets redacted)"));
  response_->setAccessibleName(tr("Response body (secrets redacted)"));
  request_->setPlaceholderText(tr("The request"));
  response_->setPlaceholderText(tr("The response"));
  fill();
}

void ApiLogPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace comptoir::desktop
