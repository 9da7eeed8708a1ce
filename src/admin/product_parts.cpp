// ProductScreens: a product's variants and pictures, and deleting it.
#include <fmt/format.h>

#include "accounts/csrf.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/product_form.hpp"
#include "admin/product_screens.hpp"
#include "admin/screen_parts.hpp"
#include "catalog/catalog_service.hpp"
#include "http/multipart.hpp"
#include "http/pages.hpp"

namespace comptoir::admin {
namespace {

using catalog::CatalogError;
using catalog::CatalogErrorCode;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

// A phone's JPEG is 3 to 8 MB, a camera's up to about 12 (as the API's upload).
constexpr std::size_t kMaxUploadBytes = 15 * 1024 * 1024;
constexpr http::MultipartLimits kUploadLimits{.max_body_bytes = kMaxUploadBytes,
                                              .max_parts = 8,
                                              .max_part_header_bytes = 2048,
                                              .max_field_bytes = 4096};

// The refusal a failed write shows on the product's page, for the form `form_id`.
ProductScreens::Refusal refusal_of(const Kit& kit, core::Locale locale, const CatalogError& error,
                                   std::string form_id) {
  ProductScreens::Refusal refusal{.status = form_status(error), .form_id = std::move(form_id)};
  if (error.code == CatalogErrorCode::version_mismatch) {
    // Someone changed the product since the page was shown: nothing was written; the page now
    // shows it as it is, and the form keeps what was typed.
    refusal.message = kit.t(locale, "admin.product.stale_part");
  } else if (error.code == CatalogErrorCode::invalid &&
             error.message_key == "catalog.error.validation") {
    refusal.message = kit.t(locale, "admin.product.invalid");
  } else {
    refusal.message = kit.t(locale, error.message_key);
  }
  refusal.fields = error.fields;
  return refusal;
}

}  // namespace

net::awaitable<std::expected<ProductScreens::Posted, Response>> ProductScreens::posted(
    Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "catalog:write");
  if (!admitted) co_return std::unexpected(std::move(admitted.error()));
  auto id = id_param(ctx, "id");
  auto version = read_version(admitted->form);
  if (!version) throw http::HttpError(Status::bad_request);
  co_return Posted{
      .staff = admitted->staff, .form = std::move(admitted->form), .id = id, .version = version};
}

net::awaitable<std::optional<std::string>> ProductScreens::confirmed(Context& ctx,
                                                                     const Staff& staff,
                                                                     const http::Form& form) const {
  if (form.get("confirm") != "yes") co_return std::string("admin.product.not_confirmed");
  std::string code(form.get("code"));
  co_return co_await kit_.confirm_identity(ctx, staff, std::move(code));
}

net::awaitable<Response> ProductScreens::add_variant(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;

  catalog::FieldErrors errors;
  auto input = read_variant(form, true, errors);
  if (!errors.empty()) {
    Refusal refusal{.message = kit_.t(staff.locale, "admin.product.invalid"),
                    .fields = std::move(errors),
                    .form_id = "new-variant"};
    co_return co_await render(ctx, staff, id, &refusal, &form);
  }
  auto author = author_of(ctx, staff);
  auto added =
      co_await kit_.deps().catalog.create_variant(id, std::move(input), version, std::move(author));
  if (added) co_return http::see_other(http::with_notice(urls::product(id), "variant_added"));
  if (added.error().message_key == "catalog.error.product_not_found")
    throw http::HttpError(Status::not_found);
  auto refusal = refusal_of(kit_, staff.locale, added.error(), "new-variant");
  co_return co_await render(ctx, staff, id, &refusal, &form);
}

net::awaitable<Response> ProductScreens::save_variant(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;
  auto variant_id = id_param(ctx, "variant");

  const auto locale = staff.locale;
  auto form_id = fmt::format("variant-{}", variant_id);
  auto& catalog = kit_.deps().catalog;
  const auto action = form.get("action");
  catalog::CatalogService::Result<catalog::CatalogService::ProductChange> done;
  if (action == "delete") {
    if (auto refused = co_await confirmed(ctx, staff, form)) {
      Refusal refusal{.message = kit_.t(locale, *refused), .form_id = form_id};
      co_return co_await render(ctx, staff, id, &refusal, &form);
    }
    auto author = author_of(ctx, staff);
    done = co_await catalog.delete_variant(id, variant_id, version, std::move(author));
  } else if (action == "save" || action.empty()) {
    catalog::FieldErrors errors;
    auto input = read_variant(form, false, errors);
    if (!errors.empty()) {
      Refusal refusal{.message = kit_.t(locale, "admin.product.invalid"),
                      .fields = std::move(errors),
                      .form_id = form_id};
      co_return co_await render(ctx, staff, id, &refusal, &form);
    }
    auto author = author_of(ctx, staff);
    done = co_await catalog.update_variant(id, variant_id, std::move(input), version,
                                           std::move(author));
  } else {
    throw http::HttpError(Status::bad_request);
  }
  if (done)
    co_return http::see_other(http::with_notice(
        urls::product(id), action == "delete" ? "variant_deleted" : "variant_saved"));
  if (done.error().message_key == "catalog.error.product_not_found" ||
      done.error().message_key == "catalog.error.variant_not_found")
    throw http::HttpError(Status::not_found);
  auto refusal = refusal_of(kit_, locale, done.error(), form_id);
  co_return co_await render(ctx, staff, id, &refusal, &form);
}

net::awaitable<Response> ProductScreens::upload(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto id = id_param(ctx, "id");
  auto parsed = http::parse_multipart(ctx.header(http::Field::content_type), ctx.request.body(),
                                      kUploadLimits);
  if (!parsed) {
    // Not a form this page sends: the browser's own error is enough, in the staff's language.
    auto key = fmt::format("multipart.error.{}", http::name(parsed.error()));
    throw http::multipart_refusal(parsed.error(), kit_.t(locale, key));
  }
  auto text = [&](std::string_view name) {
    const auto* part = parsed->find(name);
    return part && !part->filename ? std::string(part->data) : std::string();
  };
  // The token travels in the form, as in every other form of the back office.
  auto token = http::Form::parse(
      fmt::format("{}={}", accounts::kCsrfField, http::form_encode(text(accounts::kCsrfField))));
  if (!kit_.csrf_ok(ctx, staff, token)) throw http::HttpError(Status::forbidden);
  auto version = read_version(text("version"));
  if (!version) throw http::HttpError(Status::bad_request);
  // What was typed, to show again if the picture is refused.
  auto typed = http::Form::parse(fmt::format(
      "alt_fr={}&alt_en={}", http::form_encode(text("alt_fr")), http::form_encode(text("alt_en"))));
  const auto* file = parsed->find("file");
  catalog::ImageUpload upload;
  // A file input left empty still sends a part, with an empty filename and no bytes.
  upload.has_file =
      file != nullptr && file->filename && !(file->filename->empty() && file->data.empty());
  if (upload.has_file) upload.bytes = file->data;
  upload.alt[core::Locale::fr] = text("alt_fr");
  upload.alt[core::Locale::en] = text("alt_en");
  auto author = author_of(ctx, staff);
  auto added = co_await kit_.deps().catalog.add_uploaded_image(id, std::move(upload), version,
                                                               std::move(author));
  if (added) co_return http::see_other(http::with_notice(urls::product(id), "image_added"));
  if (added.error().message_key == "catalog.error.product_not_found")
    throw http::HttpError(Status::not_found);
  auto refusal = refusal_of(kit_, locale, added.error(), "upload");
  co_return co_await render(ctx, staff, id, &refusal, &typed);
}

net::awaitable<Response> ProductScreens::change_image(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;
  auto image_id = id_param(ctx, "image");

  const auto locale = staff.locale;
  auto form_id = fmt::format("image-{}", image_id);
  auto& catalog = kit_.deps().catalog;
  const auto action = std::string(form.get("action"));
  auto author = author_of(ctx, staff);
  std::optional<CatalogError> failure;
  if (action == "save") {
    catalog::ImageInput input;
    input.alt[core::Locale::fr] = std::string(form.get("alt_fr"));
    input.alt[core::Locale::en] = std::string(form.get("alt_en"));
    auto done =
        co_await catalog.update_image(id, image_id, std::move(input), version, std::move(author));
    if (!done) failure = done.error();
  } else if (action == "up" || action == "down") {
    auto product = co_await catalog.product_for_staff(id);
    if (!product) throw http::HttpError(Status::not_found);
    std::vector<std::int64_t> order;
    for (const auto& image : product->images) order.push_back(image.id);
    auto at = std::ranges::find(order, image_id);
    if (at == order.end()) throw http::HttpError(Status::not_found);
    if (action == "up" && at != order.begin()) std::iter_swap(at, at - 1);
    if (action == "down" && at + 1 != order.end()) std::iter_swap(at, at + 1);
    auto done = co_await catalog.reorder_images(id, std::move(order), version, std::move(author));
    if (!done) failure = done.error();
  } else if (action == "delete") {
    if (auto refused = co_await confirmed(ctx, staff, form)) {
      Refusal refusal{.message = kit_.t(locale, *refused), .form_id = form_id};
      co_return co_await render(ctx, staff, id, &refusal, &form);
    }
    auto done = co_await catalog.delete_image(id, image_id, version, std::move(author));
    if (!done) failure = done.error();
  } else {
    throw http::HttpError(Status::bad_request);
  }
  if (!failure)
    co_return http::see_other(
        http::with_notice(urls::product(id), action == "delete" ? "image_deleted" : "image_saved"));
  if (failure->code == CatalogErrorCode::not_found) throw http::HttpError(Status::not_found);
  auto refusal = refusal_of(kit_, locale, *failure, form_id);
  co_return co_await render(ctx, staff, id, &refusal, &form);
}

net::awaitable<Response> ProductScreens::remove(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;

  const auto locale = staff.locale;
  if (auto refused = co_await confirmed(ctx, staff, form)) {
    Refusal refusal{.message = kit_.t(locale, *refused), .form_id = "delete"};
    co_return co_await render(ctx, staff, id, &refusal, &form);
  }
  auto author = author_of(ctx, staff);
  auto deleted = co_await kit_.deps().catalog.delete_product(id, version, std::move(author));
  if (deleted) co_return http::see_other(http::with_notice(urls::kProducts, "product_deleted"));
  if (deleted.error().code == CatalogErrorCode::not_found) throw http::HttpError(Status::not_found);
  auto refusal = refusal_of(kit_, locale, deleted.error(), "delete");
  co_return co_await render(ctx, staff, id, &refusal, &form);
}

}  // namespace comptoir::admin
