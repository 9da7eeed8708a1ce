#include "orders/order_service.hpp"

#include "accounts/user_search.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include "cart/cart_service.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/inventory.hpp"
#include "catalog/storefront_product.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "orders/order_quote.hpp"
#include "orders/sealed_fields.hpp"

namespace comptoir::orders {
namespace {

// Thrown inside the placing transaction to roll back every unit already taken.
struct Refused {
  PlaceFailure failure;
};

// Thrown inside the placing transaction when a variant, once locked, no longer says what the
// order was built from: the transaction rolls back and the order is built again.
struct Requote {};
constexpr int kQuoteAttempts = 3;

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

// The stored order with its shipping address opened (nullopt when no key opens it).
Order opened(StoredOrder stored, const core::SecretKeys& keys) {
  auto address = core::open(keys, stored.sealed_address,
                            sealed_fields::order_shipping_address(stored.order.id));
  if (address) stored.order.address = address_from_json(*address);
  return std::move(stored.order);
}

// The order just written, as find_by_id() and opened() would read it back (a test compares
// them), from what was written: reading it back cost three statements in every checkout.
Order as_written(const NewOrder& row, const OrderStamps& stamps,
                 const std::vector<OrderLine>& lines, HistoryEntry placed,
                 std::string_view address_json) {
  Order order{.id = row.id,
              .number = row.number,
              .status = OrderStatus::pending,
              .user_id = row.user_id,
              .email = row.email,
              .locale = row.locale,
              .currency = row.currency,
              .region_code = row.region_code,
              .address = address_from_json(address_json),
              .totals = row.totals,
              .provider = row.provider,
              .terms_version = row.terms_version,
              .created_at = stamps.created_at,
              .reserved_until = stamps.reserved_until,
              .lines = lines};
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    order.lines[i].position = static_cast<int>(i);
    order.lines[i].supplier_units = 0;  // known once the stock is taken
  }
  order.history.push_back(std::move(placed));
  return order;
}

// Whether `id` can name an order by `key` at all (nothing to look up otherwise).
bool plausible_key(PaymentKey key, std::string_view id) {
  return !id.empty() && (key != PaymentKey::number || is_order_number(id));
}

// The order `key` names, its row locked until the transaction ends when `lock`.
std::optional<PaymentView> find_view(db::Connection& conn, PaymentKey key, std::string_view id,
                                     bool lock) {
  if (!plausible_key(key, id)) return std::nullopt;
  return OrderRepository(conn).payment_view(key, id, lock);
}

// The cart, the destination's rules, the variants' offers and the order's id, in one read.
struct Basis {
  std::optional<cart::StoredCart> cart{};
  std::optional<cart::RegionRules> rules{};
  std::vector<catalog::VariantOffer> offers{};
  std::int64_t id = 0;
};

Basis read_basis(db::Connection& conn, const PlaceRequest& request) {
  Basis basis{.cart = cart::CartService::stored(conn, request.owner)};
  if (!basis.cart || basis.cart->items.empty()) return basis;
  basis.rules = cart::CartService::region_rules(conn, request.region_code);
  if (!basis.rules) return basis;
  std::vector<std::int64_t> ids;
  for (const auto& item : basis.cart->items) ids.push_back(item.variant_id);
  basis.offers = catalog::Inventory::offers(conn, ids);
  basis.id = OrderRepository(conn).next_id();  // a sequence: taken even if the order is refused
  return basis;
}

// The cart's lines in variant order, named in `locale` from the catalog's cache (names are not
// locked: the order keeps what it read).
boost::asio::awaitable<std::vector<QuoteItem>> quote_items(
    catalog::CatalogService& products, const std::vector<cart::StoredItem>& stored,
    core::Locale locale) {
  auto cart_items = stored;
  std::ranges::sort(cart_items, {}, &cart::StoredItem::variant_id);
  std::vector<QuoteItem> items;
  for (const auto& item : cart_items) {
    QuoteItem quoted{
        .variant_id = item.variant_id, .product_id = item.product_id, .quantity = item.quantity};
    if (auto product = co_await products.product(item.product_id)) {
      quoted.name = product->text[locale].name;
      for (const auto& variant : product->variants)
        if (variant.id == item.variant_id && product->variants.size() > 1)
          quoted.variant_label = catalog::storefront::variant_label(*product, variant, locale);
    }
    items.push_back(std::move(quoted));
  }
  co_return items;
}

}  // namespace

boost::asio::awaitable<std::expected<Order, PlaceFailure>> OrderService::place(
    PlaceRequest request) {
  // Everything that needs no lock comes first (the quote, the number, the sealed address, the
  // rows and the mail); the stock last, so that a hot variant's row stays locked only for its
  // UPDATE and the commit. A price that moved in between makes the whole order again.
  auto number = new_order_number();
  auto address = to_json(request.address);
  for (int attempt = 1;; ++attempt) {
    // On the primary, as the write that follows: a replica may lag behind the cart. Outside a
    // transaction: read committed gave each of these reads its own snapshot anyway, and the
    // transaction below checks again what it takes, so a BEGIN and a COMMIT would buy nothing.
    auto basis =
        co_await db_.on_primary([&](db::Connection& conn) { return read_basis(conn, request); });
    if (!basis.cart || basis.cart->items.empty())
      co_return std::unexpected(PlaceFailure{.error = PlaceError::empty_cart});
    if (!basis.rules) co_return std::unexpected(PlaceFailure{.error = PlaceError::unknown_region});

    // In variant order, so two orders of the same variants lock them in the same order.
    auto items = co_await quote_items(catalog_, basis.cart->items, request.locale);
    auto priced = quote(items, basis.offers, *basis.rules);
    const auto& totals = priced.totals;
    auto sealed = core::seal(mail_.keys, address, sealed_fields::order_shipping_address(basis.id));
    try {
      auto placed = co_await db_.transact([&](db::Connection& conn) {
        OrderRepository orders(conn);
        // The order as the customer sees it, read before the stock is taken so that the hot
        // rows stay locked for no more than their UPDATE: what the stock changes below (the
        // units from suppliers) is copied into it.
        std::optional<Order> order;
        if (priced.complete) {
          NewOrder row{.id = basis.id,
                       .number = number,
                       .user_id = request.user_id,
                       .cart_id = basis.cart->id,
                       .email = request.email,
                       .locale = request.locale,
                       .currency = priced.currency,
                       .region_code = basis.rules->region.code,
                       .sealed_address = sealed,
                       .totals = totals,
                       .provider = request.provider,
                       .hold = request.hold,
                       .terms_version = request.terms_version};
          auto stamps = orders.insert(row);
          for (std::size_t i = 0; i < priced.lines.size(); ++i)
            orders.insert_line(basis.id, static_cast<int>(i), priced.lines[i], priced.tracked[i]);
          if (request.analytics.consent)
            orders.set_analytics(basis.id, request.analytics.consent, request.analytics.client_id);
          HistoryEntry entry{
              .occurred_at = stamps.created_at,  // the transaction's time, as the order's
              .actor_kind = "customer",
              .actor_id = request.user_id ? std::to_string(*request.user_id) : "",
              .to_status = std::string(name(OrderStatus::pending)),
              .note = request.provider == PaymentProvider::manual ? "placed, to be paid offline"
                                                                  : "placed, paying online"};
          orders.add_history(basis.id, entry.actor_kind, entry.actor_id, std::nullopt,
                             entry.to_status, entry.note);
          if (request.provider == PaymentProvider::manual)
            // Nothing more happens online: the cart is done, and the mail says how to pay.
            remove_from_cart(conn, basis.cart->id, priced.lines);
          order = as_written(row, stamps, priced.lines, std::move(entry), address);
          if (request.provider == PaymentProvider::manual)
            enqueue_order_mail(conn, *order, OrderMail::awaiting_payment, mail_);
        }
        // The stock, last. Refusals come in the order they always came: line by line, then the
        // total the customer reviewed.
        std::string currency;
        for (std::size_t i = 0; i < items.size(); ++i) {
          const auto& item = items[i];
          auto taken = catalog::Inventory::reserve(conn, item.variant_id, item.quantity);
          if (taken.outcome == catalog::Reservation::Outcome::unavailable)
            throw Refused{{.error = PlaceError::unavailable, .item = item.name}};
          if (taken.outcome == catalog::Reservation::Outcome::short_of_stock)
            throw Refused{{.error = PlaceError::out_of_stock, .item = item.name}};
          if (!still_quoted(priced, i, taken)) throw Requote{};
          if (!currency.empty() && currency != taken.currency)
            throw Refused{{.error = PlaceError::mixed_currencies, .item = item.name}};
          currency = taken.currency;
          if (taken.from_suppliers != 0) {
            orders.set_supplier_units(basis.id, static_cast<int>(i), taken.from_suppliers);
            if (order && i < order->lines.size())
              order->lines[i].supplier_units = taken.from_suppliers;
          }
        }
        if (request.expected_total && *request.expected_total != totals.total)
          throw Refused{{.error = PlaceError::total_changed}};
        // Every line was taken, so the order was complete and written.
        if (!order) throw std::logic_error("orders: a placed order could not be read back");
        return std::move(*order);
      });
      co_return std::move(placed);
    } catch (const Refused& refused) {
      co_return std::unexpected(refused.failure);
    } catch (const Requote&) {
      // A variant changed between the quote and its lock: again, with what it says now.
      if (attempt >= kQuoteAttempts)
        co_return std::unexpected(PlaceFailure{.error = PlaceError::total_changed});
    }
  }
}

PaymentView LockedOrder::payment() const {
  const auto& o = stored_.order;
  return {.id = o.id,
          .number = o.number,
          .status = o.status,
          .total = o.totals.total,
          .currency = o.currency,
          .refunded_amount = o.refunded_amount,
          .provider = o.provider,
          .payment_reference = o.payment_reference,
          .payment_intent = o.payment_intent};
}

std::expected<OrderStatus, ChangeError> OrderService::change(db::Connection& conn,
                                                             std::int64_t order_id,
                                                             const Change& change) const {
  // Locked first, read once: the checks, the observers and the mail all use this copy.
  auto order = OrderRepository(conn).lock_by_id(order_id);
  if (!order) return std::unexpected(ChangeError::unknown_order);
  return this->change(conn, LockedOrder(std::move(*order)), change);
}

std::expected<OrderStatus, ChangeError> OrderService::change(db::Connection& conn,
                                                             LockedOrder locked,
                                                             const Change& change) const {
  OrderRepository orders(conn);
  auto& order = locked.stored_;
  auto order_id = order.order.id;
  auto from = order.order.status;
  if (change.expected && *change.expected != from) return std::unexpected(ChangeError::stale);
  if (!transition_allowed(from, change.to)) return std::unexpected(ChangeError::not_allowed);
  auto shipment = change.shipment;
  if (change.to == OrderStatus::fulfilled && complete(shipment))
    return std::unexpected(ChangeError::bad_shipment);
  std::int64_t refund = 0;  // this refund, for its mail
  if (change.to == OrderStatus::refunded || change.to == OrderStatus::partially_refunded) {
    // Amounts are cumulative: a refund adds to the last, a full refund reaches the total.
    auto total = order.order.totals.total;
    auto amount = change.refunded_amount.value_or(total);
    bool partial = change.to == OrderStatus::partially_refunded;
    if (amount <= order.order.refunded_amount || amount > total || (partial && amount == total) ||
        (!partial && amount != total))
      return std::unexpected(ChangeError::bad_amount);
    orders.set_refunded_amount(order_id, amount);
    refund = amount - order.order.refunded_amount;
  }
  orders.set_status(
      order_id, from, change.to,
      {.actor_kind = change.actor.kind, .actor_id = change.actor.id, .text = change.note},
      change.payment_intent);
  bool shipped = change.to == OrderStatus::fulfilled && shipment != Shipment{};
  if (shipped) orders.set_shipment(order_id, shipment);
  if (change.to == OrderStatus::cancelled) release_stock(conn, order_id);
  if (change.to == OrderStatus::paid) remove_from_cart(conn, order.cart_id, order.order.lines);
  for (auto* observer : observers_)
    observer->changed(conn, {.order = order.order,
                             .from = from,
                             .to = change.to,
                             .refund = refund,
                             .refunded_total = order.order.refunded_amount + refund});
  auto mail = change.mail ? change.mail : mail_for(change.to);
  // A manual order was confirmed when it was placed; its payment needs no second mail.
  if (mail == OrderMail::confirmation && order.order.provider == PaymentProvider::manual)
    mail.reset();
  if (!mail || change.quiet) return from;
  if (shipped) {  // the mail tells the parcel just recorded
    order.order.carrier = shipment.carrier;
    order.order.tracking_number = shipment.tracking_number;
    order.order.tracking_url = shipment.tracking_url;
  }
  enqueue_order_mail(conn, opened(std::move(order), mail_.keys), *mail, mail_, refund);
  return from;
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
  return OrderRepository(conn).payment_view(order_id, true);
}

std::optional<LockedOrder> OrderService::lock_for_change(db::Connection& conn, PaymentKey key,
                                                         std::string_view id) const {
  if (!plausible_key(key, id)) return std::nullopt;
  auto stored = OrderRepository(conn).lock(key, id);
  if (!stored) return std::nullopt;
  return LockedOrder(std::move(*stored));
}

std::optional<PaymentView> OrderService::payment_view(db::Connection& conn, PaymentKey key,
                                                      std::string_view id) const {
  return find_view(conn, key, id, false);
}

std::optional<PaymentView> OrderService::payment_view(db::Connection& conn,
                                                      std::int64_t order_id) const {
  return OrderRepository(conn).payment_view(order_id, false);
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
  return opened(std::move(*stored), keys);
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
