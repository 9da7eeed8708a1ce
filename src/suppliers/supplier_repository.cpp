#include "suppliers/supplier_repository.hpp"

#include "db/connection.hpp"

namespace comptoir::suppliers {
namespace {

#define COMPTOIR_SUPPLIER_COLUMNS                                                     \
  "id, name, type, fulfillment_type, active, api_base, account, currency, "           \
  "minimum_order_amount, default_shipping_days, contact_name, contact_email, notes, " \
  "credentials IS NOT NULL, version, "                                                \
  "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "        \
  "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

constexpr db::Query kInsert{
    "suppliers_insert",
    "INSERT INTO suppliers (name, type, fulfillment_type, active, api_base, account, currency, "
    "minimum_order_amount, default_shipping_days, contact_name, contact_email, notes) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
    "ON CONFLICT ((lower(name))) DO NOTHING RETURNING id"};
constexpr db::Query kUpdate{
    "suppliers_update",
    "UPDATE suppliers SET name = $3, type = $4, fulfillment_type = $5, active = $6, "
    "api_base = $7, account = $8, currency = $9, minimum_order_amount = $10, "
    "default_shipping_days = $11, contact_name = $12, contact_email = $13, notes = $14, "
    "version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 "
    "AND NOT EXISTS (SELECT 1 FROM suppliers o WHERE lower(o.name) = lower($3) AND o.id <> $1)"};
constexpr db::Query kNameTaken{
    "suppliers_name_taken",
    "SELECT EXISTS (SELECT 1 FROM suppliers WHERE lower(name) = lower($2) AND id <> $1)"};
constexpr db::Query kFind{"suppliers_find",
                          "SELECT " COMPTOIR_SUPPLIER_COLUMNS " FROM suppliers WHERE id = $1"};
constexpr db::Query kFindByName{"suppliers_find_by_name",
                                "SELECT " COMPTOIR_SUPPLIER_COLUMNS
                                " FROM suppliers WHERE lower(name) = lower($1)"};
constexpr db::Query kList{"suppliers_list", "SELECT " COMPTOIR_SUPPLIER_COLUMNS
                                            " FROM suppliers ORDER BY lower(name), id"};
constexpr db::Query kSetCredentials{
    "suppliers_set_credentials",
    "UPDATE suppliers SET credentials = $2, updated_at = now() WHERE id = $1"};
constexpr db::Query kCredentials{"suppliers_credentials",
                                 "SELECT credentials FROM suppliers WHERE id = $1"};
constexpr db::Query kSetSession{"suppliers_set_session",
                                "UPDATE suppliers SET session = $2 WHERE id = $1"};
constexpr db::Query kSession{"suppliers_session", "SELECT session FROM suppliers WHERE id = $1"};

#undef COMPTOIR_SUPPLIER_COLUMNS

Supplier row(const db::Result& r, std::size_t i) {
  Supplier s;
  s.id = r.get<std::int64_t>(i, 0);
  s.name = r.get<std::string>(i, 1);
  s.type = parse_supplier_type(r.get<std::string_view>(i, 2)).value_or(SupplierType::dropshipper);
  s.fulfillment =
      parse_fulfillment_type(r.get<std::string_view>(i, 3)).value_or(FulfillmentType::dropshipping);
  s.active = r.get<bool>(i, 4);
  s.api_base = r.get<std::string>(i, 5);
  s.account = r.get<std::string>(i, 6);
  s.currency = r.get<std::string>(i, 7);
  s.minimum_order_amount = r.get<std::int64_t>(i, 8);
  s.default_shipping_days = r.get<std::int32_t>(i, 9);
  s.contact_name = r.get<std::string>(i, 10);
  s.contact_email = r.get<std::string>(i, 11);
  s.notes = r.get<std::string>(i, 12);
  s.has_credentials = r.get<bool>(i, 13);
  s.version = r.get<std::int32_t>(i, 14);
  s.created_at = r.get<std::string>(i, 15);
  s.updated_at = r.get<std::string>(i, 16);
  return s;
}

std::optional<Supplier> first(const db::Result& r) {
  if (r.empty()) return std::nullopt;
  return row(r, 0);
}

}  // namespace

std::optional<std::int64_t> SupplierRepository::insert(const Supplier& s) {
  auto r = conn_.exec(kInsert, s.name, to_string(s.type), to_string(s.fulfillment), s.active,
                      s.api_base, s.account, s.currency, s.minimum_order_amount,
                      s.default_shipping_days, s.contact_name, s.contact_email, s.notes);
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

bool SupplierRepository::update(const Supplier& s, bool* name_taken) {
  auto r = conn_.exec(kUpdate, s.id, s.version, s.name, to_string(s.type), to_string(s.fulfillment),
                      s.active, s.api_base, s.account, s.currency, s.minimum_order_amount,
                      s.default_shipping_days, s.contact_name, s.contact_email, s.notes);
  if (r.affected_rows() == 1) return true;
  if (name_taken != nullptr) *name_taken = conn_.exec(kNameTaken, s.id, s.name).one<bool>();
  return false;
}

std::optional<Supplier> SupplierRepository::find(std::int64_t id) {
  return first(conn_.exec(kFind, id));
}

std::optional<Supplier> SupplierRepository::find_by_name(std::string_view name) {
  return first(conn_.exec(kFindByName, name));
}

std::vector<Supplier> SupplierRepository::list() {
  auto r = conn_.exec(kList);
  std::vector<Supplier> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(row(r, i));
  return out;
}

void SupplierRepository::set_credentials(std::int64_t id,
                                         const std::optional<std::string>& sealed) {
  conn_.exec(kSetCredentials, id, sealed);
}

std::optional<std::string> SupplierRepository::credentials(std::int64_t id) {
  auto r = conn_.exec(kCredentials, id);
  if (r.empty()) return std::nullopt;
  return r.get<std::optional<std::string>>(0, 0);
}

void SupplierRepository::set_session(std::int64_t id, const std::string& sealed) {
  conn_.exec(kSetSession, id, sealed);
}

std::optional<std::string> SupplierRepository::session(std::int64_t id) {
  auto r = conn_.exec(kSession, id);
  if (r.empty()) return std::nullopt;
  return r.get<std::optional<std::string>>(0, 0);
}

}  // namespace comptoir::suppliers
