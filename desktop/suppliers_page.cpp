#include "desktop/suppliers_page.hpp"
#include "desktop/qt_text.hpp"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "desktop/list_table.hpp"
#include "desktop/shop_work.hpp"
#include "desktop/supplier_dialog.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::desktop {
namespace {

enum Column { name, type, fulfilment, active, credentials, minimum, days, contact, column_count };

// The credentials typed, as the JSON object the engine seals; the reason when it is not one.
std::expected<boost::json::object, std::string> credentials_object(const std::string& typed) {
  boost::system::error_code ec;
  auto value = boost::json::parse(typed, ec);
  if (ec || !value.is_object()) return std::unexpected("the credentials must be a JSON object");
  return value.as_object();
}

}  // namespace

SuppliersPage::SuppliersPage(QWidget* parent)
    : QWidget(parent),
      hint_(new QLabel(this)),
      table_(new QTableWidget(0, column_count, this)),
      edit_(new QPushButton(this)),
      test_(new QPushButton(this)),
      add_(new QPushButton(this)),
      export_(new QPushButton(this)),
      import_(new QPushButton(this)),
      message_(new QLabel(this)) {
  table_->setObjectName(QStringLiteral("suppliers"));
  make_list(table_);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  edit_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  test_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
  add_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add_);
  buttons->addWidget(edit_);
  buttons->addWidget(test_);
  buttons->addStretch();
  buttons->addWidget(import_);
  buttons->addWidget(export_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint_);
  layout->addWidget(table_);
  layout->addLayout(buttons);
  layout->addWidget(message_);
  connect(edit_, &QPushButton::clicked, this, &SuppliersPage::edit_selected);
  connect(test_, &QPushButton::clicked, this, &SuppliersPage::test_selected);
  connect(table_, &QTableWidget::cellActivated, this, &SuppliersPage::edit_selected);
  connect(add_, &QPushButton::clicked, this, &SuppliersPage::add_new);
  connect(export_, &QPushButton::clicked, this, &SuppliersPage::choose_export);
  connect(import_, &QPushButton::clicked, this, &SuppliersPage::choose_import);
  connect(&exporting_, &QFutureWatcherBase::finished, this, [this] {
    auto result = exporting_.result();
    QString problem = result ? QString() : text(result.error());
    if (result)
      show_message(
          tr("%n supplier(s) exported, without their credentials.", "", static_cast<int>(*result)),
          false);
    else
      show_message(problem, true);
    Q_EMIT exported(problem);
  });
  connect(&importing_, &QFutureWatcherBase::finished, this, [this] {
    auto result = importing_.result();
    QString problem = result ? QString() : text(result.error());
    if (result)
      show_message(tr("Imported: %1 created, %2 updated, %3 unchanged.")
                       .arg(result->created)
                       .arg(result->updated)
                       .arg(result->unchanged),
                   false);
    else
      show_message(tr("Nothing imported: %1").arg(problem), true);
    reload();
    Q_EMIT imported(problem);
  });
  connect(&loading_, &QFutureWatcherBase::finished, this, [this] {
    auto result = loading_.result();
    if (result) {
      list_ = std::move(*result);
    } else {
      list_.clear();
      show_message(text(result.error()), true);
    }
    fill();
    Q_EMIT loaded();
  });
  connect(&saving_, &QFutureWatcherBase::finished, this, [this] {
    auto result = saving_.result();
    QString problem = result ? text(*result) : text(result.error());
    if (problem.isEmpty())
      show_message(tr("Saved."), false);
    else
      show_message(problem, true);
    reload();
    Q_EMIT saved(problem);
  });
  connect(&testing_, &QFutureWatcherBase::finished, this, [this] {
    auto result = testing_.result();
    bool ok = result && result->ok;
    QString line = !result ? text(result.error())
                   : result->latency_ms > 0
                       ? tr("%1 (%2 ms)").arg(text(result->message)).arg(result->latency_ms)
                       : text(result->message);
    show_message((ok ? tr("Connection OK: %1") : tr("Connection failed: %1")).arg(line), !ok);
    Q_EMIT tested(ok, line);
  });
  retranslate();
  set_shop(nullptr);
}

void SuppliersPage::set_shop(const suppliers::Shop* shop) {
  shop_ = shop ? std::optional<suppliers::Shop>(*shop) : std::nullopt;
  list_.clear();
  message_->clear();
  fill();
  if (shop_ && isVisible()) reload();  // else when its tab is chosen
}

void SuppliersPage::reload() {
  if (!shop_) return;
  loading_.setFuture(on_shop(*shop_, [](db::Connection& conn, const suppliers::Shop& shop) {
    return suppliers::SupplierService(conn, shop.secret_keys).list();
  }));
}

std::optional<std::optional<boost::json::object>> SuppliersPage::typed_credentials(
    const std::string& typed) {
  if (typed.empty()) return std::optional<boost::json::object>{};
  auto parsed = credentials_object(typed);
  if (!parsed) {
    show_message(text(parsed.error()), true);
    Q_EMIT saved(text(parsed.error()));
    return std::nullopt;
  }
  return std::optional<boost::json::object>(std::move(*parsed));
}

void SuppliersPage::save(std::int64_t id, int version, suppliers::SupplierInput input,
                         std::string credentials) {
  if (!shop_) return;
  auto secrets = typed_credentials(credentials);
  if (!secrets) return;
  saving_.setFuture(
      on_shop(*shop_, [id, version, input = std::move(input), secrets = std::move(*secrets)](
                          db::Connection& conn, const suppliers::Shop& shop) {
        // The settings and the new secrets together, or neither: a refusal rolls both back.
        struct Refused {
          std::string why;
        };
        try {
          suppliers::in_transaction(conn, [&](db::Connection& c) {
            suppliers::SupplierService service(c, shop.secret_keys);
            auto updated = service.update(id, version, input);
            if (!updated) throw Refused{updated.error().message};
            if (secrets)
              if (auto sealed = service.set_credentials(id, *secrets); !sealed)
                throw Refused{sealed.error().message};
          });
        } catch (const Refused& refused) {
          return refused.why;
        }
        return std::string{};
      }));
}

void SuppliersPage::add(suppliers::SupplierInput input, std::string credentials) {
  if (!shop_) return;
  auto secrets = typed_credentials(credentials);
  if (!secrets) return;
  saving_.setFuture(on_shop(*shop_, [input = std::move(input), secrets = std::move(*secrets)](
                                        db::Connection& conn, const suppliers::Shop& shop) {
    auto added = suppliers::SupplierService(conn, shop.secret_keys)
                     .add(input, secrets.value_or(boost::json::object{}));
    return added ? std::string{} : added.error().message;
  }));
}

void SuppliersPage::export_to(const QString& path) {
  if (!shop_) return;
  exporting_.setFuture(
      on_shop(*shop_,
              [path](db::Connection& conn,
                     const suppliers::Shop& shop) -> std::expected<std::size_t, std::string> {
                auto config = suppliers::SupplierService(conn, shop.secret_keys).export_config();
                auto json = boost::json::serialize(config) + "\n";
                QFile file(path);
                if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
                    file.write(json.data(), static_cast<qint64>(json.size())) !=
                        static_cast<qint64>(json.size()))
                  return std::unexpected(tr("cannot write %1").arg(path).toStdString());
                return config.size();
              }));
}

void SuppliersPage::import_from(const QString& path) {
  if (!shop_) return;
  importing_.setFuture(on_shop(
      *shop_,
      [path](db::Connection& conn,
             const suppliers::Shop& shop) -> std::expected<suppliers::ImportReport, std::string> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
          return std::unexpected(tr("cannot read %1").arg(path).toStdString());
        auto bytes = file.readAll();
        boost::system::error_code ec;
        auto document = boost::json::parse(
            std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), ec);
        if (ec) return std::unexpected(tr("%1 is not JSON").arg(path).toStdString());
        auto report = suppliers::in_transaction(conn, [&](db::Connection& c) {
          return suppliers::SupplierService(c, shop.secret_keys).import_config(document);
        });
        if (!report) return std::unexpected(report.error().message);
        return *report;
      }));
}

void SuppliersPage::test(std::int64_t id) {
  if (!shop_) return;
  show_message(tr("Testing the connection…"), false);
  testing_.setFuture(on_shop(*shop_, [id](db::Connection& conn, const suppliers::Shop& shop) {
    return suppliers::test_connection(conn, shop, id);
  }));
}

std::optional<std::int64_t> SuppliersPage::selected_id() const {
  auto row = table_->currentRow();
  if (row < 0 || static_cast<std::size_t>(row) >= list_.size()) return std::nullopt;
  return list_[static_cast<std::size_t>(row)].id;
}

void SuppliersPage::edit_selected() {
  auto id = selected_id();
  if (!id) return;
  const auto& supplier = list_[static_cast<std::size_t>(table_->currentRow())];
  SupplierDialog dialog(supplier, this);
  if (dialog.exec() != QDialog::Accepted) return;
  save(*id, supplier.version, dialog.input(), dialog.credentials());
}

void SuppliersPage::test_selected() {
  if (auto id = selected_id()) test(*id);
}

void SuppliersPage::add_new() {
  if (!shop_) return;
  suppliers::Supplier fresh;
  fresh.type = suppliers::SupplierType::dropshipper;
  SupplierDialog dialog(fresh, this);
  if (dialog.exec() != QDialog::Accepted) return;
  add(dialog.input(), dialog.credentials());
}

void SuppliersPage::choose_export() {
  if (!shop_) return;
  auto path = QFileDialog::getSaveFileName(this, tr("Export the suppliers"),
                                           QStringLiteral("%1-suppliers.json").arg(text(shop_->id)),
                                           tr("JSON (*.json)"));
  if (!path.isEmpty()) export_to(path);
}

void SuppliersPage::choose_import() {
  if (!shop_) return;
  auto path =
      QFileDialog::getOpenFileName(this, tr("Import suppliers"), QString(), tr("JSON (*.json)"));
  if (!path.isEmpty()) import_from(path);
}

void SuppliersPage::show_message(const QString& line, bool problem) {
  message_->setText(line);
  message_->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
}

void SuppliersPage::fill() {
  hint_->setVisible(!shop_);
  table_->setVisible(shop_.has_value());
  edit_->setEnabled(shop_.has_value() && !list_.empty());
  test_->setEnabled(shop_.has_value() && !list_.empty());
  add_->setEnabled(shop_.has_value());
  import_->setEnabled(shop_.has_value());
  export_->setEnabled(shop_.has_value() && !list_.empty());
  table_->setRowCount(static_cast<int>(list_.size()));
  int row = 0;
  for (const auto& s : list_) {
    auto cell = [&](int column, const QString& value) {
      table_->setItem(row, column, new QTableWidgetItem(value));
    };
    cell(name, text(s.name));
    cell(type, text(suppliers::to_string(s.type)));
    cell(fulfilment, text(suppliers::to_string(s.fulfillment)));
    cell(active, s.active ? tr("yes") : tr("no"));
    cell(credentials, s.has_credentials ? tr("set") : tr("none"));
    cell(minimum, text(suppliers::plain_amount(s.minimum_order_amount, s.currency)));
    cell(days, QString::number(s.default_shipping_days));
    cell(contact, text(s.contact_email.empty() ? s.contact_name : s.contact_email));
    ++row;
  }
  if (!list_.empty() && table_->currentRow() < 0) table_->selectRow(0);
}

void SuppliersPage::retranslate() {
  hint_->setText(tr("Choose a shop in the switcher to see its suppliers."));
  table_->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Fulfilment"), tr("Active"),
                                     tr("Credentials"), tr("Minimum order"), tr("Shipping days"),
                                     tr("Contact")});
  table_->setAccessibleName(tr("Suppliers of the shop"));
  edit_->setText(tr("&Edit…"));
  test_->setText(tr("&Test connection"));
  add_->setText(tr("&Add…"));
  import_->setText(tr("&Import…"));
  export_->setText(tr("E&xport…"));
  add_->setToolTip(tr("A new supplier (Ctrl+Shift+N)"));
  export_->setToolTip(tr("The suppliers' settings as JSON, without their credentials"));
  import_->setToolTip(
      tr("Suppliers matched by name are updated, the others created; "
         "all or nothing"));
  fill();
}

void SuppliersPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace comptoir::desktop
