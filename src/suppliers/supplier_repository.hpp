#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suppliers/model.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// SQL of the `suppliers` table, on the caller's connection.
class SupplierRepository {
 public:
  explicit SupplierRepository(db::Connection& conn) : conn_(conn) {}

  // The new row's id, or nullopt when the name is taken (case-insensitive).
  std::optional<std::int64_t> insert(const Supplier& supplier);
  // False when the row is gone, its version is not `supplier.version` or the name is taken by
  // another supplier (`name_taken` says which).
  bool update(const Supplier& supplier, bool* name_taken = nullptr);
  std::optional<Supplier> find(std::int64_t id);
  std::optional<Supplier> find_by_name(std::string_view name);
  std::vector<Supplier> list();

  // The sealed values (core::seal), NULL to clear.
  void set_credentials(std::int64_t id, const std::optional<std::string>& sealed);
  std::optional<std::string> credentials(std::int64_t id);
  void set_session(std::int64_t id, const std::string& sealed);
  std::optional<std::string> session(std::int64_t id);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::suppliers
