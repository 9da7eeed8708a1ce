#include "desktop/news_dialog.hpp"
#include "desktop/qt_text.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace comptoir::desktop {

QString state_name(suppliers::SupplierOrderState state) {
  using enum suppliers::SupplierOrderState;
  switch (state) {
    case pending:
      return NewsDialog::tr("Pending");
    case sent_to_supplier:
      return NewsDialog::tr("Sent to the supplier");
    case confirmed:
      return NewsDialog::tr("Confirmed");
    case in_production:
      return NewsDialog::tr("In production");
    case shipped:
      return NewsDialog::tr("Shipped");
    case delivered:
      return NewsDialog::tr("Delivered");
    case cancelled:
      return NewsDialog::tr("Cancelled");
    case failed:
      return NewsDialog::tr("Failed");
  }
  return {};
}

NewsDialog::NewsDialog(const suppliers::SupplierOrder& order, QWidget* parent)
    : QDialog(parent),
      state_(new QComboBox(this)),
      number_(new QLineEdit(text(order.supplier_order_number), this)),
      carrier_(new QLineEdit(text(order.carrier), this)),
      tracking_(new QLineEdit(text(order.tracking_number), this)),
      url_(new QLineEdit(text(order.tracking_url), this)) {
  setWindowTitle(tr("The supplier's news of %1").arg(text(order.external_id)));
  using enum suppliers::SupplierOrderState;
  for (auto state : {confirmed, in_production, shipped, delivered, cancelled})
    if (suppliers::supplier_event_allowed(order.state, state))
      state_->addItem(state_name(state), text(suppliers::to_string(state)));
  auto shipped_at = state_->findData(text(suppliers::to_string(shipped)));
  if (shipped_at >= 0) state_->setCurrentIndex(shipped_at);
  number_->setMaxLength(200);
  carrier_->setMaxLength(100);
  tracking_->setMaxLength(100);
  url_->setMaxLength(500);
  url_->setPlaceholderText(QStringLiteral("https://…"));
  auto* form = new QFormLayout;
  form->addRow(tr("&State:"), state_);
  form->addRow(tr("Supplier's &order number:"), number_);
  form->addRow(tr("&Carrier:"), carrier_);
  form->addRow(tr("&Tracking number:"), tracking_);
  form->addRow(tr("Tracking &URL:"), url_);
  state_->setAccessibleName(tr("New state"));
  number_->setAccessibleName(tr("Supplier's order number"));
  carrier_->setAccessibleName(tr("Carrier"));
  tracking_->setAccessibleName(tr("Tracking number"));
  url_->setAccessibleName(tr("Tracking URL"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Save)->setEnabled(state_->count() > 0);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
}

suppliers::SupplierNews NewsDialog::news() const {
  suppliers::SupplierNews news;
  news.state = suppliers::parse_supplier_order_state(state_->currentData().toString().toStdString())
                   .value_or(suppliers::SupplierOrderState::confirmed);
  news.details.number = number_->text().trimmed().toStdString();
  news.details.carrier = carrier_->text().trimmed().toStdString();
  news.details.tracking_number = tracking_->text().trimmed().toStdString();
  news.details.tracking_url = url_->text().trimmed().toStdString();
  return news;
}

}  // namespace comptoir::desktop
