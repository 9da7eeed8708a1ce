#pragma once

#include <expected>
#include <optional>
#include <string_view>

#include "catalog/catalog_error.hpp"
#include "catalog/model.hpp"

namespace comptoir::catalog::api {

inline constexpr int kMaxPage = 10'000;  // deeper pages: narrow the filters instead

// GET /api/v1/products parameters: page, page_size (1–100), category, min_price and max_price
// (cents), in_stock (true/false/1/0), status (comma-separated; staff only — the caller checks),
// sort (relevance, newest, price, -price, name; relevance by default with q, else newest), q,
// locale (fr/en; `fallback` when absent). Unknown parameters are ignored. Every bad value is
// reported, as the field list of a 422.
struct ListParams {
  ProductQuery query;
  bool statuses_asked = false;  // `status` was given: needs a staff principal
};
std::expected<ListParams, std::vector<FieldError>> parse_list_params(std::string_view query_string,
                                                                     Locale fallback);

// `locale` alone (single-resource reads); the fallback when absent.
std::expected<Locale, std::vector<FieldError>> parse_locale_param(std::string_view query_string,
                                                                  Locale fallback);

// A query parameter's decoded value; nullopt when absent.
std::optional<std::string> query_param(std::string_view query_string, std::string_view name);

// A positive id from a path segment ("12"); nullopt otherwise.
std::optional<std::int64_t> parse_id(std::string_view text);

}  // namespace comptoir::catalog::api
