#include "legal/legal_pages.hpp"

#include <charconv>
#include <chrono>
#include <memory>

#include "catalog/model.hpp"
#include "http/member_routes.hpp"
#include "seo/canonical.hpp"
#include "views/dictionary.hpp"

namespace comptoir::legal {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

// "2026-12-04" → that day at noon UTC (the formatter shows it in UTC, so the day is the same).
std::chrono::sys_seconds day_of(std::string_view iso) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  std::from_chars(iso.data(), iso.data() + 4, year);
  std::from_chars(iso.data() + 5, iso.data() + 7, month);
  std::from_chars(iso.data() + 8, iso.data() + 10, day);
  std::chrono::sys_days date{std::chrono::year{year} / std::chrono::month{month} /
                             std::chrono::day{day}};
  return std::chrono::sys_seconds{date} + std::chrono::hours{12};
}

std::string replaced(std::string text, std::string_view name, std::string_view value) {
  auto placeholder = "{" + std::string(name) + "}";
  if (auto at = text.find(placeholder); at != std::string::npos)
    text.replace(at, placeholder.size(), value);
  return text;
}

class LegalPages {
 public:
  explicit LegalPages(LegalPagesDeps deps)
      : deps_(std::move(deps)), origin_(seo::origin_of(deps_.base_url)) {}

  template <Document Which>
  net::awaitable<Response> show(Context& ctx, Locale locale) const {
    co_return co_await page(ctx, Which, locale);
  }

  const Addendum* addendum(Document document) const {
    for (const auto& one : deps_.addenda)
      if (one.document == document) return &one;
    return nullptr;
  }

 private:
  std::string t(Locale locale, std::string_view key) const {
    return std::string(deps_.messages.t(locale, key));
  }

  net::awaitable<Response> page(Context& ctx, Document document, Locale locale) const {
    auto published = co_await deps_.legal.current(document);
    const auto& paths = path(document);
    catalog::PerLocale<std::string> alternates;
    for (auto one : core::kLocales) alternates[one] = std::string(paths[one]);

    views::Page layout{
        .locale = locale,
        .title = t(locale, title_key(document)),
        .description = deps_.views.shop_name().in(
            t(locale, "legal." + std::string(code(document)) + ".description"), locale),
        .alternate_url = std::string(paths[core::other(locale)]),
        .canonical_url = seo::absolute_url(origin_, paths[locale]),
        .alternates = seo::hreflang_links(origin_, alternates, "", deps_.views.tags())};
    views::Dict body("legal_document");
    views::set(body, "TITLE"_key, layout.title);
    auto date = deps_.formatter.date(day_of(published.edition), locale, "UTC");
    views::set(
        body, "VERSION"_key,
        replaced(replaced(t(locale, "legal.version"), "date", date), "version", published.version));
    views::set(body, "TEXT"_key, published.text(locale));
    if (const auto* more = addendum(document); more && more->fill) more->fill(ctx, locale, body);
    co_return http::html(Status::ok, deps_.views.render("legal/document.tpl", body, layout));
  }

  LegalPagesDeps deps_;
  std::string origin_;
};

}  // namespace

void add_legal_routes(http::Router& router, LegalPagesDeps deps) {
  auto pages = std::make_shared<const LegalPages>(std::move(deps));
  // Each document's routes, with the middleware its addendum needs if it has one.
  auto routes = [&](Document document) {
    http::RouteOptions options;
    if (const auto* more = pages->addendum(document)) options.middleware = more->middleware;
    return http::MemberRoutes(router, pages, std::move(options));
  };
  routes(Document::privacy)
      .add(http::Method::get, path(Document::privacy), &LegalPages::show<Document::privacy>);
  routes(Document::terms)
      .add(http::Method::get, path(Document::terms), &LegalPages::show<Document::terms>);
  routes(Document::legal_notice)
      .add(http::Method::get, path(Document::legal_notice),
           &LegalPages::show<Document::legal_notice>);
  routes(Document::cookies)
      .add(http::Method::get, path(Document::cookies), &LegalPages::show<Document::cookies>);
}

}  // namespace comptoir::legal
