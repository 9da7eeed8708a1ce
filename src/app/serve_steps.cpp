#include "app/serve_steps.hpp"

#include <fmt/format.h>

#include "accounts/account_routes.hpp"
#include "accounts/clerk_routes.hpp"
#include "accounts/csrf.hpp"
#include "accounts/housekeeping.hpp"
#include "admin/admin_routes.hpp"
#include "admin/admin_urls.hpp"
#include "analytics/analytics_urls.hpp"
#include "analytics/consent.hpp"
#include "analytics/preferences_pages.hpp"
#include "app/commands.hpp"
#include "app/routes.hpp"
#include "backup/backup_job.hpp"
#include "cart/cart_api.hpp"
#include "cart/cart_routes.hpp"
#include "cart/cart_urls.hpp"
#include "catalog/catalog_urls.hpp"
#include "catalog/media_cleanup.hpp"
#include "catalog/storefront_routes.hpp"
#include "checkout/checkout_routes.hpp"
#include "checkout/checkout_urls.hpp"
#include "checkout/payment_api.hpp"
#include "checkout/refund_api.hpp"
#include "legal/legal_pages.hpp"
#include "media/media_routes.hpp"
#include "observe/log.hpp"
#include "orders/order_api.hpp"
#include "orders/order_expiry.hpp"
#include "orders/order_pages.hpp"
#include "orders/order_urls.hpp"
#include "privacy/privacy_pages.hpp"
#include "privacy/privacy_urls.hpp"
#include "seo/seo_routes.hpp"
#include "settings/settings_store.hpp"
#include "suppliers/printify_webhooks.hpp"
#include "suppliers/shipment_feedback.hpp"
#include "suppliers/supplier_order_api.hpp"
#include "throttle/housekeeping.hpp"
#include "throttle/throttled.hpp"

namespace comptoir::app {
namespace {

db::DatabaseOptions database_options(const core::Config& config) {
  db::DatabaseOptions options;
  options.primary_url = config.database_url;
  options.read_url = config.database_read_url;
  options.pool_size = config.database_pool_size;
  options.read_pool_size = config.database_read_pool_size;
  options.statement_timeout = config.statement_timeout;
  options.driver = db::parse_driver(config.database_driver).value_or(db::kDefaultDriver);
  return options;
}

// The visitor's session, stored or only given to it with a form (its first write stores it); a
// visitor without a session cookie has none, and only its address counts.
std::optional<std::string> visitor_session(const http::Context& ctx) {
  const auto& session = accounts::session_of(ctx);
  if (session.id_hash.empty()) return std::nullopt;
  return session.id_hash;
}

// The webhooks' throttle, per sending address: a refused delivery is answered 429 and retried by
// its sender, so no event is lost. Stripe and Clerk take from it only for a delivery whose
// signature fails (webhook_unverified); Printify's and the suppliers' receivers read their
// secrets from the database, and every delivery takes first (webhook_throttle).
std::vector<throttle::Rule> webhook_rules(const Infrastructure& infra) {
  return {{.name = "webhook_ip",
           .limit = infra.shop_limits.webhook_ip,
           .key = throttle::by_client_ip()}};
}
throttle::Throttle webhook_unverified(Infrastructure& infra) {
  return {infra.limiter, webhook_rules(infra), "webhook.rate_limited"};
}
std::vector<http::Middleware> webhook_throttle(Infrastructure& infra) {
  return {throttle::throttled(infra.limiter, webhook_rules(infra), "webhook.rate_limited")};
}

checkout::StripeClient stripe_client(const core::Config& config) {
  return checkout::StripeClient(
      {.api_base = config.stripe_api_base, .secret_key = config.stripe_secret_key});
}

// Refunds through Stripe's API (STRIPE_API_BASE, STRIPE_SECRET_KEY), with a client of their own.
checkout::RefundGateway refund_gateway(const core::Config& config) {
  return [client = stripe_client(config)](const checkout::StripeRefundRequest& request) {
    return client.create_refund(request);
  };
}

}  // namespace

std::string site_content_security_policy(const core::Config& config) {
  return core::with_analytics_sources(http::SecurityPolicy{}.content_security_policy,
                                      config.analytics);
}

std::vector<std::string> shopping_routes() {
  std::vector<std::string> routes;
  for (auto locale : core::kLocales) {
    routes.emplace_back(catalog::urls::kHome[locale]);
    routes.emplace_back(catalog::urls::kProducts[locale]);
    routes.push_back(catalog::urls::category_route(locale));
    routes.push_back(catalog::urls::product_route(locale));
    routes.emplace_back(cart::urls::kCart[locale]);
    routes.emplace_back(checkout::urls::kCheckout[locale]);
  }
  return routes;
}

namespace {

// Sentry when SENTRY_DSN is set: the release is what `comptoir --version` prints.
std::unique_ptr<observe::SentryReporter> error_reporter(const core::Config& config,
                                                        observe::Metrics& metrics) {
  if (!config.sentry) return nullptr;
  observe::SentryOptions options;
  options.dsn = *config.sentry;
  options.source.release = version_text();
  options.source.environment = std::string(core::name(config.env));
  options.source.base_url = config.base_url;
  options.redactor = core::Redactor(config);
  observe::info("errors are reported to Sentry",
                {{"endpoint", options.dsn.envelope_url()}, {"release", options.source.release}});
  return std::make_unique<observe::SentryReporter>(std::move(options), metrics);
}

// "https://shop.example:8443/x" → "shop.example"
std::string origin_host(std::string_view url) {
  auto start = url.find("://");
  url.remove_prefix(start == std::string_view::npos ? 0 : start + 3);
  return std::string(url.substr(0, url.find_first_of(":/")));
}

}  // namespace

Infrastructure::Infrastructure(const core::Config& settings)
    : config(settings),
      migrations(db::MigrationSet::load(config.data_dir / "migrations")),
      database(database_options(config)),
      messages(i18n::Catalog::load(config.data_dir)),
      formatter({.fr_tag = locale_tags.fr, .en_tag = locale_tags.en}),
      assets(staticfiles::AssetStore::load(config.data_dir / "static")),
      views(config.data_dir / "templates", messages, assets, site_navigation(), locale_tags),
      components{config, database, migrations, metrics, messages, formatter, assets, views},
      limiter(database),
      shop_limits(throttle::shop_limits(config.rate_limits)),
      sentry(error_reporter(config, metrics)) {
  if (config.analytics.enabled())
    views.set_analytics({.settings = config.analytics,
                         .consent_script = assets.url("js/consent.js"),
                         .preferences = analytics::urls::kPreferences});
}

void Infrastructure::add_routes(http::Router& router) {
  add_ops_routes(router, components);
  add_site_routes(router, components);
  media::add_routes(router, config.media_dir);  // /media/…: product pictures under MEDIA_DIR
}

Accounts::Accounts(Infrastructure& infrastructure)
    : infra(infrastructure),
      allowed_origin(accounts::origin_of(infra.config.base_url)),
      sessions(infra.database, infra.config.secret_keys, {}),
      common_passwords(
          accounts::CommonPasswords::load(infra.config.data_dir / "data" / "common-passwords.txt")),
      hasher({.capacity = infra.config.test_fault == "hasher_full" ? std::optional<std::size_t>{0}
                                                                   : std::nullopt}),
      limits(accounts::auth_limits(infra.config.rate_limits)),
      auth({.db = infra.database,
            .hasher = hasher,
            .common = common_passwords,
            .limiter = infra.limiter,
            .base_url = infra.config.base_url,
            .limits = limits}),
      two_factor({.db = infra.database,
                  .keys = infra.config.secret_keys,
                  .limiter = infra.limiter,
                  .code_limit = limits.code_account,
                  .session_failures = limits.code_session,
                  .base_url = infra.config.base_url}),
      address_book(infra.database, infra.config.secret_keys),
      api_tokens(infra.database),
      authorizer(
          {accounts::bearer_token_resolver(api_tokens, infra.limiter, infra.shop_limits.api_token),
           accounts::session_resolver(sessions, allowed_origin)},
          accounts::audit_denials(infra.database)),
      clerk_sync(infra.database) {}

void Accounts::add_pages(http::Router& router) {
  accounts::add_account_routes(router, {.sessions = sessions,
                                        .auth = auth,
                                        .two_factor = two_factor,
                                        .addresses = address_book,
                                        .views = infra.views,
                                        .messages = infra.messages,
                                        .formatter = infra.formatter,
                                        .orders_url = orders::urls::kMine,
                                        .privacy_url = privacy::urls::kData,
                                        .allowed_origin = allowed_origin,
                                        .staff_home = std::string(admin::urls::kDashboard)});
}

void Accounts::add_webhooks(http::Router& router) {
  accounts::add_clerk_webhook(router, clerk_sync, infra.config.clerk_webhook_secret,
                              webhook_unverified(infra));
}

namespace {

// The storefront pages are made of the catalog (its cache epoch moves with every change that drops
// everything, here or in another process, and is 0 while this process cannot hear of them; a
// narrower change drops pages by tag) and the shop's name (the layout, the titles): both counters
// only grow, so their sum moves whenever either does.
pagecache::PageCacheOptions page_cache_options(Infrastructure& infra,
                                               const catalog::CatalogService& catalog) {
  pagecache::PageCacheOptions options;
  options.budget = infra.config.page_cache_bytes;
  options.doorkeeper_slots = pagecache::kDoorkeeperSlots;
  options.generation = [&catalog, &names = infra.views.shop_name()]() -> std::uint64_t {
    auto generation = catalog.cache_generation();
    return generation == 0 ? 0 : generation + names.generation();
  };
  return options;
}

}  // namespace

Storefront::Storefront(Infrastructure& infrastructure, Accounts& accounts_step)
    : infra(infrastructure),
      accounts(accounts_step),
      catalog(infra.database, infra.config.media_dir),
      imports(infra.database, catalog),
      head_tags(infra.config.base_url, infra.locale_tags, infra.messages, infra.views.shop_name(),
                seo::site_verification_tags(infra.config.google_site_verification,
                                            infra.config.bing_site_verification)),
      api({.catalog = catalog,
           .authorizer = accounts_step.authorizer,
           .messages = infra.messages,
           .formatter = infra.formatter,
           .views = infra.views,
           .openapi_file = infra.config.data_dir / "api" / "openapi.json"}),
      redirects(infra.database),
      legal(infra.database, infra.views,
            {.site_url = infra.config.base_url,
             .card_payments = !infra.config.stripe_secret_key.empty(),
             .analytics = infra.config.analytics.provider}) {
  if (infra.config.database_url.empty()) return;
  if (infra.config.page_cache_bytes > 0) {
    pages.emplace(page_cache_options(infra, catalog), infra.metrics);
    // A change the catalog drops narrowly (a product, a category's listing) drops the pages that
    // show it; one that drops everything moves the catalog's epoch, hence the pages' generation.
    catalog.on_drop([&cache = *pages](const catalog::CacheDrop& drop) {
      cache.drop_tags(catalog::page_tags_of(drop));
    });
  }
  catalog.start_listening(infra.config.database_url);
  try {
    redirects.load();  // before the server listens; the listener reloads once connected too
  } catch (const std::exception& e) {
    observe::warn("redirects not loaded at start; loaded once the database answers",
                  {{"error", e.what()}});
  }
  redirects.start_listening(infra.config.database_url);
}

namespace {

// The audience-measurement choice: its form's POST (analytics), and the section the cookie policy
// shows after its text (legal's page) when ANALYTICS is set.
analytics::PreferencesDeps preferences_deps(const Infrastructure& infra, Accounts& accounts) {
  return {.views = infra.views,
          .messages = infra.messages,
          .sessions = accounts.sessions,
          .settings = infra.config.analytics,
          .allowed_origin = accounts.allowed_origin,
          .secure_cookie = infra.config.is_production()};
}

std::vector<legal::Addendum> legal_addenda(const Infrastructure& infra, Accounts& accounts) {
  if (!infra.config.analytics.enabled()) return {};
  return {{.document = legal::Document::cookies,
           .middleware = {accounts::with_session(accounts.sessions)},
           .fill = [deps = preferences_deps(infra, accounts)](
                       http::Context& ctx, core::Locale locale, views::Dict& body) {
             analytics::add_preferences_section(ctx, locale, body, "ADDENDUM", deps);
           }}};
}

}  // namespace

void Storefront::add_pages(http::Router& router) {
  std::vector<http::Middleware> cached;
  if (pages) cached.push_back(pages->middleware());
  catalog::storefront::add_routes(
      router, {.catalog = catalog,
               .views = infra.views,
               .messages = infra.messages,
               .formatter = infra.formatter,
               .seo = head_tags,
               .page_middleware = std::move(cached),
               .cache_tags_field = pages ? pagecache::kTagsField : std::string_view{}});
  legal::add_legal_routes(router, {.legal = legal,
                                   .views = infra.views,
                                   .messages = infra.messages,
                                   .formatter = infra.formatter,
                                   .base_url = infra.config.base_url,
                                   .addenda = legal_addenda(infra, accounts)});
  seo::add_routes(router, catalog,
                  {.base_url = infra.config.base_url,
                   .tags = infra.locale_tags,
                   .private_pages = private_pages(),
                   .pages = legal_pages(),
                   .google_verification_file = infra.config.google_site_verification_html,
                   .bing_verification_codes = infra.config.bing_site_verification});
  // Paths no route serves: the previous site's redirects, else 404.
  router.fallback(seo::redirect_fallback(redirects));
}

void Storefront::add_api(http::Router& router) {
  api.add_routes(router);
}

Mail::Mail(Infrastructure& infra) {
  const auto& config = infra.config;
  if (config.smtp_url.empty() || config.database_url.empty()) {
    observe::warn("SMTP_URL is unset: mail waits in email_outbox until it is set");
    return;
  }
  database.emplace(db::DatabaseOptions{.primary_url = config.database_url, .pool_size = 1});
  auto mail_from = config.mail_from.empty()
                       ? fmt::format("no-reply@{}", origin_host(config.base_url))
                       : config.mail_from;
  outbox.emplace(*database, notify::SmtpSender(config.smtp_url),
                 notify::MailRenderer(infra.views, infra.messages),
                 notify::OutboxOptions{.mail_from = mail_from});
}

Commerce::Commerce(Infrastructure& infrastructure, Storefront& storefront, Accounts& account_step)
    : infra(infrastructure),
      accounts(account_step),
      carts(infra.database, storefront.catalog),
      orders(infra.database, storefront.catalog,
             {.formatter = infra.formatter,
              .messages = infra.messages,
              .keys = infra.config.secret_keys,
              .base_url = infra.config.base_url}),
      returns(infra.database, orders.mail()),
      checkout(orders, storefront.legal, stripe_client(infra.config), infra.messages, infra.limiter,
               {.base_url = infra.config.base_url,
                .limits = {.session = infra.shop_limits.order_session,
                           .email = infra.shop_limits.order_email,
                           .ip = infra.shop_limits.order_ip}}),
      stripe_events(infra.database, orders, infra.metrics,
                    {.crash_before_commit = infra.config.test_fault == "stripe_before_commit",
                     .returns = &returns,
                     .reporter = infra.reporter()}),
      refunds(infra.database, orders, refund_gateway(infra.config),
              {.retry_base = infra.config.env == core::Environment::test ? std::chrono::seconds{1}
                                                                         : std::chrono::seconds{30},
               .returns = &returns}),
      privacy({.db = infra.database,
               .keys = infra.config.secret_keys,
               .formatter = infra.formatter,
               .base_url = infra.config.base_url}) {
  orders.observe(supplier_routing);
  start_analytics();
  accounts.sessions.on_signed_in([this](const std::string& session_id_hash,
                                        std::int64_t user_id) -> http::net::awaitable<void> {
    co_await carts.merge_guest_cart(session_id_hash, user_id);
  });
  if (checkout.provider() == orders::PaymentProvider::manual)
    observe::warn("STRIPE_SECRET_KEY is unset: orders are paid offline (manual provider)");
}

void Commerce::start_analytics() {
  const auto& config = infra.config;
  if (!config.analytics.enabled()) return;
  analytics::EventSender sender(config.analytics, config.ga4_api_secret);
  if (!sender.configured() || config.database_url.empty()) {
    observe::warn("analytics: purchases and refunds are not reported (GA4_API_SECRET is unset)");
    return;
  }
  analytics_tracker.emplace(orders, analytics::TrackerOptions{.base_url = config.base_url,
                                                              .page = checkout::urls::kCheckout});
  orders.observe(*analytics_tracker);
  analytics_database.emplace(
      db::DatabaseOptions{.primary_url = config.database_url, .pool_size = 1});
  analytics_outbox.emplace(
      *analytics_database, std::move(sender), infra.metrics,
      analytics::OutboxOptions{.retry_base = config.env == core::Environment::test
                                                 ? std::chrono::milliseconds{1000}
                                                 : std::chrono::milliseconds{30'000}});
}

void Commerce::add_analytics(http::Router& router) {
  analytics::add_preferences_routes(router, preferences_deps(infra, accounts));
}

namespace {

// The choice the order remembers, when analytics is on (checkout's pages and API).
std::function<orders::AnalyticsMark(const http::Context&)> analytics_mark(
    const core::Config& config) {
  if (!config.analytics.enabled()) return {};
  return [settings = config.analytics](const http::Context& ctx) {
    return analytics::mark_of(ctx, settings);
  };
}

}  // namespace

void Commerce::add_cart(http::Router& router) {
  // Cart writes, pages and API alike: per session, then per address (an office shares one).
  const auto& limits = infra.shop_limits;
  std::vector<throttle::Rule> rules{
      {.name = "cart_session", .limit = limits.cart_session, .key = visitor_session},
      {.name = "cart_ip", .limit = limits.cart_ip, .key = throttle::by_client_ip()}};
  std::vector<http::Middleware> writes{
      throttle::throttled(infra.limiter, std::move(rules), "cart.rate_limited")};
  cart::add_cart_routes(router, {.carts = carts,
                                 .sessions = accounts.sessions,
                                 .views = infra.views,
                                 .messages = infra.messages,
                                 .formatter = infra.formatter,
                                 .checkout_url = checkout::urls::kCheckout,
                                 .allowed_origin = accounts.allowed_origin,
                                 .write_middleware = writes});
  cart::add_cart_api(router, {.carts = carts,
                              .sessions = accounts.sessions,
                              .messages = infra.messages,
                              .formatter = infra.formatter,
                              .allowed_origin = accounts.allowed_origin,
                              .write_middleware = writes});
}

void Commerce::add_checkout(http::Router& router) {
  const auto& config = infra.config;
  checkout::add_checkout_routes(router,
                                {.checkout = checkout,
                                 .carts = carts,
                                 .sessions = accounts.sessions,
                                 .addresses = accounts.address_book,
                                 .views = infra.views,
                                 .messages = infra.messages,
                                 .formatter = infra.formatter,
                                 .allowed_origin = accounts.allowed_origin,
                                 .content_security_policy = checkout::content_security_policy(
                                     config.stripe_api_base, site_content_security_policy(config)),
                                 .analytics_mark = analytics_mark(config)});
  checkout::add_payment_api(router, {.checkout = checkout,
                                     .sessions = accounts.sessions,
                                     .events = stripe_events,
                                     .messages = infra.messages,
                                     .formatter = infra.formatter,
                                     .allowed_origin = accounts.allowed_origin,
                                     .webhook_secrets = config.stripe_webhook_secret,
                                     .unverified_throttle = webhook_unverified(infra),
                                     .analytics_mark = analytics_mark(config)});
}

void Commerce::add_orders(http::Router& router) {
  // Asking for a return: per signed-in account (the page refuses anyone else), then per address.
  const auto& limits = infra.shop_limits;
  auto account = [](const http::Context& ctx) -> std::optional<std::string> {
    const auto& session = accounts::session_of(ctx);
    if (!session.signed_in()) return std::nullopt;
    return std::to_string(session.user->id);
  };
  std::vector<throttle::Rule> rules{
      {.name = "return_account", .limit = limits.return_account, .key = account},
      {.name = "return_ip", .limit = limits.return_ip, .key = throttle::by_client_ip()}};
  orders::add_order_pages(
      router,
      {.orders = orders,
       .returns = returns,
       .sessions = accounts.sessions,
       .views = infra.views,
       .messages = infra.messages,
       .formatter = infra.formatter,
       .keys = infra.config.secret_keys,
       .abandon_payment = [this](const orders::Order& order) { return checkout.abandon(order); },
       .allowed_origin = accounts.allowed_origin,
       .return_middleware = {
           throttle::throttled(infra.limiter, std::move(rules), "returns.rate_limited")}});
  const orders::OrderApiDeps api{.orders = orders,
                                 .authorizer = accounts.authorizer,
                                 .messages = infra.messages,
                                 .formatter = infra.formatter};
  orders::add_order_list_api(router, api);  // before /api/v1/orders/{number}
  orders::add_order_api(router, api);
  checkout::add_refund_api(router, {.refunds = refunds,
                                    .authorizer = accounts.authorizer,
                                    .messages = infra.messages,
                                    .formatter = infra.formatter});
  // Printify's order events (signed with the secret `suppliers webhooks` set).
  suppliers::add_printify_webhooks(router, {.db = infra.database,
                                            .keys = infra.config.secret_keys,
                                            .webhook_middleware = webhook_throttle(infra)});
  // A dropshipper's news of the orders it was sent (signed), or staff recording it.
  suppliers::add_supplier_order_api(router, {.db = infra.database,
                                             .keys = infra.config.secret_keys,
                                             .authorizer = accounts.authorizer,
                                             .messages = infra.messages,
                                             .webhook_middleware = webhook_throttle(infra)});
}

void Commerce::add_privacy(http::Router& router) {
  // Each asks for the password and an export reads all the shop holds of the person: per
  // signed-in account (the pages refuse anyone else), then per address.
  const auto& limits = infra.shop_limits;
  auto account = [](const http::Context& ctx) -> std::optional<std::string> {
    const auto& session = accounts::session_of(ctx);
    if (!session.signed_in()) return std::nullopt;
    return std::to_string(session.user->id);
  };
  std::vector<throttle::Rule> rules{
      {.name = "privacy_account", .limit = limits.privacy_account, .key = account},
      {.name = "privacy_ip", .limit = limits.privacy_ip, .key = throttle::by_client_ip()}};
  privacy::add_privacy_pages(
      router, {.privacy = privacy,
               .sessions = accounts.sessions,
               .auth = accounts.auth,
               .two_factor = accounts.two_factor,
               .views = infra.views,
               .messages = infra.messages,
               .allowed_origin = accounts.allowed_origin,
               .write_middleware = {
                   throttle::throttled(infra.limiter, std::move(rules), "privacy.rate_limited")}});
}

void add_back_office(http::Router& router, Infrastructure& infra, Accounts& accounts,
                     Storefront& storefront, Commerce& commerce) {
  const auto& config = infra.config;
  admin::add_admin_routes(
      router, {.db = infra.database,
               .sessions = accounts.sessions,
               .auth = accounts.auth,
               .orders = commerce.orders,
               .returns = commerce.returns,
               .refunds = commerce.refunds,
               .catalog = storefront.catalog,
               .imports = storefront.imports,
               .two_factor = accounts.two_factor,
               .addresses = accounts.address_book,
               .views = infra.views,
               .messages = infra.messages,
               .formatter = infra.formatter,
               .assets = infra.assets,
               .allowed_origin = accounts.allowed_origin,
               .backup_dir = config.backup_schedule ? config.backup_dir : std::filesystem::path{},
               .base_url = config.base_url});
}

void add_jobs(jobs::Runner& runner, Infrastructure& infra, const Accounts& accounts,
              const Storefront& storefront, const Commerce& commerce, Mail& mail) {
  if (infra.config.database_url.empty()) return;
  // The payment side runs often: a paid order must not wait long for a webhook that failed, nor
  // stock stay held long after its payment window. The HTTP tests wait on both.
  const std::chrono::milliseconds payments_every = infra.config.env == core::Environment::test
                                                       ? std::chrono::milliseconds{500}
                                                       : std::chrono::seconds{5};
  runner.add(accounts::housekeeping_job(accounts.sessions.policy()));
  runner.add(throttle::housekeeping_job());
  runner.add(catalog::media_cleanup_job(infra.config.media_dir));
  runner.add(catalog::imports_job(storefront.imports, payments_every));
  runner.add(orders::expiry_job(commerce.orders, payments_every));
  runner.add(checkout::stripe_events_job(commerce.stripe_events, payments_every));
  runner.add(checkout::refund_retry_job(commerce.refunds, payments_every));
  runner.add(suppliers::shipment_feedback_job(commerce.orders, payments_every));
  if (mail.outbox) runner.add(notify::outbox_job(*mail.outbox));
  if (commerce.analytics_outbox)
    runner.add(analytics::outbox_job(*commerce.analytics_outbox, payments_every));
  // Every process shows the shop's name from the settings: read now, before the first page, then
  // at each tick (a few rows by primary key), so a name saved anywhere shows within seconds.
  runner.add({.name = "settings.shop_name",
              .every = payments_every,
              .exclusive = false,
              .run = jobs::InTransaction{[&names = infra.views.shop_name()](db::Connection& conn) {
                auto shop = settings::current(conn);
                names.set(shop.name_fr, shop.name_en);
              }}});
  runner.run_now("settings.shop_name");
  if (const auto& config = infra.config; config.backup_schedule)
    runner.add(backup::scheduled_backup_job({.shop = {.database_url = config.database_url,
                                                      .media_dir = config.media_dir,
                                                      .migrations_dir = infra.migrations.dir()},
                                             .key = config.secret_keys.active(),
                                             .dir = config.backup_dir,
                                             .schedule = *config.backup_schedule,
                                             .keep = config.backup_keep},
                                            infra.metrics));
}

}  // namespace comptoir::app
