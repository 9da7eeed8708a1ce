#pragma once

#include <QString>

#include <string_view>

namespace comptoir::desktop {

// The engine's UTF-8 text as Qt's.
inline QString text(std::string_view value) {
  return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

}  // namespace comptoir::desktop
