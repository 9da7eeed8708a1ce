#include "catalog/api_query.hpp"

#include <fmt/format.h>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include <charconv>

namespace comptoir::catalog::api {
namespace {

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

struct Params {
  std::vector<std::pair<std::string, std::string>> items;

  explicit Params(std::string_view query_string) {
    if (query_string.empty()) return;
    // A NUL-terminated copy: Boost.URL 1.81 reads the last value past the end of a view into a
    // longer buffer ("page=2" of a request target came back as "2 HTTP/1.1").
    const std::string text(query_string);
    if (!boost::urls::parse_query(text)) return;  // malformed: no parameters
    // Decoded, with '+' as a space as HTML forms send it.
    for (auto param : boost::urls::params_view(text))
      items.emplace_back(param.key, param.has_value ? param.value : "");
  }
  // The last value given for `name` wins, as in most frameworks.
  std::optional<std::string> get(std::string_view name) const {
    std::optional<std::string> found;
    for (const auto& [key, value] : items)
      if (key == name) found = value;
    return found;
  }
};

class Reader {
 public:
  Reader(const Params& params, std::vector<FieldError>& errors)
      : params_(params), errors_(errors) {}

  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max) {
    auto text = params_.get(name);
    if (!text) return std::nullopt;
    auto value = parse_integer(*text);
    if (!value) {
      fail(name, "catalog.error.type_integer");
      return std::nullopt;
    }
    if (*value < min || *value > max) {
      fail(name, "catalog.error.out_of_range", fmt::format("{}–{}", min, max));
      return std::nullopt;
    }
    return value;
  }

  void fail(std::string_view name, std::string_view key, std::string value = {}) {
    errors_.push_back({std::string(name), std::string(key), std::move(value)});
  }

 private:
  const Params& params_;
  std::vector<FieldError>& errors_;
};

constexpr std::int64_t kMaxPriceFilter = 100'000'000'000;

}  // namespace

std::optional<std::string> query_param(std::string_view query_string, std::string_view name) {
  return Params(query_string).get(name);
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  auto value = parse_integer(text);
  if (!value || *value <= 0) return std::nullopt;
  return value;
}

std::expected<Locale, std::vector<FieldError>> parse_locale_param(std::string_view query_string,
                                                                  Locale fallback) {
  auto text = Params(query_string).get("locale");
  if (!text) return fallback;
  if (auto locale = core::locale_from_code(*text)) return *locale;
  return std::unexpected(std::vector<FieldError>{{"locale", "catalog.error.one_of", "fr, en"}});
}

std::expected<ListParams, std::vector<FieldError>> parse_list_params(std::string_view query_string,
                                                                     Locale fallback) {
  Params params(query_string);
  std::vector<FieldError> errors;
  Reader read(params, errors);
  ListParams out;
  auto& q = out.query;

  if (auto locale = parse_locale_param(query_string, fallback))
    q.locale = *locale;
  else
    errors.insert(errors.end(), locale.error().begin(), locale.error().end());
  if (auto page = read.integer("page", 1, kMaxPage)) q.page = static_cast<int>(*page);
  if (auto size = read.integer("page_size", 1, ProductQuery::kMaxPageSize))
    q.page_size = static_cast<int>(*size);
  if (auto category = read.integer("category", 1, std::numeric_limits<std::int64_t>::max()))
    q.category_id = category;
  q.min_price_cents = read.integer("min_price", 0, kMaxPriceFilter);
  q.max_price_cents = read.integer("max_price", 0, kMaxPriceFilter);
  if (q.min_price_cents && q.max_price_cents && *q.min_price_cents > *q.max_price_cents)
    read.fail("max_price", "catalog.error.min_above_max");

  if (auto stock = params.get("in_stock")) {
    if (*stock == "true" || *stock == "1")
      q.in_stock_only = true;
    else if (*stock == "false" || *stock == "0")
      q.in_stock_only = false;
    else
      read.fail("in_stock", "catalog.error.type_boolean");
  }
  if (auto text = params.get("status")) {
    out.statuses_asked = true;
    q.statuses.clear();
    std::string_view rest = *text;
    while (true) {
      auto comma = rest.find(',');
      auto word = rest.substr(0, comma);
      if (auto status = parse_product_status(word))
        q.statuses.push_back(*status);
      else
        read.fail("status", "catalog.error.one_of", "draft, active, archived");
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (auto text = params.get("q")) {
    if (text->size() > 200)
      read.fail("q", "catalog.error.too_long", "200");
    else
      q.q = *text;
  }
  q.sort = q.q.empty() ? Sort::newest : Sort::relevance;
  if (auto text = params.get("sort")) {
    if (auto sort = parse_sort(*text))
      q.sort = *sort;
    else
      read.fail("sort", "catalog.error.one_of", "relevance, newest, price, -price, name");
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return out;
}

}  // namespace comptoir::catalog::api
