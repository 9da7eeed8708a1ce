#include "desktop/alerts_page.hpp"
#include "desktop/qt_text.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "desktop/list_table.hpp"
#include "desktop/shop_work.hpp"

namespace comptoir::desktop {
namespace {

enum Column { c_seen, c_kind, c_supplier, c_subject, c_raised, c_message, column_count };

}  // namespace

AlertsPage::AlertsPage(QWidget* parent)
    : QWidget(parent),
      hint_(new QLabel(this)),
      table_(new QTableWidget(0, column_count, this)),
      resolve_(new QPushButton(this)),
      message_(new QLabel(this)) {
  make_list(table_);
  table_->setObjectName(QStringLiteral("alerts"));
  message_->setWordWrap(true);
  auto* actions = new QHBoxLayout;
  actions->addWidget(resolve_);
  actions->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint_);
  layout->addWidget(table_, 1);
  layout->addLayout(actions);
  layout->addWidget(message_);
  connect(resolve_, &QPushButton::clicked, this, [this] { resolve(table_->currentRow()); });
  connect(table_, &QTableWidget::currentCellChanged, this,
          [this] { resolve_->setEnabled(table_->currentRow() >= 0); });
  connect(&loading_, &QFutureWatcherBase::finished, this, [this] {
    auto result = loading_.result();
    if (result) {
      alerts_ = std::move(result->alerts);
      message_->setText(text(result->note));
    } else {
      message_->setText(text(result.error()));
    }
    fill();
    Q_EMIT loaded();
  });
  retranslate();
  set_shop(nullptr);
}

AlertsPage::~AlertsPage() {
  loading_.waitForFinished();
}

void AlertsPage::set_shop(const suppliers::Shop* shop) {
  shop_ = shop ? std::optional<suppliers::Shop>(*shop) : std::nullopt;
  alerts_.clear();
  message_->clear();
  fill();
  if (isVisible()) reload();  // else when its tab is chosen
}

void AlertsPage::reload() {
  if (!shop_) return;
  // Never wait here: a load still running is dropped, the watcher follows the new one.
  loading_.setFuture(on_shop(*shop_, [](db::Connection& conn, const suppliers::Shop&) {
    return Outcome{suppliers::Alerts::list_open(conn), {}};
  }));
}

void AlertsPage::resolve(int row) {
  if (!shop_ || row < 0 || static_cast<std::size_t>(row) >= alerts_.size()) return;
  const auto id = alerts_[static_cast<std::size_t>(row)].id;
  const auto done = tr("The alert is marked as resolved; it comes back if its cause is still "
                       "there at the engine's next pass.")
                        .toStdString();
  const auto gone = tr("That alert was already closed.").toStdString();
  loading_.setFuture(
      on_shop(*shop_, [id, done, gone](db::Connection& conn, const suppliers::Shop&) {
        auto closed = suppliers::Alerts::resolve_id(conn, id);
        return Outcome{suppliers::Alerts::list_open(conn), closed ? done : gone};
      }));
}

QString AlertsPage::kind_text(const std::string& name) const {
  auto kind = suppliers::parse_alert_kind(name);
  if (!kind) return text(name);  // a kind of a shop newer than this app, as the engine names it
  switch (*kind) {
    using enum suppliers::AlertKind;
    case low_stock:
      return tr("Low stock");
    case sync_failed:
      return tr("Sync failed");
    case api_failing:
      return tr("API failing");
    case rate_limited:
      return tr("Rate limited");
    case order_stuck:
      return tr("Order stuck");
    case order_failed:
      return tr("Order failed");
    case order_unrouted:
      return tr("No supplier for a line");
    case cancel_at_supplier:
      return tr("Cancel at the supplier");
    case price_conflict:
      return tr("Price conflict");
  }
  return text(name);
}

void AlertsPage::fill() {
  hint_->setVisible(!shop_);
  table_->setVisible(shop_.has_value());
  resolve_->setVisible(shop_.has_value());
  table_->setRowCount(static_cast<int>(alerts_.size()));
  for (int r = 0; r < static_cast<int>(alerts_.size()); ++r) {
    const auto& alert = alerts_[static_cast<std::size_t>(r)];
    auto cell = [&](int column, const QString& value) {
      table_->setItem(r, column, new QTableWidgetItem(value));
    };
    cell(c_seen, local_time(alert.seen_at));
    cell(c_kind, kind_text(alert.kind));
    cell(c_supplier, alert.supplier_id ? text(alert.supplier_name) : tr("(the shop)"));
    cell(c_subject, text(alert.subject));
    cell(c_message, text(alert.message));
    cell(c_raised, local_time(alert.raised_at));
  }
  if (table_->currentRow() < 0 && !alerts_.empty()) table_->selectRow(0);
  resolve_->setEnabled(table_->currentRow() >= 0 && !alerts_.empty());
}

void AlertsPage::retranslate() {
  hint_->setText(tr("Choose a shop in the switcher to read its alerts."));
  table_->setHorizontalHeaderLabels(
      {tr("Last seen"), tr("Kind"), tr("Supplier"), tr("Subject"), tr("Raised"), tr("Message")});
  table_->setAccessibleName(tr("Open alerts"));
  resolve_->setText(tr("Mar&k as resolved"));
  resolve_->setToolTip(tr("Close the chosen alert: it comes back if its cause is still there"));
  fill();
}

void AlertsPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace comptoir::desktop
