#include "http/waf_rules.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

#include "core/config.hpp"
#include "core/files.hpp"

namespace comptoir::http {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxNumber = 100'000'000;

// A parse failure at a place of the document ("classes[1].methods[0]").
struct Invalid {
  std::string message;
};

std::string at(std::string_view parent, std::string_view member) {
  return parent.empty() ? std::string(member) : fmt::format("{}.{}", parent, member);
}

std::string at(std::string_view parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

const json::object& object_at(const json::value& value, std::string_view place) {
  if (!value.is_object()) throw Invalid{fmt::format("{}: must be an object", place)};
  return value.as_object();
}

const json::array& array_at(const json::value& value, std::string_view place) {
  if (!value.is_array()) throw Invalid{fmt::format("{}: must be an array", place)};
  return value.as_array();
}

std::string_view string_at(const json::value& value, std::string_view place) {
  if (!value.is_string()) throw Invalid{fmt::format("{}: must be a string", place)};
  return value.as_string();
}

std::size_t number_at(const json::value& value, std::string_view place, std::size_t max) {
  if (value.is_int64() && value.as_int64() >= 0 &&
      static_cast<std::size_t>(value.as_int64()) <= max)
    return static_cast<std::size_t>(value.as_int64());
  if (value.is_uint64() && value.as_uint64() <= max) return value.as_uint64();
  throw Invalid{fmt::format("{}: must be a whole number from 0 to {}", place, max)};
}

std::chrono::milliseconds duration_at(const json::value& value, std::string_view place) {
  auto text = string_at(value, place);
  auto parsed = core::parse_duration(text);
  if (!parsed || parsed->count() <= 0)
    throw Invalid{
        fmt::format("{}: '{}' is not a positive duration (e.g. 500ms, 30s, 10m, 1h)", place, text)};
  return *parsed;
}

// Refuses members the rules do not know: a misspelt "methds" must not silently allow everything.
void only_members(const json::object& object, std::string_view place,
                  std::initializer_list<std::string_view> known) {
  for (const auto& member : object) {
    if (std::ranges::find(known, std::string_view(member.key())) == known.end())
      throw Invalid{fmt::format("{}: unknown member (expected one of {})",
                                at(place, std::string_view(member.key())), fmt::join(known, ", "))};
  }
}

void read_limits(const json::value& value, std::string_view place, WafLimits& limits) {
  const auto& object = object_at(value, place);
  only_members(
      object, place,
      {"url_length", "query_params", "param_name_length", "param_value_length", "headers"});
  auto field = [&](std::string_view name, std::size_t& target) {
    if (const auto* v = object.if_contains(name))
      target = number_at(*v, at(place, name), kMaxNumber);
  };
  field("url_length", limits.url_length);
  field("query_params", limits.query_params);
  field("param_name_length", limits.param_name_length);
  field("param_value_length", limits.param_value_length);
  field("headers", limits.headers);
}

std::vector<Method> read_methods(const json::value& value, std::string_view place) {
  const auto& list = array_at(value, place);
  if (list.empty())
    throw Invalid{
        fmt::format("{}: must name at least one method (leave it out to allow any)", place)};
  std::vector<Method> methods;
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto text = string_at(list[i], at(place, i));
    auto method = bhttp::string_to_verb(text);
    if (method == Method::unknown)
      throw Invalid{fmt::format("{}: '{}' is not an HTTP method (GET, POST, …, in capitals)",
                                at(place, i), text)};
    if (std::ranges::find(methods, method) == methods.end()) methods.push_back(method);
  }
  return methods;
}

// "/a/*/b": starts with '/', no empty segment (nor a trailing '/'), no '?' or '#'.
bool is_path_pattern(std::string_view path) {
  return path.starts_with('/') && path.size() >= 2 && !path.ends_with('/') &&
         path.find("//") == std::string_view::npos &&
         path.find_first_of("?# ") == std::string_view::npos;
}

// A non-empty list of paths, each `valid` (else an error naming `noun` and its `rule`).
template <class Valid>
std::vector<std::string> read_paths(const json::value& value, const std::string& place,
                                    std::string_view noun, std::string_view rule, Valid valid) {
  const auto& list = array_at(value, place);
  if (list.empty()) throw Invalid{fmt::format("{}: must name at least one {}", place, noun)};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto path = string_at(list[i], at(place, i));
    if (!valid(path))
      throw Invalid{fmt::format("{}: '{}' is not a {} ({})", at(place, i), path, noun, rule)};
    out.emplace_back(path);
  }
  return out;
}

bool token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
}

// "type/subtype", "type/*" or "*/*", lower-cased.
std::vector<std::string> read_types(const json::value& value, std::string_view place) {
  const auto& list = array_at(value, place);
  std::vector<std::string> types;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string type(string_at(list[i], at(place, i)));
    std::ranges::transform(type, type.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    auto slash = type.find('/');
    auto main = std::string_view(type).substr(0, slash);
    auto sub =
        slash == std::string::npos ? std::string_view{} : std::string_view(type).substr(slash + 1);
    bool valid = slash != std::string::npos && !main.empty() && !sub.empty() &&
                 (main == "*" ? sub == "*"
                              : std::ranges::all_of(main, token_char) &&
                                    (sub == "*" || std::ranges::all_of(sub, token_char)));
    if (!valid)
      throw Invalid{fmt::format(
          "{}: '{}' is not a media type (type/subtype, type/* or */*, without parameters)",
          at(place, i), type)};
    types.push_back(std::move(type));
  }
  return types;
}

WafClass read_class(const json::value& value, std::string_view place, const WafLimits& limits) {
  const auto& object = object_at(value, place);
  only_members(object, place, {"name", "prefixes", "paths", "methods", "content_types", "limits"});
  WafClass out;
  out.limits = limits;
  const auto* name = object.if_contains("name");
  if (name == nullptr) throw Invalid{fmt::format("{}: needs a name", place)};
  out.name = string_at(*name, at(place, "name"));
  if (out.name.empty() || out.name.size() > 40 || !std::ranges::all_of(out.name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      }))
    throw Invalid{fmt::format("{}: '{}' is not a name of 1 to 40 of a-z, 0-9, _ and -",
                              at(place, "name"), out.name)};
  const auto* prefixes = object.if_contains("prefixes");
  const auto* paths = object.if_contains("paths");
  if (prefixes == nullptr && paths == nullptr)
    throw Invalid{fmt::format("{}: needs prefixes or paths", place)};
  if (prefixes != nullptr)
    out.prefixes = read_paths(*prefixes, at(place, "prefixes"), "path prefix", "it starts with /",
                              [](std::string_view prefix) { return prefix.starts_with('/'); });
  if (paths != nullptr)
    out.paths = read_paths(*paths, at(place, "paths"), "path",
                           "it starts with /, its segments are not empty, * stands for one",
                           is_path_pattern);
  if (const auto* v = object.if_contains("methods"))
    out.methods = read_methods(*v, at(place, "methods"));
  if (const auto* v = object.if_contains("content_types"))
    out.content_types = read_types(*v, at(place, "content_types"));
  if (const auto* v = object.if_contains("limits"))
    read_limits(*v, at(place, "limits"), out.limits);
  return out;
}

std::vector<WafClass> read_classes(const json::value& value, const WafLimits& limits) {
  const auto& list = array_at(value, "classes");
  std::vector<WafClass> classes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto place = at("classes", i);
    auto read = read_class(list[i], place, limits);
    for (const auto& other : classes) {
      if (other.name == read.name)
        throw Invalid{fmt::format("{}.name: '{}' names two classes", place, read.name)};
      for (const auto& prefix : read.prefixes)
        if (std::ranges::find(other.prefixes, prefix) != other.prefixes.end())
          throw Invalid{fmt::format("{}.prefixes: '{}' is already a prefix of class '{}'", place,
                                    prefix, other.name)};
      for (const auto& path : read.paths)
        if (std::ranges::find(other.paths, path) != other.paths.end())
          throw Invalid{fmt::format("{}.paths: '{}' is already a path of class '{}'", place, path,
                                    other.name)};
    }
    classes.push_back(std::move(read));
  }
  return classes;
}

void read_ban(const json::value& value, WafBanRule& ban) {
  const auto& object = object_at(value, "ban");
  only_members(object, "ban", {"answers", "window", "duration", "statuses", "max_clients"});
  if (const auto* v = object.if_contains("answers"))
    ban.answers = number_at(*v, "ban.answers", kMaxNumber);
  if (const auto* v = object.if_contains("window")) ban.window = duration_at(*v, "ban.window");
  if (const auto* v = object.if_contains("duration"))
    ban.duration = duration_at(*v, "ban.duration");
  if (const auto* v = object.if_contains("max_clients")) {
    ban.max_clients = number_at(*v, "ban.max_clients", kMaxNumber);
    if (ban.max_clients == 0) throw Invalid{"ban.max_clients: must be at least 1"};
  }
  if (const auto* v = object.if_contains("statuses")) {
    const auto& list = array_at(*v, "ban.statuses");
    ban.statuses.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto status = number_at(list[i], at("ban.statuses", i), 599);
      if (status < 400)
        throw Invalid{fmt::format("{}: {} is not an error status (400 to 599)",
                                  at("ban.statuses", i), status)};
      ban.statuses.push_back(static_cast<unsigned>(status));
    }
  }
}

WafClass default_class(std::string name, std::vector<std::string> prefixes,
                       std::vector<Method> methods,
                       std::optional<std::vector<std::string>> content_types,
                       const WafLimits& limits, std::vector<std::string> paths = {}) {
  return WafClass{.name = std::move(name),
                  .prefixes = std::move(prefixes),
                  .paths = std::move(paths),
                  .methods = std::move(methods),
                  .content_types = std::move(content_types),
                  .limits = limits};
}

std::vector<WafClass> default_classes(const WafLimits& limits) {
  using enum bhttp::verb;
  return {
      // The JSON API: its endpoints check the exact type themselves (415) once they know who
      // asks; text/plain gets that far so an anonymous caller still learns it needs a token.
      default_class("api", {"/api/"}, {get, head, post, put, patch, delete_, options},
                    std::vector<std::string>{"application/json", "application/merge-patch+json",
                                             "text/plain"},
                    limits),
      // The one API route that takes files: a product's pictures, uploaded as a form (or their
      // metadata as JSON). Multipart bodies go nowhere else under /api/.
      default_class(
          "api-uploads", {}, {post, options},
          std::vector<std::string>{"multipart/form-data", "application/json", "text/plain"}, limits,
          {"/api/v1/products/*/images"}),
      // Stripe and Clerk (Svix) post JSON.
      default_class("webhooks", {"/webhooks/"}, {post},
                    std::vector<std::string>{"application/json"}, limits),
      // Core Web Vitals from visitors' browsers: navigator.sendBeacon posts text/plain.
      default_class("vitals", {}, {post},
                    std::vector<std::string>{"text/plain", "application/json"}, limits,
                    {"/vitals"}),
      // Storefront and account pages: links and HTML forms.
      default_class(
          "pages", {"/fr/", "/en/"}, {get, head, post},
          std::vector<std::string>{"application/x-www-form-urlencoded", "multipart/form-data"},
          limits),
      // Fingerprinted assets and product pictures: read only, never a body.
      default_class("assets", {"/static/", "/media/"}, {get, head}, std::vector<std::string>{},
                    limits),
      // /, /fr, /en, probes, /metrics, /sitemap.xml, /robots.txt, the back office to come.
      default_class("site", {"/"}, {get, head, post},
                    std::vector<std::string>{"application/x-www-form-urlencoded",
                                             "multipart/form-data", "application/json"},
                    limits),
  };
}

}  // namespace

std::optional<WafMode> parse_waf_mode(std::string_view text) {
  if (text == "on") return WafMode::on;
  if (text == "log") return WafMode::log;
  if (text == "off") return WafMode::off;
  return std::nullopt;
}

std::string_view name(WafMode mode) {
  switch (mode) {
    case WafMode::on:
      return "on";
    case WafMode::log:
      return "log";
    case WafMode::off:
      return "off";
  }
  return "on";
}

WafRules default_waf_rules() {
  WafRules rules;
  rules.classes = default_classes(rules.limits);
  return rules;
}

std::expected<WafRules, std::string> parse_waf_rules(std::string_view text) {
  json::stream_parser parser;
  boost::system::error_code ec;
  auto consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    auto before = text.substr(0, std::min(consumed, text.size()));
    auto line = std::ranges::count(before, '\n') + 1;
    return std::unexpected(fmt::format("not valid JSON at line {}: {}", line, ec.message()));
  }
  try {
    auto document = parser.release();
    const auto& root = object_at(document, "the document");
    only_members(root, "", {"deny", "limits", "classes", "ban", "connections_per_client"});
    WafRules rules;
    if (const auto* v = root.if_contains("deny")) {
      const auto& list = array_at(*v, "deny");
      for (std::size_t i = 0; i < list.size(); ++i) {
        auto entry = string_at(list[i], at("deny", i));
        auto range = core::parse_ip_range(entry);
        if (!range)
          throw Invalid{
              fmt::format("{}: '{}' is not an address or CIDR block (e.g. 203.0.113.0/24)",
                          at("deny", i), entry)};
        rules.deny.push_back(*range);
      }
    }
    if (const auto* v = root.if_contains("limits")) read_limits(*v, "limits", rules.limits);
    rules.classes = root.contains("classes") ? read_classes(root.at("classes"), rules.limits)
                                             : default_classes(rules.limits);
    if (const auto* v = root.if_contains("ban")) read_ban(*v, rules.ban);
    if (const auto* v = root.if_contains("connections_per_client"))
      rules.connections_per_client = number_at(*v, "connections_per_client", kMaxNumber);
    return rules;
  } catch (const Invalid& invalid) {
    return std::unexpected(invalid.message);
  }
}

std::expected<WafRules, std::string> load_waf_rules(const std::filesystem::path& file) {
  auto content = core::read_file(file);
  if (!content) return std::unexpected(fmt::format("{}: cannot be read", file.string()));
  auto rules = parse_waf_rules(*content);
  if (!rules) return std::unexpected(fmt::format("{}: {}", file.string(), rules.error()));
  return rules;
}

}  // namespace comptoir::http
