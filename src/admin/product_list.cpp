// ProductScreens: the list of products, with its filters.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/product_form.hpp"
#include "admin/product_screens.hpp"
#include "admin/screen_parts.hpp"
#include "catalog/catalog_service.hpp"
#include "http/form.hpp"
#include "http/pages.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

constexpr int kPageSize = 50;
// Offsets deeper than this are refused: past 10 000 products a search or a filter finds faster.
constexpr int kMaxPage = 200;
constexpr std::size_t kMaxSearch = 100;
// Counted to a thousand ("1 000+"), or to the page's end when deeper: counting is the costly part
// of a filter that keeps few products among a million.
constexpr std::int64_t kCountUpTo = 1'000;

constexpr std::array<std::pair<catalog::Sort, std::string_view>, 4> kSorts{
    {{catalog::Sort::newest, "newest"},
     {catalog::Sort::name, "name"},
     {catalog::Sort::price_asc, "price"},
     {catalog::Sort::price_desc, "-price"}}};

// The list's filters as the query string gave them.
struct ListQuery {
  catalog::ProductQuery query{};
  std::string status{}, category{}, stock{}, fulfillment{}, sort{}, search{};
  bool bad = false;  // something could not be read: shown, and answered 400
};

ListQuery read_query(const Context& ctx, Locale locale) {
  ListQuery out;
  auto query = http::query_of(ctx);
  auto& q = out.query;
  q.locale = locale;
  q.page_size = kPageSize;
  q.cached = false;
  q.count_up_to = kCountUpTo;
  q.statuses = {kProductStatuses.begin(), kProductStatuses.end()};
  out.status = std::string(query.get("status"));
  if (!out.status.empty()) {
    if (auto status = catalog::parse_product_status(out.status)) {
      q.statuses = {*status};
    } else {
      out.bad = true;
      out.status.clear();
    }
  }
  out.category = std::string(query.get("category"));
  if (!out.category.empty()) {
    if (auto id = positive_number(out.category)) {
      q.category_id = *id;
    } else {
      out.bad = true;
      out.category.clear();
    }
  }
  out.stock = std::string(query.get("stock"));
  if (out.stock == "in") {
    q.in_stock_only = true;
  } else if (out.stock == "out") {
    q.out_of_stock_only = true;
  } else {
    out.bad = out.bad || !out.stock.empty();
    out.stock.clear();
  }
  out.fulfillment = std::string(query.get("fulfillment"));
  if (!out.fulfillment.empty()) {
    if (auto type = catalog::parse_fulfillment_type(out.fulfillment)) {
      q.fulfillment = type;
    } else {
      out.bad = true;
      out.fulfillment.clear();
    }
  }
  out.sort = std::string(query.get("sort"));
  q.sort = catalog::Sort::newest;
  if (!out.sort.empty()) {
    const auto* found =
        std::ranges::find(kSorts, out.sort, &std::pair<catalog::Sort, std::string_view>::second);
    if (found != kSorts.end()) {
      q.sort = found->first;
    } else {
      out.bad = true;
      out.sort.clear();
    }
  }
  auto search = search_of(query.get("q"), kMaxSearch);
  out.search = search;
  q.q = search;
  // A search sorts by relevance unless another order was asked.
  if (!search.empty() && out.sort.empty()) q.sort = catalog::Sort::relevance;
  auto page = positive_number(query.get("page"));
  q.page = page ? static_cast<int>(std::min<std::int64_t>(*page, kMaxPage)) : 1;
  return out;
}

std::string page_url(const ListQuery& query, int page) {
  auto number = page > 1 ? std::to_string(page) : std::string();
  return admin::list_url(urls::kProducts, {{"q", query.search},
                                           {"status", query.status},
                                           {"category", query.category},
                                           {"stock", query.stock},
                                           {"fulfillment", query.fulfillment},
                                           {"sort", query.sort},
                                           {"page", number}});
}

// Every category, depth first, its name indented by its depth.
void add_categories(views::Dict& body, const catalog::CategoryTree& tree, Locale locale,
                    std::optional<std::int64_t> parent, int depth,
                    std::optional<std::int64_t> selected) {
  for (const auto* category : tree.children(parent)) {
    std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    auto name = category->text[locale].name;
    add_option(body, "CATEGORY_OPTION", std::to_string(category->id),
               depth ? fmt::format("{}└ {}", indent, name) : name, selected == category->id);
    add_categories(body, tree, locale, category->id, depth + 1, selected);
  }
}

}  // namespace

net::awaitable<Response> ProductScreens::list(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto query = read_query(ctx, locale);
  auto& catalog = kit_.deps().catalog;
  auto tree = co_await catalog.categories();
  auto found = co_await catalog.list_products(query.query);

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_products");
  kit_.labels(body, locale,
              {{"NEW_TEXT", "admin.products.new"},
               {"FILTERS_LABEL", "admin.orders.filters"},
               {"SEARCH_LABEL", "admin.products.search"},
               {"SEARCH_HINT", "admin.products.search_hint"},
               {"STATUS_LABEL", "admin.product.field.status"},
               {"CATEGORY_LABEL", "admin.products.category"},
               {"STOCK_LABEL", "admin.products.stock"},
               {"FULFILLMENT_LABEL", "admin.product.field.fulfillment_type"},
               {"SORT_LABEL", "admin.products.sort"},
               {"FILTER_BUTTON", "admin.orders.filter"},
               {"RESET", "admin.orders.reset"},
               {"CAPTION", "admin.products.caption"},
               {"IMAGE_HEAD", "admin.products.image"},
               {"NAME_HEAD", "admin.product.field.name"},
               {"STATUS_HEAD", "admin.product.field.status"},
               {"PRICE_HEAD", "admin.products.price"},
               {"STOCK_HEAD", "admin.products.stock"},
               {"UPDATED_HEAD", "admin.products.updated"},
               {"PAGES_LABEL", "admin.orders.pages"}});
  if (staff.can("catalog:write")) {
    body.ShowSection("CAN_WRITE"_key);
    views::set(body, "NEW_URL"_key, urls::kProductNew);
    views::set(body, "IMPORT_URL"_key, urls::kProductsImport);
    views::set(body, "IMPORT"_key, t("admin.products.import"));
  }
  views::set(body, "ACTION"_key, urls::kProducts);
  views::set(body, "RESET_URL"_key, urls::kProducts);
  views::set(body, "EXPORT_URL"_key,
             admin::list_url(urls::kProductsCsv,
                             {{"status", query.status}, {"category", query.category}}));
  views::set(body, "EXPORT"_key, t("admin.products.export"));
  views::set(body, "EXPORT_HINT"_key, t("admin.products.export_hint"));
  views::set(body, "SEARCH"_key, query.search);
  add_option(body, "STATUS_OPTION", "", t("admin.products.any_status"), query.status.empty());
  for (auto status : kProductStatuses)
    add_option(body, "STATUS_OPTION", catalog::to_string(status),
               t(fmt::format("admin.product.status.{}", catalog::to_string(status))),
               query.status == catalog::to_string(status));
  add_option(body, "CATEGORY_OPTION", "", t("admin.products.any_category"),
             !query.query.category_id);
  add_categories(body, *tree, locale, std::nullopt, 0, query.query.category_id);
  add_option(body, "STOCK_OPTION", "", t("admin.products.any_stock"), query.stock.empty());
  add_option(body, "STOCK_OPTION", "in", t("admin.products.in_stock"), query.stock == "in");
  add_option(body, "STOCK_OPTION", "out", t("admin.products.out_of_stock"), query.stock == "out");
  add_option(body, "FULFILLMENT_OPTION", "", t("admin.products.any_fulfillment"),
             query.fulfillment.empty());
  for (auto type : kFulfillments)
    add_option(body, "FULFILLMENT_OPTION", catalog::to_string(type),
               t(fmt::format("admin.product.fulfillment.{}", catalog::to_string(type))),
               query.fulfillment == catalog::to_string(type));
  for (const auto& [sort, name] : kSorts)
    add_option(body, "SORT_OPTION", name, t(fmt::format("admin.products.sort.{}", name)),
               query.query.sort == sort);

  auto total = kit_.number(found.total, locale);
  views::set(body, "COUNT"_key,
             fmt::format("{}{} {}", total, found.total_capped ? "+" : "",
                         t(found.total == 1 ? "admin.products.one" : "admin.products.many")));
  for (const auto& item : found.items) {
    auto& row = *body.AddSectionDictionary("PRODUCT_ROW"_key);
    views::set(row, "URL"_key, urls::product(item.id));
    views::set(row, "NAME"_key, item.name.empty() ? fmt::format("#{}", item.id) : item.name);
    views::set(row, "STATUS"_key,
               t(fmt::format("admin.product.status.{}", catalog::to_string(item.status))));
    views::set(row, "STATUS_CLASS"_key, catalog::to_string(item.status));
    views::set(row, "PRICE"_key, kit_.money(item.price.cents, item.price.currency, locale));
    views::set(row, "STOCK"_key,
               t(item.in_stock ? "admin.products.in_stock" : "admin.products.out_of_stock"));
    views::set(row, "UPDATED"_key, Kit::when(item.updated_at));
    if (item.image)
      views::set(*row.AddSectionDictionary("THUMB"_key), "SRC"_key,
                 fmt::format("/media/{}", item.image->path));
  }
  if (found.items.empty())
    views::set(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key, t("admin.products.none"));
  const int page = query.query.page;
  if (page > 1) {
    auto& previous = *body.AddSectionDictionary("PREVIOUS_PAGE"_key);
    views::set(previous, "URL"_key, page_url(query, page - 1));
    views::set(previous, "TEXT"_key, t("admin.products.previous"));
  }
  auto shown = static_cast<std::int64_t>(page) * kPageSize;
  if ((shown < found.total || (found.total_capped && shown <= found.total)) && page < kMaxPage) {
    auto& next = *body.AddSectionDictionary("NEXT_PAGE"_key);
    views::set(next, "URL"_key, page_url(query, page + 1));
    views::set(next, "TEXT"_key, t("admin.products.next"));
  }
  co_return kit_.page(query.bad ? Status::bad_request : Status::ok, ctx, staff, Section::products,
                      t("admin.products.title"), "products.tpl", body, kit_.notice(ctx, locale),
                      query.bad ? t("admin.products.bad_filter") : std::string());
}

}  // namespace comptoir::admin
