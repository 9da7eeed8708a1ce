#include "admin/order_documents.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/postal_lines.hpp"
#include "cart/totals_facts.hpp"
#include "db/database.hpp"
#include "http/form.hpp"
#include "http/pages.hpp"
#include "orders/order_service.hpp"
#include "settings/settings_store.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

// The seller's lines: its legal name (or the shop's name), then its registered address.
std::vector<std::string> seller_lines(const settings::ShopSettings& shop, Locale locale) {
  std::vector<std::string> out;
  const auto& name = shop.legal.name.empty() ? (locale == Locale::fr ? shop.name_fr : shop.name_en)
                                             : shop.legal.name;
  if (!name.empty()) out.push_back(name);
  std::size_t start = 0;
  while (start < shop.legal.address.size()) {
    auto end = std::min(shop.legal.address.find('\n', start), shop.legal.address.size());
    out.push_back(shop.legal.address.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

net::awaitable<Response> OrderDocuments::invoice(Context& ctx) const {
  return show(ctx, Kind::invoice);
}

net::awaitable<Response> OrderDocuments::packing_slip(Context& ctx) const {
  return show(ctx, Kind::packing_slip);
}

net::awaitable<Response> OrderDocuments::show(Context& ctx, Kind kind) const {
  auto admitted = co_await kit_.admit(ctx, "orders:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  std::string number(ctx.param("number"));
  if (!orders::is_order_number(number)) throw http::HttpError(Status::not_found);
  auto found = co_await kit_.deps().orders.find(number);
  if (!found) throw http::HttpError(Status::not_found);
  const auto& order = *found;
  const auto query = http::query_of(ctx);
  const auto asked = core::locale_from_code(query.get("lang"));
  const Locale locale = asked.value_or(order.locale);  // the paper's language
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  const bool invoice = kind == Kind::invoice;
  auto title = fmt::format(
      "{} {}",
      kit_.t(staff.locale, invoice ? "admin.document.invoice" : "admin.document.packing_slip"),
      order.number);

  auto paid = orders::paid_at(order);
  if (!paid) {
    views::Dict body("admin_document");
    views::set(body, "BACK_URL"_key, urls::order(order.number));
    views::set(body, "BACK"_key, kit_.t(staff.locale, "admin.document.back"));
    co_return kit_.page(Status::conflict, ctx, staff, Section::orders, title, "order_document.tpl",
                        body, {}, kit_.t(staff.locale, "admin.document.not_paid"));
  }
  const bool with_address = staff.can("customers:read") && order.address.has_value();
  auto shop = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    // Reading a customer's address is personal data: each viewing is on record.
    if (with_address)
      kit_.audit(conn, ctx, staff, "order.address_viewed", "order", order.number,
                 {{"document", invoice ? "invoice" : "packing_slip"}});
    return settings::current(conn);
  });

  views::Dict body("admin_document");
  views::set(body, "BACK_URL"_key, urls::order(order.number));
  views::set(body, "BACK"_key, kit_.t(staff.locale, "admin.document.back"));
  views::set(body, "PRINT_HINT"_key, kit_.t(staff.locale, "admin.document.print_hint"));
  auto other = locale == Locale::fr ? Locale::en : Locale::fr;
  views::set(body, "OTHER_URL"_key,
             fmt::format("{}/{}?lang={}", urls::order(order.number),
                         invoice ? "invoice" : "packing-slip", core::code(other)));
  views::set(body, "OTHER_TEXT"_key,
             kit_.t(staff.locale, other == Locale::fr ? "admin.document.in_french"
                                                      : "admin.document.in_english"));
  auto& paper = *body.AddSectionDictionary("PAPER"_key);
  views::set(paper, "LANG"_key, core::code(locale));
  views::set(paper, "KIND"_key, invoice ? "invoice" : "packing-slip");
  views::set(paper, "HEADING"_key, t(invoice ? "document.invoice" : "document.packing_slip"));
  for (const auto& line : seller_lines(shop, locale))
    views::set(*paper.AddSectionDictionary("SELLER_LINE"_key), "TEXT"_key, line);
  auto fact = [&](std::string_view label, std::string_view value) {
    auto& row = *paper.AddSectionDictionary("FACT"_key);
    views::set(row, "LABEL"_key, label);
    views::set(row, "VALUE"_key, value);
  };
  fact(t(invoice ? "document.invoice_number" : "document.order_number"), order.number);
  fact(t(invoice ? "document.invoice_date" : "document.order_date"),
       (invoice ? *paid : order.created_at).substr(0, 10));
  if (invoice) {
    if (!shop.legal.gst_number.empty()) fact(t("document.gst_number"), shop.legal.gst_number);
    if (!shop.legal.qst_number.empty()) fact(t("document.qst_number"), shop.legal.qst_number);
    if (!shop.legal.vat_number.empty()) fact(t("document.vat_number"), shop.legal.vat_number);
  }

  views::set(paper, "PARTY_TITLE"_key, t(invoice ? "document.bill_to" : "document.ship_to"));
  if (with_address) {
    for (const auto& line : postal_lines(*order.address))
      views::set(*paper.AddSectionDictionary("PARTY_LINE"_key), "TEXT"_key, line);
  } else {
    views::set(*paper.AddSectionDictionary("PARTY_NOTE"_key), "TEXT"_key,
               kit_.t(staff.locale, staff.can("customers:read") ? "admin.order.address_sealed"
                                                                : "admin.order.address_hidden"));
  }
  if (invoice) views::set(*paper.AddSectionDictionary("PARTY_LINE"_key), "TEXT"_key, order.email);

  kit_.labels(paper, locale,
              {{"PRODUCT_HEAD", "cart.product"},
               {"SKU_HEAD", "orders.sku"},
               {"PRICE_HEAD", "cart.unit_price"},
               {"QUANTITY_HEAD", "cart.quantity"},
               {"AMOUNT_HEAD", "cart.line_total"},
               {"PACKED_HEAD", "document.packed"}});
  auto& table = *paper.AddSectionDictionary(invoice ? "PRICED_LINES" : "PACKED_LINES");
  for (const auto& line : order.lines) {
    auto& row = *table.AddSectionDictionary("LINE"_key);
    views::set(row, "NAME"_key,
               line.variant_label.empty() ? line.name
                                          : fmt::format("{} ({})", line.name, line.variant_label));
    views::set(row, "SKU"_key, line.sku);
    views::set(row, "QUANTITY"_key, kit_.number(line.quantity, locale));
    if (invoice) {
      views::set(row, "PRICE"_key, kit_.money(line.unit_price, order.currency, locale));
      views::set(row, "AMOUNT"_key, kit_.money(line.amount, order.currency, locale));
    }
  }
  if (invoice) {
    auto& totals = *paper.AddSectionDictionary("TOTALS"_key);
    views::set(totals, "TOTALS_TITLE"_key, t("document.totals"));
    for (const auto& [label, amount] : cart::totals_facts(
             order.totals, order.currency, locale, kit_.deps().messages, kit_.deps().formatter)) {
      auto& row = *totals.AddSectionDictionary("TOTAL"_key);
      views::set(row, "LABEL"_key, label);
      views::set(row, "VALUE"_key, amount);
    }
    if (order.totals.tax_included)
      views::set(*totals.AddSectionDictionary("TOTALS_NOTE"_key), "TEXT"_key,
                 t("document.taxes_included"));
    views::set(*totals.AddSectionDictionary("TOTALS_NOTE"_key), "TEXT"_key,
               t(order.provider == orders::PaymentProvider::stripe ? "document.paid_by_card"
                                                                   : "document.paid_offline"));
    if (order.refunded_amount > 0)
      views::set(*totals.AddSectionDictionary("TOTALS_NOTE"_key), "TEXT"_key,
                 fmt::format("{} {}", t("document.refunded"),
                             kit_.money(order.refunded_amount, order.currency, locale)));
  }
  if (!shop.contact_email.empty())
    views::set(*paper.AddSectionDictionary("CONTACT"_key), "TEXT"_key,
               fmt::format("{} {}", t("document.contact"), shop.contact_email));
  co_return kit_.page(Status::ok, ctx, staff, Section::orders, title, "order_document.tpl", body);
}

}  // namespace comptoir::admin
