// CatalogApi: a product's picture uploaded as multipart/form-data (file, alt_fr, alt_en), stored
// by CatalogService::add_uploaded_image. The same route takes JSON metadata (part_routes).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "catalog/api_query.hpp"
#include "catalog/catalog_api.hpp"
#include "http/multipart.hpp"
#include "i18n/catalog.hpp"

namespace comptoir::catalog {
namespace {

// The route's body limit: a phone's JPEG is 3 to 8 MB, a camera's up to about 12.
constexpr std::size_t kMaxUploadBytes = 15 * 1024 * 1024;
// The form: one file and two short texts (alt texts are at most 300 characters).
constexpr http::MultipartLimits kUploadLimits{.max_body_bytes = kMaxUploadBytes,
                                              .max_parts = 8,
                                              .max_part_header_bytes = 2048,
                                              .max_field_bytes = 4096};
constexpr std::array<std::string_view, 3> kUploadFields{"file", "alt_fr", "alt_en"};

}  // namespace

http::RouteOptions CatalogApi::upload_options() const {
  auto options = write_options();
  options.max_body = kMaxUploadBytes;
  return options;
}

http::HttpError CatalogApi::multipart_error(const http::Context& ctx,
                                            http::MultipartError failure) const {
  auto locale = api::parse_locale_param(ctx.query, ctx.locale).value_or(ctx.locale);
  auto key = fmt::format("multipart.error.{}", http::name(failure));
  return http::multipart_refusal(failure, std::string(deps_.messages.t(locale, key)));
}

net::awaitable<http::Response> CatalogApi::upload_image(http::Context& ctx,
                                                        std::int64_t product_id) const {
  auto form = http::parse_multipart(ctx.header(http::Field::content_type), ctx.request.body(),
                                    kUploadLimits);
  if (!form) throw multipart_error(ctx, form.error());

  std::vector<FieldError> errors;
  for (const auto& part : form->parts())
    if (std::ranges::find(kUploadFields, part.name) == kUploadFields.end())
      errors.push_back({part.name, "catalog.error.unknown_field", {}});
  for (auto name : kUploadFields)
    if (form->count(name) > 1)
      errors.push_back({std::string(name), "catalog.error.duplicate_field", {}});
  const auto* file = form->find("file");
  if (file != nullptr && !file->filename)
    errors.push_back({"file", "catalog.error.file_expected", {}});
  if (!errors.empty()) throw invalid(ctx, errors);

  ImageUpload upload;
  upload.has_file = file != nullptr;
  if (file != nullptr) upload.bytes = file->data;
  for (auto locale : core::kLocales)
    if (const auto* alt = form->find(fmt::format("alt_{}", core::code(locale))))
      upload.alt[locale] = std::string(alt->data);
  auto who = author(ctx);
  auto changed = co_await deps_.catalog.add_uploaded_image(
      product_id, std::move(upload), api::expected_version(ctx.header(http::Field::if_match)),
      std::move(who));
  if (!changed) throw error(ctx, changed.error());
  auto res = product_response(ctx, *changed->product, http::Status::created);
  res.set(http::Field::location,
          fmt::format("/api/v1/products/{}/images/{}", product_id, changed->subject_id));
  co_return res;
}

}  // namespace comptoir::catalog
