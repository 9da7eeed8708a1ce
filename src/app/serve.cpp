#include <fmt/format.h>
#include <boost/json/object.hpp>

#include <optional>
#include <thread>

#include <map>

#include "app/commands.hpp"
#include "app/routes.hpp"
#include "app/serve_steps.hpp"
#include "app/waf_setup.hpp"
#include "db/error.hpp"
#include "http/error_reports.hpp"
#include "http/server.hpp"
#include "jobs/runner.hpp"
#include "observe/log.hpp"
#include "seo/seo_routes.hpp"

namespace comptoir::app {
namespace {

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

// A database that is reachable but too slow (statement_timeout, lock_timeout) or gone is not a bug
// in the page: the visitor gets the translated 503 with Retry-After, and nothing was written
// (the transaction rolled back). The boundary still logs the query's name and the SQLSTATE.
std::optional<http::HttpError> database_trouble(const std::exception& e) {
  const auto* failure = dynamic_cast<const db::DbError*>(&e);
  if (!failure || !(failure->is_timeout() || failure->is_connection_failure())) return std::nullopt;
  http::HttpError busy(http::Status::service_unavailable, {},
                       boost::json::object{{"code", "service.unavailable"}, {"retry_after", 5}});
  busy.headers.emplace_back(http::Field::retry_after, "5");
  return busy;
}

// The signed-in user an error report names, by id only: a customer or staff session that passed
// its second factor, or a staff member's API call.
std::optional<std::int64_t> signed_in_user(const http::Context& ctx) {
  if (ctx.session && ctx.session->signed_in()) return ctx.session->user->id;
  if (ctx.caller && ctx.caller->kind == http::Caller::Kind::user) return ctx.caller->id;
  return std::nullopt;
}

// What every request goes through (outermost first: every response, errors included, gets an id,
// a log line and the headers; with SENTRY_DSN, every 5xx is reported with the request's log lines).
// For the refusals before routing (`refusals`), the WAF only counts the answer towards a ban: the
// server has already decided, and the request was not read whole.
std::vector<http::Middleware> global_middleware(Infrastructure& infra, http::Waf* waf,
                                                bool refusals = false) {
  const auto& config = infra.config;
  std::vector<http::Middleware> global{
      http::request_id(),
      http::access_log(infra.metrics),
      http::security_headers(
          {.hsts = config.is_production() && config.base_url.starts_with("https://"),
           .content_security_policy = site_content_security_policy(config),
           .shared_opener_routes = shopping_routes()}),
      http::cors(config.cors_origins),  // outside the boundary: API errors get CORS too
      http::error_boundary(error_renderer(infra.components), database_trouble),
      locale_from_request(),
  };
  // Right after the id, outside the access log: follows the request's log lines, reports a 5xx.
  if (auto* reporter = infra.reporter())
    global.insert(global.begin() + 1, http::error_reports(*reporter, signed_in_user));
  // Inside the boundary, once the locale is known: a block is the translated error page.
  if (waf) global.push_back(refusals ? waf->answer_counter() : waf->middleware());
  global.push_back(seo::storefront_redirects());  // /fr/Produit/X/ → 301 /fr/produit/x
  return global;
}

// The global middleware, the router, and the answers to requests and connections refused before
// routing. Built once and kept: a chained handler must outlive the coroutines it starts (lambda
// captures are not copied into a coroutine frame). `waf` may be null (off, or the metrics port).
class RequestPipeline {
 public:
  RequestPipeline(Infrastructure& infra, const http::Router& router, http::Waf* waf)
      : config_(infra.config),
        router_(router),
        waf_(waf),
        global_(global_middleware(infra, waf)),
        refusal_global_(global_middleware(infra, waf, true)),
        handle_(
            http::chain(global_, [&router](http::Context& ctx) { return router.dispatch(ctx); })) {
    for (auto status :
         {http::Status::bad_request, http::Status::payload_too_large,
          http::Status::request_header_fields_too_large, http::Status::too_many_requests}) {
      refusals_[status] = http::chain(
          refusal_global_, [status](http::Context&) -> http::net::awaitable<http::Response> {
            throw http::HttpError(status);
          });
    }
  }

  // Refers to this object: keep it alive while the server runs.
  http::Pipeline pipeline() {
    return {
        .handle = handle_,
        .reject =
            [this](http::Context& ctx, http::Status status) {
              auto it = refusals_.find(status);
              return (it != refusals_.end() ? it : refusals_.find(http::Status::bad_request))
                  ->second(ctx);
            },
        .max_body =
            [this](http::Method method, std::string_view path) {
              return router_.max_body(method, path, config_.max_body_bytes);
            },
        .admit = waf_ ? [this](std::string_view peer) { return waf_->admit(peer); }
                      : std::function<http::Admission(std::string_view)>{},
    };
  }

 private:
  const core::Config& config_;
  const http::Router& router_;
  http::Waf* waf_;
  const std::vector<http::Middleware> global_;
  const std::vector<http::Middleware> refusal_global_;
  http::Handler handle_;
  std::map<http::Status, http::Handler> refusals_;
};

http::ServerOptions server_options(const core::Config& config) {
  return {.host = config.host,
          .port = config.port,
          .threads = config.threads,
          .request_timeout = config.request_timeout,
          .idle_timeout = config.idle_timeout,
          .shutdown_grace = config.shutdown_grace,
          .max_header_bytes = config.max_header_bytes,
          .max_body_bytes = config.max_body_bytes,
          .trusted_proxies = config.trusted_proxies};
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
  Infrastructure infra(config);
  Accounts accounts(infra);
  Storefront storefront(infra, accounts);
  Mail mail(infra);
  Commerce commerce(infra, storefront, accounts);
  jobs::Runner runner(job_database(config), infra.metrics, infra.reporter());
  add_jobs(runner, infra, accounts, storefront, commerce, mail);

  // Patterns are tried in the order they were added: keep this order.
  http::Router router;
  infra.add_routes(router);
  storefront.add_pages(router);
  accounts.add_pages(router);
  commerce.add_cart(router);
  storefront.add_api(router);
  commerce.add_checkout(router);
  commerce.add_orders(router);
  commerce.add_privacy(router);
  commerce.add_analytics(router);
  add_back_office(router, infra, accounts, storefront, commerce);
  accounts.add_webhooks(router);

  const auto waf = make_waf(config, infra.metrics);  // outlives the server's connections
  RequestPipeline pipeline(infra, router, waf.get());
  http::Server server(server_options(config), pipeline.pipeline());
  server.listen();

  // METRICS_PORT: Prometheus scrapes a port the public never reaches (one thread is plenty).
  http::Router metrics_router;
  add_probe_routes(metrics_router, infra.components);
  add_metrics_route(metrics_router, infra.components);
  RequestPipeline metrics_pipeline(infra, metrics_router, nullptr);  // a private port: no WAF
  std::optional<http::Server> metrics_server;
  std::jthread metrics_thread;
  if (config.metrics_port) {
    auto options = server_options(config);
    options.port = *config.metrics_port;
    options.threads = 1;
    metrics_server.emplace(options, metrics_pipeline.pipeline());
    metrics_server->listen();
    metrics_thread = std::jthread([&metrics_server] { metrics_server->run(); });
    observe::info(
        "metrics listening",
        {{"url", fmt::format("http://{}:{}/metrics", config.host, metrics_server->port())}});
  }
  runner.start();
  if (config.secret_keys_ephemeral)
    observe::warn("COMPTOIR_SECRET_KEYS is unset: using an ephemeral key (development only)");
  observe::info("listening", {{"url", fmt::format("http://{}:{}/", config.host, server.port())},
                              {"base_url", config.base_url},
                              {"env", core::name(config.env)},
                              {"threads", config.threads}});
  server.run();  // until SIGTERM or SIGINT, and the requests in flight have finished
  if (metrics_server) metrics_server->stop();
  if (metrics_thread.joinable()) metrics_thread.join();
  runner.stop();                           // lets the jobs in progress finish
  if (infra.sentry) infra.sentry->stop();  // sends what is queued for at most 2 s
  observe::info("stopped");
  return kExitOk;
}

}  // namespace comptoir::app
