#include "desktop/mapping_page.hpp"
#include "desktop/qt_text.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "desktop/list_table.hpp"
#include "desktop/shop_work.hpp"
#include "suppliers/supplier_service.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::desktop {
namespace {

enum Column {
  c_supplier,
  c_sku,
  c_gtin,
  c_title,
  c_cost,
  c_stock,
  c_mapped,
  c_by,
  c_priority,
  c_policy,
  column_count
};
enum ShopColumn { v_sku, v_gtin, v_name, v_price, shop_columns };
constexpr int kShopResults = 50;
const QColor kConflict(0xff, 0xe0, 0xb2);

QString amount(std::optional<std::int64_t> minor, const std::string& currency) {
  return minor ? text(suppliers::plain_amount(*minor, currency)) : QString();
}

}  // namespace

ProposalDialog::ProposalDialog(std::vector<ProposalView> proposals, QWidget* parent)
    : QDialog(parent), proposals_(std::move(proposals)), table_(new QTableWidget(this)) {
  setWindowTitle(tr("Auto-match: review"));
  make_list(table_);
  table_->setColumnCount(5);
  table_->setHorizontalHeaderLabels(
      {tr("Supplier's SKU"), tr("Title"), tr("Shop's SKU"), tr("Product"), tr("By")});
  table_->setAccessibleName(tr("Matches to make"));
  table_->setRowCount(static_cast<int>(proposals_.size()));
  for (int r = 0; r < static_cast<int>(proposals_.size()); ++r) {
    const auto& p = proposals_[static_cast<std::size_t>(r)];
    auto* first = new QTableWidgetItem(text(p.supplier_sku));
    first->setFlags(first->flags() | Qt::ItemIsUserCheckable);
    first->setCheckState(Qt::Checked);
    table_->setItem(r, 0, first);
    table_->setItem(r, 1, new QTableWidgetItem(text(p.supplier_title)));
    table_->setItem(r, 2, new QTableWidgetItem(text(p.shop.sku)));
    table_->setItem(r, 3, new QTableWidgetItem(text(p.shop.name)));
    table_->setItem(r, 4, new QTableWidgetItem(text(p.proposal.source)));
  }
  auto* note = new QLabel(tr("%n match(es) by SKU, then by GTIN. Uncheck those to leave unmapped.",
                             "", static_cast<int>(proposals_.size())),
                          this);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Map the checked ones"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(note);
  layout->addWidget(table_);
  layout->addWidget(buttons);
  resize(760, 420);
}

std::vector<suppliers::MatchProposal> ProposalDialog::kept() const {
  std::vector<suppliers::MatchProposal> out;
  for (int r = 0; r < table_->rowCount(); ++r)
    if (table_->item(r, 0)->checkState() == Qt::Checked)
      out.push_back(proposals_[static_cast<std::size_t>(r)].proposal);
  return out;
}

MappingPage::MappingPage(QWidget* parent)
    : QWidget(parent),
      hint_(new QLabel(this)),
      supplier_(new QComboBox(this)),
      show_(new QComboBox(this)),
      text_(new QLineEdit(this)),
      table_(new QTableWidget(0, column_count, this)),
      shop_text_(new QLineEdit(this)),
      shop_table_(new QTableWidget(0, shop_columns, this)),
      priority_(new QSpinBox(this)),
      map_(new QPushButton(this)),
      unmap_(new QPushButton(this)),
      auto_(new QPushButton(this)),
      message_(new QLabel(this)) {
  make_list(table_);
  make_list(shop_table_);
  table_->setObjectName(QStringLiteral("supplierVariants"));
  shop_table_->setObjectName(QStringLiteral("shopVariants"));
  show_->setObjectName(QStringLiteral("mappingShow"));
  priority_->setRange(0, 10'000);
  priority_->setValue(100);
  map_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* filters = new QHBoxLayout;
  filters->addWidget(supplier_);
  filters->addWidget(show_);
  filters->addWidget(text_, 1);
  auto* left = new QWidget(this);
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 0, 0);
  left_layout->addLayout(filters);
  left_layout->addWidget(table_);
  auto* right = new QWidget(this);
  auto* right_layout = new QVBoxLayout(right);
  right_layout->setContentsMargins(0, 0, 0, 0);
  right_layout->addWidget(shop_text_);
  right_layout->addWidget(shop_table_);
  auto* split = new QSplitter(this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({600, 400});  // in proportion to the width the window gives it
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(map_);
  buttons->addWidget(priority_);
  buttons->addWidget(unmap_);
  buttons->addStretch();
  buttons->addWidget(auto_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint_);
  layout->addWidget(split, 1);
  layout->addLayout(buttons);
  layout->addWidget(message_);
  connect(supplier_, &QComboBox::activated, this, &MappingPage::reload);
  connect(show_, &QComboBox::activated, this, &MappingPage::reload);
  connect(text_, &QLineEdit::returnPressed, this, &MappingPage::reload);
  connect(shop_text_, &QLineEdit::returnPressed, this, [this] { search_shop(shop_text_->text()); });
  connect(table_, &QTableWidget::currentCellChanged, this, &MappingPage::update_buttons);
  connect(shop_table_, &QTableWidget::currentCellChanged, this, &MappingPage::update_buttons);
  connect(map_, &QPushButton::clicked, this,
          [this] { map(table_->currentRow(), shop_table_->currentRow(), priority_->value()); });
  connect(unmap_, &QPushButton::clicked, this, [this] { unmap(table_->currentRow()); });
  connect(auto_, &QPushButton::clicked, this, &MappingPage::on_auto_match);
  connect(&loading_, &QFutureWatcherBase::finished, this, [this] {
    auto result = loading_.result();
    if (result) {
      suppliers_ = std::move(result->suppliers);
      rows_ = std::move(result->rows);
    } else {
      rows_.clear();
      message_->setText(text(result.error()));
    }
    fill();
    Q_EMIT loaded();
  });
  connect(&finding_, &QFutureWatcherBase::finished, this, [this] {
    auto result = finding_.result();
    found_ = result ? std::move(*result) : std::vector<catalog::VariantLabel>{};
    fill_shop();
    Q_EMIT shop_found();
  });
  connect(&acting_, &QFutureWatcherBase::finished, this, [this] {
    auto result = acting_.result();
    QString problem = result ? QString() : text(result.error());
    message_->setText(result ? text(*result) : problem);
    message_->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    reload();
    Q_EMIT acted(problem);
  });
  connect(&proposing_, &QFutureWatcherBase::finished, this, [this] {
    auto result = proposing_.result();
    proposals_ = result ? std::move(*result) : std::vector<ProposalView>{};
    if (!result) message_->setText(text(result.error()));
    Q_EMIT proposed();
  });
  retranslate();
  set_shop(nullptr);
}

MappingPage::~MappingPage() {
  loading_.waitForFinished();
  finding_.waitForFinished();
  acting_.waitForFinished();
  proposing_.waitForFinished();
}

std::string MappingPage::locale() const {
  return QLocale().language() == QLocale::French ? "fr" : "en";
}

void MappingPage::set_shop(const suppliers::Shop* shop) {
  shop_ = shop ? std::optional<suppliers::Shop>(*shop) : std::nullopt;
  rows_.clear();
  found_.clear();
  suppliers_.clear();
  message_->clear();
  fill();
  fill_shop();
  if (isVisible()) reload();  // else when its tab is chosen
}

void MappingPage::set_show(suppliers::MappingShow show) {
  show_->setCurrentIndex(static_cast<int>(show));
  if (isVisible()) reload();  // else when its tab is chosen
}

void MappingPage::set_text(const QString& typed) {
  text_->setText(typed);
  reload();
}

void MappingPage::reload() {
  if (!shop_) return;
  suppliers::MappingQuery query{.text = text_->text().trimmed().toStdString(),
                                .show = static_cast<suppliers::MappingShow>(show_->currentIndex())};
  if (supplier_->currentData().isValid()) query.supplier_id = supplier_->currentData().toLongLong();
  // A load still running is dropped: the watcher follows the new one (never wait here:
  // the UI thread would wait for a shop's connect timeout).
  loading_.setFuture(
      on_shop(*shop_, [query, lang = locale()](db::Connection& conn, const suppliers::Shop& shop) {
        return Snapshot{suppliers::SupplierService(conn, shop.secret_keys).list(),
                        suppliers::mapping_rows(conn, query, lang)};
      }));
}

void MappingPage::search_shop(const QString& typed) {
  if (!shop_) return;
  shop_text_->setText(typed);
  // A load still running is dropped: the watcher follows the new one (never wait here:
  // the UI thread would wait for a shop's connect timeout).
  finding_.setFuture(on_shop(*shop_, [typed = typed.trimmed().toStdString(), lang = locale()](
                                         db::Connection& conn, const suppliers::Shop&) {
    return catalog::find_variants(conn, typed, lang, kShopResults);
  }));
}

template <class Work>
void MappingPage::act(Work work) {
  if (!shop_ || acting_.isRunning()) return;
  message_->setText(tr("Working…"));
  message_->setStyleSheet(QString());
  acting_.setFuture(on_shop(*shop_, std::move(work)));
}

void MappingPage::map(int row, int shop_row, int priority) {
  if (row < 0 || row >= static_cast<int>(rows_.size()) || shop_row < 0 ||
      shop_row >= static_cast<int>(found_.size()))
    return;
  const auto& from = rows_[static_cast<std::size_t>(row)];
  const auto& to = found_[static_cast<std::size_t>(shop_row)];
  auto done = tr("%1 mapped to %2.").arg(text(from.sku), text(to.sku)).toStdString();
  act([id = from.supplier_variant_id, variant = to.variant_id, priority, done](
          db::Connection& conn, const suppliers::Shop&) -> std::expected<std::string, std::string> {
    auto mapped = suppliers::map_by_hand(conn, id, variant, priority);
    if (!mapped) return std::unexpected(mapped.error().message);
    return done;
  });
}

void MappingPage::unmap(int row) {
  if (row < 0 || row >= static_cast<int>(rows_.size())) return;
  auto done = tr("%1 unmapped.").arg(text(rows_[static_cast<std::size_t>(row)].sku)).toStdString();
  act([id = rows_[static_cast<std::size_t>(row)].supplier_variant_id, done](
          db::Connection& conn, const suppliers::Shop&) -> std::expected<std::string, std::string> {
    auto removed = suppliers::unmap(conn, id);
    if (!removed) return std::unexpected(removed.error().message);
    return done;
  });
}

void MappingPage::propose(std::int64_t supplier_id) {
  if (!shop_) return;
  proposing_.setFuture(on_shop(*shop_, [supplier_id, lang = locale()](db::Connection& conn,
                                                                      const suppliers::Shop&) {
    auto proposals = suppliers::propose_matches(conn, supplier_id);
    // What each proposal joins, for the review.
    std::map<std::int64_t, const suppliers::MappingRow*> from;
    auto rows = suppliers::mapping_rows(
        conn,
        {.supplier_id = supplier_id, .show = suppliers::MappingShow::unmapped, .limit = 1'000'000},
        lang);
    for (const auto& row : rows) from[row.supplier_variant_id] = &row;
    std::vector<std::int64_t> ids;
    for (const auto& p : proposals) ids.push_back(p.variant_id);
    std::map<std::int64_t, catalog::VariantLabel> to;
    for (auto& label : catalog::variant_labels(conn, ids, lang)) to[label.variant_id] = label;
    std::vector<ProposalView> out;
    for (const auto& p : proposals) {
      ProposalView view{.proposal = p};
      if (auto f = from.find(p.supplier_variant_id); f != from.end()) {
        view.supplier_sku = f->second->sku;
        view.supplier_title = f->second->title;
      }
      if (auto t = to.find(p.variant_id); t != to.end()) view.shop = t->second;
      out.push_back(std::move(view));
    }
    return out;
  }));
}

void MappingPage::accept(const std::vector<suppliers::MatchProposal>& kept) {
  act([kept](db::Connection& conn,
             const suppliers::Shop&) -> std::expected<std::string, std::string> {
    auto mapped = suppliers::in_transaction(
        conn, [&](db::Connection& c) { return suppliers::accept_matches(c, kept); });
    return tr("%n variant(s) mapped.", "", mapped).toStdString();
  });
}

void MappingPage::on_auto_match() {
  if (!supplier_->currentData().isValid()) return;
  auto id = supplier_->currentData().toLongLong();
  auto connection = std::make_shared<QMetaObject::Connection>();
  *connection = connect(this, &MappingPage::proposed, this, [this, connection] {
    disconnect(*connection);
    if (proposals_.empty()) {
      message_->setText(tr("No unmapped variant of this supplier matches a shop SKU or GTIN."));
      return;
    }
    ProposalDialog dialog(proposals_, this);
    if (dialog.exec() == QDialog::Accepted) accept(dialog.kept());
  });
  propose(id);
}

void MappingPage::fill() {
  hint_->setVisible(!shop_);
  for (QWidget* w : std::initializer_list<QWidget*>{supplier_, show_, text_, table_, shop_text_,
                                                    shop_table_, priority_, map_, unmap_, auto_})
    w->setVisible(shop_.has_value());
  fill_supplier_filter(supplier_, suppliers_, tr("Every supplier"));

  table_->setRowCount(static_cast<int>(rows_.size()));
  for (int r = 0; r < static_cast<int>(rows_.size()); ++r) {
    const auto& row = rows_[static_cast<std::size_t>(r)];
    auto cell = [&](int column, const QString& value) {
      auto* item = new QTableWidgetItem(value);
      if (row.conflict) item->setBackground(kConflict);
      if (row.sync_status == "GONE") item->setForeground(Qt::gray);
      table_->setItem(r, column, item);
    };
    cell(c_supplier, text(row.supplier_name));
    cell(c_sku, text(row.sku));
    cell(c_gtin, text(row.gtin));
    cell(c_title, text(row.title));
    cell(c_cost, amount(row.cost, row.currency));
    cell(c_stock, row.stock ? QString::number(*row.stock) : tr("not counted"));
    cell(c_mapped,
         row.mapped ? QStringLiteral("%1 — %2").arg(text(row.mapped->sku), text(row.mapped->name))
                    : QString());
    cell(c_by, text(row.source));
    cell(c_priority, row.mapped ? QString::number(row.priority) : QString());
    cell(c_policy, !row.conflict                               ? QString()
                   : row.policy_supplier_id == row.supplier_id ? tr("chosen by the policy")
                   : row.policy_supplier_id
                       ? tr("the policy chooses %1").arg(text(row.policy_supplier_name))
                       : tr("no supplier keeps the margin floor"));
  }
  if (table_->currentRow() < 0 && !rows_.empty()) table_->selectRow(0);
  update_buttons();
}

void MappingPage::fill_shop() {
  shop_table_->setRowCount(static_cast<int>(found_.size()));
  for (int r = 0; r < static_cast<int>(found_.size()); ++r) {
    const auto& v = found_[static_cast<std::size_t>(r)];
    shop_table_->setItem(r, v_sku, new QTableWidgetItem(text(v.sku)));
    shop_table_->setItem(r, v_gtin, new QTableWidgetItem(text(v.gtin)));
    shop_table_->setItem(r, v_name, new QTableWidgetItem(text(v.name)));
    shop_table_->setItem(
        r, v_price, new QTableWidgetItem(text(suppliers::plain_amount(v.price_cents, v.currency))));
  }
  if (shop_table_->currentRow() < 0 && !found_.empty()) shop_table_->selectRow(0);
  update_buttons();
}

void MappingPage::update_buttons() {
  const auto row = table_->currentRow();
  const bool chosen = row >= 0 && row < static_cast<int>(rows_.size());
  const bool idle = !acting_.isRunning();
  map_->setEnabled(idle && chosen && shop_table_->currentRow() >= 0);
  unmap_->setEnabled(idle && chosen && rows_[static_cast<std::size_t>(row)].mapped.has_value());
  auto_->setEnabled(idle && supplier_->currentData().isValid());
}

void MappingPage::retranslate() {
  hint_->setText(tr("Choose a shop in the switcher to map its suppliers' variants."));
  auto keep = show_->currentIndex();
  show_->clear();
  show_->addItems({tr("Every variant"), tr("Unmapped"), tr("Mapped"), tr("In conflict")});
  show_->setCurrentIndex(keep < 0 ? 0 : keep);
  show_->setAccessibleName(tr("Variants shown"));
  supplier_->setAccessibleName(tr("Supplier of the variants shown"));
  text_->setPlaceholderText(tr("SKU, GTIN or title, then Enter"));
  text_->setAccessibleName(tr("Search the suppliers' variants"));
  shop_text_->setPlaceholderText(tr("The shop's variants: SKU, GTIN or product name, then Enter"));
  shop_text_->setAccessibleName(tr("Search the shop's variants"));
  table_->setHorizontalHeaderLabels({tr("Supplier"), tr("SKU"), tr("GTIN"), tr("Title"), tr("Cost"),
                                     tr("Stock"), tr("Mapped to"), tr("By"), tr("Priority"),
                                     tr("Policy")});
  table_->setAccessibleName(tr("The suppliers' variants"));
  shop_table_->setHorizontalHeaderLabels({tr("SKU"), tr("GTIN"), tr("Product"), tr("Price")});
  shop_table_->setAccessibleName(tr("The shop's variants"));
  priority_->setAccessibleName(tr("Priority of the mapping (lower is preferred)"));
  priority_->setPrefix(tr("priority "));
  map_->setText(tr("&Map to the chosen shop variant"));
  map_->setToolTip(tr("By hand, replacing what it was mapped to (Ctrl+M)"));
  unmap_->setText(tr("&Unmap"));
  auto_->setText(tr("&Auto-match…"));
  auto_->setToolTip(
      tr("The chosen supplier's unmapped variants by SKU, then GTIN, reviewed first"));
  fill();
}

void MappingPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace comptoir::desktop
