// Prices and page numbers typed by shoppers: the product list's query string
// (catalog::storefront::parse_listing_params) and its price parser, parse_price_cents ("12",
// "12.5", "12,50" → cents). Input: a query string.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "catalog/storefront_listing.hpp"
#include "fuzz/check.hpp"

namespace {

using comptoir::fuzz::check;
namespace storefront = comptoir::catalog::storefront;

void check_price(std::string_view text) {
  auto cents = storefront::parse_price_cents(text);
  if (!cents) return;
  check(*cents >= 0, "a price is never negative");
  check(*cents < 100'000'000'000'000, "a price has at most 10 digits of units");
  // What the form shows back reads as the same amount.
  check(storefront::parse_price_cents(storefront::price_input(*cents)) == *cents,
        "parse(price_input(cents)) == cents");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto query = comptoir::fuzz::as_text(data, size);
  check_price(query);

  auto params = storefront::parse_listing_params(query);
  check(params.page >= 1 && params.page <= 100'000, "the page is within 1 … 100 000");
  check(params.min_cents.has_value() != params.min_price.empty(),
        "a minimum price is shown back exactly when it was understood");
  if (params.min_cents)
    check(storefront::price_input(*params.min_cents) == params.min_price,
          "the minimum shown back is the one understood");
  if (params.max_cents)
    check(storefront::parse_price_cents(params.max_price) == params.max_cents,
          "the maximum shown back reads as the one understood");
  // The links of a list (next page, sorting) lead back to the same list.
  auto url = storefront::listing_url("/fr/produits", params, params.page);
  auto mark = url.find('?');
  auto again = storefront::parse_listing_params(
      mark == std::string::npos ? std::string_view{} : std::string_view(url).substr(mark + 1));
  check(again.q == params.q, "the search text survives the list's links");
  check(again.min_cents == params.min_cents && again.max_cents == params.max_cents,
        "the price range survives the list's links");
  check(again.in_stock == params.in_stock && again.page == params.page,
        "the stock filter and the page survive the list's links");
  check(storefront::default_sort(again) == storefront::default_sort(params) &&
            again.sort.value_or(storefront::default_sort(again)) ==
                params.sort.value_or(storefront::default_sort(params)),
        "the order survives the list's links");
  return 0;
}
