#pragma once

#include <QDialog>

#include "desktop/shop_book.hpp"

class QLineEdit;
class QLabel;
class QPushButton;

namespace comptoir::desktop {

// Adds or edits a shop: its id (fixed once made), name, colour, database URL and secret keys. The
// secrets are typed once and never shown again: an edit leaves them empty to keep the stored ones.
// Nothing is checked here that the shops file's own parser checks (ShopBook does, on accept).
class ShopDialog : public QDialog {
  Q_OBJECT

 public:
  // `existing`: the shop to edit; nullptr to add one.
  // `keychain`: whether the secrets typed go to the system keychain (else to files), as the
  // dialog tells.
  ShopDialog(const suppliers::Shop* existing, bool keychain, QWidget* parent = nullptr);

  ShopEntry entry() const;
  // Shows why the book refused the entry, and keeps the dialog open.
  void refuse(const QString& reason);

  QLineEdit* id_field() const { return id_; }
  QLineEdit* name_field() const { return name_; }
  QLineEdit* color_field() const { return color_; }
  QLineEdit* url_field() const { return url_; }
  QLineEdit* keys_field() const { return keys_; }

 private:
  void pick_color();

  QLineEdit* id_;
  QLineEdit* name_;
  QLineEdit* color_;
  QLineEdit* url_;
  QLineEdit* keys_;
  QLabel* problem_;
};

}  // namespace comptoir::desktop
