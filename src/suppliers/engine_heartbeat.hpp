#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// Where the engine's jobs run: a headless `comptoir suppliers run`, or the desktop app.
enum class RunnerMode { headless, app };
std::string_view to_string(RunnerMode mode);  // HEADLESS, APP

// A process that ran the engine's jobs on a shop, and when it was last seen.
struct EngineRunner {
  std::string runner{};  // host:pid
  RunnerMode mode = RunnerMode::headless;
  std::string host{};
  int pid = 0;
  std::string version{};
  std::string started_at{};  // ISO 8601, UTC
  std::string beat_at{};
  std::int64_t seconds_since_beat = 0;
};

// This process's name among the runners: "host:pid".
std::string this_runner();

// Says that this process runs the engine's jobs on the shop (`supplier_engine_runners`, upserted
// on the caller's connection, outside any transaction of its own) and deletes the rows of
// runners not seen for a day.
void beat(db::Connection& conn, RunnerMode mode, std::string_view version);
// This process no longer runs them (a clean stop): its row goes.
void leave(db::Connection& conn);
// The runners seen within `within`, the most recently seen first.
std::vector<EngineRunner> engine_runners(db::Connection& conn,
                                         std::chrono::seconds within = std::chrono::hours{1});

}  // namespace comptoir::suppliers
