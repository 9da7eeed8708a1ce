#pragma once

#include <QString>
#include <QTranslator>

namespace comptoir::desktop {

// The app's language: French or English, from the system's locale unless asked, switchable while
// the app runs (every window retranslates on QEvent::LanguageChange). The texts are Qt Linguist
// files (desktop/i18n/*.ts) built into the program; English is the source language.
class Translations {
 public:
  // "fr" or "en"; another language (or "") follows the system locale, English when it is not
  // French.
  void use(const QString& language);
  const QString& language() const { return language_; }

 private:
  QTranslator translator_;
  QString language_;
  bool installed_ = false;
};

}  // namespace comptoir::desktop
