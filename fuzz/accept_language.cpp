// Weighted header lists (RFC 9110 §12.4.2): Accept-Language as the locale middleware negotiates it
// for / and /api/ (i18n::negotiate_locale), and Accept as Context::wants_json reads it.
#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/check.hpp"
#include "http/types.hpp"
#include "http/weighted_list.hpp"
#include "i18n/negotiate.hpp"

namespace {

using comptoir::fuzz::check;
namespace http = comptoir::http;

bool trimmed(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  return text.empty() || (!blank(text.front()) && !blank(text.back()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto header = comptoir::fuzz::as_text(data, size);

  auto locale = comptoir::i18n::negotiate_locale(header);
  check(locale == comptoir::core::Locale::fr || locale == comptoir::core::Locale::en,
        "a storefront locale");

  http::for_each_weighted(header, [](const http::WeightedItem& item) {
    check(item.q >= 0 && item.q <= 1000, "q in thousandths, 0 to 1000");
    check(!item.malformed || item.q == 0, "a malformed weight counts as q=0");
    check(trimmed(item.value), "values are trimmed");
    check(item.value.find(',') == std::string_view::npos, "one member, never two");
    check(item.value.find(';') == std::string_view::npos, "parameters are not in the value");
  });
  if (auto q = http::parse_qvalue(header)) check(*q >= 0 && *q <= 1000, "a qvalue is 0 to 1");

  // The same bytes as an Accept header on a page route: JSON or not, never a crash.
  static boost::asio::io_context ioc;
  http::Request request{http::Method::get, "/fr/x", 11};
  request.set(http::Field::accept, header);
  http::Context ctx{request, ioc.get_executor(), "/fr/x", {}};
  (void)ctx.wants_json();
  return 0;
}
