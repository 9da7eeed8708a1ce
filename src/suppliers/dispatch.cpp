#include "suppliers/dispatch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>

#include "core/secret_keys.hpp"
#include "notify/outbox.hpp"
#include "orders/order_service.hpp"
#include "suppliers/alerts.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/connector_factory.hpp"
#include "suppliers/purchase_order_mail.hpp"
#include "suppliers/supplier_order_repository.hpp"
#include "suppliers/supplier_service.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::suppliers {
namespace {

using enum SupplierOrderState;

SupplierOrderState state_of(RemoteState remote) {
  switch (remote) {
    case RemoteState::waiting:
      return sent_to_supplier;
    case RemoteState::confirmed:
      return confirmed;
    case RemoteState::in_production:
      return in_production;
    case RemoteState::shipped:
      return shipped;
    case RemoteState::delivered:
      return delivered;
    case RemoteState::cancelled:
      return cancelled;
    case RemoteState::failed:
      return failed;
  }
  return failed;
}

// Along the normal path a platform's answer never moves an order back (a late, stale read).
SupplierOrderState forward(SupplierOrderState now, SupplierOrderState said) {
  auto rank = [](SupplierOrderState s) { return static_cast<int>(s); };
  bool path = said != cancelled && said != failed;
  return path && rank(said) < rank(now) ? now : said;
}

// "Marie-Ève Tremblay" → {"Marie-Ève", "Tremblay"}: platforms ask for both.
std::pair<std::string, std::string> split_name(const std::string& full) {
  auto space = full.find_last_of(' ');
  if (space == std::string::npos) return {full, full};
  return {full.substr(0, space), full.substr(space + 1)};
}

OrderRequest request_of(const SupplierOrder& order, const orders::Order& shop_order,
                        const std::vector<SupplierOrderLine>& lines) {
  OrderRequest request{.external_id = order.external_id,
                       .label = shop_order.number,
                       .currency = order.currency,
                       .maybe_sent = order.attempts > 1};
  for (const auto& line : lines)
    request.items.push_back({.product_external_id = line.product_external_id,
                             .variant_external_id = line.variant_external_id,
                             .sku = line.sku,
                             .quantity = line.quantity});
  if (shop_order.address) {
    const auto& a = *shop_order.address;
    auto [first, last] = split_name(a.full_name);
    request.address = {.first_name = first,
                       .last_name = last,
                       .email = shop_order.email,
                       .phone = a.phone,
                       .line1 = a.line1,
                       .line2 = a.line2,
                       .city = a.city,
                       .region = a.region,
                       .postal_code = a.postal_code,
                       .country = a.country};
  }
  return request;
}

class Dispatcher {
 public:
  Dispatcher(db::Connection& conn, const core::SecretKeys& keys, ApiCallLog& log,
             const DispatchOptions& options)
      : conn_(conn), keys_(keys), log_(log), options_(options), orders_(conn) {}

  DispatchReport run() {
    std::size_t handled = 0;
    auto due = options_.progress ? orders_.count_due() : 0;
    // What comes due while this dispatch runs (a poll every second in tests) waits for the next.
    auto began = orders_.now();
    while (!options_.stop.stop_requested() && (options_.limit == 0 || handled < options_.limit)) {
      auto order = orders_.claim_due(options_.lease, began, options_.only);
      if (!order) break;
      ++handled;
      handle(*order);
      if (options_.progress)
        options_.progress(static_cast<std::int64_t>(handled), std::max<std::int64_t>(due, 0));
    }
    log_.flush();
    return report_;
  }

 private:
  struct Link {
    std::optional<Supplier> supplier{};
    std::unique_ptr<Connector> connector{};
    std::optional<ConnectorError> error{};
  };

  Link& link(std::int64_t supplier_id) {
    auto& found = links_[supplier_id];
    if (found.supplier || found.error) return found;
    SupplierService service(conn_, keys_);
    found.supplier = service.find(supplier_id);
    if (!found.supplier) {
      found.error = ConnectorError{ConnectorError::Kind::misconfigured, "the supplier is gone"};
      return found;
    }
    auto connector = connect_supplier(conn_, keys_, *found.supplier, log_);
    if (!connector)
      found.error = connector.error();
    else
      found.connector = std::move(*connector);
    return found;
  }

  std::chrono::seconds retry_delay(int attempts) {
    auto delay = options_.retry_base * (1LL << std::clamp(attempts - 1, 0, 20));
    delay = std::min<std::chrono::seconds>(delay, options_.retry_cap);
    std::uniform_int_distribution<std::int64_t> half(delay.count() / 2, delay.count());
    return std::chrono::seconds{half(random_)};
  }

  void fail(const SupplierOrder& order, const std::string& why) {
    orders_.record(order.id, {.state = failed, .error = why});
    Alerts::raise(conn_, AlertKind::order_failed, order.supplier_id, order.external_id, why);
    ++report_.failed;
  }

  void handle(const SupplierOrder& order) {
    auto shop_order = orders::load_order(conn_, keys_, order.order_id);
    if (!shop_order) return fail(order, "the shop's order is gone");
    bool withdrawn = shop_order->status == orders::OrderStatus::cancelled ||
                     shop_order->status == orders::OrderStatus::refunded;
    if (order.state == pending && withdrawn) {
      orders_.record(order.id, {.state = cancelled, .error = "the shop's order was withdrawn"});
      ++report_.cancelled;
      return;
    }
    auto& l = link(order.supplier_id);
    if (!l.connector) {
      if (order.state == pending) return retry(order, *l.error);
      orders_.record(
          order.id,
          {.state = order.state, .next_in = options_.poll_every, .error = l.error->message});
      return;
    }
    // A dropshipper without a URL, and makers selling on Etsy or eBay, get purchase orders by
    // mail (the platforms take no orders from another shop).
    auto type = l.supplier->type;
    bool by_mail = (type == SupplierType::dropshipper && l.supplier->api_base.empty()) ||
                   type == SupplierType::etsy || type == SupplierType::ebay;
    if (order.state == pending) {
      if (by_mail) return send_by_mail(order, *shop_order, *l.supplier);
      return send(order, *shop_order, *l.connector);
    }
    // A supplier reached by mail is asked to cancel by staff (the alert says so).
    if (withdrawn && !by_mail && (order.state == sent_to_supplier || order.state == confirmed))
      return cancel(order, *l.connector);
    follow(order, *l.supplier, *l.connector);
  }

  void retry(const SupplierOrder& order, const ConnectorError& error) {
    auto why = fmt::format("{}: {}", to_string(error.kind), error.message);
    // What cannot succeed by waiting fails at once; a lost or unreadable answer is tried again
    // (the next attempt finds the order if it was made).
    bool worth_waiting = error.transient() || error.kind == ConnectorError::Kind::unauthorized ||
                         error.kind == ConnectorError::Kind::misconfigured ||
                         error.kind == ConnectorError::Kind::malformed;
    if (!worth_waiting || order.attempts >= options_.max_attempts)
      return fail(order, order.attempts >= options_.max_attempts && worth_waiting
                             ? fmt::format("{} (after {} attempts)", why, order.attempts)
                             : why);
    orders_.record(order.id,
                   {.state = pending, .next_in = retry_delay(order.attempts), .error = why});
    ++report_.retried;
  }

  void send(const SupplierOrder& order, const orders::Order& shop_order, Connector& connector) {
    auto lines = orders_.lines(order.id);
    if (!shop_order.address) return fail(order, "the shop's keys cannot open the order's address");
    auto made = connector.create_order(request_of(order, shop_order, lines));
    if (!made) return retry(order, made.error());
    auto state = forward(sent_to_supplier, state_of(made->state));
    orders_.record(order.id, {.state = state, .remote = *made, .next_in = options_.poll_every});
    Alerts::resolve(conn_, AlertKind::order_failed, order.supplier_id, order.external_id);
    ++report_.sent;
  }

  // A generic dropshipper without a URL gets the purchase order by mail, through the shop's
  // outbox (sent by `comptoir serve`), in the same transaction as the order's new state: the mail
  // goes once, or not at all.
  void send_by_mail(const SupplierOrder& order, const orders::Order& shop_order,
                    const Supplier& supplier) {
    if (supplier.contact_email.empty())
      return fail(order, "the supplier has no contact email to send the purchase order to");
    if (!shop_order.address) return fail(order, "the shop's keys cannot open the order's address");
    auto mail = purchase_order_mail(order, shop_order, supplier, orders_.lines(order.id));
    in_transaction(conn_, [&](db::Connection& c) {
      notify::Outbox::enqueue(c, mail);
      SupplierOrderRepository(c).record(order.id,
                                        {.state = sent_to_supplier,
                                         .remote = RemoteOrder{.number = order.external_id},
                                         .next_in = options_.poll_every});
    });
    ++report_.sent;
  }

  void cancel(const SupplierOrder& order, Connector& connector) {
    auto done = connector.cancel_order(order.supplier_order_number);
    if (!done) {
      orders_.record(order.id, {.state = order.state,
                                .next_in = options_.poll_every,
                                .error = fmt::format("cancel: {}", done.error().message)});
      return;
    }
    orders_.record(order.id, {.state = cancelled, .error = "cancelled at the supplier"});
    Alerts::resolve(conn_, AlertKind::cancel_at_supplier, order.supplier_id, order.external_id);
    ++report_.cancelled;
  }

  void follow(const SupplierOrder& order, const Supplier& supplier, Connector& connector) {
    std::expected<RemoteOrder, ConnectorError> news = std::unexpected(ConnectorError{});
    if (order.supplier_order_number.empty()) {
      auto found = connector.find_order(order.external_id);
      if (found && *found)
        news = **found;
      else
        news = std::unexpected(found ? ConnectorError{ConnectorError::Kind::malformed,
                                                      "the supplier does not know the order"}
                                     : found.error());
    } else {
      news = connector.order_status(order.supplier_order_number);
    }
    if (!news && news.error().kind == ConnectorError::Kind::unsupported) {
      // The supplier tells the shop itself (a generic dropshipper): nothing to ask, only to watch.
      orders_.record(order.id, {.state = order.state, .next_in = options_.poll_every});
      ++report_.unchanged;
      return watch(order, supplier, order.state);
    }
    if (!news) {
      orders_.record(
          order.id,
          {.state = order.state, .next_in = options_.poll_every, .error = news.error().message});
      return;
    }
    auto state = forward(order.state, state_of(news->state));
    orders_.record(order.id, {.state = state, .remote = *news, .next_in = options_.poll_every});
    if (state == shipped || state == delivered) {
      Alerts::resolve(conn_, AlertKind::order_stuck, order.supplier_id, order.external_id);
      if (state == shipped && order.state != shipped)
        ++report_.shipped;
      else
        ++report_.updated;
      return;
    }
    if (state == cancelled || state == failed) {
      Alerts::raise(conn_, AlertKind::order_failed, order.supplier_id, order.external_id,
                    fmt::format("{} says the order is {}", supplier.name, to_string(state)));
      state == cancelled ? ++report_.cancelled : ++report_.failed;
      return;
    }
    state == order.state ? ++report_.unchanged : ++report_.updated;
    watch(order, supplier, state);
  }

  // ORDER_STUCK once an order has been longer in one state than the supplier's shipping days
  // (the repository's rule, the queue's too).
  void watch(const SupplierOrder& order, const Supplier& supplier, SupplierOrderState state) {
    auto in_state = std::chrono::seconds{state == order.state ? order.seconds_in_state : 0};
    if (orders_.stuck(state, in_state.count(), supplier.default_shipping_days))
      Alerts::raise(
          conn_, AlertKind::order_stuck, order.supplier_id, order.external_id,
          fmt::format("{} for {} days at {}, past its {} shipping days", to_string(state),
                      in_state.count() / 86400, supplier.name, supplier.default_shipping_days));
  }

  db::Connection& conn_;
  const core::SecretKeys& keys_;
  ApiCallLog& log_;
  const DispatchOptions& options_;
  SupplierOrderRepository orders_;
  std::map<std::int64_t, Link> links_{};
  std::mt19937_64 random_{std::random_device{}()};
  DispatchReport report_{};
};

}  // namespace

DispatchReport dispatch(db::Connection& conn, const core::SecretKeys& keys, ApiCallLog& log,
                        const DispatchOptions& options) {
  return Dispatcher(conn, keys, log, options).run();
}

}  // namespace comptoir::suppliers
