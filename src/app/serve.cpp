#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>

#include <map>
#include <optional>

#include "accounts/account_routes.hpp"
#include "accounts/address_book.hpp"
#include "accounts/api_token_service.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/authorization.hpp"
#include "accounts/clerk_routes.hpp"
#include "accounts/clerk_sync.hpp"
#include "accounts/csrf.hpp"
#include "accounts/housekeeping.hpp"
#include "accounts/password_hasher.hpp"
#include "accounts/two_factor.hpp"
#include "app/commands.hpp"
#include "app/routes.hpp"
#include "cart/cart_api.hpp"
#include "cart/cart_routes.hpp"
#include "cart/cart_service.hpp"
#include "catalog/catalog_api.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/storefront_routes.hpp"
#include "checkout/checkout_routes.hpp"
#include "checkout/checkout_service.hpp"
#include "checkout/payment_api.hpp"
#include "checkout/stripe_events.hpp"
#include "http/server.hpp"
#include "jobs/runner.hpp"
#include "media/media_routes.hpp"
#include "notify/outbox_sender.hpp"
#include "observe/log.hpp"
#include "orders/order_expiry.hpp"
#include "orders/order_service.hpp"
#include "seo/head_tags.hpp"
#include "seo/seo_routes.hpp"

namespace comptoir::app {
namespace {

db::DatabaseOptions database_options(const core::Config& config) {
  db::DatabaseOptions options;
  options.primary_url = config.database_url;
  options.read_url = config.database_read_url;
  options.pool_size = config.database_pool_size;
  options.statement_timeout = config.statement_timeout;
  return options;
}

// Development applies pending migrations; elsewhere pending migrations are an operator decision.
// Production refuses to serve a schema it was not built for; test starts (and /readyz says 503).
bool prepare_schema(const core::Config& config) {
  db::Migrator migrator(config.database_url, config.data_dir / "migrations");
  try {
    if (config.env == core::Environment::development) {
      for (const auto& applied : migrator.migrate())
        observe::info("migration applied", {{"migration", applied}});
      return true;
    }
    auto status = migrator.status();
    if (status.current()) return true;
    if (config.is_production()) {
      fmt::print(stderr,
                 "comptoir serve: refusing to start in production: {}\n"
                 "Run 'comptoir migrate' first.\n",
                 describe(status));
      return false;
    }
    observe::warn("database schema is not current; /readyz will answer 503",
                  {{"migrations", describe(status)}});
  } catch (const db::MigrationError& e) {
    fmt::print(stderr, "comptoir serve: {}\n", e.what());
    return false;
  } catch (const db::DbError& e) {
    // PostgreSQL may come up after us: serve, and let /readyz keep traffic away until it does.
    observe::warn("database unreachable at start", {{"error", e.what()}});
  }
  return true;
}

// "https://shop.example:8443/x" → "shop.example"
std::string origin_host(std::string_view url) {
  auto start = url.find("://");
  url.remove_prefix(start == std::string_view::npos ? 0 : start + 3);
  return std::string(url.substr(0, url.find_first_of(":/")));
}

// The jobs' own connections (locks, tick claims, in-transaction jobs): a job's thread holds at
// most one at a time, and two jobs use them.
db::DatabaseOptions job_database(const core::Config& config) {
  return {.primary_url = config.database_url,
          .pool_size = 2,
          .statement_timeout = config.statement_timeout,
          .application_name = "comptoir jobs"};
}

}  // namespace

int serve(const core::Config& config) {
  if (!prepare_schema(config)) return kExitFailure;
  auto migrations = db::MigrationSet::load(config.data_dir / "migrations");

  db::Database database(database_options(config));
  observe::Metrics metrics;
  auto catalog = i18n::Catalog::load(config.data_dir);
  // One set of BCP 47 tags: <html lang>, hreflang, og:locale and ICU's price formatting.
  const views::LocaleTags locale_tags;
  i18n::Formatter formatter({.fr_tag = locale_tags.fr, .en_tag = locale_tags.en});
  auto assets = staticfiles::AssetStore::load(config.data_dir / "static");
  views::Views views(config.data_dir / "templates", catalog, assets, locale_tags);
  Components app{config, database, migrations, metrics, catalog, formatter, assets, views};
  catalog::CatalogService catalog_service(database);
  if (!config.database_url.empty()) catalog_service.start_listening(config.database_url);

  http::Router router;
  add_ops_routes(router, app);
  add_site_routes(router, app);
  media::add_routes(router, config.media_dir);  // /media/…: product pictures under MEDIA_DIR
  // Storefront pages (home, category, products/search, product) and their SEO.
  const seo::HeadTags head_tags(config.base_url, locale_tags, catalog);
  catalog::storefront::add_routes(router, {.catalog = catalog_service,
                                           .views = views,
                                           .messages = catalog,
                                           .formatter = formatter,
                                           .seo = head_tags});
  seo::add_routes(router, catalog_service, {.base_url = config.base_url, .tags = locale_tags});
  // Accounts: sessions in PostgreSQL, argon2id off the I/O threads, rate limits, and the pages.
  auto allowed_origin = accounts::origin_of(config.base_url);
  accounts::SessionService sessions(database, {});
  auto common_passwords =
      accounts::CommonPasswords::load(config.data_dir / "data" / "common-passwords.txt");
  accounts::PasswordHasher hasher(accounts::PasswordLimits::kModerate);
  accounts::RateLimiter limiter(database);
  const auto limits = accounts::auth_limits(config.rate_limits);
  accounts::AuthService auth({.db = database,
                              .hasher = hasher,
                              .common = common_passwords,
                              .limiter = limiter,
                              .base_url = config.base_url,
                              .limits = limits});
  accounts::TwoFactorService two_factor({.db = database,
                                         .keys = config.secret_keys,
                                         .limiter = limiter,
                                         .code_limit = limits.code_account});
  accounts::AddressBook address_book(database, config.secret_keys);
  accounts::add_account_routes(router, {.sessions = sessions,
                                        .auth = auth,
                                        .two_factor = two_factor,
                                        .addresses = address_book,
                                        .views = views,
                                        .messages = catalog,
                                        .formatter = formatter,
                                        .allowed_origin = allowed_origin});
  // Transactional mail: email_outbox is sent through SMTP_URL by a job, on a connection of its
  // own (a slow SMTP server never holds a request's connection).
  std::optional<db::Database> mail_database;
  std::optional<notify::OutboxSender> mailer;
  if (!config.smtp_url.empty() && !config.database_url.empty()) {
    mail_database.emplace(db::DatabaseOptions{.primary_url = config.database_url, .pool_size = 1});
    auto mail_from = config.mail_from.empty()
                         ? fmt::format("no-reply@{}", origin_host(config.base_url))
                         : config.mail_from;
    mailer.emplace(*mail_database, notify::SmtpSender(config.smtp_url),
                   notify::MailRenderer(views, catalog),
                   notify::OutboxOptions{.mail_from = mail_from});
  } else {
    observe::warn("SMTP_URL is unset: mail waits in email_outbox until it is set");
  }
  // The cart: a guest's hangs on their session and joins the account's when they sign in.
  cart::CartService carts(database, catalog_service);
  sessions.on_signed_in([&carts](const std::string& session_id_hash,
                                 std::int64_t user_id) -> http::net::awaitable<void> {
    co_await carts.merge_guest_cart(session_id_hash, user_id);
  });
  cart::add_cart_routes(router, {.carts = carts,
                                 .sessions = sessions,
                                 .views = views,
                                 .messages = catalog,
                                 .formatter = formatter,
                                 .allowed_origin = allowed_origin});
  cart::add_cart_api(router, {.carts = carts,
                              .sessions = sessions,
                              .messages = catalog,
                              .allowed_origin = allowed_origin});
  // The catalog's JSON API (/api/v1/…): writes need an API token, or a staff session that passed
  // 2FA (with its X-CSRF-Token); denials are audited. Its documentation too.
  accounts::ApiTokenService api_tokens(database);
  const accounts::Authorizer authorizer({accounts::bearer_token_resolver(api_tokens),
                                         accounts::session_resolver(sessions, allowed_origin)},
                                        accounts::audit_denials(database));
  catalog::CatalogApi catalog_api({.catalog = catalog_service,
                                   .authorizer = authorizer,
                                   .messages = catalog,
                                   .formatter = formatter,
                                   .views = views,
                                   .openapi_file = config.data_dir / "api" / "openapi.json"});
  catalog_api.add_routes(router);
  // Orders and payment: the checkout places an order (stock held in the same transaction), then
  // pays through Stripe Checkout, or offline (manual) when STRIPE_SECRET_KEY is unset. Stripe's
  // signed webhooks are stored, then applied once; a job retries what failed and releases holds
  // whose payment window passed.
  orders::OrderService order_service(database, catalog_service,
                                     {.formatter = formatter,
                                      .messages = catalog,
                                      .keys = config.secret_keys,
                                      .base_url = config.base_url});
  checkout::CheckoutService checkout_service(
      order_service,
      checkout::StripeClient(
          {.api_base = config.stripe_api_base, .secret_key = config.stripe_secret_key}),
      catalog, {.base_url = config.base_url});
  if (checkout_service.provider() == orders::PaymentProvider::manual)
    observe::warn("STRIPE_SECRET_KEY is unset: orders are paid offline (manual provider)");
  checkout::StripeEvents stripe_events(
      database, order_service, {.crash_after_store = config.test_fault == "stripe_after_store"});
  // The periodic jobs, on connections of their own: expired sessions, tokens and rate-limit
  // buckets every 10 minutes; stored Stripe events and expired stock holds often (the HTTP tests
  // wait on both); the email outbox every 2 s.
  jobs::Runner runner(job_database(config), metrics);
  if (!config.database_url.empty()) {
    const std::chrono::milliseconds payments_every = config.env == core::Environment::test
                                                         ? std::chrono::milliseconds{500}
                                                         : std::chrono::seconds{5};
    runner.add(accounts::housekeeping_job(sessions.policy()));
    runner.add(orders::expiry_job(order_service, payments_every));
    runner.add(checkout::stripe_events_job(stripe_events, payments_every));
    if (mailer) runner.add(notify::outbox_job(*mailer));
  }
  checkout::add_checkout_routes(
      router,
      {.checkout = checkout_service,
       .orders = order_service,
       .carts = carts,
       .sessions = sessions,
       .addresses = address_book,
       .views = views,
       .messages = catalog,
       .formatter = formatter,
       .keys = config.secret_keys,
       .allowed_origin = allowed_origin,
       .content_security_policy = checkout::content_security_policy(config.stripe_api_base)});
  checkout::add_payment_api(router, {.checkout = checkout_service,
                                     .orders = order_service,
                                     .carts = carts,
                                     .sessions = sessions,
                                     .authorizer = authorizer,
                                     .events = stripe_events,
                                     .messages = catalog,
                                     .allowed_origin = allowed_origin,
                                     .webhook_secrets = config.stripe_webhook_secret});
  // Users managed in Clerk follow its Svix-signed webhooks (503 until CLERK_WEBHOOK_SECRET is set).
  accounts::ClerkSync clerk_sync(database);
  accounts::add_clerk_webhook(router, clerk_sync, config.clerk_webhook_secret);

  // Outermost first: every response, errors included, gets an id, a log line and the headers.
  const std::vector<http::Middleware> global{
      http::request_id(),
      http::access_log(metrics),
      http::security_headers(
          {.hsts = config.is_production() && config.base_url.starts_with("https://")}),
      http::cors(config.cors_origins),  // outside the boundary: API errors carry CORS headers too
      http::error_boundary(error_renderer(app)),
      locale_from_request(),
      seo::storefront_redirects(),  // /fr/Produit/X/ → 301 /fr/produit/x, before routing
  };
  auto handle = http::chain(global, [&router](http::Context& ctx) { return router.dispatch(ctx); });
  // Built once: a chained handler must outlive the coroutines it starts (lambda captures are not
  // copied into a coroutine frame).
  std::map<http::Status, http::Handler> refusals;
  for (auto status : {http::Status::bad_request, http::Status::payload_too_large,
                      http::Status::request_header_fields_too_large}) {
    refusals[status] =
        http::chain(global, [status](http::Context&) -> http::net::awaitable<http::Response> {
          throw http::HttpError(status);
        });
  }
  http::Pipeline pipeline{
      .handle = handle,
      .reject =
          [&refusals](http::Context& ctx, http::Status status) {
            auto it = refusals.find(status);
            return (it != refusals.end() ? it : refusals.find(http::Status::bad_request))
                ->second(ctx);
          },
      .max_body =
          [&router, &config](http::Method method, std::string_view path) {
            return router.max_body(method, path, config.max_body_bytes);
          },
  };

  http::Server server({.host = config.host,
                       .port = config.port,
                       .threads = config.threads,
                       .request_timeout = config.request_timeout,
                       .idle_timeout = config.idle_timeout,
                       .shutdown_grace = config.shutdown_grace,
                       .max_header_bytes = config.max_header_bytes,
                       .max_body_bytes = config.max_body_bytes},
                      std::move(pipeline));
  server.listen();
  runner.start();
  if (config.secret_keys_ephemeral)
    observe::warn("COMPTOIR_SECRET_KEYS is unset: using an ephemeral key (development only)");
  observe::info("listening", {{"url", fmt::format("http://{}:{}/", config.host, server.port())},
                              {"base_url", config.base_url},
                              {"env", core::name(config.env)},
                              {"threads", config.threads}});
  server.run();   // until SIGTERM or SIGINT, and the requests in flight have finished
  runner.stop();  // lets the jobs in progress finish
  observe::info("stopped");
  return kExitOk;
}

}  // namespace comptoir::app
