#include "catalog/storefront_urls.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/url.hpp>

namespace comptoir::catalog::storefront {

std::string with_query(std::string path, const QueryParams& params) {
  boost::urls::url url;
  for (const auto& [name, value] : params)
    if (!value.empty()) url.params().append({name, value});
  if (!url.has_query()) return path;
  path += '?';
  // Boost.URL writes a space as %20 but leaves '+' as it is, which query_params (like browsers'
  // forms) reads back as a space: a search for "C++" would come back from the next page's link
  // as "C  ". Every '+' in the encoded query is a literal one (a '%' is escaped): escape it.
  for (char c : url.encoded_query()) {
    if (c == '+')
      path += "%2B";
    else
      path += c;
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
