#include "desktop/supplier_dialog.hpp"
#include "desktop/qt_text.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace comptoir::desktop {
namespace {

constexpr suppliers::SupplierType kTypes[] = {
    suppliers::SupplierType::printify,    suppliers::SupplierType::amazon,
    suppliers::SupplierType::etsy,        suppliers::SupplierType::ebay,
    suppliers::SupplierType::dropshipper, suppliers::SupplierType::local_stock};

constexpr suppliers::FulfillmentType kFulfilments[] = {
    suppliers::FulfillmentType::dropshipping, suppliers::FulfillmentType::print_on_demand,
    suppliers::FulfillmentType::local_stock, suppliers::FulfillmentType::hybrid};

}  // namespace

std::optional<std::int64_t> parse_minor_units(const QString& typed) {
  auto trimmed = typed.trimmed();
  if (trimmed.isEmpty()) return 0;
  static const QRegularExpression kAmount(QStringLiteral("^(\\d{1,9})(?:[.,](\\d{1,2}))?$"));
  auto match = kAmount.match(trimmed);
  if (!match.hasMatch()) return std::nullopt;
  auto cents = match.captured(2);
  if (cents.size() == 1) cents += QLatin1Char('0');
  return match.captured(1).toLongLong() * 100 + (cents.isEmpty() ? 0 : cents.toLongLong());
}

SupplierDialog::SupplierDialog(const suppliers::Supplier& supplier, QWidget* parent)
    : QDialog(parent),
      adding_(supplier.id == 0),
      name_(new QLineEdit(text(supplier.name), this)),
      type_(new QComboBox(this)),
      fulfilment_(new QComboBox(this)),
      active_(new QCheckBox(tr("&Active"), this)),
      api_base_(new QLineEdit(text(supplier.api_base), this)),
      account_(new QLineEdit(text(supplier.account), this)),
      currency_(new QLineEdit(text(supplier.currency), this)),
      minimum_(new QLineEdit(this)),
      days_(new QSpinBox(this)),
      contact_(new QLineEdit(text(supplier.contact_name), this)),
      email_(new QLineEdit(text(supplier.contact_email), this)),
      notes_(new QPlainTextEdit(text(supplier.notes), this)),
      credentials_(new QPlainTextEdit(this)) {
  setWindowTitle(adding_ ? tr("New supplier") : tr("Supplier %1").arg(text(supplier.name)));
  for (auto type : kTypes) {
    type_->addItem(text(suppliers::to_string(type)), text(suppliers::to_string(type)));
    if (type == supplier.type) type_->setCurrentIndex(type_->count() - 1);
  }
  // The platform is chosen once: a supplier's stored products and orders belong to it.
  type_->setEnabled(adding_);
  if (adding_)
    connect(type_, &QComboBox::currentIndexChanged, this, [this] {
      auto type = suppliers::parse_supplier_type(type_->currentData().toString().toStdString());
      if (!type) return;
      auto index = fulfilment_->findData(text(suppliers::to_string(default_fulfillment(*type))));
      if (index >= 0) fulfilment_->setCurrentIndex(index);
    });
  for (auto type : kFulfilments) {
    fulfilment_->addItem(text(suppliers::to_string(type)), text(suppliers::to_string(type)));
    if (type == supplier.fulfillment) fulfilment_->setCurrentIndex(fulfilment_->count() - 1);
  }
  active_->setChecked(supplier.active);
  minimum_->setText(QStringLiteral("%1.%2")
                        .arg(supplier.minimum_order_amount / 100)
                        .arg(supplier.minimum_order_amount % 100, 2, 10, QLatin1Char('0')));
  days_->setRange(0, 365);
  days_->setValue(supplier.default_shipping_days);
  currency_->setMaxLength(3);
  credentials_->setPlaceholderText(
      supplier.has_credentials ? tr("Set: type a JSON object to replace them; empty keeps them.")
                               : tr("None yet: a JSON object, e.g. {\"api_token\": \"…\"}"));
  credentials_->setFixedHeight(70);
  notes_->setFixedHeight(60);
  auto* form = new QFormLayout;
  form->addRow(tr("&Name:"), name_);
  form->addRow(tr("T&ype:"), type_);
  form->addRow(tr("&Fulfilment:"), fulfilment_);
  form->addRow(QString(), active_);
  form->addRow(tr("API &base URL:"), api_base_);
  form->addRow(tr("Acc&ount:"), account_);
  form->addRow(tr("C&urrency:"), currency_);
  form->addRow(tr("&Minimum order:"), minimum_);
  form->addRow(tr("&Shipping days:"), days_);
  form->addRow(tr("&Contact:"), contact_);
  form->addRow(tr("&Email:"), email_);
  form->addRow(tr("No&tes:"), notes_);
  form->addRow(tr("C&redentials:"), credentials_);
  name_->setAccessibleName(tr("Supplier name"));
  type_->setAccessibleName(tr("Supplier type"));
  fulfilment_->setAccessibleName(tr("Fulfilment type"));
  api_base_->setAccessibleName(tr("API base URL"));
  account_->setAccessibleName(tr("Account at the platform"));
  currency_->setAccessibleName(tr("Currency"));
  minimum_->setAccessibleName(tr("Minimum order amount"));
  days_->setAccessibleName(tr("Default shipping days"));
  contact_->setAccessibleName(tr("Contact name"));
  email_->setAccessibleName(tr("Contact email"));
  notes_->setAccessibleName(tr("Notes"));
  credentials_->setAccessibleName(tr("Credentials"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
}

suppliers::SupplierInput SupplierDialog::input() const {
  suppliers::SupplierInput in;
  in.name = name_->text().trimmed().toStdString();
  if (adding_)
    in.type = suppliers::parse_supplier_type(type_->currentData().toString().toStdString());
  in.fulfillment =
      suppliers::parse_fulfillment_type(fulfilment_->currentData().toString().toStdString());
  in.active = active_->isChecked();
  in.api_base = api_base_->text().trimmed().toStdString();
  in.account = account_->text().trimmed().toStdString();
  in.currency = currency_->text().trimmed().toUpper().toStdString();
  in.minimum_order_amount = parse_minor_units(minimum_->text()).value_or(-1);
  in.default_shipping_days = days_->value();
  in.contact_name = contact_->text().trimmed().toStdString();
  in.contact_email = email_->text().trimmed().toStdString();
  in.notes = notes_->toPlainText().toStdString();
  return in;
}

std::string SupplierDialog::credentials() const {
  return credentials_->toPlainText().trimmed().toStdString();
}

}  // namespace comptoir::desktop
