#include "admin/fulfilment_section.hpp"

#include <fmt/format.h>

#include "admin/admin_kit.hpp"
#include "orders/shipment.hpp"
#include "suppliers/order_fulfilment.hpp"

namespace comptoir::admin {

void fill_fulfilment(const Kit& kit, views::Dict& body, core::Locale locale,
                     const std::vector<suppliers::FulfilmentView>& fulfilment) {
  if (fulfilment.empty()) return;
  auto t = [&](std::string_view key) { return kit.t(locale, key); };
  auto& section = *body.AddSectionDictionary("FULFILMENT");
  kit.labels(section, locale,
             {{"TITLE", "admin.order.fulfilment"},
              {"HINT", "admin.order.fulfilment_hint"},
              {"SUPPLIER_HEAD", "admin.order.supplier"},
              {"STATE_HEAD", "admin.order.supplier_state"},
              {"NUMBER_HEAD", "admin.order.supplier_number"},
              {"TRACKING_HEAD", "admin.order.tracking"},
              {"ITEMS_HEAD", "admin.order.supplier_items"}});
  for (const auto& view : fulfilment) {
    const auto& order = view.order;
    auto& row = *section.AddSectionDictionary("SUPPLIER_ORDER");
    views::set(row, "SUPPLIER", view.supplier_name);
    auto state = suppliers::to_string(order.state);
    views::set(row, "STATE_CODE", state);
    views::set(row, "STATE", t(fmt::format("admin.supplier_state.{}", state)));
    views::set(row, "NUMBER",
               order.supplier_order_number.empty() ? "—" : order.supplier_order_number);
    if (!order.tracking_number.empty()) {
      auto& tracking = *row.AddSectionDictionary("TRACKING");
      // A carrier the shop knows by its name; another one (a platform's own code) as it came.
      views::set(tracking, "CARRIER",
                 orders::find_carrier(order.carrier) ? t(fmt::format("carriers.{}", order.carrier))
                                                     : order.carrier);
      views::set(tracking, "NUMBER", order.tracking_number);
      if (!order.tracking_url.empty())
        views::set(*tracking.AddSectionDictionary("LINK"), "URL", order.tracking_url);
    }
    if (order.state == suppliers::SupplierOrderState::pending && order.attempts == 0)
      views::set(*row.AddSectionDictionary("NOTE"), "TEXT", t("admin.order.supplier_waiting"));
    if (!order.last_error.empty()) {
      auto attempts = t("admin.order.supplier_attempts");
      if (auto at = attempts.find("{value}"); at != std::string::npos)
        attempts.replace(at, 7, kit.number(order.attempts, locale));
      views::set(*row.AddSectionDictionary("NOTE"), "TEXT",
                 fmt::format("{}{} {} ({})", t("admin.order.supplier_error"),
                             locale == core::Locale::fr ? " :" : ":", order.last_error, attempts));
    }
    for (const auto& line : view.lines) {
      auto& item = *row.AddSectionDictionary("ITEM");
      views::set(item, "QUANTITY", kit.number(line.quantity, locale));
      views::set(item, "SKU", line.sku);
      views::set(item, "TITLE", line.title);
    }
  }
}

}  // namespace comptoir::admin
