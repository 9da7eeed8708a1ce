#pragma once

#include <string>
#include <utility>
#include <vector>

namespace comptoir::catalog {

// One invalid field of a write: `field` names it as the API spells it ("variants[0].sku",
// "text.fr.name"); `message_key` is an i18n key under catalog.error.*, whose text may hold
// "{value}", replaced by `value` when shown.
struct FieldError {
  std::string field;
  std::string message_key;
  std::string value{};

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

enum class CatalogErrorCode {
  invalid,           // 422: see `fields`
  not_found,         // 404
  conflict,          // 409: duplicate SKU or slug, category still in use, last variant…
  version_mismatch,  // 412: If-Match named another version
};

// What a caller of a catalog write can cause. Each code maps to one HTTP status in the API.
struct CatalogError {
  CatalogErrorCode code = CatalogErrorCode::invalid;
  std::string message_key;  // the summary, an i18n key
  std::vector<FieldError> fields{};

  static CatalogError invalid(std::vector<FieldError> fields) {
    return {CatalogErrorCode::invalid, "catalog.error.validation", std::move(fields)};
  }
  // Invalid input with a summary of its own (a refused upload: catalog.error.image_polyglot…).
  static CatalogError refused(std::string key, std::vector<FieldError> fields) {
    return {CatalogErrorCode::invalid, std::move(key), std::move(fields)};
  }
  static CatalogError not_found(std::string key) {
    return {CatalogErrorCode::not_found, std::move(key), {}};
  }
  static CatalogError conflict(std::string key, std::vector<FieldError> fields = {}) {
    return {CatalogErrorCode::conflict, std::move(key), std::move(fields)};
  }
  static CatalogError version_mismatch() {
    return {CatalogErrorCode::version_mismatch, "catalog.error.version_mismatch", {}};
  }
};

}  // namespace comptoir::catalog
