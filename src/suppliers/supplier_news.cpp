#include "suppliers/supplier_news.hpp"

#include <chrono>

#include "http/form.hpp"
#include "orders/shipment.hpp"

namespace comptoir::suppliers {
namespace {

constexpr std::chrono::seconds kNextLook{600};

}  // namespace

std::vector<NewsProblem> check_news(const SupplierNews& news) {
  std::vector<NewsProblem> out;
  using enum SupplierOrderState;
  if (news.state == pending || news.state == sent_to_supplier || news.state == failed)
    out.push_back({"state", "bad_state"});
  auto text = [&](std::string_view field, const std::string& value, std::size_t most) {
    if (value.size() > most || !http::is_clean_text(value))
      out.push_back({std::string(field), "bad_text"});
  };
  text("supplier_order_number", news.details.number, 200);
  text("carrier", news.details.carrier, 100);
  text("tracking_number", news.details.tracking_number, 100);
  text("tracking_url", news.details.tracking_url, 500);
  if (!news.details.tracking_url.empty() && !orders::is_tracking_url(news.details.tracking_url))
    out.push_back({"tracking_url", "bad_url"});
  return out;
}

std::optional<SupplierOrder> record_news(db::Connection& conn, const SupplierOrder& order,
                                         const SupplierNews& news) {
  if (!supplier_event_allowed(order.state, news.state)) return std::nullopt;
  SupplierOrderRepository orders(conn);
  orders.record(order.id, {.state = news.state, .remote = news.details, .next_in = kNextLook});
  return orders.find(order.id);
}

}  // namespace comptoir::suppliers
