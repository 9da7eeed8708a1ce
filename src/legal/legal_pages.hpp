#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "legal/legal_service.hpp"
#include "views/dictionary.hpp"
#include "views/views.hpp"

namespace comptoir::legal {

// What a document's page shows after its text, filled at each request: the cookie policy's
// audience-measurement choice (app fills it with analytics' section; legal knows nothing of it).
// `fill` includes its template into the body as ADDENDUM. The document's routes run `middleware`
// first (the session, for the form's CSRF token).
struct Addendum {
  Document document = Document::cookies;
  std::vector<http::Middleware> middleware{};
  std::function<void(http::Context&, core::Locale, views::Dict& body)> fill{};
};

struct LegalPagesDeps {
  LegalService& legal;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  std::string base_url{};  // canonical and hreflang URLs are absolute
  std::vector<Addendum> addenda{};
};

// GET of each legal document in each locale (legal_urls.hpp): the text, its version ("Version du
// 4 décembre 2026 (réf. 2026-12-04.3f9a1c2b)"), a canonical URL and the hreflang alternates.
void add_legal_routes(http::Router& router, LegalPagesDeps deps);

}  // namespace comptoir::legal
