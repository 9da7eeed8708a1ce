// A request target as the server reads it: split into path and query at the first '?'
// (http/server.cpp), then the router's one check that every percent-decoded path segment and
// query name and value is clean text (http::clean_target), its segment split and percent-decoding
// of parameters (Router::match), and the query's urlencoded parsing (http::Form).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.hpp"
#include "http/form.hpp"
#include "http/router.hpp"

namespace {

using namespace comptoir::http;
using comptoir::fuzz::check;

// The shapes of the shop's routes: literals, one-segment parameters, a rest parameter.
const Router& shop_router() {
  static const Handler ok = [](Context&) -> net::awaitable<Response> {
    co_return text(Status::ok, "ok");
  };
  static const Router router = [] {
    Router r;
    for (auto pattern :
         {"/", "/fr/", "/en/", "/fr/produits", "/en/products", "/fr/produit/{slug}",
          "/en/product/{slug}", "/fr/categorie/{slug}", "/fr/commandes/{number}",
          "/api/v1/products", "/api/v1/products/{id}", "/api/v1/products/by-slug/{lang}/{slug}",
          "/api/v1/categories/{id}/translations/{lang}", "/static/{path...}", "/media/{path...}"})
      r.get(pattern, ok);
    r.post("/fr/compte/adresses/{id}/supprimer", ok);
    r.add(Method::patch, "/api/v1/cart/items/{variant_id}", ok);
    return r;
  }();
  return router;
}

// Unicode's definition, written differently from http::is_valid_utf8 (which checks byte ranges):
// decode each code point, then refuse overlong forms, surrogates and values above U+10FFFF.
bool reference_clean_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    if (lead == 0) return false;
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      point = (point << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < kSmallest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

// Segment by segment, as a handler would read them.
bool every_segment_clean(std::string_view path) {
  while (true) {
    auto slash = path.find('/');
    if (!is_clean_text(percent_decode(path.substr(0, slash)))) return false;
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto target = comptoir::fuzz::as_text(data, size);
  auto question = target.find('?');
  auto path = target.substr(0, question);
  auto query =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);

  check(is_clean_text(target) == reference_clean_text(target), "is_clean_text is Unicode's rule");
  auto decoded = percent_decode(path);
  check(decoded.size() <= path.size(), "decoding never lengthens");
  check(is_clean_text(decoded) == reference_clean_text(decoded), "is_clean_text on decoded text");

  auto form = Form::parse(query);
  const bool clean = clean_target(path, query);
  check(clean == (every_segment_clean(path) && form.clean()),
        "checking the whole target equals checking each segment, name and value");

  for (auto method : {Method::get, Method::head, Method::post, Method::patch}) {
    auto found = shop_router().match(method, path);
    if (found.route == nullptr) {
      auto wanted = method == Method::head ? Method::get : method;
      check(std::ranges::find(found.allowed, wanted) == found.allowed.end(),
            "Allow never lists the method that found no route");
      continue;
    }
    if (!clean) continue;
    for (auto name : {"slug", "id", "lang", "path", "number", "variant_id"})
      if (auto value = found.params.find(name))
        check(is_clean_text(*value), "a clean target gives clean parameters");
  }
  auto head = shop_router().match(Method::head, path);
  auto get = shop_router().match(Method::get, path);
  check(head.route == get.route, "HEAD matches the GET routes");
  return 0;
}
