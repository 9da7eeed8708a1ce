// CatalogApi: the /api/v1 routes. Handlers are thin: parse → service → status.
#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include "accounts/api_token.hpp"
#include "accounts/authorization.hpp"
#include "catalog/api_input.hpp"
#include "catalog/api_json.hpp"
#include "catalog/api_query.hpp"
#include "catalog/catalog_api.hpp"

namespace comptoir::catalog {
namespace {

using http::Context;
using http::Response;
using http::Status;
using Awaitable = net::awaitable<Response>;

constexpr std::string_view kProductNotFound = "catalog.error.product_not_found";
constexpr std::string_view kCategoryNotFound = "catalog.error.category_not_found";

Response no_content() {
  return Response{Status::no_content, 11};
}

void set_location(Response& res, std::string location) {
  res.set(http::Field::location, location);
}

}  // namespace

void CatalogApi::add_routes(http::Router& router) {
  add_category_routes(router);
  add_product_routes(router);
  add_product_part_routes(router);
  add_docs_routes(router);
}

void CatalogApi::add_category_routes(http::Router& router) {
  router.get("/api/v1/categories", [this](Context& ctx) -> Awaitable {
    auto locale = locale_of(ctx);
    bool staff = co_await sees_unpublished(ctx);
    auto tree = co_await deps_.catalog.categories();
    auto body =
        boost::json::serialize(api::category_tree_json(*tree, staff, {locale, deps_.formatter}));
    auto etag = api::body_etag(body);
    Response res{Status::ok, 11};
    if (api::none_match(ctx.header(http::Field::if_none_match), etag)) {
      res.result(Status::not_modified);
    } else {
      res = http::text(Status::ok, std::move(body), "application/json");
    }
    res.set(http::Field::etag, etag);
    res.set(http::Field::cache_control, "no-cache");
    res.set(http::Field::vary, "Accept-Language, Authorization");
    co_return res;
  });

  router.get("/api/v1/categories/{id}", [this](Context& ctx) -> Awaitable {
    auto id = id_param(ctx, "id", kCategoryNotFound);
    auto category = co_await deps_.catalog.category(id);
    if (!category || (!category->active && !co_await sees_unpublished(ctx)))
      throw not_found(ctx, kCategoryNotFound);
    co_return category_response(ctx, *category, Status::ok);
  });

  router.post(
      "/api/v1/categories",
      [this](Context& ctx) -> Awaitable {
        auto input = api::parse_category(json_body(ctx));
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto created = co_await deps_.catalog.create_category(std::move(*input), std::move(who));
        if (!created) throw error(ctx, created.error());
        auto res = category_response(ctx, *created, Status::created);
        set_location(res, fmt::format("/api/v1/categories/{}", created->id));
        co_return res;
      },
      write_options());

  router.add(
      http::Method::patch, "/api/v1/categories/{id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kCategoryNotFound);
        auto input = api::parse_category(json_body(ctx));
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto updated = co_await deps_.catalog.update_category(
            id, std::move(*input), api::expected_version(ctx.header(http::Field::if_match)),
            std::move(who));
        if (!updated) throw error(ctx, updated.error());
        co_return category_response(ctx, *updated, Status::ok);
      },
      write_options());

  router.add(
      http::Method::delete_, "/api/v1/categories/{id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kCategoryNotFound);
        std::optional<std::int64_t> reassign_to;
        if (auto text = api::query_param(ctx.query, "reassign_to")) {
          reassign_to = api::parse_id(*text);
          if (!reassign_to) throw invalid(ctx, {{"reassign_to", "catalog.error.type_integer", {}}});
        }
        auto who = author(ctx);
        auto deleted = co_await deps_.catalog.delete_category(
            id, reassign_to, api::expected_version(ctx.header(http::Field::if_match)),
            std::move(who));
        if (!deleted) throw error(ctx, deleted.error());
        co_return no_content();
      },
      write_options());

  auto put_text = [this](Context& ctx) -> Awaitable {
    auto id = id_param(ctx, "id", kCategoryNotFound);
    auto locale = core::locale_from_code(ctx.param("lang"));
    if (!locale) throw not_found(ctx, "catalog.error.locale_not_found");
    auto input = api::parse_category_text(json_body(ctx));
    if (!input) throw invalid(ctx, input.error());
    auto who = author(ctx);
    auto updated = co_await deps_.catalog.put_category_text(
        id, *locale, std::move(*input), api::expected_version(ctx.header(http::Field::if_match)),
        std::move(who));
    if (!updated) throw error(ctx, updated.error());
    co_return category_response(ctx, *updated, Status::ok);
  };
  router.add(http::Method::post, "/api/v1/categories/{id}/translations/{lang}", put_text,
             write_options());
  router.add(http::Method::patch, "/api/v1/categories/{id}/translations/{lang}", put_text,
             write_options());
  router.add(
      http::Method::delete_, "/api/v1/categories/{id}/translations/{lang}",
      [this](Context& ctx) -> Awaitable {
        // Both languages are required: a translation can be changed, never removed.
        throw error(ctx, CatalogError::conflict("catalog.error.translation_required"));
        co_return no_content();
      },
      write_options());
}

void CatalogApi::add_product_routes(http::Router& router) {
  router.get("/api/v1/products", [this](Context& ctx) -> Awaitable {
    auto params = api::parse_list_params(ctx.query, ctx.locale);
    if (!params) throw invalid(ctx, params.error());
    if (params->statuses_asked) {
      // Filtering by status is for staff: 401 without credentials, 403 without the scope.
      auto principal = co_await deps_.authorizer.identify(ctx);
      if (!principal || !(principal->has_scope(accounts::kScopeCatalogRead) ||
                          principal->has_scope(accounts::kScopeCatalogWrite)))
        co_await deps_.authorizer.require(ctx, accounts::kScopeCatalogRead);
    }
    auto list = co_await deps_.catalog.list_products(params->query);
    auto body = boost::json::serialize(
        api::product_list_json(list, {params->query.locale, deps_.formatter}));
    auto etag = api::body_etag(body);
    Response res{Status::ok, 11};
    if (api::none_match(ctx.header(http::Field::if_none_match), etag))
      res.result(Status::not_modified);
    else
      res = http::text(Status::ok, std::move(body), "application/json");
    res.set(http::Field::etag, etag);
    res.set(http::Field::cache_control, "no-cache");
    res.set(http::Field::vary, "Accept-Language, Authorization");
    co_return res;
  });

  // Before /api/v1/products/{id}/…: patterns are tried in the order they were added.
  router.get("/api/v1/products/by-slug/{lang}/{slug}", [this](Context& ctx) -> Awaitable {
    auto locale = core::locale_from_code(ctx.param("lang"));
    if (!locale) throw not_found(ctx, "catalog.error.locale_not_found");
    bool staff = co_await sees_unpublished(ctx);
    auto found = co_await deps_.catalog.product_by_slug(*locale, ctx.param("slug"), staff);
    if (found.moved_to) {
      // An old slug: the client should use the current one from now on.
      auto res = http::redirect(
          Status::moved_permanently,
          fmt::format("/api/v1/products/by-slug/{}/{}", core::code(*locale), *found.moved_to));
      res.set(http::Field::cache_control, "no-cache");
      co_return res;
    }
    if (!found.found) throw not_found(ctx, kProductNotFound);
    if (!staff) co_return product_response(ctx, **found.found, Status::ok);
    auto live = co_await deps_.catalog.product_for_staff((*found.found)->id);
    if (!live) throw not_found(ctx, kProductNotFound);
    co_return product_response(ctx, *live, Status::ok);
  });

  // Staff (a catalog scope) read the primary: the stock counts of the cache stay as they were
  // until the product shows a change (a sale that leaves it in stock drops nothing), and a write
  // that follows needs the current version.
  router.get("/api/v1/products/{id}", [this](Context& ctx) -> Awaitable {
    auto id = id_param(ctx, "id", kProductNotFound);
    bool staff = co_await sees_unpublished(ctx);
    std::shared_ptr<const Product> product;
    if (staff)
      product = co_await deps_.catalog.product_for_staff(id);
    else
      product = co_await deps_.catalog.product(id, false);
    if (!product) throw not_found(ctx, kProductNotFound);
    co_return product_response(ctx, *product, Status::ok);
  });

  router.post(
      "/api/v1/products",
      [this](Context& ctx) -> Awaitable {
        auto input = api::parse_product(json_body(ctx), true);
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto created = co_await deps_.catalog.create_product(std::move(*input), std::move(who));
        if (!created) throw error(ctx, created.error());
        auto res = product_response(ctx, **created, Status::created);
        set_location(res, fmt::format("/api/v1/products/{}", (*created)->id));
        co_return res;
      },
      write_options());

  router.add(
      http::Method::patch, "/api/v1/products/{id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        auto input = api::parse_product(json_body(ctx), false);
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto updated = co_await deps_.catalog.update_product(
            id, std::move(*input), api::expected_version(ctx.header(http::Field::if_match)),
            std::move(who));
        if (!updated) throw error(ctx, updated.error());
        co_return product_response(ctx, **updated, Status::ok);
      },
      write_options());

  router.add(
      http::Method::delete_, "/api/v1/products/{id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        auto who = author(ctx);
        auto deleted = co_await deps_.catalog.delete_product(
            id, api::expected_version(ctx.header(http::Field::if_match)), std::move(who));
        if (!deleted) throw error(ctx, deleted.error());
        co_return no_content();
      },
      write_options());
}

}  // namespace comptoir::catalog
