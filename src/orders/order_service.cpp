#include "orders/order_service.hpp"

#include "accounts/user_search.hpp"

#include <algorithm>
#include <map>

#include "cart/cart_service.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/inventory.hpp"
#include "catalog/storefront_product.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "orders/sealed_fields.hpp"

namespace comptoir::orders {
namespace {

// Thrown inside the placing transaction to roll back every unit already taken.
struct Refused {
  PlaceFailure failure;
};

std::optional<OrderMail> mail_for(OrderStatus to) {
  switch (to) {
    case OrderStatus::paid:
      return OrderMail::confirmation;
    case OrderStatus::fulfilled:
      return OrderMail::shipped;
    case OrderStatus::refunded:
    case OrderStatus::partially_refunded:
      return OrderMail::refund;
    default:
      return std::nullopt;
  }
}

// What the catalog says of a cart line, read before the transaction (names are not locked).
struct LineText {
  std::string name{};
  std::string variant_label{};
};

// Takes the ordered lines out of the cart the order came from (once paid, or placed without
// online payment).
void remove_from_cart(db::Connection& conn, std::optional<std::int64_t> cart_id,
                      const std::vector<OrderLine>& lines) {
  if (!cart_id) return;
  std::vector<std::int64_t> variants;
  for (const auto& line : lines)
    if (line.variant_id) variants.push_back(*line.variant_id);
  cart::CartService::remove_ordered(conn, *cart_id, variants);
}

// Gives the order's held units back to stock, once: a second call finds them given back already.
void release_stock(db::Connection& conn, std::int64_t order_id) {
  OrderRepository orders(conn);
  if (orders.mark_released(order_id))
    catalog::Inventory::release(conn, orders.reserved_units(order_id));
}

std::optional<std::int64_t> order_id_of(OrderRepository& orders, PaymentKey key,
                                        std::string_view id) {
  if (id.empty()) return std::nullopt;
  switch (key) {
    case PaymentKey::reference:
      return orders.id_by_payment_reference(id);
    case PaymentKey::intent:
      return orders.id_by_payment_intent(id);
    case PaymentKey::number:
      return is_order_number(id) ? orders.id_by_number(id) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<PaymentView> view_of(OrderRepository& orders, std::int64_t order_id) {
  auto stored = orders.find_by_id(order_id);
  if (!stored) return std::nullopt;
  const auto& order = stored->order;
  return PaymentView{.id = order.id,
                     .number = order.number,
                     .status = order.status,
                     .total = order.totals.total,
                     .currency = order.currency,
                     .refunded_amount = order.refunded_amount,
                     .provider = order.provider,
                     .payment_reference = order.payment_reference,
                     .payment_intent = order.payment_intent};
}

// The order `key` names, its row locked until the transaction ends when `lock`.
std::optional<PaymentView> find_view(db::Connection& conn, PaymentKey key, std::string_view id,
                                     bool lock) {
  OrderRepository orders(conn);
  auto order_id = order_id_of(orders, key, id);
  if (!order_id || (lock && !orders.lock_status(*order_id))) return std::nullopt;
  return view_of(orders, *order_id);
}

}  // namespace

boost::asio::awaitable<std::expected<Order, PlaceFailure>> OrderService::place(
    PlaceRequest request) {
  // On the primary, as the reads that follow a write below: a replica may lag behind the cart.
  auto cart = co_await db_.transact(
      [&](db::Connection& conn) { return cart::CartService::stored(conn, request.owner); });
  if (!cart || cart->items.empty())
    co_return std::unexpected(PlaceFailure{.error = PlaceError::empty_cart});
  std::map<std::int64_t, LineText> texts;
  for (const auto& item : cart->items) {
    auto product = co_await catalog_.product(item.product_id);
    if (!product) continue;
    LineText text{.name = product->text[request.locale].name};
    for (const auto& variant : product->variants)
      if (variant.id == item.variant_id && product->variants.size() > 1)
        text.variant_label = catalog::storefront::variant_label(*product, variant, request.locale);
    texts[item.variant_id] = std::move(text);
  }
  auto number = new_order_number();
  auto address = to_json(request.address);
  try {
    auto order_id = co_await db_.transact([&](db::Connection& conn) {
      auto rules = cart::CartService::region_rules(conn, request.region_code);
      if (!rules) throw Refused{{.error = PlaceError::unknown_region}};
      // In variant order, so two orders of the same variants lock them in the same order.
      auto items = cart->items;
      std::ranges::sort(items, {}, &cart::StoredItem::variant_id);
      OrderRepository orders(conn);
      std::vector<OrderLine> lines;
      std::vector<bool> reserved;
      cart::TotalsInput input{.region = rules->region};
      input.shipping = rules->shipping;
      input.fees = rules->fees;
      std::string currency;
      for (const auto& item : items) {
        const auto& text = texts[item.variant_id];
        auto taken = catalog::Inventory::reserve(conn, item.variant_id, item.quantity);
        if (taken.outcome == catalog::Reservation::Outcome::unavailable)
          throw Refused{{.error = PlaceError::unavailable, .item = text.name}};
        if (taken.outcome == catalog::Reservation::Outcome::short_of_stock)
          throw Refused{{.error = PlaceError::out_of_stock, .item = text.name}};
        if (!currency.empty() && currency != taken.currency)
          throw Refused{{.error = PlaceError::mixed_currencies, .item = text.name}};
        currency = taken.currency;
        lines.push_back({.variant_id = item.variant_id,
                         .product_id = item.product_id,
                         .sku = taken.sku,
                         .name = text.name.empty() ? taken.sku : text.name,
                         .variant_label = text.variant_label,
                         .unit_price = taken.unit_price,
                         .quantity = item.quantity,
                         .supplier_units = taken.from_suppliers});
        reserved.push_back(taken.outcome == catalog::Reservation::Outcome::reserved);
        input.lines.push_back({.unit_price = taken.unit_price, .quantity = item.quantity});
      }
      auto totals = cart::compute_totals(input);
      if (request.expected_total && *request.expected_total != totals.total)
        throw Refused{{.error = PlaceError::total_changed}};
      for (std::size_t i = 0; i < lines.size(); ++i) {
        lines[i].amount = totals.lines[i].amount;
        lines[i].tax = totals.lines[i].tax;
      }
      auto id = orders.next_id();
      auto sealed = core::seal(mail_.keys, address, sealed_fields::order_shipping_address(id));
      orders.insert({.id = id,
                     .number = number,
                     .user_id = request.user_id,
                     .cart_id = cart->id,
                     .email = request.email,
                     .locale = request.locale,
                     .currency = currency,
                     .region_code = rules->region.code,
                     .sealed_address = sealed,
                     .totals = totals,
                     .provider = request.provider,
                     .hold = request.hold,
                     .terms_version = request.terms_version});
      for (std::size_t i = 0; i < lines.size(); ++i)
        orders.insert_line(id, static_cast<int>(i), lines[i], reserved[i]);
      if (request.analytics.consent)
        orders.set_analytics(id, request.analytics.consent, request.analytics.client_id);
      orders.add_history(id, "customer", request.user_id ? std::to_string(*request.user_id) : "",
                         std::nullopt, name(OrderStatus::pending),
                         request.provider == PaymentProvider::manual ? "placed, to be paid offline"
                                                                     : "placed, paying online");
      if (request.provider == PaymentProvider::manual) {
        // Nothing more happens online: the cart is done, and the mail says how to pay.
        remove_from_cart(conn, cart->id, lines);
        if (auto order = load(conn, id))
          enqueue_order_mail(conn, *order, OrderMail::awaiting_payment, mail_);
      }
      return id;
    });
    auto order = co_await db_.transact([&](db::Connection& conn) { return load(conn, order_id); });
    co_return std::move(*order);
  } catch (const Refused& refused) {
    co_return std::unexpected(refused.failure);
  }
}

std::expected<OrderStatus, ChangeError> OrderService::change(db::Connection& conn,
                                                             std::int64_t order_id,
                                                             const Change& change) const {
  OrderRepository orders(conn);
  auto from = orders.lock_status(order_id);
  if (!from) return std::unexpected(ChangeError::unknown_order);
  if (change.expected && *change.expected != *from) return std::unexpected(ChangeError::stale);
  if (!transition_allowed(*from, change.to)) return std::unexpected(ChangeError::not_allowed);
  auto shipment = change.shipment;
  if (change.to == OrderStatus::fulfilled && complete(shipment))
    return std::unexpected(ChangeError::bad_shipment);
  auto order = orders.find_by_id(order_id);
  std::int64_t refund = 0;  // this refund, for its mail
  if (change.to == OrderStatus::refunded || change.to == OrderStatus::partially_refunded) {
    // Amounts are cumulative: a refund adds to the last, a full refund reaches the total.
    auto total = order->order.totals.total;
    auto amount = change.refunded_amount.value_or(total);
    bool partial = change.to == OrderStatus::partially_refunded;
    if (amount <= order->order.refunded_amount || amount > total || (partial && amount == total) ||
        (!partial && amount != total))
      return std::unexpected(ChangeError::bad_amount);
    orders.set_refunded_amount(order_id, amount);
    refund = amount - order->order.refunded_amount;
  }
  orders.set_status(order_id, change.to);
  if (change.to == OrderStatus::fulfilled && shipment != Shipment{})
    orders.set_shipment(order_id, shipment);
  if (change.to == OrderStatus::cancelled) release_stock(conn, order_id);
  if (change.to == OrderStatus::paid) remove_from_cart(conn, order->cart_id, order->order.lines);
  orders.add_history(order_id, change.actor.kind, change.actor.id, name(*from), name(change.to),
                     change.note);
  for (auto* observer : observers_)
    observer->changed(conn, {.order = order->order,
                             .from = *from,
                             .to = change.to,
                             .refund = refund,
                             .refunded_total = order->order.refunded_amount + refund});
  auto mail = change.mail ? change.mail : mail_for(change.to);
  // A manual order was confirmed when it was placed; its payment needs no second mail.
  if (mail == OrderMail::confirmation && order->order.provider == PaymentProvider::manual)
    mail.reset();
  if (mail && !change.quiet) {
    if (auto loaded = load(conn, order_id)) enqueue_order_mail(conn, *loaded, *mail, mail_, refund);
  }
  return *from;
}

boost::asio::awaitable<std::expected<Order, ChangeError>> OrderService::change(std::string number,
                                                                               Change change) {
  auto result =
      co_await db_.transact([&](db::Connection& conn) -> std::expected<std::int64_t, ChangeError> {
        auto id = OrderRepository(conn).find_by_number(number);
        if (!id) return std::unexpected(ChangeError::unknown_order);
        // change() checks everything before it writes: a refused change leaves nothing behind.
        auto changed = this->change(conn, id->order.id, change);
        if (!changed) return std::unexpected(changed.error());
        return id->order.id;
      });
  if (!result) co_return std::unexpected(result.error());
  auto order = co_await db_.transact([&](db::Connection& conn) { return load(conn, *result); });
  co_return std::move(*order);
}

std::optional<AnalyticsMark> OrderService::analytics_mark(db::Connection& conn,
                                                          std::int64_t order_id) const {
  return OrderRepository(conn).analytics(order_id);
}

bool OrderService::note(db::Connection& conn, std::int64_t order_id, const Actor& actor,
                        std::string_view text) const {
  OrderRepository orders(conn);
  auto status = orders.lock_status(order_id);
  if (!status) return false;
  orders.add_history(order_id, actor.kind, actor.id, std::nullopt, name(*status), text);
  return true;
}

boost::asio::awaitable<void> OrderService::set_payment_reference(std::string number,
                                                                 std::string reference) {
  co_await db_.transact([&](db::Connection& conn) {
    OrderRepository orders(conn);
    if (auto stored = orders.find_by_number(number))
      orders.set_payment_reference(stored->order.id, reference);
  });
}

std::optional<PaymentView> OrderService::lock_for_payment(db::Connection& conn, PaymentKey key,
                                                          std::string_view id) const {
  return find_view(conn, key, id, true);
}

std::optional<PaymentView> OrderService::lock_for_payment(db::Connection& conn,
                                                          std::int64_t order_id) const {
  OrderRepository orders(conn);
  if (!orders.lock_status(order_id)) return std::nullopt;
  return view_of(orders, order_id);
}

std::optional<PaymentView> OrderService::payment_view(db::Connection& conn, PaymentKey key,
                                                      std::string_view id) const {
  return find_view(conn, key, id, false);
}

std::optional<PaymentView> OrderService::payment_view(db::Connection& conn,
                                                      std::int64_t order_id) const {
  OrderRepository orders(conn);
  return view_of(orders, order_id);
}

void OrderService::set_payment_intent(db::Connection& conn, std::int64_t order_id,
                                      std::string_view intent) const {
  OrderRepository(conn).set_payment_intent(order_id, intent);
}

bool OrderService::exists(db::Connection& conn, std::string_view number) const {
  return is_order_number(number) && OrderRepository(conn).find_by_number(number).has_value();
}

boost::asio::awaitable<OrderListPage> OrderService::list(OrderFilter filter) {
  co_return co_await db_.transact([&filter](db::Connection& conn) {
    if (!filter.search.empty() && filter.customer_ids.empty())
      filter.customer_ids = accounts::user_ids_named(conn, filter.search, 200);
    return OrderReports(conn).list(filter);
  });
}

std::optional<std::int64_t> OrderService::id_of(db::Connection& conn,
                                                std::string_view number) const {
  if (!is_order_number(number)) return std::nullopt;
  auto stored = OrderRepository(conn).find_by_number(number);
  if (!stored) return std::nullopt;
  return stored->order.id;
}

std::optional<Order> load_order(db::Connection& conn, const core::SecretKeys& keys,
                                std::int64_t order_id) {
  auto stored = OrderRepository(conn).find_by_id(order_id);
  if (!stored) return std::nullopt;
  auto opened =
      core::open(keys, stored->sealed_address, sealed_fields::order_shipping_address(order_id));
  if (opened) stored->order.address = address_from_json(*opened);
  return std::move(stored->order);
}

std::map<std::int64_t, std::string> order_numbers(db::Connection& conn,
                                                  const std::vector<std::int64_t>& ids) {
  return OrderRepository(conn).numbers(ids);
}

std::optional<Order> OrderService::load(db::Connection& conn, std::int64_t order_id) const {
  return load_order(conn, mail_.keys, order_id);
}

boost::asio::awaitable<std::optional<Order>> OrderService::find(std::string number) {
  if (!is_order_number(number)) co_return std::nullopt;
  co_return co_await db_.transact([&](db::Connection& conn) -> std::optional<Order> {
    auto stored = OrderRepository(conn).find_by_number(number);
    if (!stored) return std::nullopt;
    return load(conn, stored->order.id);
  });
}

boost::asio::awaitable<std::vector<OrderSummary>> OrderService::list_for_user(
    std::int64_t user_id) {
  co_return co_await db_.transact(
      [&](db::Connection& conn) { return OrderRepository(conn).list_for_user(user_id, 50); });
}

int OrderService::release_expired(db::Connection& conn, int batch) const {
  int released = 0;
  for (auto id : OrderRepository(conn).expired_holds(batch)) {
    if (change(conn, id,
               {.to = OrderStatus::cancelled,
                .actor = {.kind = "system"},
                .note = "payment window passed; stock released"}))
      ++released;
  }
  return released;
}

}  // namespace comptoir::orders
