#pragma once

#include <string>

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "legal/legal_service.hpp"
#include "views/views.hpp"

namespace comptoir::legal {

struct LegalPagesDeps {
  LegalService& legal;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  std::string base_url{};  // canonical and hreflang URLs are absolute
};

// GET of each legal document in each locale (legal_urls.hpp): the text, its version ("Version du
// 4 décembre 2026 (réf. 2026-12-04.3f9a1c2b)"), a canonical URL and the hreflang alternates.
void add_legal_routes(http::Router& router, LegalPagesDeps deps);

}  // namespace comptoir::legal
