#include "suppliers/sealed_fields.hpp"

namespace comptoir::suppliers {
namespace {

// A supplier's secrets (migrations/0019_suppliers.sql).
constexpr db::SealedColumn kColumns[] = {
    {"suppliers.credentials",
     {"keys_count_stale_supplier_credentials",
      "SELECT count(*) FROM suppliers WHERE credentials_key_id <> $1"},
     {"keys_select_stale_supplier_credentials",
      "SELECT id, credentials FROM suppliers WHERE credentials_key_id <> $1 AND id > $2 "
      "ORDER BY id LIMIT $3"},
     {"keys_reseal_supplier_credentials",
      "UPDATE suppliers SET credentials = $2 WHERE id = $1 AND credentials = $3"},
     &sealed_fields::supplier_credentials},
    {"suppliers.session",
     {"keys_count_stale_supplier_sessions",
      "SELECT count(*) FROM suppliers WHERE session_key_id <> $1"},
     {"keys_select_stale_supplier_sessions",
      "SELECT id, session FROM suppliers WHERE session_key_id <> $1 AND id > $2 ORDER BY id "
      "LIMIT $3"},
     {"keys_reseal_supplier_session",
      "UPDATE suppliers SET session = $2 WHERE id = $1 AND session = $3"},
     &sealed_fields::supplier_session},
};

}  // namespace

std::span<const db::SealedColumn> sealed_columns() {
  return kColumns;
}

}  // namespace comptoir::suppliers
