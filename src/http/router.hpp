#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/types.hpp"

namespace comptoir::http {

// Braced so callers may name only the fields they set (designated initializers).
struct RouteOptions {
  std::optional<std::size_t> max_body{};  // overrides the server default (e.g. uploads)
  std::vector<Middleware> middleware{};   // runs around this route's handler only, outermost first
};

// Method + path patterns with named parameters: "/fr/produit/{slug}" captures one segment,
// "/static/{path...}" captures the rest of the path. Literal routes win over patterns; patterns
// are tried in the order they were added.
class Router {
 public:
  void add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  void get(std::string_view pattern, Handler handler, RouteOptions options = {}) {
    add(Method::get, pattern, std::move(handler), std::move(options));
  }
  void post(std::string_view pattern, Handler handler, RouteOptions options = {}) {
    add(Method::post, pattern, std::move(handler), std::move(options));
  }

  struct Route;
  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    Params params;                 // captured values, percent-decoded
    std::vector<Method> allowed;   // methods that would match this path (for 405 Allow)
  };
  // HEAD matches GET routes.
  Match match(Method method, std::string_view path) const;

  std::size_t max_body(Method method, std::string_view path, std::size_t fallback) const;

  // What answers a path that no route serves, for any method, instead of the 404: it may answer,
  // or throw HttpError(not_found) itself. Only such requests reach it, so served pages pay
  // nothing for it (the old site's redirects: seo::redirect_fallback).
  void fallback(Handler handler) { fallback_ = std::move(handler); }

  // Runs the matching route (its middleware, then its handler); else the fallback, or 404, when
  // no method matches the path, or 405 (with Allow) when another one does; and 400 before any
  // matching when the target is not clean_target (below).
  net::awaitable<Response> dispatch(Context& ctx) const;

  struct Segment {
    std::string text;  // literal text, or the parameter name
    enum class Kind { literal, param, rest } kind = Kind::literal;
  };
  struct Route {
    Method method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    RouteOptions options;
    Handler chained;  // handler wrapped in the route's middleware
  };

 private:
  static bool match_pattern(const Route& route, std::string_view path,
                            std::span<const std::string_view> parts, Params* params);

  std::vector<Route> routes_;
  std::unordered_map<std::string, std::vector<std::size_t>> literal_;  // path -> route indexes
  std::vector<std::size_t> patterned_;
  Handler fallback_;
};

// Wraps a handler in middleware, outermost first.
Handler chain(const std::vector<Middleware>& middleware, Handler handler);

std::string percent_decode(std::string_view text);

// Whether a request target (its path and its query without '?', both still percent-encoded)
// decodes to clean text (http/form.hpp: well-formed UTF-8 without NUL) in every path segment and
// every query name and value. Handlers, and PostgreSQL's text parameters, never see other bytes:
// the router refuses such a target with 400, whatever route it would have matched.
bool clean_target(std::string_view path, std::string_view query);

}  // namespace comptoir::http
