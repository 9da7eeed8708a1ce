#include "desktop/shop_dialog.hpp"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace comptoir::desktop {

ShopDialog::ShopDialog(const suppliers::Shop* existing, bool keychain, QWidget* parent)
    : QDialog(parent),
      id_(new QLineEdit(this)),
      name_(new QLineEdit(this)),
      color_(new QLineEdit(this)),
      url_(new QLineEdit(this)),
      keys_(new QLineEdit(this)),
      problem_(new QLabel(this)) {
  setWindowTitle(existing ? tr("Edit a shop") : tr("Add a shop"));
  auto* form = new QFormLayout;
  form->addRow(tr("&Id:"), id_);
  form->addRow(tr("&Name:"), name_);
  auto* color_row = new QHBoxLayout;
  auto* pick = new QPushButton(tr("&Choose…"), this);
  color_row->addWidget(color_);
  color_row->addWidget(pick);
  form->addRow(tr("&Colour:"), color_row);
  form->addRow(tr("&Database URL:"), url_);
  form->addRow(tr("Secret &keys:"), keys_);
  id_->setAccessibleName(tr("Shop id"));
  id_->setPlaceholderText(tr("lower-case letters, digits, - or _"));
  name_->setAccessibleName(tr("Shop name"));
  color_->setAccessibleName(tr("Shop colour"));
  color_->setPlaceholderText(QStringLiteral("#2a6f97"));
  pick->setAccessibleName(tr("Choose the shop colour"));
  url_->setAccessibleName(tr("Database URL"));
  url_->setEchoMode(QLineEdit::Password);
  keys_->setAccessibleName(tr("Secret keys"));
  keys_->setEchoMode(QLineEdit::Password);
  if (existing) {
    id_->setText(QString::fromStdString(existing->id));
    id_->setReadOnly(true);
    name_->setText(QString::fromStdString(existing->name));
    color_->setText(QString::fromStdString(existing->color));
    url_->setPlaceholderText(tr("unchanged (type a new one to replace it)"));
    keys_->setPlaceholderText(tr("unchanged (type new ones to replace them)"));
  } else {
    color_->setText(QStringLiteral("#2a6f97"));
    url_->setPlaceholderText(QStringLiteral("postgres://user:password@host/shop"));
    keys_->setPlaceholderText(QStringLiteral("k1:base64…"));
  }
  auto* note = new QLabel(
      keychain ? tr("The database URL and the keys are kept in the system keychain; they are "
                    "never shown again.")
               : tr("No system keychain answers: the database URL and the keys are kept in files "
                    "next to the shops file, readable only by you; they are never shown again."),
      this);
  note->setWordWrap(true);
  problem_->setWordWrap(true);
  problem_->setObjectName(QStringLiteral("problem"));
  problem_->setStyleSheet(QStringLiteral("color: #b00020;"));
  problem_->hide();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(pick, &QPushButton::clicked, this, &ShopDialog::pick_color);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(note);
  layout->addWidget(problem_);
  layout->addWidget(buttons);
}

ShopEntry ShopDialog::entry() const {
  return {.id = id_->text().trimmed().toStdString(),
          .name = name_->text().trimmed().toStdString(),
          .color = color_->text().trimmed().toStdString(),
          .database_url = url_->text().trimmed().toStdString(),
          .secret_keys = keys_->text().trimmed().toStdString()};
}

void ShopDialog::refuse(const QString& reason) {
  problem_->setText(reason);
  problem_->show();
}

void ShopDialog::pick_color() {
  auto chosen = QColorDialog::getColor(QColor(color_->text()), this, tr("Shop colour"));
  if (chosen.isValid()) color_->setText(chosen.name());
}

}  // namespace comptoir::desktop
