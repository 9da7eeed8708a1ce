#include "http/waf_rules.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace comptoir::http {
namespace {

std::string error_of(std::string_view json) {
  auto rules = parse_waf_rules(json);
  EXPECT_FALSE(rules.has_value()) << json;
  return rules ? std::string{} : rules.error();
}

const WafClass* find_class(const WafRules& rules, std::string_view name) {
  auto it = std::ranges::find(rules.classes, name, &WafClass::name);
  return it == rules.classes.end() ? nullptr : &*it;
}

TEST(WafRules, ModesAreOnLogAndOff) {
  EXPECT_EQ(parse_waf_mode("on"), WafMode::on);
  EXPECT_EQ(parse_waf_mode("log"), WafMode::log);
  EXPECT_EQ(parse_waf_mode("off"), WafMode::off);
  EXPECT_FALSE(parse_waf_mode("ON").has_value());
  EXPECT_FALSE(parse_waf_mode("").has_value());
}

TEST(WafRules, DefaultsCoverTheShopsRouteClasses) {
  auto rules = default_waf_rules();
  EXPECT_TRUE(rules.deny.empty());
  for (auto name : {"api", "api-uploads", "webhooks", "pages", "assets", "site"})
    EXPECT_NE(find_class(rules, name), nullptr) << name;
  const auto* uploads = find_class(rules, "api-uploads");
  EXPECT_TRUE(uploads->prefixes.empty());
  EXPECT_EQ(uploads->paths, std::vector<std::string>{"/api/v1/products/*/images"});
  EXPECT_EQ(uploads->methods, (std::vector<Method>{Method::post, Method::options}));
  const auto* webhooks = find_class(rules, "webhooks");
  EXPECT_EQ(webhooks->methods, std::vector<Method>{Method::post});
  const auto* assets = find_class(rules, "assets");
  ASSERT_TRUE(assets->content_types.has_value());
  EXPECT_TRUE(assets->content_types->empty());  // no body at all
  EXPECT_GT(rules.ban.answers, 0U);
  EXPECT_GT(rules.connections_per_client, 0U);
}

TEST(WafRules, AnEmptyFileKeepsTheBuiltInRules) {
  auto rules = parse_waf_rules("{}");
  ASSERT_TRUE(rules.has_value()) << rules.error();
  EXPECT_EQ(rules->classes.size(), default_waf_rules().classes.size());
  EXPECT_EQ(rules->ban.answers, default_waf_rules().ban.answers);
}

TEST(WafRules, AFullFileIsReadMemberByMember) {
  auto rules = parse_waf_rules(R"({
    "deny": ["203.0.113.0/24", "2001:db8:bad::/48", "198.51.100.7"],
    "limits": {"url_length": 2000, "query_params": 10, "param_name_length": 20,
               "param_value_length": 300, "headers": 40},
    "classes": [
      {"name": "api", "prefixes": ["/api/"], "methods": ["GET", "POST", "DELETE"],
       "content_types": ["application/json", "Image/*"], "limits": {"query_params": 50}},
      {"name": "rest", "prefixes": ["/"]},
      {"name": "uploads", "paths": ["/api/v1/products/*/images", "/x"],
       "content_types": ["multipart/form-data"]}
    ],
    "ban": {"answers": 5, "window": "30s", "duration": "2m", "statuses": [404, 429],
            "max_clients": 50},
    "connections_per_client": 8
  })");
  ASSERT_TRUE(rules.has_value()) << rules.error();
  ASSERT_EQ(rules->deny.size(), 3U);
  EXPECT_EQ(rules->deny[0].text(), "203.0.113.0/24");
  EXPECT_EQ(rules->deny[2].prefix, 32U);
  EXPECT_EQ(rules->limits.url_length, 2000U);
  EXPECT_EQ(rules->limits.headers, 40U);
  ASSERT_EQ(rules->classes.size(), 3U);
  EXPECT_EQ(rules->classes[2].paths, (std::vector<std::string>{"/api/v1/products/*/images", "/x"}));
  EXPECT_TRUE(rules->classes[2].prefixes.empty());
  const auto& api = rules->classes[0];
  EXPECT_EQ(api.methods, (std::vector<Method>{Method::get, Method::post, Method::delete_}));
  EXPECT_EQ(*api.content_types, (std::vector<std::string>{"application/json", "image/*"}));
  // A class's limits start from the file's, then take its own.
  EXPECT_EQ(api.limits.query_params, 50U);
  EXPECT_EQ(api.limits.url_length, 2000U);
  const auto& rest = rules->classes[1];
  EXPECT_TRUE(rest.methods.empty());             // any method
  EXPECT_FALSE(rest.content_types.has_value());  // any type
  EXPECT_EQ(rest.limits.param_value_length, 300U);
  EXPECT_EQ(rules->ban.answers, 5U);
  EXPECT_EQ(rules->ban.window, std::chrono::seconds(30));
  EXPECT_EQ(rules->ban.duration, std::chrono::minutes(2));
  EXPECT_EQ(rules->ban.statuses, (std::vector<unsigned>{404, 429}));
  EXPECT_EQ(rules->ban.max_clients, 50U);
  EXPECT_EQ(rules->connections_per_client, 8U);
}

TEST(WafRules, TopLevelLimitsReachTheBuiltInClasses) {
  auto rules = parse_waf_rules(R"({"limits": {"query_params": 3}})");
  ASSERT_TRUE(rules.has_value()) << rules.error();
  for (const auto& cls : rules->classes) EXPECT_EQ(cls.limits.query_params, 3U) << cls.name;
  EXPECT_EQ(rules->limits.url_length, WafLimits{}.url_length);
}

TEST(WafRules, ErrorsNameTheirPlace) {
  EXPECT_EQ(error_of(R"({"classes": [{"name": "a", "prefixes": ["/"]},
                                     {"name": "b", "prefixes": ["/b/"], "methods": ["GET", "FETCH"]}]})"),
            "classes[1].methods[1]: 'FETCH' is not an HTTP method (GET, POST, …, in capitals)");
  EXPECT_EQ(error_of(R"({"deny": ["10.0.0.0/8", "nginx.local"]})"),
            "deny[1]: 'nginx.local' is not an address or CIDR block (e.g. 203.0.113.0/24)");
  EXPECT_EQ(error_of(R"({"ban": {"window": "soon"}})"),
            "ban.window: 'soon' is not a positive duration (e.g. 500ms, 30s, 10m, 1h)");
  EXPECT_EQ(error_of(R"({"limits": {"headers": -1}})"),
            "limits.headers: must be a whole number from 0 to 100000000");
  EXPECT_EQ(error_of(R"({"limits": {"headers": "64"}})"),
            "limits.headers: must be a whole number from 0 to 100000000");
  EXPECT_EQ(error_of(R"({"ban": {"statuses": [404, 302]}})"),
            "ban.statuses[1]: 302 is not an error status (400 to 599)");
  EXPECT_EQ(error_of(R"({"classes": [{"name": "x", "prefixes": ["api/"]}]})"),
            "classes[0].prefixes[0]: 'api/' is not a path prefix (it starts with /)");
  EXPECT_EQ(
      error_of(R"({"classes": [{"name": "x", "prefixes": ["/"], "content_types": ["json"]}]})"),
      "classes[0].content_types[0]: 'json' is not a media type (type/subtype, type/* or */*, "
      "without parameters)");
  EXPECT_EQ(error_of(R"({"classes": [{"name": "x", "prefixes": ["/"], "methods": []}]})"),
            "classes[0].methods: must name at least one method (leave it out to allow any)");
  EXPECT_EQ(error_of(R"({"classes": [{"prefixes": ["/"]}]})"), "classes[0]: needs a name");
  EXPECT_EQ(error_of(R"({"classes": [{"name": "Pages!", "prefixes": ["/"]}]})"),
            "classes[0].name: 'Pages!' is not a name of 1 to 40 of a-z, 0-9, _ and -");
  EXPECT_EQ(error_of(R"({"classes": [{"name": "a", "prefixes": ["/a/"]},
                                     {"name": "b", "prefixes": ["/a/"]}]})"),
            "classes[1].prefixes: '/a/' is already a prefix of class 'a'");
  EXPECT_EQ(error_of(R"({"classes": [{"name": "x"}]})"), "classes[0]: needs prefixes or paths");
  EXPECT_EQ(error_of(R"({"classes": [{"name": "x", "paths": []}]})"),
            "classes[0].paths: must name at least one path");
  for (auto bad : {"a/b", "/a//b", "/a/", "/", "/a?b"})
    EXPECT_EQ(error_of(fmt::format(R"({{"classes": [{{"name": "x", "paths": ["{}"]}}]}})", bad)),
              fmt::format("classes[0].paths[0]: '{}' is not a path (it starts with /, its segments "
                          "are not empty, * stands for one)",
                          bad));
  EXPECT_EQ(error_of(R"({"classes": [{"name": "a", "paths": ["/a/*"]},
                                     {"name": "b", "paths": ["/a/*"]}]})"),
            "classes[1].paths: '/a/*' is already a path of class 'a'");
  EXPECT_EQ(error_of(R"({"classes": {}})"), "classes: must be an array");
  EXPECT_EQ(error_of("[]"), "the document: must be an object");
}

TEST(WafRules, AMisspeltMemberIsRefusedNotIgnored) {
  EXPECT_EQ(error_of(R"({"classes": [{"name": "a", "prefixes": ["/"], "methds": ["GET"]}]})"),
            "classes[0].methds: unknown member (expected one of name, prefixes, paths, methods, "
            "content_types, limits)");
  EXPECT_EQ(error_of(R"({"denny": []})"),
            "denny: unknown member (expected one of deny, limits, classes, ban, "
            "connections_per_client)");
}

TEST(WafRules, InvalidJsonSaysWhichLine) {
  auto error = error_of("{\n  \"deny\": [\n    \"10.0.0.1\",\n  ]\n}");
  EXPECT_TRUE(error.starts_with("not valid JSON at line 4: ")) << error;
}

TEST(WafRules, LoadingAFileNamesItInErrors) {
  auto dir = std::filesystem::temp_directory_path() / "comptoir-waf-rules-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "good.json") << R"({"connections_per_client": 3})";
  std::ofstream(dir / "bad.json") << R"({"connections_per_client": "many"})";
  auto good = load_waf_rules(dir / "good.json");
  ASSERT_TRUE(good.has_value()) << good.error();
  EXPECT_EQ(good->connections_per_client, 3U);
  auto bad = load_waf_rules(dir / "bad.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(),
            (dir / "bad.json").string() +
                ": connections_per_client: must be a whole number from 0 to 100000000");
  EXPECT_FALSE(load_waf_rules(dir / "missing.json").has_value());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace comptoir::http
