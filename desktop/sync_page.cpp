#include "desktop/sync_page.hpp"
#include "desktop/qt_text.hpp"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "desktop/list_table.hpp"
#include "desktop/shop_work.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::desktop {
namespace {

enum SupplierColumn { s_name, s_type, s_source, s_last, supplier_columns };
enum RunColumn {
  r_supplier,
  r_status,
  r_started,
  r_finished,
  r_pages,
  r_products,
  r_variants,
  r_created,
  r_updated,
  r_errors,
  r_mapped,
  run_columns
};
constexpr int kHistory = 50;          // runs listed
constexpr std::int64_t kStale = 180;  // seconds without a heartbeat before a runner looks gone

QString status_text(std::string_view status) {
  if (status == "DONE") return SyncPage::tr("Done");
  if (status == "FAILED") return SyncPage::tr("Failed");
  if (status == "CANCELLED") return SyncPage::tr("Cancelled");
  if (status == "RUNNING") return SyncPage::tr("Running");
  return text(status);
}

}  // namespace

QString ago(std::int64_t seconds) {
  if (seconds < 120) return SyncPage::tr("%n s ago", "", static_cast<int>(seconds));
  if (seconds < 2 * 3600) return SyncPage::tr("%n min ago", "", static_cast<int>(seconds / 60));
  return SyncPage::tr("%n h ago", "", static_cast<int>(seconds / 3600));
}

SyncPage::SyncPage(QWidget* parent)
    : QWidget(parent),
      hint_(new QLabel(this)),
      engine_(new QLabel(this)),
      suppliers_(new QTableWidget(0, supplier_columns, this)),
      sync_(new QPushButton(this)),
      sync_file_(new QPushButton(this)),
      sync_all_(new QPushButton(this)),
      cancel_(new QPushButton(this)),
      progress_(new QProgressBar(this)),
      message_(new QLabel(this)),
      history_title_(new QLabel(this)),
      history_(new QTableWidget(0, run_columns, this)),
      errors_(new QPlainTextEdit(this)) {
  make_list(suppliers_);
  make_list(history_);
  suppliers_->setObjectName(QStringLiteral("syncSuppliers"));
  history_->setObjectName(QStringLiteral("syncHistory"));
  engine_->setObjectName(QStringLiteral("engineState"));
  engine_->setWordWrap(true);
  engine_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errors_->setReadOnly(true);
  errors_->setMaximumHeight(90);
  progress_->setVisible(false);
  cancel_->setEnabled(false);
  cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
  sync_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(sync_);
  buttons->addWidget(sync_file_);
  buttons->addWidget(sync_all_);
  buttons->addWidget(cancel_);
  buttons->addWidget(progress_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint_);
  layout->addWidget(engine_);
  layout->addWidget(suppliers_, 2);
  layout->addLayout(buttons);
  layout->addWidget(message_);
  layout->addWidget(history_title_);
  layout->addWidget(history_, 3);
  layout->addWidget(errors_);
  connect(sync_, &QPushButton::clicked, this, &SyncPage::sync_selected);
  connect(sync_file_, &QPushButton::clicked, this, &SyncPage::sync_price_list);
  connect(sync_all_, &QPushButton::clicked, this, [this] { sync(std::nullopt); });
  connect(cancel_, &QPushButton::clicked, this, &SyncPage::cancel);
  connect(suppliers_, &QTableWidget::currentCellChanged, this, &SyncPage::update_buttons);
  connect(history_, &QTableWidget::currentCellChanged, this, &SyncPage::show_errors);
  connect(&loading_, &QFutureWatcherBase::finished, this, [this] {
    auto result = loading_.result();
    if (result) {
      snapshot_ = std::move(*result);
    } else {
      snapshot_ = {};
      message_->setText(text(result.error()));
    }
    fill();
    Q_EMIT loaded();
  });
  connect(&syncing_, &QFutureWatcherBase::finished, this, [this] {
    const bool shown = shop_ && shop_->id == syncing_shop_;  // else: a shop left while it ran
    QStringList lines;
    bool ok = true;
    for (const auto& result : syncing_.result()) {
      const auto name = text(result.supplier);
      if (!result.outcome) {
        ok = false;
        lines << tr("%1: not synced: %2").arg(name, text(result.outcome.error()));
        continue;
      }
      const auto& run = result.outcome->run;
      if (run.status == "DONE")
        lines << tr("%1: done — %2 variants, %3 new, %4 mapped, %5 unmapped, %6 gone")
                     .arg(name)
                     .arg(run.variants_seen)
                     .arg(run.created)
                     .arg(run.mapped)
                     .arg(result.outcome->unmapped)
                     .arg(result.outcome->gone);
      else if (run.status == "CANCELLED")
        lines << tr("%1: cancelled after %n page(s)", "", run.pages).arg(name);
      else
        lines << tr("%1: failed: %2").arg(name, text(result.outcome->error));
      ok = ok && run.status != "FAILED";
    }
    if (lines.isEmpty()) lines << tr("No supplier of this shop reads a catalog from its platform.");
    progress_->setVisible(false);
    if (shown) {
      message_->setText(lines.join(QLatin1Char('\n')));
      message_->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00020;"));
    } else {
      message_->clear();
    }
    fill();
    reload();
    Q_EMIT synced(lines, ok);
  });
  retranslate();
}

SyncPage::~SyncPage() {
  stop_.request_stop();
  syncing_.waitForFinished();
  loading_.waitForFinished();
}

void SyncPage::set_shop(const suppliers::Shop* shop) {
  if (syncing() && shop_ && shop && shop_->id == shop->id) return;
  // A sync of the shop left stops at the end of its page, on its own thread (not waited for
  // here: a page can take seconds); no other starts until it has.
  cancel();
  shop_ = shop ? std::optional<suppliers::Shop>(*shop) : std::nullopt;
  snapshot_ = {};
  message_->clear();
  if (syncing()) message_->setText(tr("Cancelling at the end of the page being read…"));
  errors_->clear();
  fill();
  if (isVisible()) reload();  // else when its tab is chosen
}

void SyncPage::reload() {
  if (!shop_) return;
  loading_.setFuture(on_shop(*shop_, [](db::Connection& conn, const suppliers::Shop& shop) {
    SyncSnapshot out;
    out.suppliers = suppliers::SupplierService(conn, shop.secret_keys).list();
    out.runs = suppliers::SyncRepository(conn).recent(std::nullopt, kHistory);
    out.runners = suppliers::engine_runners(conn);
    return out;
  }));
}

void SyncPage::sync(std::optional<std::int64_t> id, std::optional<std::string> price_list) {
  if (!shop_ || syncing()) return;
  stop_ = std::stop_source{};
  std::vector<std::pair<std::int64_t, std::string>> chosen;
  for (const auto& s : snapshot_.suppliers)
    if (id ? s.id == *id : suppliers::reads_catalog_api(s)) chosen.emplace_back(s.id, s.name);
  message_->setText(tr("Syncing…"));
  message_->setStyleSheet(QString());
  syncing_shop_ = shop_->id;
  progress_->setRange(0, 0);  // busy until the platform says how many products there are
  progress_->setVisible(true);
  cancel_->setEnabled(true);
  syncing_.setFuture(
      QtConcurrent::run([this, shop = *shop_, chosen, price_list, stop = stop_.get_token()] {
        std::vector<SyncResult> out;
        try {
          auto conn = open_shop(shop, std::chrono::minutes{5});
          suppliers::ApiCallLog log(shop.database_url);
          for (const auto& [supplier_id, name] : chosen) {
            suppliers::SyncOptions options{
                .progress =
                    [this, id = shop.id](const suppliers::SyncRun& run, std::int64_t total) {
                      // Posted to the page: it outlives this work (its destructor waits for it).
                      // Shown while the page still shows that shop.
                      QMetaObject::invokeMethod(
                          this,
                          [this, id, run, total] {
                            if (shop_ && shop_->id == id) on_progress(run, total);
                          },
                          Qt::QueuedConnection);
                    },
                .stop = stop,
                .price_list = price_list};
            out.push_back(
                {name, suppliers::sync_catalog(conn, shop.secret_keys, supplier_id, log, options)});
            // Cancelled: the run in hand ended CANCELLED; the next suppliers are not started.
            if (stop.stop_requested()) break;
          }
        } catch (const std::exception& e) {
          out.push_back({shop.id, std::unexpected(std::string(e.what()))});
        }
        return out;
      }));
  fill();
}

void SyncPage::cancel() {
  if (!syncing()) return;
  stop_.request_stop();
  message_->setText(tr("Cancelling at the end of the page being read…"));
  cancel_->setEnabled(false);
}

void SyncPage::on_progress(const suppliers::SyncRun& run, std::int64_t total) {
  if (total > 0) {
    progress_->setRange(0, static_cast<int>(std::min<std::int64_t>(total, INT32_MAX)));
    progress_->setValue(std::min(run.products_seen, progress_->maximum()));
  }
  message_->setText(tr("%1: page %2, %3 products, %4 variants read")
                        .arg(supplier_name(run.supplier_id))
                        .arg(run.pages)
                        .arg(run.products_seen)
                        .arg(run.variants_seen));
  Q_EMIT progressed(run.pages, run.products_seen, total);
}

std::optional<std::int64_t> SyncPage::selected_supplier() const {
  auto row = suppliers_->currentRow();
  if (row < 0 || static_cast<std::size_t>(row) >= snapshot_.suppliers.size()) return std::nullopt;
  return snapshot_.suppliers[static_cast<std::size_t>(row)].id;
}

QString SyncPage::supplier_name(std::int64_t id) const {
  for (const auto& s : snapshot_.suppliers)
    if (s.id == id) return text(s.name);
  return QString::number(id);
}

void SyncPage::sync_selected() {
  if (auto id = selected_supplier()) sync(*id);
}

void SyncPage::sync_price_list() {
  auto id = selected_supplier();
  if (!id) return;
  auto path = QFileDialog::getOpenFileName(this, tr("The supplier's price list"), QString(),
                                           tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    message_->setText(tr("cannot read %1").arg(path));
    return;
  }
  auto bytes = file.readAll();
  sync(*id, std::string(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

void SyncPage::fill_engine() {
  if (!shop_) return;
  const auto me = suppliers::this_runner();
  QStringList lines;
  bool fresh = false;
  for (const auto& runner : snapshot_.runners) {
    const bool alive = runner.seconds_since_beat <= kStale;
    fresh = fresh || alive;
    QString who =
        runner.runner == me ? tr("this app")
        : runner.mode == suppliers::RunnerMode::app
            ? tr("comptoir-suppliers on %1 (pid %2)").arg(text(runner.host)).arg(runner.pid)
            : tr("comptoir suppliers run on %1 (pid %2)").arg(text(runner.host)).arg(runner.pid);
    lines << tr("Engine: %1, version %2 — last heartbeat %3")
                 .arg(who, text(runner.version), ago(runner.seconds_since_beat));
  }
  if (!fresh)
    lines << tr(
        "No engine has run this shop's jobs for the last %n minute(s): supplier orders "
        "wait. Run comptoir suppliers run on a server, or Engine ▸ Run the jobs in this "
        "app.",
        "", static_cast<int>(kStale / 60));
  engine_->setText(lines.join(QLatin1Char('\n')));
  engine_->setStyleSheet(fresh ? QString() : QStringLiteral("color: #b00020;"));
}

void SyncPage::fill() {
  hint_->setVisible(!shop_);
  for (QWidget* w : std::initializer_list<QWidget*>{engine_, suppliers_, history_title_, history_,
                                                    errors_, sync_, sync_file_, sync_all_, cancel_})
    w->setVisible(shop_.has_value());
  fill_engine();
  const auto current = suppliers_->currentRow();
  suppliers_->setRowCount(static_cast<int>(snapshot_.suppliers.size()));
  int row = 0;
  for (const auto& s : snapshot_.suppliers) {
    auto cell = [&](int column, const QString& value) {
      suppliers_->setItem(row, column, new QTableWidgetItem(value));
    };
    cell(s_name, text(s.name));
    cell(s_type, text(suppliers::to_string(s.type)));
    cell(s_source, !s.active                         ? tr("inactive")
                   : suppliers::reads_catalog_api(s) ? tr("its platform")
                                                     : tr("a price list (CSV)"));
    QString last = tr("never");
    for (const auto& run : snapshot_.runs)
      if (run.supplier_id == s.id) {
        last = tr("%1, %2").arg(status_text(run.status), local_time(run.started_at));
        break;
      }
    cell(s_last, last);
    ++row;
  }
  if (current < 0 && row > 0) suppliers_->selectRow(0);
  update_buttons();

  history_->setRowCount(static_cast<int>(snapshot_.runs.size()));
  row = 0;
  for (const auto& run : snapshot_.runs) {
    auto cell = [&](int column, const QString& value) {
      history_->setItem(row, column, new QTableWidgetItem(value));
    };
    cell(r_supplier, supplier_name(run.supplier_id));
    cell(r_status, status_text(run.status));
    cell(r_started, local_time(run.started_at));
    cell(r_finished, local_time(run.finished_at));
    cell(r_pages, QString::number(run.pages));
    cell(r_products, QString::number(run.products_seen));
    cell(r_variants, QString::number(run.variants_seen));
    cell(r_created, QString::number(run.created));
    cell(r_updated, QString::number(run.updated));
    cell(r_errors, QString::number(run.errors_count));
    cell(r_mapped, QString::number(run.mapped));
    if (run.status == "FAILED" || run.errors_count > 0)
      for (int c = 0; c < run_columns; ++c)
        history_->item(row, c)->setForeground(QColor(0xb0, 0, 0x20));
    ++row;
  }
  show_errors();
}

void SyncPage::update_buttons() {
  const auto chosen = selected_supplier();
  const suppliers::Supplier* supplier = nullptr;
  for (const auto& s : snapshot_.suppliers)
    if (chosen && s.id == *chosen) supplier = &s;
  sync_->setEnabled(!syncing() && supplier && suppliers::reads_catalog_api(*supplier));
  sync_file_->setEnabled(!syncing() && supplier && supplier->active);
  sync_all_->setEnabled(!syncing() && !snapshot_.suppliers.empty());
  cancel_->setEnabled(syncing() && !stop_.stop_requested());
}

void SyncPage::show_errors() {
  auto row = history_->currentRow();
  if (row < 0 || static_cast<std::size_t>(row) >= snapshot_.runs.size()) {
    errors_->clear();
    return;
  }
  const auto& errors = snapshot_.runs[static_cast<std::size_t>(row)].errors;
  errors_->setPlainText(errors.empty() ? tr("No error in this run.") : text(errors));
}

void SyncPage::retranslate() {
  hint_->setText(tr("Choose a shop in the switcher to sync its suppliers' catalogs."));
  suppliers_->setHorizontalHeaderLabels(
      {tr("Supplier"), tr("Type"), tr("Catalog from"), tr("Last sync")});
  history_->setHorizontalHeaderLabels({tr("Supplier"), tr("Status"), tr("Started"), tr("Finished"),
                                       tr("Pages"), tr("Products"), tr("Variants"), tr("New"),
                                       tr("Updated"), tr("Errors"), tr("Mapped")});
  suppliers_->setAccessibleName(tr("Suppliers to sync"));
  history_->setAccessibleName(tr("Sync history"));
  errors_->setAccessibleName(tr("Errors of the chosen run"));
  progress_->setAccessibleName(tr("Sync progress"));
  history_title_->setText(tr("History (the latest %1 runs):").arg(kHistory));
  sync_->setText(tr("Sync &now"));
  sync_->setToolTip(tr("Read the chosen supplier's catalog from its platform (Ctrl+S)"));
  sync_file_->setText(tr("From a &price list…"));
  sync_file_->setToolTip(tr("Read the chosen supplier's catalog from a CSV price list"));
  sync_all_->setText(tr("Sync &all"));
  sync_all_->setToolTip(tr("Every supplier that has a catalog on its platform, one after another"));
  cancel_->setText(tr("&Cancel"));
  fill();
}

void SyncPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace comptoir::desktop
