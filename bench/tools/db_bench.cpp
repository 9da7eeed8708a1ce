// bench/db's program: the throughput and latency of db::Database under N concurrent callers, for
// both drivers (DATABASE_DRIVER=threads|fibers), in one run. Not a command of the shop: built
// only with -DCOMPTOIR_BENCH_TOOLS=ON.
//
//   bench_db [--callers N] [--seconds S] [--rounds R] [--pool P] [--io-threads T]
//            (64, 3, 3, 8 and 2 by default)
//   bench_db --only fibers:read|fibers:transact|threads:read|threads:transact [...]
//            one measure only, for a profiler
//
// The server is the one of BENCH_DATABASE_URL (else COMPTOIR_TEST_DATABASE_URL), a superuser URL:
// the program makes a scratch database there (10 000 items) and drops it at the end. Workloads:
//   read      db.read of one small prepared query (an item by primary key);
//   transact  db.transact of three statements (read an item, update its stock, insert an event).
// Each round measures every driver and workload for S seconds (after a short warm-up), callers
// being coroutines on T I/O threads, like the server's; rounds alternate the drivers so that a
// change of the machine's load touches both. Prints one JSON object: every measure, and per
// workload the best of the rounds for each driver and their ratio fibers / threads.
#include <libpq-fe.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "db/database.hpp"

namespace {

namespace db = comptoir::db;
namespace net = boost::asio;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr int kItems = 10'000;
constexpr db::Query kItem{"bench_item", "SELECT id, name, stock FROM bench_item WHERE id = $1"};
constexpr db::Query kTake{"bench_take", "UPDATE bench_item SET stock = stock - 1 WHERE id = $1"};
constexpr db::Query kEvent{"bench_event", "INSERT INTO bench_event (item_id) VALUES ($1)"};

enum class Workload { read, transact };

struct Options {
  int callers = 64;
  double seconds = 3;
  int rounds = 3;
  std::size_t pool = 8;
  int io_threads = 2;
  std::string only;  // "fibers:read" and the like: that measure only, once (for a profiler)
};

// The conninfo of `conninfo` with another database name.
std::string with_dbname(const std::string& conninfo, const std::string& dbname) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    PQfreemem(error);
    throw std::runtime_error("the database URL does not parse");
  }
  std::string result;
  for (const PQconninfoOption* option = options; option->keyword; ++option) {
    if (!option->val || std::string_view{option->keyword} == "dbname") continue;
    result += std::string(option->keyword) + "='" + option->val + "' ";
  }
  PQconninfoFree(options);
  return result + "dbname=" + dbname;
}

net::awaitable<void> caller(db::Database& database, Workload workload, Clock::time_point until,
                            std::vector<std::int64_t>& latencies, unsigned seed) {
  std::minstd_rand random(seed);
  std::uniform_int_distribution<int> pick(1, kItems);
  while (Clock::now() < until) {
    const int id = pick(random);
    const auto start = Clock::now();
    if (workload == Workload::read) {
      co_await database.read(
          [id](db::Connection& c) { return c.exec(kItem, id).get<std::int32_t>(0, 2); });
    } else {
      co_await database.transact([id](db::Connection& c) {
        const int stock = c.exec(kItem, id).get<std::int32_t>(0, 2);
        c.exec(kTake, id);
        c.exec(kEvent, id);
        return stock;
      });
    }
    latencies.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
  }
}

// Runs `callers` coroutines on `io_threads` threads for `seconds`; their latencies, per call.
std::vector<std::int64_t> drive(db::Database& database, Workload workload, const Options& options,
                                double seconds) {
  net::io_context io(options.io_threads);
  std::vector<std::vector<std::int64_t>> per_caller(static_cast<std::size_t>(options.callers));
  const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(seconds));
  for (std::size_t i = 0; i < per_caller.size(); ++i) {
    net::co_spawn(io,
                  caller(database, workload, until, per_caller[i], static_cast<unsigned>(i + 1)),
                  net::detached);
  }
  std::vector<std::jthread> threads;
  for (int t = 1; t < options.io_threads; ++t) threads.emplace_back([&io] { io.run(); });
  io.run();
  threads.clear();
  std::vector<std::int64_t> all;
  for (auto& latencies : per_caller) all.insert(all.end(), latencies.begin(), latencies.end());
  return all;
}

double percentile_ms(std::vector<std::int64_t>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
  return static_cast<double>(sorted[index]) / 1e6;
}

json::object measure(const std::string& url, db::Driver driver, Workload workload,
                     const Options& options) {
  db::Database database({.primary_url = url, .pool_size = options.pool, .driver = driver});
  drive(database, workload, options, 0.5);  // connect, prepare, warm the caches
  const auto start = Clock::now();
  auto latencies = drive(database, workload, options, options.seconds);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  const double calls = static_cast<double>(latencies.size());
  const double statements = workload == Workload::read ? 1 : 3;
  return {{"driver", db::to_string(driver)},
          {"workload", workload == Workload::read ? "read" : "transact"},
          {"calls", latencies.size()},
          {"calls_per_s", calls / elapsed},
          {"queries_per_s", calls * statements / elapsed},
          {"p50_ms", percentile_ms(latencies, 0.50)},
          {"p99_ms", percentile_ms(latencies, 0.99)}};
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--callers")
      options.callers = std::stoi(value);
    else if (name == "--seconds")
      options.seconds = std::stod(value);
    else if (name == "--rounds")
      options.rounds = std::stoi(value);
    else if (name == "--pool")
      options.pool = static_cast<std::size_t>(std::stoul(value));
    else if (name == "--io-threads")
      options.io_threads = std::stoi(value);
    else if (name == "--only")
      options.only = value;
    else
      throw std::invalid_argument("unknown option " + std::string(name));
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    const char* server = std::getenv("BENCH_DATABASE_URL");
    if (!server || !*server) server = std::getenv("COMPTOIR_TEST_DATABASE_URL");
    if (!server || !*server) {
      std::cerr << "bench_db: set BENCH_DATABASE_URL (a superuser URL)\n";
      return 2;
    }
    const std::string name = "comptoir_bench_db_" + comptoir::core::random_hex(6);
    db::Connection::open(server).exec_script("CREATE DATABASE " + name);
    const std::string url = with_dbname(server, name);
    db::Connection::open(url).exec_script(
        "CREATE TABLE bench_item (id int PRIMARY KEY, name text NOT NULL, stock int NOT NULL);"
        "INSERT INTO bench_item SELECT n, 'item ' || n, 1000000 FROM generate_series(1, 10000) n;"
        "CREATE TABLE bench_event (id bigserial PRIMARY KEY, item_id int NOT NULL,"
        "                          at timestamptz NOT NULL DEFAULT now());"
        "ANALYZE;");

    if (!options.only.empty()) {
      const auto colon = options.only.find(':');
      const auto driver = db::parse_driver(options.only.substr(0, colon));
      if (!driver || colon == std::string::npos)
        throw std::invalid_argument("--only DRIVER:WORKLOAD");
      const auto workload =
          options.only.substr(colon + 1) == "read" ? Workload::read : Workload::transact;
      std::cout << json::serialize(measure(url, *driver, workload, options)) << "\n";
      db::Connection::open(server).exec_script("DROP DATABASE " + name + " WITH (FORCE)");
      return 0;
    }
    json::array runs;
    for (int round = 0; round < options.rounds; ++round) {
      // Alternate which driver goes first, so that neither always meets the warmer machine.
      const bool threads_first = round % 2 == 0;
      for (const auto workload : {Workload::read, Workload::transact}) {
        for (int k = 0; k < 2; ++k) {
          const bool threads = (k == 0) == threads_first;
          auto run =
              measure(url, threads ? db::Driver::threads : db::Driver::fibers, workload, options);
          run["round"] = round + 1;
          std::cerr << json::serialize(run) << "\n";
          runs.push_back(std::move(run));
        }
      }
    }
    db::Connection::open(server).exec_script("DROP DATABASE " + name + " WITH (FORCE)");

    json::object best;
    for (const auto* workload : {"read", "transact"}) {
      json::object entry;
      for (const auto* driver : {"threads", "fibers"}) {
        const json::object* top = nullptr;
        for (const auto& value : runs) {
          const auto& run = value.as_object();
          if (run.at("workload").as_string() != workload || run.at("driver").as_string() != driver)
            continue;
          if (!top || run.at("queries_per_s").as_double() > top->at("queries_per_s").as_double())
            top = &run;
        }
        if (top) entry[driver] = *top;
      }
      entry["ratio_fibers_threads"] = entry["fibers"].as_object().at("queries_per_s").as_double() /
                                      entry["threads"].as_object().at("queries_per_s").as_double();
      best[workload] = std::move(entry);
    }
    json::object out{{"callers", options.callers},       {"seconds", options.seconds},
                     {"rounds", options.rounds},         {"pool_size", options.pool},
                     {"io_threads", options.io_threads}, {"best", std::move(best)},
                     {"runs", std::move(runs)}};
    std::cout << json::serialize(out) << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_db: " << e.what() << "\n";
    return 1;
  }
}
