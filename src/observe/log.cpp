#include "observe/log.hpp"

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <memory>

#include "observe/trail.hpp"

namespace comptoir::observe {
namespace {

struct State {
  std::shared_ptr<spdlog::logger> logger;
  core::Redactor redact;
};

State& state() {
  static State s{[] {
                   auto logger = std::make_shared<spdlog::logger>(
                       "comptoir", std::make_shared<spdlog::sinks::stdout_sink_mt>());
                   logger->set_pattern("%v");
                   logger->set_level(spdlog::level::info);
                   logger->flush_on(spdlog::level::trace);
                   return logger;
                 }(),
                 core::Redactor{}};
  return s;
}

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::trace:
      return spdlog::level::trace;
    case Level::debug:
      return spdlog::level::debug;
    case Level::info:
      return spdlog::level::info;
    case Level::warn:
      return spdlog::level::warn;
    case Level::error:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::string_view label(Level level) {
  switch (level) {
    case Level::trace:
      return "trace";
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "info";
}

}  // namespace

void init_logging(std::string_view level, core::Redactor redactor) {
  auto& s = state();
  s.redact = std::move(redactor);
  s.logger->set_level(level == "off" ? spdlog::level::off
                                     : spdlog::level::from_str(std::string(level)));
}

bool enabled(Level level) {
  return state().logger->should_log(to_spdlog(level));
}

void log(Level level, std::string_view msg, boost::json::object fields) {
  auto& s = state();
  if (!s.logger->should_log(to_spdlog(level))) return;
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now - seconds).count();
  boost::json::object line;
  line.reserve(fields.size() + 3);
  line["ts"] = fmt::format("{:%FT%T}.{:03}Z", seconds, millis);
  line["level"] = label(level);
  line["msg"] = msg;
  for (auto& [key, value] : fields) line[key] = std::move(value);
  auto text = s.redact(boost::json::serialize(line));
  s.logger->log(to_spdlog(level), text);
  // A request followed for error reports keeps its last lines (observe/trail.hpp).
  if (auto& trails = request_trails(); trails.any_open()) {
    if (const auto* id = line.if_contains("request_id"); id && id->is_string())
      trails.record(id->as_string(), text);
  }
}

}  // namespace comptoir::observe
