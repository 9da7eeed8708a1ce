#include "suppliers/purchase_order_mail.hpp"

#include <boost/json/array.hpp>

#include "core/locale.hpp"

namespace comptoir::suppliers {

notify::Mail purchase_order_mail(const SupplierOrder& order, const orders::Order& shop_order,
                                 const Supplier& supplier,
                                 const std::vector<SupplierOrderLine>& lines) {
  boost::json::array items;
  for (const auto& line : lines)
    items.push_back({{"sku", line.sku}, {"title", line.title}, {"quantity", line.quantity}});
  boost::json::array ship_to;
  if (shop_order.address) {
    const auto& a = *shop_order.address;
    for (const auto* part : {&a.full_name, &a.line1, &a.line2})
      if (!part->empty()) ship_to.emplace_back(*part);
    auto city = a.city + (a.region.empty() ? "" : " (" + a.region + ")") +
                (a.postal_code.empty() ? "" : "  " + a.postal_code);
    ship_to.emplace_back(city);
    if (!a.country.empty()) ship_to.emplace_back(a.country);
    if (!a.phone.empty()) ship_to.emplace_back(a.phone);
  }
  return {.to = supplier.contact_email,
          .locale = core::kDefaultLocale,
          .template_name = "suppliers.purchase_order",
          .payload = {{"number", order.external_id},
                      {"label", shop_order.number},
                      {"supplier", supplier.name},
                      {"contact", supplier.contact_name},
                      {"lines", std::move(items)},
                      {"ship_to", std::move(ship_to)},
                      {"email", shop_order.email}}};
}

}  // namespace comptoir::suppliers
