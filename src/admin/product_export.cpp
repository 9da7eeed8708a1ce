// GET /admin/products.csv: the catalog for a spreadsheet (ProductScreens::export_csv).
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "admin/admin_kit.hpp"
#include "admin/product_screens.hpp"
#include "admin/screen_parts.hpp"
#include "catalog/catalog_export.hpp"
#include "core/csv.hpp"
#include "db/database.hpp"
#include "http/form.hpp"
#include "http/pages.hpp"

namespace comptoir::admin {
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

constexpr int kBatch = 2'000;

// 2450 → "24.50": a decimal point whatever the staff member's language, so a script or another
// shop reads it back the same.
std::string decimal(std::int64_t cents) {
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", std::abs(cents) / 100,
                     std::abs(cents) % 100);
}

void write_row(core::CsvWriter& csv, const catalog::ExportRow& row) {
  csv.number(row.product_id).text(row.status).text(row.fulfillment);
  for (const auto* field : {&row.slug, &row.name, &row.short_description, &row.description,
                            &row.meta_title, &row.meta_description})
    csv.text((*field)[Locale::fr]).text((*field)[Locale::en]);
  csv.text(row.brand)
      .text(row.primary_category)
      .text(row.categories)
      .text(row.featured ? "true" : "false")
      .number(row.weight_grams)
      .number(row.variant_id)
      .text(row.sku)
      .text(row.gtin)
      .text(row.variant_label[Locale::fr])
      .text(row.variant_label[Locale::en])
      .text(decimal(row.price_cents))
      .text(row.compare_at_cents ? decimal(*row.compare_at_cents) : "")
      .text(row.currency)
      .number(row.stock)
      .text(row.track_inventory ? "true" : "false");
  csv.end_row();
}

}  // namespace

net::awaitable<Response> ProductScreens::export_csv(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  auto query = http::query_of(ctx);
  catalog::ExportFilter filter;
  boost::json::object asked;
  if (auto status = query.get("status"); !status.empty()) {
    filter.status = catalog::parse_product_status(status);
    if (!filter.status)
      throw http::HttpError(Status::bad_request,
                            kit_.t(staff.locale, "admin.products.export_bad_filter"));
    asked["status"] = status;
  }
  if (auto category = query.get("category"); !category.empty()) {
    auto id = positive_number(category);
    if (!id)
      throw http::HttpError(Status::bad_request,
                            kit_.t(staff.locale, "admin.products.export_bad_filter"));
    filter.category_id = *id;
    asked["category"] = *id;
  }

  struct File {
    std::string text{};
    std::int64_t rows = 0;
    bool truncated = false;
  };
  // One snapshot for the whole file: a product written meanwhile is in it whole or not at all.
  // A retried transaction starts the file again.
  auto file = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) {
        core::CsvWriter csv;
        for (auto column : catalog::kExportColumns) csv.text(column);
        csv.end_row();
        std::int64_t rows = 0;
        bool truncated = false;
        auto pages = filter;
        pages.limit = kBatch;
        while (true) {
          auto batch = catalog::export_rows(conn, pages);
          for (const auto& row : batch) {
            if (rows == kMaxExportRows) {
              truncated = true;
              break;
            }
            write_row(csv, row);
            ++rows;
          }
          if (truncated || static_cast<int>(batch.size()) < kBatch) break;
          pages.after_product_id = batch.back().product_id;
          pages.after_variant_id = batch.back().variant_id;
        }
        kit_.audit(conn, ctx, staff, "catalog.exported", "", "",
                   {{"filters", asked}, {"rows", rows}, {"truncated", truncated}});
        return File{.text = csv.take(), .rows = rows, .truncated = truncated};
      },
      db::Isolation::repeatable_read);
  auto stamp =
      fmt::format("{:%Y%m%d-%H%M%S}",
                  std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  auto res = http::text(Status::ok, std::move(file.text), "text/csv; charset=utf-8");
  res.set(http::Field::content_disposition,
          fmt::format("attachment; filename=\"products-{}.csv\"", stamp));
  res.set(http::Field::cache_control, "no-store");
  if (file.truncated) res.set("Comptoir-Export-Truncated", "true");
  co_return res;
}

}  // namespace comptoir::admin
