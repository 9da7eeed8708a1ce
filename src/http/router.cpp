#include "http/router.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "http/form.hpp"

namespace comptoir::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The separators ('/' in a path; '&', '=' and '+' in a query) are ASCII: never part of a %XX
// escape nor of a multi-byte UTF-8 sequence. So the whole text decodes to clean text exactly when
// each of its segments, names and values does, and one pass over it checks them all.
bool decodes_to_clean_text(std::string_view encoded) {
  // Most targets are plain ASCII without escapes: nothing to decode, nothing to allocate.
  bool plain = std::ranges::none_of(encoded, [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return c == '%' || byte == 0 || byte >= 0x80;
  });
  return plain || is_clean_text(percent_decode(encoded));
}

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

bool clean_target(std::string_view path, std::string_view query) {
  return decodes_to_clean_text(path) && decodes_to_clean_text(query);
}

Handler chain(const std::vector<Middleware>& middleware, Handler handler) {
  // Each link hands on the middleware's own coroutine rather than awaiting it in a coroutine of
  // its own: one frame per middleware and request, not two. The coroutine refers to `mw` and
  // `next`, held by this link: the chained handler must outlive it, as it must anyway.
  for (auto it = middleware.rbegin(); it != middleware.rend(); ++it) {
    handler = [mw = *it, next = std::move(handler)](Context& ctx) -> net::awaitable<Response> {
      return mw(ctx, next);
    };
  }
  return handler;
}

void Router::add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  if (!pattern.starts_with('/')) throw std::invalid_argument("route pattern must start with /");
  Route route{method, std::string(pattern), {}, std::move(handler), std::move(options), {}};
  bool literal = true;
  auto parts = split_path(pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto part = parts[i];
    if (part.starts_with('{') && part.ends_with('}')) {
      literal = false;
      auto name = part.substr(1, part.size() - 2);
      if (name.ends_with("...")) {
        if (i + 1 != parts.size()) throw std::invalid_argument("{name...} must end the pattern");
        route.segments.push_back(
            {std::string(name.substr(0, name.size() - 3)), Segment::Kind::rest});
      } else {
        route.segments.push_back({std::string(name), Segment::Kind::param});
      }
    } else {
      route.segments.push_back({std::string(part), Segment::Kind::literal});
    }
  }
  route.chained = chain(route.options.middleware, route.handler);
  routes_.push_back(std::move(route));
  auto index = routes_.size() - 1;
  if (literal)
    literal_[std::string(pattern)].push_back(index);
  else
    patterned_.push_back(index);
}

bool Router::match_pattern(const Route& route, std::string_view path,
                           std::span<const std::string_view> parts, Params* params) {
  const auto& segs = route.segments;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const auto& seg = segs[i];
    if (seg.kind == Segment::Kind::rest) {
      if (i >= parts.size() || parts[i].empty()) return false;
      if (params) {
        auto offset = static_cast<std::size_t>(parts[i].data() - path.data());
        params->add(seg.text, percent_decode(path.substr(offset)));
      }
      return true;
    }
    if (i >= parts.size()) return false;
    if (seg.kind == Segment::Kind::literal) {
      if (parts[i] != seg.text) return false;
    } else {
      if (parts[i].empty()) return false;
      if (params) params->add(seg.text, percent_decode(parts[i]));
    }
  }
  return parts.size() == segs.size();
}

Router::Match Router::match(Method method, std::string_view path) const {
  Match result;
  const Method wanted = method == Method::head ? Method::get : method;
  // Split once for every route; on a hit, stop: `allowed` only matters when nothing matched
  // (405 and its Allow header), and this runs for every request.
  const auto parts = split_path(path);
  auto consider = [&](std::size_t index) {
    const auto& route = routes_[index];
    if (route.method == wanted) {
      Params params;
      if (!match_pattern(route, path, parts, &params)) return;
      result.route = &route;
      result.params = std::move(params);
    } else if (match_pattern(route, path, parts, nullptr)) {
      if (std::ranges::find(result.allowed, route.method) == result.allowed.end())
        result.allowed.push_back(route.method);
    }
  };
  if (auto it = literal_.find(std::string(path)); it != literal_.end())
    for (auto index : it->second) {
      consider(index);
      if (result.route) return result;
    }
  for (auto index : patterned_) {
    consider(index);
    if (result.route) return result;
  }
  if (result.route == nullptr && !result.allowed.empty()) {
    if (std::ranges::find(result.allowed, Method::get) != result.allowed.end())
      result.allowed.push_back(Method::head);
  }
  return result;
}

std::size_t Router::max_body(Method method, std::string_view path, std::size_t fallback) const {
  auto found = match(method, path);
  if (found.route && found.route->options.max_body) return *found.route->options.max_body;
  return fallback;
}

net::awaitable<Response> Router::dispatch(Context& ctx) const {
  // The one check for every route: what a handler reads from the path or the query is text.
  if (!clean_target(ctx.path, ctx.query)) throw HttpError(Status::bad_request);
  auto found = match(ctx.request.method(), ctx.path);
  if (found.route == nullptr) {
    if (found.allowed.empty()) {
      if (!fallback_) throw HttpError(Status::not_found);
      co_return co_await fallback_(ctx);
    }
    HttpError error(Status::method_not_allowed);
    std::string allow;
    for (auto m : found.allowed) {
      if (!allow.empty()) allow += ", ";
      allow += bhttp::to_string(m);
    }
    error.headers.emplace_back(Field::allow, std::move(allow));
    throw error;
  }
  ctx.route_pattern = found.route->pattern;
  ctx.params = std::move(found.params);
  co_return co_await found.route->chained(ctx);
}

}  // namespace comptoir::http
