#include "suppliers/engine_heartbeat.hpp"

#include <unistd.h>

#include <array>

#include "db/connection.hpp"

namespace comptoir::suppliers {
namespace {

constexpr db::Query kBeat{"supplier_engine_beat",
                          "INSERT INTO supplier_engine_runners (runner, mode, host, pid, version) "
                          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (runner) DO UPDATE "
                          "SET mode = excluded.mode, version = excluded.version, beat_at = now()"};
constexpr db::Query kForget{"supplier_engine_forget",
                            "DELETE FROM supplier_engine_runners "
                            "WHERE beat_at < now() - interval '1 day'"};
constexpr db::Query kLeave{"supplier_engine_leave",
                           "DELETE FROM supplier_engine_runners WHERE runner = $1"};
constexpr db::Query kRunners{
    "supplier_engine_runners",
    "SELECT runner, mode, host, pid, version, "
    "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(beat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "greatest(0, extract(epoch FROM now() - beat_at))::bigint "
    "FROM supplier_engine_runners WHERE beat_at >= now() - make_interval(secs => $1) "
    "ORDER BY beat_at DESC, runner"};

std::string host_name() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0) return "unknown";
  return name.data();
}

}  // namespace

std::string_view to_string(RunnerMode mode) {
  return mode == RunnerMode::app ? "APP" : "HEADLESS";
}

std::string this_runner() {
  return host_name() + ":" + std::to_string(getpid());
}

void beat(db::Connection& conn, RunnerMode mode, std::string_view version) {
  conn.exec(kBeat, this_runner(), std::string(to_string(mode)), host_name(),
            static_cast<std::int64_t>(getpid()), std::string(version.substr(0, 40)));
  conn.exec(kForget);
}

void leave(db::Connection& conn) {
  conn.exec(kLeave, this_runner());
}

std::vector<EngineRunner> engine_runners(db::Connection& conn, std::chrono::seconds within) {
  auto r = conn.exec(kRunners, static_cast<std::int64_t>(within.count()));
  std::vector<EngineRunner> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back(
        {.runner = r.get<std::string>(i, 0),
         .mode = r.get<std::string>(i, 1) == "APP" ? RunnerMode::app : RunnerMode::headless,
         .host = r.get<std::string>(i, 2),
         .pid = r.get<std::int32_t>(i, 3),
         .version = r.get<std::string>(i, 4),
         .started_at = r.get<std::string>(i, 5),
         .beat_at = r.get<std::string>(i, 6),
         .seconds_since_beat = r.get<std::int64_t>(i, 7)});
  return out;
}

}  // namespace comptoir::suppliers
