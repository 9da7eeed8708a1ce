// `comptoir suppliers dispatch` (one shop, once) and `comptoir suppliers run` (the engine's jobs
// for every shop of the shops file, until stopped).
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>

#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/supplier_shops.hpp"
#include "app/suppliers_command.hpp"
#include "core/build_info.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/engine_pass.hpp"

namespace comptoir::app {
namespace {

using namespace std::chrono_literals;

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int /*signal*/) {
  g_stop.store(true);
}

// In tests (COMPTOIR_ENV=test) retries, polls and leases take seconds, not minutes.
suppliers::EngineOptions engine_options(const core::Config& config) {
  suppliers::EngineOptions options;
  options.version = core::build::kVersion;
  if (config.env == core::Environment::test) {
    options.dispatch.lease = 3s;
    options.dispatch.retry_base = 1s;
    options.dispatch.retry_cap = 4s;
    options.dispatch.poll_every = 1s;
    options.sync_every = 60s;
  }
  return options;
}

std::string describe(const suppliers::DispatchReport& r) {
  return fmt::format(
      "{} sent, {} shipped, {} updated, {} unchanged, {} to retry, {} failed, {} cancelled", r.sent,
      r.shipped, r.updated, r.unchanged, r.retried, r.failed, r.cancelled);
}

std::mutex g_print;

template <class... Args>
void say(std::FILE* to, fmt::format_string<Args...> format, Args&&... args) {
  std::scoped_lock lock(g_print);
  fmt::print(to, format, std::forward<Args>(args)...);
  std::fflush(to);
}

// One shop's loop: a pass, then a pause, until stopped. A shop that cannot be reached, or a pass
// that throws, is reported and tried again at the next pass: the other shops go on.
bool run_shop(const core::Config& config, const suppliers::Shop& shop,
              const suppliers::EngineOptions& options, bool once, std::stop_token stop) {
  const auto pause = config.env == core::Environment::test ? 1s : 30s;
  bool ok = true;
  do {
    try {
      auto conn = supplier_shops::connect(config, shop);
      if (!conn) throw std::runtime_error(conn.error());
      suppliers::ApiCallLog log(shop.database_url);
      auto shop_options = options;
      shop_options.stop = stop;
      auto pass = suppliers::run_pass(*conn, shop.secret_keys, log, shop_options);
      say(stdout,
          "{}: dispatch: {}; sync: {} done, {} failed; stock of {} variants, {} low, {} price "
          "conflicts, {} repriced; {} old API calls purged\n",
          shop.id, describe(pass.dispatch), pass.synced, pass.sync_failed, pass.stock.variants,
          pass.stock.low, pass.stock.price_conflicts, pass.stock.repriced, pass.purged);
      for (const auto& error : pass.errors) say(stderr, "{}: {}\n", shop.id, error);
      ok = ok && pass.errors.empty();
    } catch (const std::exception& e) {
      ok = false;
      say(stderr, "{}: {}\n", shop.id, e.what());
    }
    for (auto waited = 0ms; !once && waited < pause && !stop.stop_requested(); waited += 100ms)
      std::this_thread::sleep_for(100ms);
  } while (!once && !stop.stop_requested());
  // Stopped cleanly: this process no longer runs the shop's jobs (a single pass, as from cron,
  // leaves its heartbeat: the app shows when it last ran).
  if (!once) {
    try {
      if (auto conn = supplier_shops::connect(config, shop)) suppliers::leave(*conn);
    } catch (const std::exception& e) {
      say(stderr, "{}: {}\n", shop.id, e.what());
    }
  }
  return ok;
}

}  // namespace

int dispatch_once(const core::Config& config, const SuppliersCommand& command,
                  const suppliers::Shop& shop, db::Connection& conn) {
  auto options = engine_options(config).dispatch;
  options.limit = command.limit;
  ProgressReport progress("supplier orders", stdout, false);
  options.progress = [&](std::int64_t handled, std::int64_t due) {
    progress.update(handled, command.limit > 0 ? std::min<std::int64_t>(
                                                     due, static_cast<std::int64_t>(command.limit))
                                               : due);
  };
  suppliers::ApiCallLog log(shop.database_url);
  auto report = suppliers::dispatch(conn, shop.secret_keys, log, options);
  progress.finish();
  fmt::print("{}: {}\n", shop.id, describe(report));
  return kExitOk;
}

int run_engine(const core::Config& config, const SuppliersCommand& command) {
  auto shops = supplier_shops::load(config, command.shops_file, command.shop);
  if (!shops) {
    fmt::print(stderr, "comptoir suppliers: {}\n", shops.error());
    return kExitFailure;
  }
  if (!command.shop.empty())
    std::erase_if(*shops, [&](const suppliers::Shop& shop) { return shop.id != command.shop; });
  if (shops->empty()) {
    fmt::print(stderr, "comptoir suppliers: no shop '{}' in the shops file\n", command.shop);
    return kExitFailure;
  }
  auto options = engine_options(config);
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  std::vector<std::atomic<bool>> results(shops->size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < shops->size(); ++i)
      threads.emplace_back([&, i](std::stop_token stop) {
        results[i] = run_shop(config, (*shops)[i], options, command.once, stop);
      });
    if (!command.once) {
      say(stdout, "supplier engine running for {} shop(s); stop with Ctrl+C or SIGTERM\n",
          shops->size());
      while (!g_stop.load()) std::this_thread::sleep_for(100ms);
      for (auto& thread : threads) thread.request_stop();
    }
    // A jthread asks its thread to stop before joining it: one pass must end on its own.
    for (auto& thread : threads) thread.join();
  }
  bool ok = true;
  for (const auto& result : results) ok = ok && result.load();
  return ok ? kExitOk : kExitFailure;
}

}  // namespace comptoir::app
