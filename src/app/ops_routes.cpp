#include <boost/json/object.hpp>

#include <chrono>
#include <memory>
#include <mutex>

#include "app/commands.hpp"
#include "app/routes.hpp"
#include "core/build_info.hpp"
#include "observe/log.hpp"
#include "observe/web_vitals.hpp"

namespace comptoir::app {

namespace {

// /readyz's answer, kept for a second: a load balancer probing every process often, or a burst
// of probes, costs PostgreSQL one check per second per process.
class Readiness {
 public:
  explicit Readiness(Components& app) : app_(app) {}

  http::net::awaitable<http::Response> answer() {
    {
      std::lock_guard lock(mutex_);
      if (checked_ && std::chrono::steady_clock::now() - checked_at_ < kKeep)
        co_return response(ready_, checks_);
    }
    boost::json::object checks;
    bool ready = co_await check(checks);
    {
      std::lock_guard lock(mutex_);
      checked_ = true;
      checked_at_ = std::chrono::steady_clock::now();
      ready_ = ready;
      checks_ = checks;
    }
    co_return response(ready, checks);
  }

 private:
  static constexpr std::chrono::seconds kKeep{1};

  // Ready means: PostgreSQL answers and its schema is exactly the one this binary ships with.
  http::net::awaitable<bool> check(boost::json::object& checks) {
    if (!co_await app_.db.ping()) {
      checks["database"] = "unreachable";
      checks["migrations"] = "unknown";
      co_return false;
    }
    checks["database"] = "ok";
    std::string migrations;
    try {
      migrations = co_await app_.db.read([this](db::Connection& conn) {
        auto state = app_.migrations.status(conn);
        return state.current() ? std::string("ok") : describe(state);
      });
    } catch (const std::exception& e) {
      observe::warn("readiness check failed", {{"what", e.what()}});
      migrations = "unknown";
    }
    checks["migrations"] = migrations;
    co_return migrations == "ok";
  }

  static http::Response response(bool ready, const boost::json::object& checks) {
    auto res = http::json(ready ? http::Status::ok : http::Status::service_unavailable,
                          {{"status", ready ? "ready" : "not ready"}, {"checks", checks}});
    res.set(http::Field::cache_control, "no-store");
    return res;
  }

  Components& app_;
  std::mutex mutex_;
  bool checked_ = false;
  std::chrono::steady_clock::time_point checked_at_{};
  bool ready_ = false;
  boost::json::object checks_{};
};

}  // namespace

void add_probe_routes(http::Router& router, Components& app) {
  router.get("/healthz", [](http::Context&) -> http::net::awaitable<http::Response> {
    auto res = http::json(http::Status::ok, {{"status", "ok"}, {"version", core::build::kVersion}});
    res.set(http::Field::cache_control, "no-store");
    co_return res;
  });
  // The router keeps its handlers for the server's life; the readiness cache lives with them.
  auto readiness = std::make_shared<Readiness>(app);
  router.get("/readyz", [readiness](http::Context&) { return readiness->answer(); });
}

void add_metrics_route(http::Router& router, Components& app) {
  router.get("/metrics", [&app](http::Context&) -> http::net::awaitable<http::Response> {
    auto publish = [&app](std::string_view name, const db::PoolStats& stats) {
      app.metrics.set_db_pool(
          name, {static_cast<double>(stats.size), static_cast<double>(stats.open),
                 static_cast<double>(stats.in_use), static_cast<double>(stats.waiting)});
    };
    auto stats = app.db.stats();
    publish("primary", stats.primary);
    if (stats.replica) publish("replica", *stats.replica);
    if (stats.reads) publish("reads", *stats.reads);
    auto res = http::text(http::Status::ok, app.metrics.scrape(),
                          "text/plain; version=0.0.4; charset=utf-8");
    res.set(http::Field::cache_control, "no-store");
    co_return res;
  });
}

void add_vitals_route(http::Router& router, Components& app) {
  // The router keeps its handlers for the server's life; the histograms live with them.
  auto vitals = std::make_shared<observe::WebVitals>(app.metrics.registry());
  router.post("/vitals", [vitals](http::Context& ctx) -> http::net::awaitable<http::Response> {
    // sendBeacon posts text/plain; the WAF's "vitals" class lets only that and JSON in.
    auto report = observe::parse_vitals(ctx.request.body());
    if (!report) {
      vitals->count_refused();
      co_return http::text(http::Status::bad_request, "malformed report\n");
    }
    vitals->record(*report);
    http::Response res{http::Status::no_content, 11};
    res.set(http::Field::cache_control, "no-store");
    co_return res;
  });
}

void add_ops_routes(http::Router& router, Components& app) {
  add_probe_routes(router, app);
  add_vitals_route(router, app);
  // With METRICS_PORT, /metrics is served there only (serve.cpp), not to the public.
  if (!app.config.metrics_port) add_metrics_route(router, app);

  if (app.config.bench_routes) {
    // The plaintext ceiling of bench/run: the full middleware chain and router, no work.
    router.get("/_bench/plaintext", [](http::Context&) -> http::net::awaitable<http::Response> {
      co_return http::text(http::Status::ok, "Hello, World!");
    });
  }
}

}  // namespace comptoir::app
