#include "catalog/storefront_urls.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/url.hpp>

#include <fmt/format.h>

namespace comptoir::catalog::storefront {
namespace {

std::string_view prefix(Locale locale) {
  return core::code(locale);
}

}  // namespace

std::string home_path(Locale locale) {
  return fmt::format("/{}/", prefix(locale));
}

std::string products_path(Locale locale) {
  return locale == Locale::fr ? "/fr/produits" : "/en/products";
}

std::string category_path(Locale locale, std::string_view slug) {
  return fmt::format("/{}/{}/{}", prefix(locale), locale == Locale::fr ? "categorie" : "category",
                     slug);
}

std::string product_path(Locale locale, std::string_view slug) {
  return fmt::format("/{}/{}/{}", prefix(locale), locale == Locale::fr ? "produit" : "product",
                     slug);
}

std::string cart_path(Locale locale) {
  return locale == Locale::fr ? "/fr/panier" : "/en/cart";
}

std::string checkout_path(Locale locale) {
  return locale == Locale::fr ? "/fr/commande" : "/en/checkout";
}

std::string account_path(Locale locale) {
  return locale == Locale::fr ? "/fr/compte" : "/en/account";
}

std::string category_route(Locale locale) {
  return category_path(locale, "{slug}");
}

std::string product_route(Locale locale) {
  return product_path(locale, "{slug}");
}

std::string with_query(std::string path, const QueryParams& params) {
  boost::urls::url url;
  for (const auto& [name, value] : params)
    if (!value.empty()) url.params().append({name, value});
  if (url.has_query()) {
    path += '?';
    path += url.encoded_query();
  }
  return path;
}

QueryParams query_params(std::string_view query) {
  QueryParams out;
  if (query.empty()) return out;
  // Boost.URL 1.81 reads the last value up to the end of the underlying C string, not of the view
  // (a request target's query is followed by " HTTP/1.1…"): parse a NUL-terminated copy.
  const std::string text(query);
  auto parsed = boost::urls::parse_query(text);
  if (!parsed) return out;  // malformed (e.g. a bad percent escape): read as no parameters
  // Decoded with '+' as a space, as browsers submit GET forms.
  for (auto param : boost::urls::params_view(text))
    out.emplace_back(param.key, param.has_value ? param.value : "");
  return out;
}

}  // namespace comptoir::catalog::storefront
