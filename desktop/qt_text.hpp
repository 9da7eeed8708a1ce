#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

#include <string_view>

namespace comptoir::desktop {

// The engine's UTF-8 text as Qt's.
inline QString text(std::string_view value) {
  return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

// The engine's "2026-12-03T18:04:42Z" in the interface's short format, local time ("" stays "").
inline QString local_time(std::string_view iso) {
  if (iso.empty()) return {};
  auto at = QDateTime::fromString(text(iso), Qt::ISODate);
  return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : text(iso);
}

}  // namespace comptoir::desktop
