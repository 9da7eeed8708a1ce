#include "desktop/orders_page.hpp"
#include "desktop/qt_text.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentMap>

#include "desktop/list_table.hpp"
#include "desktop/news_dialog.hpp"
#include "desktop/shop_work.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::desktop {
namespace {

enum Column {
  c_shop,
  c_created,
  c_order,
  c_supplier,
  c_state,
  c_number,
  c_tracking,
  c_attempts,
  c_next,
  c_error,
  column_count
};

const QColor kStuck(0xff, 0xe0, 0xb2);
const QColor kProblem(0xb0, 0x00, 0x20);

// Why the engine refused, in the interface's language where it gave reasons by field.
std::string refusal_text(const suppliers::QueueRefusal& refusal) {
  if (refusal.problems.empty()) return refusal.message;
  QStringList reasons;
  for (const auto& problem : refusal.problems) {
    auto why = problem.code == "bad_state" ? OrdersPage::tr("not a state a supplier reports")
               : problem.code == "bad_url" ? OrdersPage::tr("not an http(s) address")
                                           : OrdersPage::tr("too long, or not plain text");
    reasons << QStringLiteral("%1: %2").arg(text(problem.field), why);
  }
  return reasons.join(QStringLiteral("; ")).toStdString();
}

bool generic(suppliers::SupplierType type) {
  return type == suppliers::SupplierType::dropshipper ||
         type == suppliers::SupplierType::local_stock;
}

}  // namespace

OrdersPage::OrdersPage(QWidget* parent)
    : QWidget(parent),
      state_(new QComboBox(this)),
      supplier_(new QComboBox(this)),
      stuck_(new QCheckBox(this)),
      table_(new QTableWidget(0, column_count, this)),
      dispatch_(new QPushButton(this)),
      retry_(new QPushButton(this)),
      cancel_(new QPushButton(this)),
      news_(new QPushButton(this)),
      message_(new QLabel(this)),
      more_(new QLabel(this)) {
  table_->setObjectName(QStringLiteral("orderQueue"));
  state_->setObjectName(QStringLiteral("orderState"));
  make_list(table_);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  dispatch_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  auto* filters = new QHBoxLayout;
  filters->addWidget(state_);
  filters->addWidget(supplier_);
  filters->addWidget(stuck_);
  filters->addStretch();
  auto* buttons = new QHBoxLayout;
  for (auto* button : {dispatch_, retry_, cancel_, news_}) buttons->addWidget(button);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filters);
  layout->addWidget(table_);
  layout->addWidget(more_);
  layout->addLayout(buttons);
  layout->addWidget(message_);
  connect(state_, &QComboBox::activated, this, &OrdersPage::reload);
  connect(supplier_, &QComboBox::activated, this, &OrdersPage::reload);
  connect(stuck_, &QCheckBox::toggled, this, &OrdersPage::reload);
  connect(table_, &QTableWidget::currentCellChanged, this, &OrdersPage::update_buttons);
  connect(dispatch_, &QPushButton::clicked, this, [this] { dispatch_now(table_->currentRow()); });
  connect(retry_, &QPushButton::clicked, this, [this] { retry(table_->currentRow()); });
  connect(cancel_, &QPushButton::clicked, this, &OrdersPage::on_cancel);
  connect(news_, &QPushButton::clicked, this, &OrdersPage::on_news);
  connect(&loading_, &QFutureWatcherBase::finished, this, [this] {
    auto results = loading_.future().results();
    loaded_.assign(results.begin(), results.end());
    fill();
    Q_EMIT loaded();
  });
  connect(&acting_, &QFutureWatcherBase::finished, this, [this] {
    auto result = acting_.result();
    QString problem = result ? text(*result) : text(result.error());
    message_->setText(problem.isEmpty() ? tr("Done.") : problem);
    message_->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    reload();
    Q_EMIT acted(problem);
  });
  retranslate();
}

OrdersPage::~OrdersPage() {
  loading_.waitForFinished();
  acting_.waitForFinished();
}

void OrdersPage::set_shops(std::vector<suppliers::Shop> shops) {
  shops_ = std::move(shops);
  loaded_.clear();
  supplier_->clear();
  supplier_->addItem(tr("Every supplier"), QVariant());
  supplier_->setEnabled(shops_.size() == 1);
  message_->clear();
  fill();
  if (isVisible()) reload();  // else when its tab is chosen
}

void OrdersPage::set_state_filter(const QString& state) {
  auto index = state_->findData(state);
  if (index >= 0) state_->setCurrentIndex(index);
  if (isVisible()) reload();  // else when its tab is chosen
}

void OrdersPage::set_stuck_only(bool on) {
  stuck_->setChecked(on);  // toggled → reload
}

void OrdersPage::reload() {
  if (shops_.empty()) return;
  suppliers::QueueQuery query;
  auto state = state_->currentData().toString();
  query.open_only = state == QStringLiteral("open");
  if (state != QStringLiteral("open") && state != QStringLiteral("all"))
    query.state = suppliers::parse_supplier_order_state(state.toStdString());
  if (supplier_->isEnabled() && supplier_->currentData().isValid())
    query.supplier_id = supplier_->currentData().toLongLong();
  query.stuck_only = stuck_->isChecked();
  // A load still running is dropped: the watcher follows the new one (never wait here:
  // the UI thread would wait for a shop's connect timeout).
  // Every shop at once, each on its own connection: one down does not hold the others.
  loading_.setFuture(QtConcurrent::mapped(shops_, [query](const suppliers::Shop& shop) {
    ShopQueue out{.shop = shop};
    try {
      auto conn = open_shop(shop);
      out.entries = suppliers::supplier_order_queue(conn, query);
      out.suppliers = suppliers::SupplierService(conn, shop.secret_keys).list();
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    return out;
  }));
}

const suppliers::QueueEntry* OrdersPage::entry(int row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= rows_.size()) return nullptr;
  const auto& at = rows_[static_cast<std::size_t>(row)];
  return &loaded_[at.shop].entries[at.entry];
}

template <class Work>
void OrdersPage::act(int row, Work work) {
  const auto* chosen = entry(row);
  if (!chosen || acting_.isRunning()) return;
  const auto& shop = loaded_[rows_[static_cast<std::size_t>(row)].shop].shop;
  message_->setText(tr("Working…"));
  message_->setStyleSheet(QString());
  acting_.setFuture(on_shop(
      shop, [id = chosen->row.order.id, work](db::Connection& conn, const suppliers::Shop& s) {
        return work(conn, s, id);
      }));
}

void OrdersPage::dispatch_now(int row) {
  act(row, [](db::Connection& conn, const suppliers::Shop& shop, std::int64_t id) {
    suppliers::ApiCallLog log(shop.database_url);
    auto report = suppliers::dispatch_now(conn, shop.secret_keys, log, id);
    if (!report) return refusal_text(report.error());
    if (report->failed > 0) return tr("The supplier refused it: see its last error.").toStdString();
    if (report->retried > 0)
      return tr("Not sent yet: the engine tries again later (see its last error).").toStdString();
    return std::string{};
  });
}

void OrdersPage::retry(int row) {
  act(row, [](db::Connection& conn, const suppliers::Shop&, std::int64_t id) {
    auto retried = suppliers::retry_order(conn, id);
    return retried ? std::string{} : refusal_text(retried.error());
  });
}

void OrdersPage::cancel(int row, const std::string& reason) {
  act(row, [reason](db::Connection& conn, const suppliers::Shop&, std::int64_t id) {
    auto cancelled = suppliers::cancel_order(conn, id, reason);
    return cancelled ? std::string{} : refusal_text(cancelled.error());
  });
}

void OrdersPage::record_news(int row, const suppliers::SupplierNews& news) {
  act(row, [news](db::Connection& conn, const suppliers::Shop&, std::int64_t id) {
    auto recorded = suppliers::record_order_news(conn, id, news);
    return recorded ? std::string{} : refusal_text(recorded.error());
  });
}

void OrdersPage::on_cancel() {
  const auto* chosen = entry(table_->currentRow());
  if (!chosen) return;
  bool ok = false;
  auto reason = QInputDialog::getText(
      this, tr("Cancel the supplier order"),
      tr("Cancel %1? Nothing was sent to the supplier. The customer's order is not changed: "
         "ship those items yourself or refund them.\n\nReason:")
          .arg(text(chosen->row.order.external_id)),
      QLineEdit::Normal, QString(), &ok);
  if (ok) cancel(table_->currentRow(), reason.trimmed().toStdString());
}

void OrdersPage::on_news() {
  const auto* chosen = entry(table_->currentRow());
  if (!chosen) return;
  NewsDialog dialog(chosen->row.order, this);
  if (dialog.exec() == QDialog::Accepted) record_news(table_->currentRow(), dialog.news());
}

void OrdersPage::fill() {
  const bool many = shops_.size() > 1;
  table_->setColumnHidden(c_shop, !many);
  // The suppliers of the one shop shown, for the filter (kept as chosen).
  if (shops_.size() == 1 && !loaded_.empty())
    fill_supplier_filter(supplier_, loaded_.front().suppliers, tr("Every supplier"));
  rows_.clear();
  QStringList down;
  for (std::size_t shop = 0; shop < loaded_.size(); ++shop) {
    if (!loaded_[shop].error.empty())
      down << tr("%1 could not be read: %2")
                  .arg(text(loaded_[shop].shop.name), text(loaded_[shop].error));
    for (std::size_t i = 0; i < loaded_[shop].entries.size(); ++i) rows_.push_back({shop, i});
  }
  // Newest first across shops, as many as one shop's list holds: each shop gave its newest, so
  // these are the newest of all (a thousand rows across five shops held the event loop for 50 ms
  // and helped nobody).
  std::stable_sort(rows_.begin(), rows_.end(), [this](const Row& a, const Row& b) {
    return loaded_[a.shop].entries[a.entry].row.created_at >
           loaded_[b.shop].entries[b.entry].row.created_at;
  });
  const auto limit = static_cast<std::size_t>(suppliers::QueueQuery{}.limit);
  bool cut = rows_.size() > limit;
  for (const auto& shop : loaded_) cut = cut || shop.entries.size() >= limit;
  if (rows_.size() > limit) rows_.resize(limit);
  more_->setVisible(cut);
  more_->setText(
      tr("Only the %1 newest are shown: choose a state, a shop or a supplier to see the others.")
          .arg(limit));
  table_->setRowCount(static_cast<int>(rows_.size()));
  for (int r = 0; r < static_cast<int>(rows_.size()); ++r) {
    const auto& at = rows_[static_cast<std::size_t>(r)];
    const auto& shop = loaded_[at.shop].shop;
    const auto& e = loaded_[at.shop].entries[at.entry];
    const auto& o = e.row.order;
    auto cell = [&](int column, const QString& value) {
      auto* item = new QTableWidgetItem(value);
      if (e.row.stuck) item->setBackground(kStuck);
      if (o.state == suppliers::SupplierOrderState::failed) item->setForeground(kProblem);
      if (e.row.claimed) {
        auto font = item->font();
        font.setItalic(true);
        item->setFont(font);
      }
      table_->setItem(r, column, item);
      return item;
    };
    cell(c_shop, text(shop.name))->setData(Qt::DecorationRole, QColor(text(shop.color)));
    cell(c_created, local_time(e.row.created_at));
    cell(c_order, text(e.order_number));
    cell(c_supplier, text(e.row.supplier_name));
    auto state = state_name(o.state);
    if (e.row.stuck) state = tr("%1 — stuck").arg(state);
    if (e.row.claimed) state = tr("%1 — being dispatched").arg(state);
    cell(c_state, state);
    cell(c_number, text(o.supplier_order_number));
    cell(c_tracking, o.tracking_number.empty()
                         ? QString()
                         : QStringLiteral("%1 %2").arg(text(o.carrier), text(o.tracking_number)));
    cell(c_attempts, QString::number(o.attempts));
    cell(c_next, local_time(e.row.next_attempt_at));
    cell(c_error, text(o.last_error));
  }
  if (!down.isEmpty()) {
    message_->setText(down.join(QLatin1Char('\n')));
    message_->setStyleSheet(QStringLiteral("color: #b00020;"));
  }
  if (table_->currentRow() < 0 && !rows_.empty()) table_->selectRow(0);
  update_buttons();
}

void OrdersPage::update_buttons() {
  const auto* chosen = entry(table_->currentRow());
  const auto state = chosen ? chosen->row.order.state : suppliers::SupplierOrderState::delivered;
  const bool idle = !acting_.isRunning() && chosen && !chosen->row.claimed;
  dispatch_->setEnabled(idle && suppliers::can_dispatch_now(state));
  retry_->setEnabled(idle && suppliers::can_retry(state));
  cancel_->setEnabled(idle && suppliers::can_cancel(state));
  // Tracking is typed in once the order was sent and until it is done.
  using enum suppliers::SupplierOrderState;
  news_->setEnabled(idle && generic(chosen->row.supplier_type) && state != pending &&
                    state != failed && state != cancelled && state != delivered);
  news_->setToolTip(chosen && !generic(chosen->row.supplier_type)
                        ? tr("A platform's news comes through its connector")
                        : tr("What a generic supplier said: its state, order number, tracking"));
}

void OrdersPage::retranslate() {
  auto keep = state_->currentData();
  state_->clear();
  state_->addItem(tr("Open orders"), QStringLiteral("open"));
  state_->addItem(tr("Every state"), QStringLiteral("all"));
  for (auto state : suppliers::kSupplierOrderStates)
    state_->addItem(state_name(state), text(suppliers::to_string(state)));
  auto index = state_->findData(keep);
  state_->setCurrentIndex(index < 0 ? 0 : index);
  if (supplier_->count() > 0) supplier_->setItemText(0, tr("Every supplier"));
  state_->setAccessibleName(tr("State of the orders shown"));
  supplier_->setAccessibleName(tr("Supplier of the orders shown"));
  stuck_->setText(tr("S&tuck only"));
  table_->setHorizontalHeaderLabels({tr("Shop"), tr("Created"), tr("Order"), tr("Supplier"),
                                     tr("State"), tr("Supplier's number"), tr("Tracking"),
                                     tr("Attempts"), tr("Next look"), tr("Last error")});
  table_->setAccessibleName(tr("Supplier orders"));
  dispatch_->setText(tr("&Dispatch now"));
  dispatch_->setToolTip(tr("Send it, or ask the supplier for news, at once (Ctrl+D)"));
  retry_->setText(tr("&Retry"));
  retry_->setToolTip(tr("A failed order, tried again from its first attempt"));
  cancel_->setText(tr("&Cancel…"));
  cancel_->setToolTip(tr("An order nothing was sent for"));
  news_->setText(tr("&Tracking…"));
  fill();
}

void OrdersPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace comptoir::desktop
