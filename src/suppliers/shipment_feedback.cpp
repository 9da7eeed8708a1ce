#include "suppliers/shipment_feedback.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "orders/order_service.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::suppliers {
namespace {

const orders::Actor kEngine{.kind = "system", .id = "suppliers"};

// What the supplier said, as the shop's shipment: a carrier the shop knows (else "other" when
// there is a number), the number normalized, the link kept when it is a plain http(s) URL. What
// the shop's rules refuse is left out (the history note keeps the supplier's words).
orders::Shipment shipment_of(const SupplierOrder& order) {
  orders::Shipment shipment;
  auto carrier = core::lower_ascii(order.carrier);
  std::ranges::replace(carrier, ' ', '_');
  if (orders::find_carrier(carrier))
    shipment.carrier = carrier;
  else if (!order.tracking_number.empty())
    shipment.carrier = "other";
  if (auto number = orders::tracking_number_of(order.tracking_number))
    shipment.tracking_number = *number;
  else
    shipment.carrier.clear();
  if (orders::is_tracking_url(order.tracking_url)) shipment.tracking_url = order.tracking_url;
  if (orders::complete(shipment)) {
    shipment = {};
    if (orders::is_tracking_url(order.tracking_url)) shipment.tracking_url = order.tracking_url;
  }
  return shipment;
}

std::string describe(const SupplierOrder& order) {
  return fmt::format("supplier order {} shipped{}{}{}", order.external_id,
                     order.carrier.empty() ? "" : " by " + order.carrier,
                     order.tracking_number.empty() ? "" : ", tracking " + order.tracking_number,
                     order.tracking_url.empty() ? "" : " (" + order.tracking_url + ")");
}

bool open(SupplierOrderState state) {
  using enum SupplierOrderState;
  return state == pending || state == sent_to_supplier || state == confirmed ||
         state == in_production || state == failed;
}

}  // namespace

int ShipmentFeedback::run(db::Connection& conn, int batch) const {
  SupplierOrderRepository repository(conn);
  std::map<std::int64_t, std::vector<SupplierOrder>> by_order;
  for (auto& shipped : repository.lock_shipped_unnotified(batch))
    by_order[shipped.order_id].push_back(std::move(shipped));
  int taken = 0;
  for (const auto& [order_id, shipped] : by_order) {
    auto order = orders_.load(conn, order_id);
    std::vector<std::int64_t> ids;
    for (const auto& s : shipped) ids.push_back(s.id);
    taken += static_cast<int>(ids.size());
    if (!order || order->status != orders::OrderStatus::paid) {
      repository.mark_notified(ids);
      continue;
    }
    auto all = repository.for_order(order_id);
    auto covered = repository.covered_units(order_id);
    bool whole = std::ranges::all_of(order->lines, [&](const orders::OrderLine& line) {
      auto found = covered.find(line.position);
      return found != covered.end() && found->second >= line.quantity;
    });
    if (whole) {
      // The order ships once every live supplier order of it has shipped.
      if (std::ranges::any_of(all, [](const SupplierOrder& s) { return open(s.state); })) {
        taken -= static_cast<int>(ids.size());
        continue;
      }
      std::vector<const SupplierOrder*> parcels;
      for (const auto& s : all)
        if (s.state == SupplierOrderState::shipped || s.state == SupplierOrderState::delivered)
          parcels.push_back(&s);
      std::string note;
      for (const auto* parcel : parcels) note += (note.empty() ? "" : "; ") + describe(*parcel);
      orders::Change change{.to = orders::OrderStatus::fulfilled,
                            .expected = orders::OrderStatus::paid,
                            .actor = kEngine,
                            .note = note,
                            .shipment = shipment_of(*parcels.back())};
      // The order was `paid` when read and the shipment is checked: a refusal (staff moved the
      // order meanwhile) must still not lose the supplier's words.
      if (!orders_.change(conn, order_id, change))
        orders_.note(conn, order_id, kEngine, note + " (the order could not be marked shipped)");
      std::vector<std::int64_t> all_ids;
      for (const auto* parcel : parcels) all_ids.push_back(parcel->id);
      repository.mark_notified(all_ids);
      continue;
    }
    // Part of the order is the shop's to ship: say what the suppliers sent.
    for (const auto& s : shipped) orders_.note(conn, order_id, kEngine, describe(s));
    repository.mark_notified(ids);
  }
  return taken;
}

jobs::Job shipment_feedback_job(const orders::OrderService& orders,
                                std::chrono::milliseconds every) {
  return {.name = "suppliers.shipments",
          .every = every,
          .exclusive = false,
          .run = jobs::InTransaction{[feedback = ShipmentFeedback(orders)](db::Connection& conn) {
            for (int pass = 0; pass < 20 && feedback.run(conn) > 0; ++pass) {
            }
          }}};
}

}  // namespace comptoir::suppliers
