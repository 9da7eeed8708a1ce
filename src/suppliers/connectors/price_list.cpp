#include "suppliers/connectors/price_list.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <vector>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "suppliers/connectors/json_reading.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
constexpr std::size_t kPage = 500;  // products a page

// "12.50", "12,50", "12" → 1250; nullopt for anything else (negative, more than 2 decimals).
std::optional<std::int64_t> minor_units(std::string_view text) {
  auto separator = text.find_first_of(".,");
  auto whole_part = text.substr(0, separator);
  auto fraction =
      separator == std::string_view::npos ? std::string_view{} : text.substr(separator + 1);
  if (whole_part.empty() || fraction.size() > 2) return std::nullopt;
  std::int64_t whole = 0;
  auto [end, error] =
      std::from_chars(whole_part.data(), whole_part.data() + whole_part.size(), whole);
  if (error != std::errc{} || end != whole_part.data() + whole_part.size() || whole < 0 ||
      whole > 1'000'000'000)
    return std::nullopt;
  std::int64_t cents = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    cents *= 10;
    if (i < fraction.size()) {
      if (fraction[i] < '0' || fraction[i] > '9') return std::nullopt;
      cents += fraction[i] - '0';
    }
  }
  return whole * 100 + cents;
}

std::optional<bool> yes_no(std::string_view text) {
  auto lower = core::lower_ascii(text);
  if (lower.empty() || lower == "yes" || lower == "oui" || lower == "1" || lower == "true")
    return true;
  if (lower == "no" || lower == "non" || lower == "0" || lower == "false") return false;
  return std::nullopt;
}

class PriceList final : public CatalogOnlyConnector {
 public:
  explicit PriceList(std::vector<RemoteProduct> products)
      : CatalogOnlyConnector("a price list takes no orders"), products_(std::move(products)) {}

  std::expected<std::string, ConnectorError> test() override {
    return fmt::format("a price list of {} products", products_.size());
  }
  std::expected<ProductPage, ConnectorError> list_products(std::string_view cursor) override {
    auto start = json_reading::offset_cursor(cursor);
    if (!start || static_cast<std::size_t>(*start) > products_.size())
      return std::unexpected(ConnectorError{ConnectorError::Kind::malformed,
                                            "the price list changed during the sync"});
    auto from = static_cast<std::size_t>(*start);
    ProductPage page;
    auto to = std::min(products_.size(), from + kPage);
    page.products.assign(products_.begin() + static_cast<std::ptrdiff_t>(from),
                         products_.begin() + static_cast<std::ptrdiff_t>(to));
    page.next = to < products_.size() ? std::to_string(to) : "";
    page.total = static_cast<std::int64_t>(products_.size());
    return page;
  }

 private:
  std::vector<RemoteProduct> products_;
};

}  // namespace

std::expected<std::unique_ptr<Connector>, std::string> make_price_list(std::string_view csv,
                                                                       std::string currency) {
  auto records = core::read_csv(csv, {.max_records = 1'000'001, .max_cells = 40});
  if (!records)
    return std::unexpected(
        fmt::format("the price list is not CSV (line {})", records.error().line));
  if (records->empty()) return std::unexpected("the price list is empty");
  std::map<std::string, std::size_t, std::less<>> columns;
  for (std::size_t i = 0; i < records->front().cells.size(); ++i)
    columns.emplace(core::lower_ascii(core::trim_blanks(records->front().cells[i])), i);
  if (!columns.contains("sku")) return std::unexpected("the price list has no sku column");

  std::vector<RemoteProduct> products;
  std::map<std::string, std::size_t, std::less<>> product_at;
  std::set<std::string, std::less<>> skus;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const auto& record = (*records)[r];
    auto cell = [&](std::string_view name) -> std::string {
      auto found = columns.find(name);
      if (found == columns.end() || found->second >= record.cells.size()) return {};
      return std::string(
          core::trim_blanks(core::without_formula_guard(record.cells[found->second])));
    };
    auto sku = cell("sku");
    if (sku.empty()) continue;
    if (!skus.insert(sku).second)
      return std::unexpected(fmt::format("line {}: the sku {} is named twice", record.line, sku));
    RemoteVariant variant{
        .external_id = sku,
        .sku = sku,
        .gtin = cell("gtin"),
        .title = cell("title"),
        .currency = cell("currency").empty() ? currency : core::upper_ascii(cell("currency"))};
    std::vector<std::string> problems;
    if (auto cost = cell("cost"); !cost.empty()) {
      variant.cost = minor_units(cost);
      if (!variant.cost) problems.push_back(fmt::format("cost '{}' is not an amount", cost));
    }
    if (auto price = cell("price"); !price.empty()) {
      variant.suggested_price = minor_units(price);
      if (!variant.suggested_price)
        problems.push_back(fmt::format("price '{}' is not an amount", price));
    }
    if (auto stock = cell("stock"); !stock.empty()) {
      int units = -1;
      auto [end, error] = std::from_chars(stock.data(), stock.data() + stock.size(), units);
      if (error != std::errc{} || end != stock.data() + stock.size() || units < 0)
        problems.push_back(fmt::format("stock '{}' is not a whole number", stock));
      else
        variant.stock = units;
    }
    if (auto available = yes_no(cell("available")))
      variant.available = *available;
    else
      problems.push_back(fmt::format("available '{}' is not yes or no", cell("available")));
    if (variant.currency.size() != 3 ||
        !std::ranges::all_of(variant.currency, [](char c) { return c >= 'A' && c <= 'Z'; }))
      problems.push_back(fmt::format("currency '{}' is not an ISO 4217 code", variant.currency));
    json::object raw;
    for (const auto& [name, index] : columns)
      if (index < record.cells.size()) raw[name] = record.cells[index];
    variant.raw = json::serialize(raw);

    auto product_id = cell("product").empty() ? sku : cell("product");
    auto [at, fresh] = product_at.try_emplace(product_id, products.size());
    if (fresh)
      products.push_back({.external_id = product_id,
                          .title = variant.title.empty() ? product_id : variant.title,
                          .raw = "{}"});
    auto& product = products[at->second];
    if (!problems.empty()) {
      product.error += fmt::format("{}line {}: {}", product.error.empty() ? "" : "; ", record.line,
                                   fmt::join(problems, ", "));
      continue;
    }
    product.variants.push_back(std::move(variant));
  }
  return std::make_unique<PriceList>(std::move(products));
}

}  // namespace comptoir::suppliers
