#include "admin/dashboard.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <map>

#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/sales_chart.hpp"
#include "backup/retention.hpp"
#include "catalog/catalog_urls.hpp"
#include "catalog/stock_report.hpp"
#include "checkout/payment_event_report.hpp"
#include "db/database.hpp"
#include "notify/outbox_report.hpp"
#include "orders/order_reports.hpp"
#include "settings/settings_store.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
namespace net = boost::asio;

constexpr int kChartDays = 30;

// Everything the dashboard shows, read in one snapshot.
struct Figures {
  std::vector<orders::SalesFigure> today{}, week{}, month{};
  std::vector<orders::DailySales> daily{};
  std::vector<orders::StatusCount> statuses{};
  std::vector<orders::TopProduct> top{};
  catalog::LowStock low_stock{};
  notify::OutboxHealth outbox{};
  checkout::PaymentEventHealth payments{};
};

// The last `days` days, oldest first, as YYYY-MM-DD (UTC, as the database groups them).
std::vector<std::string> last_days(int days) {
  using namespace std::chrono;
  auto today = floor<std::chrono::days>(system_clock::now());
  std::vector<std::string> out;
  for (int i = days - 1; i >= 0; --i) {
    year_month_day day{today - std::chrono::days{i}};
    out.push_back(fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                              static_cast<unsigned>(day.month()),
                              static_cast<unsigned>(day.day())));
  }
  return out;
}

void add_sales(views::Dict& body, const Kit& kit, Locale locale, std::string_view label,
               const std::vector<orders::SalesFigure>& figures) {
  auto& row = *body.AddSectionDictionary("SALES_ROW"_key);
  views::set(row, "PERIOD"_key, label);
  if (figures.empty()) {
    auto& line = *row.AddSectionDictionary("CURRENCY"_key);
    views::set(line, "NET"_key, kit.money(0, "CAD", locale));
    views::set(line, "ORDERS"_key, kit.number(0, locale));
    views::set(line, "BASKET"_key, "—");
    return;
  }
  for (const auto& figure : figures) {
    auto& line = *row.AddSectionDictionary("CURRENCY"_key);
    views::set(line, "NET"_key, kit.money(figure.net(), figure.currency, locale));
    views::set(line, "ORDERS"_key, kit.number(figure.orders, locale));
    views::set(line, "BASKET"_key, kit.money(figure.average_basket(), figure.currency, locale));
  }
}

void add_chart(views::Dict& body, const Kit& kit, Locale locale,
               const std::vector<orders::DailySales>& daily,
               const std::vector<orders::SalesFigure>& month) {
  // The chart draws the currency that sold most; the table lists every currency's days.
  std::string currency = month.empty() ? "CAD" : month.front().currency;
  std::map<std::string, std::int64_t, std::less<>> net_by_day;
  for (const auto& day : daily)
    if (day.currency == currency) net_by_day[day.day] = day.net;
  std::vector<ChartBar> bars;
  for (const auto& day : last_days(kChartDays)) {
    auto found = net_by_day.find(day);
    auto value = found == net_by_day.end() ? 0 : found->second;
    bars.push_back(
        {.label = day.substr(5), .amount = kit.money(value, currency, locale), .value = value});
  }
  auto title = fmt::format("{} ({})", kit.t(locale, "admin.dashboard.chart_title"), currency);
  views::set(body, "CHART_TITLE"_key, title);
  body.SetValue(
      "CHART_SVG"_key,
      sales_chart_svg(bars, {.id = "sales-chart",
                             .title = title,
                             .description = kit.t(locale, "admin.dashboard.chart_desc")}));
  for (const auto& day : daily) {
    auto& row = *body.AddSectionDictionary("DAY_ROW"_key);
    views::set(row, "DAY"_key, day.day);
    views::set(row, "ORDERS"_key, kit.number(day.orders, locale));
    views::set(row, "NET"_key, kit.money(day.net, day.currency, locale));
  }
  if (daily.empty()) body.ShowSection("NO_DAYS"_key);
}

std::string newest_backup(const std::filesystem::path& dir) {
  if (dir.empty()) return {};
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return {};
  auto backups = backup::list_backups(dir);
  if (backups.empty()) return {};
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", backups.front().time);
}

}  // namespace

net::awaitable<Response> Dashboard::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  const bool orders = staff.can("orders:read");
  const bool catalog = staff.can("catalog:read");
  int threshold = 0;

  auto figures = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    Figures out;
    if (orders) {
      orders::OrderReports reports(conn);
      out.today = reports.sales(0);
      out.week = reports.sales(7);
      out.month = reports.sales(kChartDays);
      out.daily = reports.daily_sales(kChartDays);
      out.statuses = reports.by_status();
      out.top = reports.top_products(kChartDays, 5);
      out.outbox = notify::outbox_health(conn);
      out.payments = checkout::payment_event_health(conn, kChartDays, 5);
    }
    threshold = settings::current(conn).low_stock_threshold;
    if (catalog) out.low_stock = catalog::low_stock(conn, threshold, 10);
    return out;
  });

  views::Dict body("admin_dashboard");
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  if (orders) {
    auto& sales = *body.AddSectionDictionary("ORDERS_SECTION"_key);
    kit_.labels(sales, locale,
                {
                    {"SALES_TITLE", "admin.dashboard.sales"},
                    {"PERIOD_HEAD", "admin.dashboard.period"},
                    {"NET_HEAD", "admin.dashboard.net_sales"},
                    {"ORDERS_HEAD", "admin.dashboard.orders"},
                    {"BASKET_HEAD", "admin.dashboard.average_basket"},
                });
    add_sales(sales, kit_, locale, t("admin.dashboard.today"), figures.today);
    add_sales(sales, kit_, locale, t("admin.dashboard.week"), figures.week);
    add_sales(sales, kit_, locale, t("admin.dashboard.month"), figures.month);
    add_chart(sales, kit_, locale, figures.daily, figures.month);
    kit_.labels(sales, locale,
                {
                    {"DAY_HEAD", "admin.dashboard.day"},
                    {"NO_DAYS_TEXT", "admin.dashboard.no_sales"},
                });

    views::set(sales, "STATUS_TITLE"_key, t("admin.dashboard.by_status"));
    for (const auto& count : figures.statuses) {
      auto& item = *sales.AddSectionDictionary("STATUS_ITEM"_key);
      auto status = std::string(orders::name(count.status));
      views::set(item, "URL"_key, fmt::format("{}?status={}", urls::kOrders, status));
      views::set(item, "TEXT"_key, t(fmt::format("orders.status.{}", status)));
      views::set(item, "COUNT"_key, kit_.number(count.count, locale));
    }
    if (figures.statuses.empty())
      views::set(sales, "NO_ORDERS"_key, t("admin.dashboard.no_orders"));

    kit_.labels(sales, locale,
                {
                    {"TOP_TITLE", "admin.dashboard.top_products"},
                    {"PRODUCT_HEAD", "admin.dashboard.product"},
                    {"UNITS_HEAD", "admin.dashboard.units"},
                    {"REVENUE_HEAD", "admin.dashboard.revenue"},
                });
    for (const auto& top : figures.top) {
      auto& row = *sales.AddSectionDictionary("TOP_ROW"_key);
      views::set(row, "NAME"_key, top.name);
      views::set(row, "UNITS"_key, kit_.number(top.units, locale));
      views::set(row, "REVENUE"_key, kit_.money(top.revenue, top.currency, locale));
    }
    if (figures.top.empty()) sales.ShowSection("NO_TOP"_key);
    views::set(sales, "NO_TOP_TEXT"_key, t("admin.dashboard.no_sales"));

    kit_.labels(sales, locale,
                {
                    {"HEALTH_TITLE", "admin.dashboard.health"},
                    {"OUTBOX_LABEL", "admin.dashboard.outbox_failing"},
                });
    views::set(sales, "OUTBOX_FAILING"_key, kit_.number(figures.outbox.failing, locale));
    views::set(sales, "OUTBOX_WAITING_LABEL"_key, t("admin.dashboard.outbox_waiting"));
    views::set(sales, "OUTBOX_WAITING"_key, kit_.number(figures.outbox.waiting, locale));
    if (!figures.outbox.last_error.empty()) {
      auto& error = *sales.AddSectionDictionary("OUTBOX_ERROR"_key);
      views::set(error, "LABEL"_key, t("admin.dashboard.outbox_last_error"));
      views::set(error, "TEXT"_key, figures.outbox.last_error);
    }
    views::set(sales, "REFUSED_LABEL"_key, t("admin.dashboard.payments_refused"));
    views::set(sales, "REFUSED"_key, kit_.number(figures.payments.refused, locale));
    views::set(sales, "WAITING_LABEL"_key, t("admin.dashboard.payments_waiting"));
    views::set(sales, "WAITING"_key, kit_.number(figures.payments.waiting, locale));
    for (const auto& event : figures.payments.latest_refused) {
      auto& row = *sales.AddSectionDictionary("REFUSED_EVENT"_key);
      views::set(row, "ID"_key, event.id);
      views::set(row, "TYPE"_key, event.type);
      views::set(row, "REASON"_key, t(fmt::format("admin.refusal.{}", event.refusal)));
      views::set(row, "WHEN"_key, Kit::when(event.received_at));
    }
  }
  if (catalog) {
    auto& stock = *body.AddSectionDictionary("STOCK_SECTION"_key);
    views::set(stock, "STOCK_TITLE"_key,
               fmt::format("{} ({}{})", t("admin.dashboard.low_stock"),
                           kit_.number(figures.low_stock.count, locale),
                           figures.low_stock.capped ? "+" : ""));
    views::set(
        stock, "THRESHOLD"_key,
        fmt::format("{} {}", t("admin.dashboard.threshold"), kit_.number(threshold, locale)));
    kit_.labels(stock, locale,
                {
                    {"SKU_HEAD", "orders.sku"},
                    {"PRODUCT_HEAD", "admin.dashboard.product"},
                    {"STOCK_HEAD", "admin.dashboard.stock"},
                });
    for (const auto& variant : figures.low_stock.lowest) {
      auto& row = *stock.AddSectionDictionary("STOCK_ROW"_key);
      views::set(row, "SKU"_key, variant.sku);
      views::set(row, "NAME"_key, locale == Locale::fr ? variant.name_fr : variant.name_en);
      views::set(row, "STOCK"_key, kit_.number(variant.stock, locale));
    }
    if (figures.low_stock.lowest.empty())
      views::set(stock, "NO_STOCK"_key, t("admin.dashboard.stock_ok"));
  }
  if (staff.can("settings:manage")) {
    auto& backups = *body.AddSectionDictionary("BACKUP_SECTION"_key);
    views::set(backups, "BACKUP_LABEL"_key, t("admin.dashboard.last_backup"));
    auto newest = newest_backup(kit_.deps().backup_dir);
    views::set(backups, "BACKUP"_key,
               newest.empty() ? t(kit_.deps().backup_dir.empty() ? "admin.dashboard.no_schedule"
                                                                 : "admin.dashboard.no_backup")
                              : newest);
  }
  co_return kit_.page(http::Status::ok, ctx, staff, Section::dashboard, t("admin.dashboard.title"),
                      "dashboard.tpl", body, kit_.notice(ctx, locale));
}

}  // namespace comptoir::admin
