#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_error.hpp"
#include "catalog/catalog_service.hpp"
#include "http/multipart.hpp"
#include "http/router.hpp"

namespace comptoir::accounts {
class Authorizer;
}
namespace comptoir::i18n {
class Catalog;
class Formatter;
}  // namespace comptoir::i18n
namespace comptoir::views {
class Views;
}

namespace comptoir::catalog {

struct CatalogApiDeps {
  CatalogService& catalog;
  const accounts::Authorizer& authorizer;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  const views::Views& views;
  std::filesystem::path openapi_file{};  // <data dir>/api/openapi.json
};

// The JSON API of the catalog (/api/v1/categories…, /api/v1/products…) and its documentation
// (/api/openapi.json, /api/docs). Reads are public (unpublished entries need a token with
// catalog:read or catalog:write); writes need catalog:write. Built once in serve(); it must
// outlive the router its routes are added to.
class CatalogApi {
 public:
  // Loads the OpenAPI document and renders the docs page; throws std::runtime_error when the
  // document is missing or is not an OpenAPI 3.1 JSON object.
  explicit CatalogApi(CatalogApiDeps deps);

  void add_routes(http::Router& router);

 private:
  void add_category_routes(http::Router& router);
  void add_product_routes(http::Router& router);
  void add_product_part_routes(http::Router& router);
  void add_docs_routes(http::Router& router);

  // Helpers shared by the handlers (catalog_api_support.cpp).
  Locale locale_of(const http::Context& ctx) const;  // ?locale=, else the negotiated one; 422
  // 415 (naming multipart/form-data too when `or_upload`: the pictures' route), 400.
  boost::json::value json_body(const http::Context& ctx, bool or_upload = false) const;
  http::HttpError error(const http::Context& ctx, const CatalogError& failure) const;
  http::HttpError invalid(const http::Context& ctx, const std::vector<FieldError>& fields) const;
  http::HttpError not_found(const http::Context& ctx, std::string_view key) const;
  std::int64_t id_param(const http::Context& ctx, std::string_view name,
                        std::string_view not_found_key) const;  // 404 unless a positive integer
  net::awaitable<bool> sees_unpublished(const http::Context& ctx) const;
  http::Response product_response(const http::Context& ctx, const Product& product,
                                  http::Status status) const;
  http::Response category_response(const http::Context& ctx, const Category& category,
                                   http::Status status) const;
  http::RouteOptions write_options() const;
  // Who a write is recorded against in the audit log: the token or staff member that
  // write_options' middleware let through, with the request's address and id. Name it before
  // the co_await that takes it (GCC 12 destroys a temporary built inside co_await twice).
  static std::optional<Author> author(const http::Context& ctx);
  // Image uploads (catalog_api_uploads.cpp): write_options with the upload's body limit, the
  // multipart form's refusals translated, and the upload itself.
  http::RouteOptions upload_options() const;
  http::HttpError multipart_error(const http::Context& ctx, http::MultipartError failure) const;
  net::awaitable<http::Response> upload_image(http::Context& ctx, std::int64_t product_id) const;

  CatalogApiDeps deps_;
  std::string openapi_json_;
  std::string openapi_etag_;
  std::string docs_html_;
};

namespace api {

// If-Match → the version the client read: nullopt when absent or "*"; a version no entity has
// (-1) when it names no version of ours, so the write fails with 412.
std::optional<int> expected_version(std::string_view if_match);
// W/"<version>-<locale>": one entity version, as one locale's representation.
std::string version_etag(int version, Locale locale);
// W/"<64-bit FNV-1a of the body>" for representations without a version (lists, the tree).
std::string body_etag(std::string_view body);
// Whether If-None-Match names `etag` (weak comparison) or is "*".
bool none_match(std::string_view if_none_match, std::string_view etag);

}  // namespace api

}  // namespace comptoir::catalog
