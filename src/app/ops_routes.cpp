#include <boost/json/object.hpp>

#include "app/commands.hpp"
#include "app/routes.hpp"
#include "core/build_info.hpp"
#include "observe/log.hpp"

namespace comptoir::app {

void add_ops_routes(http::Router& router, Components& app) {
  router.get("/healthz", [](http::Context&) -> http::net::awaitable<http::Response> {
    auto res = http::json(http::Status::ok, {{"status", "ok"}, {"version", core::build::kVersion}});
    res.set(http::Field::cache_control, "no-store");
    co_return res;
  });

  // Ready means: PostgreSQL answers and its schema is exactly the one this binary ships with.
  router.get("/readyz", [&app](http::Context&) -> http::net::awaitable<http::Response> {
    boost::json::object checks;
    bool ready = true;
    if (!co_await app.db.ping()) {
      checks["database"] = "unreachable";
      checks["migrations"] = "unknown";
      ready = false;
    } else {
      checks["database"] = "ok";
      std::string migrations;
      try {
        migrations = co_await app.db.read([&app](db::Connection& conn) {
          auto state = app.migrations.status(conn);
          return state.current() ? std::string("ok") : describe(state);
        });
      } catch (const std::exception& e) {
        observe::warn("readiness check failed", {{"what", e.what()}});
        migrations = "unknown";
      }
      ready = migrations == "ok";
      checks["migrations"] = migrations;
    }
    auto res = http::json(ready ? http::Status::ok : http::Status::service_unavailable,
                          {{"status", ready ? "ready" : "not ready"}, {"checks", checks}});
    res.set(http::Field::cache_control, "no-store");
    co_return res;
  });

  router.get("/metrics", [&app](http::Context&) -> http::net::awaitable<http::Response> {
    auto publish = [&app](std::string_view name, const db::PoolStats& stats) {
      app.metrics.set_db_pool(
          name, {static_cast<double>(stats.size), static_cast<double>(stats.open),
                 static_cast<double>(stats.in_use), static_cast<double>(stats.waiting)});
    };
    auto stats = app.db.stats();
    publish("primary", stats.primary);
    if (stats.replica) publish("replica", *stats.replica);
    auto res = http::text(http::Status::ok, app.metrics.scrape(),
                          "text/plain; version=0.0.4; charset=utf-8");
    res.set(http::Field::cache_control, "no-store");
    co_return res;
  });

  if (app.config.bench_routes) {
    // The plaintext ceiling of bench/run: the full middleware chain and router, no work.
    router.get("/_bench/plaintext", [](http::Context&) -> http::net::awaitable<http::Response> {
      co_return http::text(http::Status::ok, "Hello, World!");
    });
  }
}

}  // namespace comptoir::app
