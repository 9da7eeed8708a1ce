// CatalogApi: what every handler shares — locale, body, errors, ETags.
#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>

#include "accounts/api_token.hpp"
#include "accounts/authorization.hpp"
#include "catalog/api_json.hpp"
#include "catalog/api_query.hpp"
#include "catalog/catalog_api.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

namespace comptoir::catalog {
namespace {

namespace json = boost::json;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The opaque part of an entity tag, without W/ and the quotes.
std::string_view opaque(std::string_view tag) {
  tag = trim(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
    tag = tag.substr(1, tag.size() - 2);
  return tag;
}

template <class F>
void for_each_tag(std::string_view list, F each) {
  while (!list.empty()) {
    auto comma = list.find(',');
    each(trim(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// Reads and API clients get the same answer only when locale and credentials match.
void representation_headers(http::Response& res, std::string_view etag) {
  res.set(http::Field::etag, etag);
  res.set(http::Field::cache_control, "no-cache");
  res.set(http::Field::vary, "Accept-Language, Authorization");
}

}  // namespace

namespace api {

std::optional<int> expected_version(std::string_view if_match) {
  if_match = trim(if_match);
  if (if_match.empty() || if_match == "*") return std::nullopt;
  auto first = if_match.substr(0, if_match.find(','));
  auto tag = opaque(first);
  int version = 0;
  auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  bool ours =
      error == std::errc{} && end != tag.data() && (end == tag.data() + tag.size() || *end == '-');
  return ours && version > 0 ? version : -1;
}

std::string version_etag(int version, Locale locale) {
  return fmt::format("W/\"{}-{}\"", version, core::code(locale));
}

std::string body_etag(std::string_view body) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : body) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return fmt::format("W/\"{:016x}\"", hash);
}

bool none_match(std::string_view if_none_match, std::string_view etag) {
  bool matched = false;
  for_each_tag(if_none_match, [&](std::string_view tag) {
    if (tag == "*" || (!tag.empty() && opaque(tag) == opaque(etag))) matched = true;
  });
  return matched;
}

}  // namespace api

Locale CatalogApi::locale_of(const http::Context& ctx) const {
  auto locale = api::parse_locale_param(ctx.query, ctx.locale);
  if (!locale) throw invalid(ctx, locale.error());
  return *locale;
}

json::value CatalogApi::json_body(const http::Context& ctx, bool or_upload) const {
  auto type = lower(
      trim(std::string_view(ctx.header(http::Field::content_type))
               .substr(0, std::string_view(ctx.header(http::Field::content_type)).find(';'))));
  if (type != "application/json" && type != "application/merge-patch+json") {
    http::HttpError refused(
        http::Status::unsupported_media_type,
        std::string(deps_.messages.t(ctx.locale, or_upload ? "catalog.error.content_type_upload"
                                                           : "catalog.error.content_type")));
    refused.headers.emplace_back(http::Field::accept, or_upload
                                                          ? "application/json, multipart/form-data"
                                                          : "application/json");
    throw refused;
  }
  boost::system::error_code ec;
  auto body = json::parse(ctx.request.body(), ec);
  if (ec)
    throw http::HttpError(
        http::Status::bad_request,
        std::string(deps_.messages.t(ctx.locale, "catalog.error.malformed_json")));
  return body;
}

http::HttpError CatalogApi::invalid(const http::Context& ctx,
                                    const std::vector<FieldError>& fields) const {
  return error(ctx, CatalogError::invalid(fields));
}

http::HttpError CatalogApi::not_found(const http::Context& ctx, std::string_view key) const {
  return error(ctx, CatalogError::not_found(std::string(key)));
}

http::HttpError CatalogApi::error(const http::Context& ctx, const CatalogError& failure) const {
  // The visitor's language: ?locale= when valid, else the negotiated one (never throws).
  auto locale = api::parse_locale_param(ctx.query, ctx.locale).value_or(ctx.locale);
  auto text = [&](std::string_view key, std::string_view value) {
    std::string message(deps_.messages.t(locale, key));
    if (auto at = message.find("{value}"); at != std::string::npos) message.replace(at, 7, value);
    return message;
  };
  http::Status status = http::Status::unprocessable_entity;
  switch (failure.code) {
    case CatalogErrorCode::invalid:
      status = http::Status::unprocessable_entity;
      break;
    case CatalogErrorCode::not_found:
      status = http::Status::not_found;
      break;
    case CatalogErrorCode::conflict:
      status = http::Status::conflict;
      break;
    case CatalogErrorCode::version_mismatch:
      status = http::Status::precondition_failed;
      break;
  }
  json::array errors;
  for (const auto& field : failure.fields) {
    std::string_view code = field.message_key;
    if (code.starts_with("catalog.error.")) code.remove_prefix(14);
    errors.push_back(json::object{
        {"field", field.field}, {"code", code}, {"message", text(field.message_key, field.value)}});
  }
  json::object extra;
  std::string_view code = failure.message_key;
  if (code.starts_with("catalog.error.")) code.remove_prefix(14);
  extra["code"] = code;
  if (!errors.empty() || failure.code == CatalogErrorCode::invalid)
    extra["errors"] = std::move(errors);
  // A summary that is also its one field's message (a refused upload) shows that field's value.
  std::string_view summary_value;
  if (failure.fields.size() == 1 && failure.fields[0].message_key == failure.message_key)
    summary_value = failure.fields[0].value;
  return http::HttpError(status, text(failure.message_key, summary_value), std::move(extra));
}

std::int64_t CatalogApi::id_param(const http::Context& ctx, std::string_view name,
                                  std::string_view not_found_key) const {
  auto id = api::parse_id(ctx.param(name));
  if (!id) throw not_found(ctx, not_found_key);
  return *id;
}

net::awaitable<bool> CatalogApi::sees_unpublished(const http::Context& ctx) const {
  auto principal = co_await deps_.authorizer.identify(ctx);
  co_return principal && (principal->has_scope(accounts::kScopeCatalogRead) ||
                          principal->has_scope(accounts::kScopeCatalogWrite));
}

namespace {

// The representation of a versioned entity: 304 when a GET or HEAD already holds this version
// (If-None-Match), else `body()` as JSON; both with the version's ETag and caching headers.
template <class Body>
http::Response versioned_response(const http::Context& ctx, const std::string& etag,
                                  http::Status status, Body&& body) {
  bool reading =
      ctx.request.method() == http::Method::get || ctx.request.method() == http::Method::head;
  if (reading && api::none_match(ctx.header(http::Field::if_none_match), etag)) {
    http::Response res{http::Status::not_modified, 11};
    representation_headers(res, etag);
    return res;
  }
  auto res = http::json(status, body());
  representation_headers(res, etag);
  return res;
}

}  // namespace

http::Response CatalogApi::product_response(const http::Context& ctx, const Product& product,
                                            http::Status status) const {
  auto locale = locale_of(ctx);
  return versioned_response(ctx, api::version_etag(product.version, locale), status, [&] {
    return api::product_json(product, {locale, deps_.formatter});
  });
}

http::Response CatalogApi::category_response(const http::Context& ctx, const Category& category,
                                             http::Status status) const {
  auto locale = locale_of(ctx);
  return versioned_response(ctx, api::version_etag(category.version, locale), status, [&] {
    return api::category_json(category, {locale, deps_.formatter});
  });
}

std::optional<Author> CatalogApi::author(const http::Context& ctx) {
  if (!ctx.caller) return std::nullopt;  // only behind write_options(), which always sets it
  auto actor = ctx.caller->kind == http::Caller::Kind::api_token
                   ? accounts::Actor::token(ctx.caller->id)
                   : accounts::Actor::user(ctx.caller->id);
  return Author{.actor = actor, .ip = ctx.client_ip, .request_id = ctx.request_id};
}

http::RouteOptions CatalogApi::write_options() const {
  return {
      .max_body = std::nullopt,
      .middleware = {deps_.authorizer.require_scope(std::string(accounts::kScopeCatalogWrite))}};
}

}  // namespace comptoir::catalog
