#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/address_book.hpp"
#include "accounts/api_token_service.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/authorization.hpp"
#include "accounts/clerk_sync.hpp"
#include "accounts/password_hasher.hpp"
#include "accounts/session.hpp"
#include "accounts/two_factor.hpp"
#include "analytics/order_tracker.hpp"
#include "analytics/outbox_sender.hpp"
#include "app/components.hpp"
#include "cart/cart_service.hpp"
#include "catalog/catalog_api.hpp"
#include "catalog/catalog_imports.hpp"
#include "catalog/catalog_service.hpp"
#include "checkout/checkout_service.hpp"
#include "checkout/refund_service.hpp"
#include "checkout/stripe_events.hpp"
#include "http/router.hpp"
#include "jobs/runner.hpp"
#include "legal/legal_service.hpp"
#include "notify/outbox_sender.hpp"
#include "observe/sentry.hpp"
#include "orders/order_service.hpp"
#include "orders/return_service.hpp"
#include "pagecache/page_cache.hpp"
#include "privacy/privacy_service.hpp"
#include "seo/head_tags.hpp"
#include "seo/redirect_service.hpp"
#include "suppliers/order_routing.hpp"
#include "throttle/limits.hpp"

// The steps serve() takes to build the shop. Each struct builds one part and holds what it built;
// later steps, the routes and the jobs keep references into them, so they are built in place and
// never moved. A step registers its routes when serve() asks, in the router's order.
namespace comptoir::app {

// The foundation every module plugs into: the database pool, metrics, messages and formatting,
// static assets and templates, and the token buckets every throttle takes from.
struct Infrastructure {
  explicit Infrastructure(const core::Config& config);

  // /healthz, /readyz, /metrics (and /_bench/plaintext), /, /fr, /en, /static/…, /media/…
  void add_routes(http::Router& router);

  const core::Config& config;
  db::MigrationSet migrations;
  db::Database database;
  observe::Metrics metrics;
  i18n::Catalog messages;
  // One set of BCP 47 tags: <html lang>, hreflang, og:locale and ICU's price formatting.
  views::LocaleTags locale_tags;
  i18n::Formatter formatter;
  staticfiles::AssetStore assets;
  views::Views views;
  Components components;
  throttle::RateLimiter limiter;
  const throttle::ShopLimits shop_limits;  // COMPTOIR_RATE_LIMITS' order_*, cart_*, api_token…
  // Errors to Sentry (or GlitchTip) when SENTRY_DSN is set; null otherwise.
  std::unique_ptr<observe::SentryReporter> sentry;

  // Where hooks report errors; null without SENTRY_DSN.
  observe::ErrorReporter* reporter() const { return sentry.get(); }
};

// Accounts: sessions in PostgreSQL, argon2id off the I/O threads, rate limits, two-factor codes,
// addresses, API tokens, and the authorizer the JSON APIs check staff and tokens with.
struct Accounts {
  explicit Accounts(Infrastructure& infra);

  void add_pages(http::Router& router);     // sign-in, registration, recovery, the account
  void add_webhooks(http::Router& router);  // /webhooks/clerk (503 until its secret is set)

  Infrastructure& infra;
  std::string allowed_origin;  // BASE_URL's origin, for the CSRF and Origin checks
  accounts::SessionService sessions;
  accounts::CommonPasswords common_passwords;
  accounts::PasswordHasher hasher;
  accounts::AuthLimits limits;
  accounts::AuthService auth;
  accounts::TwoFactorService two_factor;
  accounts::AddressBook address_book;
  accounts::ApiTokenService api_tokens;
  // API writes need an API token, or a staff session that passed 2FA (with its X-CSRF-Token);
  // denials are audited.
  const accounts::Authorizer authorizer;
  accounts::ClerkSync clerk_sync;  // users managed in Clerk follow its Svix-signed webhooks
};

// The catalog: storefront pages and their SEO, and the JSON API (/api/v1/…) with its docs; the
// legal pages, whose terms of sale the checkout records on each order.
struct Storefront {
  Storefront(Infrastructure& infra, Accounts& accounts);

  void add_pages(http::Router& router);  // home, category, products/search, product; sitemap…
  void add_api(http::Router& router);    // /api/v1/ catalog reads and writes, /api/docs

  Infrastructure& infra;
  Accounts& accounts;  // the cookie policy's measurement choice needs the session
  // Whole storefront pages with their compressed bodies (COMPTOIR_PAGE_CACHE_BYTES; none at 0 or
  // without a database). Its middleware is around the storefront routes only. Before the catalog,
  // so that it outlives the catalog's listener, which drops pages by tag.
  std::optional<pagecache::PageCache> pages;
  catalog::CatalogService catalog;
  catalog::CatalogImports imports;  // the back office's CSV imports, run by catalog.imports
  const seo::HeadTags head_tags;
  catalog::CatalogApi api;
  // The previous site's redirects, answered by the router's fallback (seo::redirect_fallback).
  seo::RedirectTable redirects;
  legal::LegalService legal;
};

// Transactional mail: email_outbox is sent through SMTP_URL on a connection of its own, so a slow
// SMTP server never holds a connection a request is waiting for. Without SMTP_URL (or a
// database), mail waits in the outbox.
struct Mail {
  explicit Mail(Infrastructure& infra);

  std::optional<db::Database> database;
  std::optional<notify::OutboxSender> outbox;
};

// The cart, orders and payment. A guest's cart joins the account's at sign-in. The checkout places
// an order (stock held in the same transaction), then pays through Stripe Checkout, or offline
// (manual) when STRIPE_SECRET_KEY is unset. Stripe's signed webhooks are stored, then applied once.
// A paid order's customer may ask to return units (returns, within 30 days of shipping).
// Staff refunds go back through Stripe (or are recorded, offline), retried until Stripe answers.
struct Commerce {
  Commerce(Infrastructure& infra, Storefront& storefront, Accounts& accounts);

  void add_cart(http::Router& router);      // cart pages and the cart API
  void add_checkout(http::Router& router);  // checkout page and API, Stripe webhook
  void add_orders(
      http::Router& router);  // order pages (and their returns), the staff order and refund API
  void add_privacy(http::Router& router);    // a customer's copy of their data, closing an account
  void add_analytics(http::Router& router);  // the audience-measurement preferences page

  void start_analytics();  // the tracker and the outbox sender, when ANALYTICS is set

  Infrastructure& infra;
  Accounts& accounts;
  cart::CartService carts;
  // Turns paid orders' dropshipped lines into supplier orders (the supplier engine's side of the
  // shop), observing `orders`.
  suppliers::OrderRouting supplier_routing;
  orders::OrderService orders;
  orders::ReturnService returns;
  checkout::CheckoutService checkout;
  checkout::StripeEvents stripe_events;
  checkout::RefundService refunds;
  // The privacy rights over accounts', orders', cart's and notify's parts (docs/privacy.md).
  privacy::PrivacyService privacy;
  // ANALYTICS (docs/analytics.md): purchases and refunds of orders whose visitor allowed
  // measurement, written with the payment and sent from their own connection. Unset: none.
  std::optional<analytics::OrderTracker> analytics_tracker;
  std::optional<db::Database> analytics_database;
  std::optional<analytics::OutboxSender> analytics_outbox;
};

// The Content-Security-Policy of every page: the built-in one, with ANALYTICS' service allowed in
// script-src and connect-src (nothing more when it is unset).
std::string site_content_security_policy(const core::Config& config);

// The pages a shopper lands on and buys through (home, listings, product, cart, checkout) in both
// locales: sent without Cross-Origin-Opener-Policy, which would give each landing a renderer
// process of its own; the account, order and staff pages keep it (docs/security.md).
std::vector<std::string> shopping_routes();

// The back office (/admin/): staff screens over the shop's services.
void add_back_office(http::Router& router, Infrastructure& infra, Accounts& accounts,
                     Storefront& storefront, Commerce& commerce);

// The periodic jobs: accounts housekeeping, the files of pictures an interrupted write left, the
// catalog's CSV imports, the order expiry, stored Stripe events, refunds Stripe has not answered,
// the email outbox, and backups when COMPTOIR_BACKUP_SCHEDULE is set. None without a database.
void add_jobs(jobs::Runner& runner, Infrastructure& infra, const Accounts& accounts,
              const Storefront& storefront, const Commerce& commerce, Mail& mail);

}  // namespace comptoir::app
