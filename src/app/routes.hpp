#pragma once

#include <vector>

#include "app/components.hpp"
#include "core/locale.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "views/views.hpp"

namespace comptoir::app {

// /healthz, /readyz, /metrics unless METRICS_PORT serves it apart (and /_bench/plaintext when
// COMPTOIR_BENCH=1).
void add_ops_routes(http::Router& router, Components& app);
// /healthz and /readyz (its check kept for a second); /metrics alone. The METRICS_PORT listener
// serves these three.
void add_probe_routes(http::Router& router, Components& app);
void add_metrics_route(http::Router& router, Components& app);

// The layout's links, from the modules that serve them (catalog, cart and accounts URL tables;
// the footer's legal pages from legal's).
views::Navigation site_navigation();

// The per-visitor pages robots.txt closes to crawlers: the cart, the checkout, the account.
std::vector<core::Localized> private_pages();

// The legal pages, which the sitemaps list besides the catalog's.
std::vector<core::Localized> legal_pages();

// / (to the visitor's locale home), /fr and /en (to /fr/ and /en/) and /static/…
void add_site_routes(http::Router& router, Components& app);

// A translated HTML error page, or problem+json for the API and JSON clients.
http::ErrorRenderer error_renderer(Components& app);

// Sets ctx.locale from the /fr/ or /en/ prefix, or from Accept-Language for /api/.
http::Middleware locale_from_request();

}  // namespace comptoir::app
