#pragma once

#include <QDialog>

#include <optional>
#include <string>

#include "suppliers/model.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace comptoir::desktop {

// Edits one supplier's settings — name, fulfilment type, active, the platform's address and
// account, currency, minimum order amount, default shipping days, contact, notes — and, once,
// its credentials: a JSON object typed (or pasted) here and never shown again; left empty, the
// stored ones stay. The engine checks the values (SupplierService) when the page saves them.
// A supplier without an id is a new one: its type (the platform) is chosen here, and only here.
class SupplierDialog : public QDialog {
  Q_OBJECT

 public:
  explicit SupplierDialog(const suppliers::Supplier& supplier, QWidget* parent = nullptr);

  // The fields as typed, every one given (the engine keeps what did not change).
  suppliers::SupplierInput input() const;
  // The credentials typed, "" when left empty (keep the stored ones).
  std::string credentials() const;

  QLineEdit* name_field() const { return name_; }
  QComboBox* type_field() const { return type_; }
  QLineEdit* minimum_field() const { return minimum_; }
  QSpinBox* days_field() const { return days_; }
  QLineEdit* email_field() const { return email_; }
  QPlainTextEdit* credentials_field() const { return credentials_; }

 private:
  bool adding_;
  QLineEdit* name_;
  QComboBox* type_;
  QComboBox* fulfilment_;
  QCheckBox* active_;
  QLineEdit* api_base_;
  QLineEdit* account_;
  QLineEdit* currency_;
  QLineEdit* minimum_;
  QSpinBox* days_;
  QLineEdit* contact_;
  QLineEdit* email_;
  QPlainTextEdit* notes_;
  QPlainTextEdit* credentials_;
};

// "12,50" or "12.50" → 1250; nullopt for anything else (empty: 0).
std::optional<std::int64_t> parse_minor_units(const QString& text);

}  // namespace comptoir::desktop
