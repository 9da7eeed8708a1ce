#pragma once

#include <boost/json/object.hpp>

#include <string_view>

#include "core/config.hpp"

namespace comptoir::observe {

enum class Level { trace, debug, info, warn, error };

// JSON-lines logging on stdout through spdlog: one object per line with ts, level, msg and fields.
// Every line passes through the Redactor, so a secret that slips into a message is still hidden.
// A line with a `request_id` field joins that request's trail when the request is followed for
// error reports (observe/trail.hpp): its breadcrumbs.
void init_logging(std::string_view level, core::Redactor redactor);
bool enabled(Level level);
void log(Level level, std::string_view msg, boost::json::object fields = {});

inline void debug(std::string_view msg, boost::json::object fields = {}) {
  log(Level::debug, msg, std::move(fields));
}
inline void info(std::string_view msg, boost::json::object fields = {}) {
  log(Level::info, msg, std::move(fields));
}
inline void warn(std::string_view msg, boost::json::object fields = {}) {
  log(Level::warn, msg, std::move(fields));
}
inline void error(std::string_view msg, boost::json::object fields = {}) {
  log(Level::error, msg, std::move(fields));
}

}  // namespace comptoir::observe
