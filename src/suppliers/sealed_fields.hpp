#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <fmt/format.h>

#include "db/sealed_columns.hpp"

// The associated data that binds a supplier's sealed secrets to its row (core::seal/open): the
// supplier service and `comptoir keys rotate` use these and nothing else.
namespace comptoir::suppliers::sealed_fields {

inline std::string supplier_credentials(std::int64_t supplier_id) {
  return fmt::format("suppliers:{}:credentials", supplier_id);
}
inline std::string supplier_session(std::int64_t supplier_id) {
  return fmt::format("suppliers:{}:session", supplier_id);
}

}  // namespace comptoir::suppliers::sealed_fields

namespace comptoir::suppliers {

// The sealed columns of the suppliers' tables for `keys rotate` (app adds them to its
// db::SealedColumnRegistry): suppliers.credentials, suppliers.session.
std::span<const db::SealedColumn> sealed_columns();

}  // namespace comptoir::suppliers
