#include "desktop/translations.hpp"

#include <QCoreApplication>
#include <QLocale>

namespace comptoir::desktop {

void Translations::use(const QString& language) {
  QString chosen = language;
  if (chosen != QStringLiteral("fr") && chosen != QStringLiteral("en"))
    chosen = QLocale::system().language() == QLocale::French ? QStringLiteral("fr")
                                                             : QStringLiteral("en");
  if (installed_) {
    QCoreApplication::removeTranslator(&translator_);
    installed_ = false;
  }
  // English is the source language; its file only has the plurals ("1 shop", "2 shops").
  if (translator_.load(QStringLiteral(":/i18n/comptoir-suppliers_%1.qm").arg(chosen)))
    installed_ = QCoreApplication::installTranslator(&translator_);
  language_ = chosen;
  QLocale::setDefault(QLocale(chosen == QStringLiteral("fr") ? QLocale::French : QLocale::English,
                              QLocale::Canada));
}

}  // namespace comptoir::desktop
