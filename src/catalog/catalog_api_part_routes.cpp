// CatalogApi: a product's variants, translations and images. Each write answers with the whole
// product (and its new ETag): the product is the unit a client reads and versions.
#include <fmt/format.h>

#include "catalog/api_input.hpp"
#include "catalog/api_query.hpp"
#include "catalog/catalog_api.hpp"

namespace comptoir::catalog {
namespace {

using http::Context;
using http::Response;
using http::Status;
using Awaitable = net::awaitable<Response>;

constexpr std::string_view kProductNotFound = "catalog.error.product_not_found";

}  // namespace

void CatalogApi::add_product_part_routes(http::Router& router) {
  router.post(
      "/api/v1/products/{id}/variants",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        auto input = api::parse_variant(json_body(ctx));
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto changed = co_await deps_.catalog.create_variant(
            id, std::move(*input), api::expected_version(ctx.header(http::Field::if_match)),
            std::move(who));
        if (!changed) throw error(ctx, changed.error());
        auto res = product_response(ctx, *changed->product, Status::created);
        res.set(http::Field::location,
                fmt::format("/api/v1/products/{}/variants/{}", id, changed->subject_id));
        co_return res;
      },
      write_options());

  router.add(
      http::Method::patch, "/api/v1/products/{id}/variants/{variant_id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        auto variant_id = id_param(ctx, "variant_id", "catalog.error.variant_not_found");
        auto input = api::parse_variant(json_body(ctx));
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto changed = co_await deps_.catalog.update_variant(
            id, variant_id, std::move(*input),
            api::expected_version(ctx.header(http::Field::if_match)), std::move(who));
        if (!changed) throw error(ctx, changed.error());
        co_return product_response(ctx, *changed->product, Status::ok);
      },
      write_options());

  router.add(
      http::Method::delete_, "/api/v1/products/{id}/variants/{variant_id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        auto variant_id = id_param(ctx, "variant_id", "catalog.error.variant_not_found");
        auto who = author(ctx);
        auto changed = co_await deps_.catalog.delete_variant(
            id, variant_id, api::expected_version(ctx.header(http::Field::if_match)),
            std::move(who));
        if (!changed) throw error(ctx, changed.error());
        co_return product_response(ctx, *changed->product, Status::ok);
      },
      write_options());

  auto put_text = [this](Context& ctx) -> Awaitable {
    auto id = id_param(ctx, "id", kProductNotFound);
    auto locale = core::locale_from_code(ctx.param("lang"));
    if (!locale) throw not_found(ctx, "catalog.error.locale_not_found");
    auto input = api::parse_product_text(json_body(ctx));
    if (!input) throw invalid(ctx, input.error());
    auto who = author(ctx);
    auto updated = co_await deps_.catalog.put_product_text(
        id, *locale, std::move(*input), api::expected_version(ctx.header(http::Field::if_match)),
        std::move(who));
    if (!updated) throw error(ctx, updated.error());
    co_return product_response(ctx, **updated, Status::ok);
  };
  router.add(http::Method::post, "/api/v1/products/{id}/translations/{lang}", put_text,
             write_options());
  router.add(http::Method::patch, "/api/v1/products/{id}/translations/{lang}", put_text,
             write_options());
  router.add(
      http::Method::delete_, "/api/v1/products/{id}/translations/{lang}",
      [this](Context& ctx) -> Awaitable {
        throw error(ctx, CatalogError::conflict("catalog.error.translation_required"));
        co_return Response{Status::no_content, 11};
      },
      write_options());

  // A picture: uploaded as a form (catalog_api_uploads.cpp), or the metadata of a file already
  // under MEDIA_DIR as JSON.
  router.post(
      "/api/v1/products/{id}/images",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        if (http::is_multipart_form(ctx.header(http::Field::content_type)))
          co_return co_await upload_image(ctx, id);
        auto input = api::parse_image(json_body(ctx, true));
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto changed = co_await deps_.catalog.create_image(
            id, std::move(*input), api::expected_version(ctx.header(http::Field::if_match)),
            std::move(who));
        if (!changed) throw error(ctx, changed.error());
        auto res = product_response(ctx, *changed->product, Status::created);
        res.set(http::Field::location,
                fmt::format("/api/v1/products/{}/images/{}", id, changed->subject_id));
        co_return res;
      },
      upload_options());

  router.add(
      http::Method::patch, "/api/v1/products/{id}/images/{image_id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        auto image_id = id_param(ctx, "image_id", "catalog.error.image_not_found");
        auto input = api::parse_image(json_body(ctx));
        if (!input) throw invalid(ctx, input.error());
        auto who = author(ctx);
        auto changed = co_await deps_.catalog.update_image(
            id, image_id, std::move(*input),
            api::expected_version(ctx.header(http::Field::if_match)), std::move(who));
        if (!changed) throw error(ctx, changed.error());
        co_return product_response(ctx, *changed->product, Status::ok);
      },
      write_options());

  router.add(
      http::Method::delete_, "/api/v1/products/{id}/images/{image_id}",
      [this](Context& ctx) -> Awaitable {
        auto id = id_param(ctx, "id", kProductNotFound);
        auto image_id = id_param(ctx, "image_id", "catalog.error.image_not_found");
        auto who = author(ctx);
        auto changed = co_await deps_.catalog.delete_image(
            id, image_id, api::expected_version(ctx.header(http::Field::if_match)), std::move(who));
        if (!changed) throw error(ctx, changed.error());
        co_return product_response(ctx, *changed->product, Status::ok);
      },
      write_options());
}

}  // namespace comptoir::catalog
