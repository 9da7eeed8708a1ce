#include "admin/order_screens.hpp"

#include <fmt/format.h>

#include <array>
#include <tuple>

#include "core/text.hpp"

#include "accounts/user.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/fulfilment_section.hpp"
#include "admin/postal_lines.hpp"
#include "admin/screen_parts.hpp"
#include "cart/totals_facts.hpp"
#include "checkout/refund_service.hpp"
#include "db/database.hpp"
#include "http/pages.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_reports.hpp"
#include "orders/order_service.hpp"
#include "suppliers/order_fulfilment.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
using orders::OrderStatus;
namespace net = boost::asio;

constexpr int kPageSize = 50;
constexpr std::size_t kMaxSearch = 100;
constexpr std::size_t kMaxNote = 500;

constexpr std::array kStatuses{OrderStatus::pending,           OrderStatus::paid,
                               OrderStatus::fulfilled,         OrderStatus::delivered,
                               OrderStatus::cancelled,         OrderStatus::refunded,
                               OrderStatus::partially_refunded};

std::string status_text(const Kit& kit, Locale locale, OrderStatus status) {
  return kit.t(locale, fmt::format("orders.status.{}", orders::name(status)));
}

// The list's filters as the query string gave them, and what was wrong with them.
struct ListQuery {
  orders::OrderFilter filter{};
  std::string status{}, from{}, to{}, provider{}, search{};
  std::vector<std::string> errors{};  // message keys
};

ListQuery read_list_query(const Context& ctx) {
  ListQuery out;
  auto query = http::query_of(ctx);
  out.filter.limit = kPageSize;
  out.status = std::string(query.get("status"));
  if (!out.status.empty()) {
    out.filter.status = orders::parse_status(out.status);
    if (!out.filter.status) {
      out.errors.emplace_back("admin.orders.bad_status");
      out.status.clear();
    }
  }
  for (auto [name, text, target] : {std::tuple{"from", &out.from, &out.filter.created_from},
                                    std::tuple{"to", &out.to, &out.filter.created_to}}) {
    *text = std::string(query.get(name));
    if (text->empty()) continue;
    if (orders::is_iso_date(*text)) {
      *target = *text;
    } else {
      out.errors.emplace_back("admin.orders.bad_date");
      text->clear();
    }
  }
  out.provider = std::string(query.get("provider"));
  if (out.provider == "stripe")
    out.filter.provider = orders::PaymentProvider::stripe;
  else if (out.provider == "manual")
    out.filter.provider = orders::PaymentProvider::manual;
  else
    out.provider.clear();
  out.search = search_of(query.get("q"), kMaxSearch);
  out.filter.search = out.search;
  out.filter.before_id = positive_number(query.get("before"));
  return out;
}

std::string page_url(const ListQuery& query, std::optional<std::int64_t> before) {
  auto cursor = before ? std::to_string(*before) : std::string();
  return admin::list_url(urls::kOrders, {{"status", query.status},
                                         {"from", query.from},
                                         {"to", query.to},
                                         {"provider", query.provider},
                                         {"q", query.search},
                                         {"before", cursor}});
}

// The changes the back office offers from each state (refunds have their own form).
std::vector<OrderStatus> actions_from(const orders::Order& order) {
  using enum OrderStatus;
  std::vector<OrderStatus> out;
  for (auto to : {paid, fulfilled, delivered, cancelled}) {
    if (!orders::transition_allowed(order.status, to)) continue;
    // Marking paid is for offline payments: Stripe's own events pay Stripe orders.
    if (to == paid && order.provider != orders::PaymentProvider::manual) continue;
    out.push_back(to);
  }
  return out;
}

}  // namespace

net::awaitable<Response> OrderScreens::list(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "orders:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto query = read_list_query(ctx);
  auto page = co_await kit_.deps().orders.list(query.filter);

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_orders");
  kit_.labels(body, locale,
              {{"FILTERS_LABEL", "admin.orders.filters"},
               {"STATUS_LABEL", "orders.status_label"},
               {"PROVIDER_LABEL", "admin.orders.provider"},
               {"FROM_LABEL", "admin.orders.from"},
               {"TO_LABEL", "admin.orders.to"},
               {"FILTER_BUTTON", "admin.orders.filter"},
               {"RESET", "admin.orders.reset"},
               {"PAGES_LABEL", "admin.orders.pages"},
               {"SEARCH_LABEL", "admin.orders.search"},
               {"SEARCH_HINT", "admin.orders.search_hint"},
               {"CAPTION", "admin.orders.caption"},
               {"NUMBER_HEAD", "admin.orders.number"},
               {"DATE_HEAD", "admin.orders.date"},
               {"CUSTOMER_HEAD", "admin.orders.customer"},
               {"STATUS_HEAD", "orders.status_label"},
               {"ITEMS_HEAD", "admin.orders.items"},
               {"TOTAL_HEAD", "admin.orders.total"},
               {"PROVIDER_HEAD", "admin.orders.provider"}});
  views::set(body, "ACTION"_key, urls::kOrders);
  views::set(body, "SEARCH"_key, query.search);
  add_option(body, "STATUS_OPTION", "", t("admin.orders.any_status"), query.status.empty());
  for (auto status : kStatuses)
    add_option(body, "STATUS_OPTION", orders::name(status), status_text(kit_, locale, status),
               query.filter.status == status);
  add_option(body, "PROVIDER_OPTION", "", t("admin.orders.any_provider"), query.provider.empty());
  add_option(body, "PROVIDER_OPTION", "stripe", "Stripe", query.provider == "stripe");
  add_option(body, "PROVIDER_OPTION", "manual", t("admin.orders.provider_manual"),
             query.provider == "manual");
  views::set(body, "FROM"_key, query.from);
  views::set(body, "TO"_key, query.to);
  views::set(body, "RESET_URL"_key, urls::kOrders);
  for (const auto& row : page.rows) {
    auto& line = *body.AddSectionDictionary("ORDER_ROW"_key);
    views::set(line, "URL"_key, urls::order(row.number));
    views::set(line, "NUMBER"_key, row.number);
    views::set(line, "DATE"_key, Kit::when(row.created_at));
    views::set(line, "EMAIL"_key, row.email);
    views::set(line, "STATUS"_key, status_text(kit_, locale, row.status));
    views::set(line, "STATUS_CLASS"_key, orders::name(row.status));
    views::set(line, "ITEMS"_key, kit_.number(row.items, locale));
    views::set(line, "TOTAL"_key, kit_.money(row.total, row.currency, locale));
    views::set(line, "PROVIDER"_key,
               row.provider == orders::PaymentProvider::stripe ? std::string("Stripe")
                                                               : t("admin.orders.provider_manual"));
  }
  if (page.rows.empty())
    views::set(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key, t("admin.orders.none"));
  add_page_links(
      body, query.filter.before_id ? page_url(query, std::nullopt) : "", t("admin.orders.newest"),
      page.next_before_id ? page_url(query, page.next_before_id) : "", t("admin.orders.older"));
  std::string error;
  for (const auto& key : query.errors) error += (error.empty() ? "" : " ") + t(key);
  co_return kit_.page(query.errors.empty() ? Status::ok : Status::bad_request, ctx, staff,
                      Section::orders, t("admin.orders.title"), "orders.tpl", body, {}, error);
}

net::awaitable<Response> OrderScreens::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "orders:read");
  if (!admitted) co_return std::move(admitted.error());
  // Named first: GCC 12 destroys a temporary built inside co_await twice (architecture.md).
  std::string number(ctx.param("number"));
  auto notice = kit_.notice(ctx, admitted->locale);
  co_return co_await render_order(ctx, *admitted, std::move(number), Status::ok, std::move(notice));
}

net::awaitable<Response> OrderScreens::render_order(Context& ctx, const Staff& staff,
                                                    std::string number, Status status,
                                                    std::string message, bool is_error) const {
  const auto locale = staff.locale;
  if (!orders::is_order_number(number)) throw http::HttpError(Status::not_found);
  auto found = co_await kit_.deps().orders.find(number);
  if (!found) throw http::HttpError(Status::not_found);
  const auto& order = *found;
  const bool with_address = staff.can("customers:read") && order.address.has_value();
  std::optional<checkout::OrderRefunds> refunds;
  if (staff.can("orders:refund")) refunds = co_await kit_.deps().refunds.refunds_of(number);
  const auto order_id = order.id;
  auto fulfilment = co_await kit_.deps().db.transact(
      [order_id](db::Connection& conn) { return suppliers::fulfilment_of(conn, order_id); });
  if (with_address) {
    // Reading a customer's address is personal data: each viewing is on record.
    co_await kit_.deps().db.transact([&](db::Connection& conn) {
      kit_.audit(conn, ctx, staff, "order.address_viewed", "order", order.number);
    });
  }

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_order");
  kit_.labels(body, locale,
              {{"BACK", "admin.orders.back"},
               {"FACTS_TITLE", "admin.order.summary"},
               {"TOTALS_TITLE", "admin.order.totals"},
               {"ACTIONS_TITLE", "admin.order.actions"},
               {"LINES_TITLE", "orders.lines"},
               {"PRODUCT_HEAD", "cart.product"},
               {"SKU_HEAD", "orders.sku"},
               {"PRICE_HEAD", "cart.unit_price"},
               {"QUANTITY_HEAD", "cart.quantity"},
               {"AMOUNT_HEAD", "cart.line_total"},
               {"TAX_HEAD", "admin.order.line_tax"},
               {"HISTORY_TITLE", "admin.order.history"},
               {"WHEN_HEAD", "admin.order.when"},
               {"WHO_HEAD", "admin.order.who"},
               {"CHANGE_HEAD", "admin.order.change"},
               {"NOTE_HEAD", "admin.order.note"}});
  views::set(body, "BACK_URL"_key, urls::kOrders);
  auto fact = [&](std::string_view label, std::string_view value) {
    auto& row = *body.AddSectionDictionary("FACT"_key);
    views::set(row, "LABEL"_key, label);
    views::set(row, "VALUE"_key, value);
  };
  fact(t("orders.status_label"), status_text(kit_, locale, order.status));
  fact(t("admin.orders.date"), Kit::when(order.created_at));
  fact(t("admin.orders.customer"), order.email);
  fact(t("admin.order.language"), t(fmt::format("admin.language.{}", core::code(order.locale))));
  fact(t("admin.orders.provider"), order.provider == orders::PaymentProvider::stripe
                                       ? std::string("Stripe")
                                       : t("admin.orders.provider_manual"));
  if (!order.payment_reference.empty()) fact(t("admin.order.reference"), order.payment_reference);
  if (!order.payment_intent.empty()) fact(t("admin.order.payment"), order.payment_intent);
  if (order.refunded_amount > 0)
    fact(t("admin.order.refunded"), kit_.money(order.refunded_amount, order.currency, locale));
  if (!order.carrier.empty())
    fact(t("admin.order.carrier"), t(fmt::format("carriers.{}", order.carrier)));
  if (!order.tracking_number.empty()) fact(t("admin.order.tracking_number"), order.tracking_number);
  if (!order.tracking_url.empty()) fact(t("admin.order.tracking"), order.tracking_url);
  // The terms of sale the customer accepted by placing the order (none for older orders).
  if (!order.terms_version.empty()) fact(t("admin.order.terms_version"), order.terms_version);
  if (orders::paid_at(order)) {
    auto& papers = *body.AddSectionDictionary("DOCUMENTS"_key);
    views::set(papers, "INVOICE_URL"_key, urls::order(order.number) + "/invoice");
    views::set(papers, "INVOICE"_key, t("admin.document.invoice"));
    views::set(papers, "SLIP_URL"_key, urls::order(order.number) + "/packing-slip");
    views::set(papers, "SLIP"_key, t("admin.document.packing_slip"));
  }
  for (const auto& line : order.lines) {
    auto& row = *body.AddSectionDictionary("LINE"_key);
    views::set(row, "NAME"_key,
               line.variant_label.empty() ? line.name
                                          : fmt::format("{} ({})", line.name, line.variant_label));
    views::set(row, "SKU"_key, line.sku);
    views::set(row, "PRICE"_key, kit_.money(line.unit_price, order.currency, locale));
    views::set(row, "QUANTITY"_key, kit_.number(line.quantity, locale));
    views::set(row, "AMOUNT"_key, kit_.money(line.amount, order.currency, locale));
    views::set(row, "TAX"_key, kit_.money(line.tax, order.currency, locale));
  }
  for (const auto& [label, amount] : cart::totals_facts(
           order.totals, order.currency, locale, kit_.deps().messages, kit_.deps().formatter)) {
    auto& row = *body.AddSectionDictionary("TOTAL"_key);
    views::set(row, "LABEL"_key, label);
    views::set(row, "VALUE"_key, amount);
  }

  auto& address = *body.AddSectionDictionary("ADDRESS_SECTION"_key);
  views::set(address, "ADDRESS_TITLE"_key, t("admin.order.address"));
  if (with_address) {
    for (const auto& line : postal_lines(*order.address))
      views::set(*address.AddSectionDictionary("ADDRESS_LINE"_key), "TEXT"_key, line);
    views::set(address, "ADDRESS_NOTE"_key, t("admin.order.address_audited"));
  } else {
    views::set(address, "ADDRESS_NOTE"_key,
               t(staff.can("customers:read") ? "admin.order.address_sealed"
                                             : "admin.order.address_hidden"));
  }
  for (const auto& entry : order.history) {
    auto& row = *body.AddSectionDictionary("HISTORY"_key);
    views::set(row, "WHEN"_key, Kit::when(entry.occurred_at));
    views::set(row, "WHO"_key,
               entry.actor_id.empty() ? entry.actor_kind
                                      : fmt::format("{} #{}", entry.actor_kind, entry.actor_id));
    auto to = orders::parse_status(entry.to_status);
    auto from = orders::parse_status(entry.from_status);
    views::set(row, "CHANGE"_key,
               fmt::format("{}{}", from ? status_text(kit_, locale, *from) + " → " : "",
                           to ? status_text(kit_, locale, *to) : entry.to_status));
    views::set(row, "NOTE"_key, entry.note);
  }

  if (staff.can("orders:write")) {
    for (auto to : actions_from(order)) {
      auto& form = *body.AddSectionDictionary("ACTION"_key);
      views::set(form, "URL"_key, fmt::format("{}/status", urls::order(order.number)));
      views::set(form, "CSRF"_key, staff.csrf());
      views::set(form, "TO"_key, orders::name(to));
      views::set(form, "EXPECTED"_key, orders::name(order.status));
      views::set(form, "ID"_key, orders::name(to));
      views::set(form, "TITLE"_key, t(fmt::format("admin.order.action.{}", orders::name(to))));
      views::set(form, "HINT"_key, t(fmt::format("admin.order.action_hint.{}", orders::name(to))));
      views::set(form, "SUBMIT"_key, t(fmt::format("admin.order.action.{}", orders::name(to))));
      views::set(form, "NOTE_LABEL"_key, t("admin.order.note"));
      if (to == OrderStatus::fulfilled) {
        auto& tracking = *form.AddSectionDictionary("TRACKING"_key);
        kit_.labels(tracking, locale,
                    {
                        {"LABEL", "admin.order.tracking_url"},
                        {"HINT", "admin.order.tracking_hint"},
                        {"CARRIER_LABEL", "admin.order.carrier"},
                        {"NUMBER_LABEL", "admin.order.tracking_number"},
                        {"NUMBER_HINT", "admin.order.tracking_number_hint"},
                    });
        views::set(*tracking.AddSectionDictionary("CARRIER"_key), "NAME"_key,
                   t("admin.order.carrier_none"));
        for (const auto& carrier : orders::carriers()) {
          auto& option = *tracking.AddSectionDictionary("CARRIER"_key);
          views::set(option, "CODE"_key, carrier.code);
          views::set(option, "NAME"_key, t(fmt::format("carriers.{}", carrier.code)));
        }
      }
      if (to == OrderStatus::cancelled) form.ShowSection("DANGER"_key);
    }
  }
  fill_fulfilment(kit_, body, locale, fulfilment);
  if (refunds) refund_screen_.fill(body, staff, *refunds);
  auto title = fmt::format("{} {}", t("admin.order.title"), order.number);
  co_return kit_.page(status, ctx, staff, Section::orders, title, "order.tpl", body,
                      is_error ? std::string_view{} : std::string_view(message),
                      is_error ? std::string_view(message) : std::string_view{});
}

net::awaitable<Response> OrderScreens::change(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "orders:write");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  const auto locale = staff.locale;
  std::string number(ctx.param("number"));
  if (!orders::is_order_number(number)) throw http::HttpError(Status::not_found);

  auto to = orders::parse_status(form.get("to"));
  auto expected = orders::parse_status(form.get("expected"));
  // Not a coroutine itself: it builds the message before render_order's frame takes it.
  auto fail = [&](Status status, std::string_view key) {
    auto message = kit_.t(locale, key);
    return render_order(ctx, staff, number, status, std::move(message), true);
  };
  if (!to || !expected ||
      (*to != OrderStatus::paid && *to != OrderStatus::fulfilled && *to != OrderStatus::delivered &&
       *to != OrderStatus::cancelled))
    co_return co_await fail(Status::bad_request, "admin.order.bad_action");
  orders::Shipment shipment;
  if (*to == OrderStatus::fulfilled) {
    shipment = {.carrier = std::string(form.get("carrier")),
                .tracking_number = std::string(core::trim_blanks(form.get("tracking_number"))),
                .tracking_url = std::string(core::trim_blanks(form.get("tracking_url")))};
    if (auto refused = orders::complete(shipment))
      co_return co_await fail(Status::unprocessable_entity, orders::message_key(*refused));
  }
  std::string note(core::trim_blanks(form.get("note")));
  if (note.size() > kMaxNote)
    co_return co_await fail(Status::unprocessable_entity, "admin.order.note_too_long");

  orders::Change change{.to = *to,
                        .expected = *expected,
                        .actor = {.kind = "user", .id = std::to_string(staff.user().id)},
                        .note = note,
                        .shipment = shipment};
  auto& service = kit_.deps().orders;
  auto changed = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) -> std::expected<OrderStatus, orders::ChangeError> {
        auto id = service.id_of(conn, number);
        if (!id) return std::unexpected(orders::ChangeError::unknown_order);
        // Marking paid is for offline payments only; the service does not know who asks.
        if (*to == OrderStatus::paid) {
          auto order = service.load(conn, *id);
          if (!order || order->provider != orders::PaymentProvider::manual)
            return std::unexpected(orders::ChangeError::not_allowed);
        }
        auto result = service.change(conn, *id, change);
        if (!result) return result;
        boost::json::object details{{"from", orders::name(*result)}, {"to", orders::name(*to)}};
        if (!shipment.carrier.empty()) details["carrier"] = shipment.carrier;
        if (!shipment.tracking_number.empty())
          details["tracking_number"] = shipment.tracking_number;
        if (!shipment.tracking_url.empty()) details["tracking_url"] = shipment.tracking_url;
        if (!note.empty()) details["note"] = note;
        kit_.audit(conn, ctx, staff, "order.status_changed", "order", number, std::move(details));
        return result;
      });
  if (!changed) {
    if (changed.error() == orders::ChangeError::unknown_order)
      throw http::HttpError(Status::not_found);
    const auto refusal = orders::refusal_of(changed.error());
    auto key =
        changed.error() == orders::ChangeError::stale ? "admin.order.stale" : refusal.message_key;
    co_return co_await fail(refusal.status, key);
  }
  co_return http::see_other(
      http::with_notice(urls::order(number), fmt::format("order_{}", orders::name(*to))));
}

net::awaitable<Response> OrderScreens::refund(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "orders:refund");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  std::string number(ctx.param("number"));
  if (!orders::is_order_number(number)) throw http::HttpError(Status::not_found);
  RefundScreen::Target target{
      .order_number = number, .page = urls::order(number), .succeeded_notice = "refund_succeeded"};
  auto outcome = co_await refund_screen_.refund(ctx, staff, std::move(target), form);
  if (outcome.done) co_return std::move(*outcome.done);
  co_return co_await render_order(ctx, staff, std::move(number), outcome.status,
                                  std::move(outcome.error), true);
}

}  // namespace comptoir::admin
