#include "observe/log.hpp"

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <memory>

#include "observe/access_log.hpp"
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

// "2026-12-04T16:21:08.123Z" for `now`; the text of the second is kept per thread and worked out
// again only when the second changes.
std::string_view timestamp(std::chrono::system_clock::time_point now) {
  struct Cache {
    std::chrono::sys_seconds second{};
    std::string text;  // "2026-12-04T16:21:08." then the milliseconds and "Z"
    std::size_t prefix = 0;
  };
  thread_local Cache cache;
  const auto second = std::chrono::floor<std::chrono::seconds>(now);
  if (cache.prefix == 0 || second != cache.second) {
    cache.second = second;
    cache.text = fmt::format("{:%FT%T}.", second);
    cache.prefix = cache.text.size();
  }
  const auto millis = static_cast<unsigned>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now - second).count());
  cache.text.resize(cache.prefix);
  cache.text += static_cast<char>('0' + millis / 100 % 10);
  cache.text += static_cast<char>('0' + millis / 10 % 10);
  cache.text += static_cast<char>('0' + millis % 10);
  cache.text += 'Z';
  return cache.text;
}

// Appends the JSON text of a string or a value as boost::json::serialize writes it (the same
// serializer, kept by the thread: no allocation).
boost::json::serializer& serializer() {
  thread_local boost::json::serializer instance;
  return instance;
}

void drain(std::string& out) {
  std::array<char, 256> chunk{};
  while (!serializer().done()) out.append(serializer().read(chunk.data(), chunk.size()));
}

void append_json(std::string& out, std::string_view text) {
  serializer().reset(boost::json::string_view(text.data(), text.size()));
  drain(out);
}

void append_json(std::string& out, const boost::json::value& value) {
  serializer().reset(&value);
  drain(out);
}

void append_key(std::string& out, std::string_view key) {
  out += ",\"";
  out += key;  // the keys below are plain ASCII words: nothing to escape
  out += "\":";
}

void append_string(std::string& out, std::string_view key, std::string_view value) {
  append_key(out, key);
  append_json(out, value);
}

void append_unsigned(std::string& out, std::string_view key, std::uint64_t value) {
  append_key(out, key);
  std::array<char, 24> digits{};
  auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), end);
}

void write(Level level, std::string_view line, std::string_view request_id) {
  auto& s = state();
  const auto text = s.redact(line);
  s.logger->log(to_spdlog(level), text);
  // A request followed for error reports keeps its last lines (observe/trail.hpp).
  if (auto& trails = request_trails(); trails.any_open() && !request_id.empty())
    trails.record(request_id, text);
}

}  // namespace

std::string format_line(Level level, std::string_view msg, boost::json::object fields,
                        std::string_view ts) {
  boost::json::object line;
  line.reserve(fields.size() + 3);
  line["ts"] = ts;
  line["level"] = label(level);
  line["msg"] = msg;
  for (auto& [key, value] : fields) line[key] = std::move(value);
  return boost::json::serialize(line);
}

void format_request_line(const RequestLine& request, std::string_view ts, std::string& out) {
  out.clear();
  out += "{\"ts\":";
  append_json(out, ts);
  out += R"(,"level":"info","msg":"request")";
  append_string(out, "method", request.method);
  append_string(out, "route", request.route);
  append_string(out, "path", request.path);
  append_unsigned(out, "status", request.status);
  append_unsigned(out, "bytes", request.bytes);
  append_key(out, "latency_ms");
  const boost::json::value latency(request.latency_ms);
  append_json(out, latency);
  append_string(out, "client", request.client);
  append_string(out, "request_id", request.request_id);
  out += '}';
}

void log_request(const RequestLine& request) {
  if (!state().logger->should_log(spdlog::level::info)) return;
  thread_local std::string text;
  format_request_line(request, timestamp(std::chrono::system_clock::now()), text);
  write(Level::info, text, request.request_id);
}

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
  if (!state().logger->should_log(to_spdlog(level))) return;
  // The request id before the fields move into the line: a followed request's trail gets it.
  std::string request_id;
  if (const auto* id = fields.if_contains("request_id");
      id && id->is_string() && request_trails().any_open())
    request_id = id->as_string();
  auto text =
      format_line(level, msg, std::move(fields), timestamp(std::chrono::system_clock::now()));
  write(level, text, request_id);
}

}  // namespace comptoir::observe
