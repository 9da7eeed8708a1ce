#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "catalog/model.hpp"

namespace comptoir::i18n {
class Formatter;
}

namespace comptoir::catalog::api {

// How the JSON API writes catalog values. Money is {"amount_cents", "currency", "formatted"},
// the last formatted by ICU for `locale`; texts come in both locales; times are ISO 8601 UTC.
struct JsonStyle {
  Locale locale = Locale::fr;
  const i18n::Formatter& formatter;
};

boost::json::object money_json(const Money& money, const JsonStyle& style);
boost::json::object product_json(const Product& product, const JsonStyle& style);
// With `children` nested; inactive categories (and what is under them) only when asked.
boost::json::object category_json(const Category& category, const JsonStyle& style);
boost::json::object category_tree_json(const CategoryTree& tree, bool include_inactive,
                                       const JsonStyle& style);
boost::json::object product_list_json(const ProductList& list, const JsonStyle& style);

// A search highlight (matches between kHighlightStart/kHighlightEnd) as HTML: the text escaped,
// the matches in <mark>…</mark>.
std::string highlight_html(std::string_view marked);
std::string iso8601(Timestamp time);

}  // namespace comptoir::catalog::api
