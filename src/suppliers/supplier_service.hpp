#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/secret_keys.hpp"
#include "suppliers/model.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// Why a change to a supplier was refused.
struct SupplierError {
  enum class Kind { invalid, name_taken, not_found, stale, unreadable_credentials } kind;
  std::string field{};    // with invalid: "name", "api_base"…
  std::string message{};  // for the operator; never quotes a secret
};

// What an import of supplier configuration did.
struct ImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// The shop's suppliers: their settings and their sealed secrets. Every function runs on the
// caller's connection (and inside its transaction when it has one); `keys` are the shop's
// COMPTOIR_SECRET_KEYS.
class SupplierService {
 public:
  SupplierService(db::Connection& conn, const core::SecretKeys& keys) : conn_(conn), keys_(keys) {}

  // A new supplier; `credentials`, when not empty, sealed at once.
  std::expected<Supplier, SupplierError> add(const SupplierInput& input,
                                             const boost::json::object& credentials = {});
  // Changes the fields `input` gives, if the row is still at `version`.
  std::expected<Supplier, SupplierError> update(std::int64_t id, int version,
                                                const SupplierInput& input);
  std::vector<Supplier> list();
  std::optional<Supplier> find(std::int64_t id);

  // Replaces a supplier's secrets, sealed at once (entered once, never shown again: nothing
  // reads them back but the connectors). An empty object removes them. not_found when no such row.
  std::expected<Supplier, SupplierError> set_credentials(std::int64_t id,
                                                         const boost::json::object& credentials);
  // The opened secrets. They are never given back in clear outside the engine: for connectors
  // only.
  std::expected<boost::json::object, SupplierError> credentials(std::int64_t id);
  // What a connector learnt and must remember (Etsy's rotated refresh token), sealed like the
  // credentials ("suppliers:<id>:session"); {} when nothing yet.
  std::expected<boost::json::object, SupplierError> session(std::int64_t id);
  void set_session(std::int64_t id, const boost::json::object& session);

  // The configuration of every supplier as JSON, without secrets (has_credentials says whether
  // some are set), and its import: suppliers matched by name, created or updated, secrets left
  // as they are. The whole import is refused when one entry is invalid.
  boost::json::array export_config();
  std::expected<ImportReport, SupplierError> import_config(const boost::json::value& document);

 private:
  db::Connection& conn_;
  const core::SecretKeys& keys_;
};

// A connector's session sealed for supplier `id`'s row, as set_session stores it.
std::string sealed_session(const core::SecretKeys& keys, std::int64_t id,
                           const boost::json::object& session);

// Checks the fields an input gives (pure, for the unit tests).
std::expected<void, SupplierError> validate(const SupplierInput& input);
// Reads one supplier of an export: unknown fields are refused.
std::expected<SupplierInput, SupplierError> supplier_input_from_json(const boost::json::object& o);
boost::json::object to_json(const Supplier& supplier);

}  // namespace comptoir::suppliers
