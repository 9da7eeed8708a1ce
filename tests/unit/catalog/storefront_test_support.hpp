#pragma once

// Shared, immutable i18n objects for the storefront unit tests: the real locale files, so a
// test sees the texts a visitor sees.
#include <cstdlib>
#include <filesystem>

#include "core/build_info.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

namespace comptoir::catalog::testing {

inline std::filesystem::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir ? std::filesystem::path(dir) : std::filesystem::path(core::build::kDefaultDataDir);
}

inline const i18n::Catalog& messages() {
  static const auto catalog = i18n::Catalog::load(data_dir());
  return catalog;
}

inline const i18n::Formatter& formatter() {
  static const i18n::Formatter instance;
  return instance;
}

}  // namespace comptoir::catalog::testing
