#include "admin/fulfilment_section.hpp"

#include <fmt/format.h>

#include "admin/admin_kit.hpp"
#include "orders/shipment.hpp"
#include "suppliers/order_fulfilment.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;

void fill_fulfilment(const Kit& kit, views::Dict& body, core::Locale locale,
                     const std::vector<suppliers::FulfilmentView>& fulfilment) {
  if (fulfilment.empty()) return;
  auto t = [&](std::string_view key) { return kit.t(locale, key); };
  auto& section = *body.AddSectionDictionary("FULFILMENT"_key);
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
    auto& row = *section.AddSectionDictionary("SUPPLIER_ORDER"_key);
    views::set(row, "SUPPLIER"_key, view.supplier_name);
    auto state = suppliers::to_string(order.state);
    views::set(row, "STATE_CODE"_key, state);
    views::set(row, "STATE"_key, t(fmt::format("admin.supplier_state.{}", state)));
    views::set(row, "NUMBER"_key,
               order.supplier_order_number.empty() ? "—" : order.supplier_order_number);
    if (!order.tracking_number.empty()) {
      auto& tracking = *row.AddSectionDictionary("TRACKING"_key);
      // A carrier the shop knows by its name; another one (a platform's own code) as it came.
      views::set(tracking, "CARRIER"_key,
                 orders::find_carrier(order.carrier) ? t(fmt::format("carriers.{}", order.carrier))
                                                     : order.carrier);
      views::set(tracking, "NUMBER"_key, order.tracking_number);
      if (!order.tracking_url.empty())
        views::set(*tracking.AddSectionDictionary("LINK"_key), "URL"_key, order.tracking_url);
    }
    if (order.state == suppliers::SupplierOrderState::pending && order.attempts == 0)
      views::set(*row.AddSectionDictionary("NOTE"_key), "TEXT"_key,
                 t("admin.order.supplier_waiting"));
    if (!order.last_error.empty()) {
      auto attempts = t("admin.order.supplier_attempts");
      if (auto at = attempts.find("{value}"); at != std::string::npos)
        attempts.replace(at, 7, kit.number(order.attempts, locale));
      views::set(*row.AddSectionDictionary("NOTE"_key), "TEXT"_key,
                 fmt::format("{}{} {} ({})", t("admin.order.supplier_error"),
                             locale == core::Locale::fr ? " :" : ":", order.last_error, attempts));
    }
    for (const auto& line : view.lines) {
      auto& item = *row.AddSectionDictionary("ITEM"_key);
      views::set(item, "QUANTITY"_key, kit.number(line.quantity, locale));
      views::set(item, "SKU"_key, line.sku);
      views::set(item, "TITLE"_key, line.title);
    }
  }
}

}  // namespace comptoir::admin
