#pragma once

#include <QDialog>

#include "suppliers/supplier_news.hpp"

class QComboBox;
class QLineEdit;

namespace comptoir::desktop {

// What a generic supplier said of an order, typed in by staff: its new state (confirmed, in
// production, shipped, delivered, cancelled), its order number, carrier and tracking. The engine
// checks it (suppliers::record_order_news) when the page records it.
class NewsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit NewsDialog(const suppliers::SupplierOrder& order, QWidget* parent = nullptr);

  suppliers::SupplierNews news() const;

  QComboBox* state_field() const { return state_; }
  QLineEdit* carrier_field() const { return carrier_; }
  QLineEdit* tracking_field() const { return tracking_; }
  QLineEdit* url_field() const { return url_; }

 private:
  QComboBox* state_;
  QLineEdit* number_;
  QLineEdit* carrier_;
  QLineEdit* tracking_;
  QLineEdit* url_;
};

// The state's name for people, in the interface's language.
QString state_name(suppliers::SupplierOrderState state);

}  // namespace comptoir::desktop
