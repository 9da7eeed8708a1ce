#include "suppliers/connection_test.hpp"

#include <fmt/format.h>

#include <chrono>

#include "suppliers/api_call_log.hpp"
#include "suppliers/connector_factory.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::suppliers {

ConnectionTest test_connection(db::Connection& conn, const Shop& shop, std::int64_t supplier_id) {
  SupplierService service(conn, shop.secret_keys);
  auto supplier = service.find(supplier_id);
  if (!supplier)
    return {.message = fmt::format("no supplier {} in shop '{}'", supplier_id, shop.id)};
  if (supplier->type == SupplierType::dropshipper && supplier->api_base.empty()) {
    if (supplier->contact_email.empty())
      return {.message = fmt::format("{} has neither a URL (--api-base) nor a contact email to "
                                     "send purchase orders to",
                                     supplier->name)};
    return {.ok = true,
            .message = fmt::format("purchase orders go by mail to {} (through the shop's outbox)",
                                   supplier->contact_email)};
  }
  ApiCallLog log(shop.database_url);
  auto connector = connect_supplier(conn, shop.secret_keys, *supplier, log);
  if (!connector) return {.message = connector.error().message};
  auto started = std::chrono::steady_clock::now();
  auto result = (*connector)->test();
  auto ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started)
                                 .count());
  log.flush();
  if (!result)
    return {.message = fmt::format("{} ({}): {}", supplier->name, to_string(result.error().kind),
                                   result.error().message),
            .latency_ms = ms};
  return {.ok = true, .message = *result, .latency_ms = ms};
}

}  // namespace comptoir::suppliers
