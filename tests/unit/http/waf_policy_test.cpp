#include "http/waf_policy.hpp"

#include <gtest/gtest.h>

#include "http/waf_clients.hpp"

namespace comptoir::http {
namespace {

using namespace std::chrono_literals;

RequestFacts facts(Method method, std::string_view target, std::string_view content_type = {},
                   bool has_body = false, std::size_t headers = 5) {
  auto question = target.find('?');
  return RequestFacts{
      .method = method,
      .path = target.substr(0, question),
      .query =
          question == std::string_view::npos ? std::string_view{} : target.substr(question + 1),
      .target_length = target.size(),
      .header_count = headers,
      .has_body = has_body,
      .content_type = content_type,
  };
}

std::optional<WafRule> rule_for(const WafPolicy& policy, const RequestFacts& request) {
  auto verdict = policy.check(policy.classify(request.path), request);
  if (!verdict) return std::nullopt;
  return verdict->rule;
}

TEST(WafPolicy, TheLongestPrefixChoosesTheClass) {
  WafPolicy policy(default_waf_rules());
  EXPECT_EQ(policy.classify("/api/v1/products")->name, "api");
  EXPECT_EQ(policy.classify("/webhooks/stripe")->name, "webhooks");
  EXPECT_EQ(policy.classify("/fr/produits")->name, "pages");
  EXPECT_EQ(policy.classify("/en/cart")->name, "pages");
  EXPECT_EQ(policy.classify("/static/app.css")->name, "assets");
  EXPECT_EQ(policy.classify("/media/p/1.webp")->name, "assets");
  EXPECT_EQ(policy.classify("/healthz")->name, "site");
  EXPECT_EQ(policy.classify("/fr")->name, "site");
  // A whole path wins over every prefix; `*` is one segment, never more, never none.
  EXPECT_EQ(policy.classify("/api/v1/products/42/images")->name, "api-uploads");
  for (auto path : {"/api/v1/products/42/images/7", "/api/v1/products/images",
                    "/api/v1/products//images", "/api/v1/products/4/2/images",
                    "/api/v1/products/42/images/", "/api/v1/products/42/imagesx"})
    EXPECT_EQ(policy.classify(path)->name, "api") << path;
  WafRules without_fallback;
  without_fallback.classes = {WafClass{
      .name = "api", .prefixes = {"/api/"}, .methods = {}, .content_types = {}, .limits = {}}};
  EXPECT_EQ(WafPolicy(without_fallback).classify("/fr/"), nullptr);
}

TEST(WafPolicy, MethodsOutsideTheClassListAre405WithAllow) {
  WafPolicy policy(default_waf_rules());
  EXPECT_FALSE(rule_for(policy, facts(Method::get, "/fr/")).has_value());
  EXPECT_FALSE(rule_for(policy, facts(Method::head, "/static/app.css")).has_value());
  EXPECT_FALSE(rule_for(policy, facts(Method::delete_, "/api/v1/cart/items/3")).has_value());
  EXPECT_FALSE(rule_for(policy, facts(Method::options, "/api/v1/cart")).has_value());
  EXPECT_EQ(rule_for(policy, facts(Method::trace, "/fr/")), WafRule::method);
  EXPECT_EQ(rule_for(policy, facts(Method::post, "/static/app.css")), WafRule::method);
  EXPECT_EQ(rule_for(policy, facts(Method::get, "/webhooks/stripe")), WafRule::method);
  EXPECT_EQ(rule_for(policy, facts(Method::unknown, "/fr/")), WafRule::method);
  auto verdict = policy.check(policy.classify("/fr/"), facts(Method::put, "/fr/"));
  ASSERT_TRUE(verdict.has_value());
  EXPECT_EQ(verdict->status, Status::method_not_allowed);
  EXPECT_EQ(policy.classify("/fr/")->allow, "GET, HEAD, POST");
}

TEST(WafPolicy, BodiesMustHaveAListedType) {
  WafPolicy policy(default_waf_rules());
  auto post = [&](std::string_view target, std::string_view type) {
    return rule_for(policy, facts(Method::post, target, type, true));
  };
  EXPECT_FALSE(post("/fr/connexion", "application/x-www-form-urlencoded").has_value());
  EXPECT_FALSE(post("/fr/connexion", "Multipart/Form-Data; boundary=x").has_value());
  EXPECT_FALSE(post("/api/v1/cart/items", "application/json; charset=utf-8").has_value());
  EXPECT_FALSE(post("/webhooks/stripe", "application/json").has_value());
  EXPECT_EQ(post("/api/v1/products", "application/xml"), WafRule::content_type);
  // Files go to a product's pictures, and nowhere else under /api/.
  EXPECT_FALSE(post("/api/v1/products/42/images", "multipart/form-data; boundary=x").has_value());
  EXPECT_FALSE(post("/api/v1/products/42/images", "application/json").has_value());
  EXPECT_EQ(post("/api/v1/products/42/images", "image/jpeg"), WafRule::content_type);
  EXPECT_EQ(post("/api/v1/products", "multipart/form-data; boundary=x"), WafRule::content_type);
  EXPECT_EQ(post("/api/v1/products/42/images/7", "multipart/form-data; boundary=x"),
            WafRule::content_type);
  EXPECT_EQ(post("/api/v1/cart/items", "multipart/form-data; boundary=x"), WafRule::content_type);
  EXPECT_EQ(post("/fr/connexion", "application/json"), WafRule::content_type);
  EXPECT_EQ(post("/webhooks/clerk", ""), WafRule::content_type);  // a body without a type
  // Without a body the type does not matter (an empty POST, a GET with a stray header).
  EXPECT_FALSE(rule_for(policy, facts(Method::post, "/fr/deconnexion", "text/xml")).has_value());
  // Assets never take a body.
  EXPECT_EQ(rule_for(policy, facts(Method::get, "/static/a.css", "text/plain", true)),
            WafRule::content_type);
}

TEST(WafPolicy, MediaTypesMatchWithoutParametersOrCase) {
  EXPECT_TRUE(media_type_allowed(" text/plain ; charset=utf-8", {"text/plain"}));
  EXPECT_TRUE(media_type_allowed("IMAGE/PNG", {"image/*"}));
  EXPECT_FALSE(media_type_allowed("imagex/png", {"image/*"}));
  EXPECT_FALSE(media_type_allowed("image", {"image/*"}));
  EXPECT_TRUE(media_type_allowed("", {"*/*"}));
  EXPECT_FALSE(media_type_allowed("text/plain", {}));
}

TEST(WafPolicy, LimitsOnTheUrlItsParametersAndTheHeaders) {
  WafRules rules = default_waf_rules();
  for (auto& cls : rules.classes)
    cls.limits = {.url_length = 100,
                  .query_params = 3,
                  .param_name_length = 5,
                  .param_value_length = 10,
                  .headers = 8};
  WafPolicy policy(rules);
  auto get = [&](std::string_view target, std::size_t headers = 5) {
    return rule_for(policy, facts(Method::get, target, {}, false, headers));
  };
  EXPECT_FALSE(get("/fr/produits?q=tasse&page=2&x=").has_value());
  EXPECT_EQ(get("/fr/produits?a=1&b=2&c=3&d=4"), WafRule::query_params);
  EXPECT_FALSE(get("/fr/produits?a=1&&&b=2&c=3&").has_value());  // empty pairs do not count
  EXPECT_EQ(get("/fr/produits?abcdef=1"), WafRule::param_name_length);
  EXPECT_EQ(get("/fr/produits?flag_x"), WafRule::param_name_length);  // a name without value
  EXPECT_EQ(get("/fr/produits?q=0123456789a"), WafRule::param_value_length);
  EXPECT_FALSE(get("/fr/produits?q=0123456789").has_value());
  EXPECT_EQ(get("/fr/" + std::string(100, 'a')), WafRule::url_length);
  EXPECT_EQ(get("/fr/", 9), WafRule::headers);
  EXPECT_FALSE(get("/fr/", 8).has_value());
  auto verdict = policy.check(policy.classify("/fr/"), facts(Method::get, "/fr/?abcdef=1"));
  EXPECT_EQ(verdict->status, Status::uri_too_long);
  verdict = policy.check(policy.classify("/fr/"), facts(Method::get, "/fr/", {}, false, 20));
  EXPECT_EQ(verdict->status, Status::request_header_fields_too_large);
}

TEST(WafPolicy, ZeroMeansNoLimit) {
  WafRules rules;
  rules.limits = {.url_length = 0,
                  .query_params = 0,
                  .param_name_length = 0,
                  .param_value_length = 0,
                  .headers = 0};
  WafPolicy policy(rules);
  std::string target = "/x?" + std::string(5000, 'n') + "=" + std::string(5000, 'v');
  for (int i = 0; i < 100; ++i) target += "&p=1";
  EXPECT_FALSE(policy.check(nullptr, facts(Method::get, target, {}, false, 500)).has_value());
}

// No signature rule: what a shopper types in the search box passes, whatever it looks like.
TEST(WafPolicy, SearchTextThatLooksLikeAnAttackPasses) {
  WafPolicy policy(default_waf_rules());
  for (auto target :
       {"/fr/produits?q=O%27Neil", "/en/products?q=select", "/en/products?q=%3Cb%3E",
        "/fr/produits?q=1%3D1", "/fr/produits?q=1=1", "/en/products?q=O'Neil",
        "/en/products?q=%27%20OR%201%3D1%20--", "/en/products?q=union+select+*",
        "/api/v1/products?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/en/products?q=..%2F..%2Fetc%2Fpasswd", "/fr/produits?q=DROP+TABLE+users%3B"})
    EXPECT_FALSE(rule_for(policy, facts(Method::get, target)).has_value()) << target;
}

TEST(WafPolicy, StatusesThatCountTowardsABan) {
  WafPolicy policy(default_waf_rules());
  EXPECT_TRUE(policy.counts(404));
  EXPECT_TRUE(policy.counts(429));
  EXPECT_FALSE(policy.counts(422));  // a visitor's own typing mistakes
  EXPECT_FALSE(policy.counts(200));
  EXPECT_FALSE(policy.counts(500));
  EXPECT_FALSE(policy.counts(999));
}

TEST(WafPolicy, DenyListMatchesAddressesAndBlocks) {
  WafRules rules;
  rules.deny = *core::parse_ip_ranges("203.0.113.0/24, 2001:db8::/32");
  WafPolicy policy(rules);
  EXPECT_TRUE(policy.has_deny_list());
  EXPECT_TRUE(policy.denied(*core::parse_ip("203.0.113.9")));
  EXPECT_TRUE(policy.denied(*core::parse_ip("::ffff:203.0.113.9")));
  EXPECT_TRUE(policy.denied(*core::parse_ip("2001:db8::1")));
  EXPECT_FALSE(policy.denied(*core::parse_ip("203.0.114.1")));
  EXPECT_FALSE(WafPolicy(WafRules{}).has_deny_list());
}

TEST(WafBans, TheAnswerThatReachesTheCountBansForTheDuration) {
  WafBans bans;
  WafBanRule rule{.answers = 3, .window = 10s, .duration = 60s, .statuses = {}, .max_clients = 10};
  auto t0 = WafBans::Clock::now();
  EXPECT_FALSE(bans.banned_until("10.0.0.1", t0).has_value());
  EXPECT_FALSE(bans.count("10.0.0.1", rule, t0));
  EXPECT_FALSE(bans.count("10.0.0.1", rule, t0 + 1s));
  EXPECT_FALSE(bans.count("10.0.0.2", rule, t0 + 1s));  // someone else
  EXPECT_TRUE(bans.count("10.0.0.1", rule, t0 + 2s));
  EXPECT_EQ(bans.banned_until("10.0.0.1", t0 + 3s), t0 + 62s);
  EXPECT_FALSE(bans.banned_until("10.0.0.2", t0 + 3s).has_value());
  // Answers while banned do not extend the ban.
  EXPECT_FALSE(bans.count("10.0.0.1", rule, t0 + 30s));
  EXPECT_EQ(bans.banned_until("10.0.0.1", t0 + 61s), t0 + 62s);
  // Then it ends, and counting starts afresh.
  EXPECT_FALSE(bans.banned_until("10.0.0.1", t0 + 62s).has_value());
  EXPECT_FALSE(bans.count("10.0.0.1", rule, t0 + 63s));
  EXPECT_FALSE(bans.banned_until("10.0.0.1", t0 + 63s).has_value());
}

TEST(WafBans, AnswersSpreadBeyondTheWindowDoNotBan) {
  WafBans bans;
  WafBanRule rule{.answers = 3, .window = 10s, .duration = 60s, .statuses = {}, .max_clients = 10};
  auto t0 = WafBans::Clock::now();
  for (int i = 0; i < 10; ++i)
    EXPECT_FALSE(bans.count("10.0.0.1", rule, t0 + std::chrono::seconds(6 * i))) << i;
  rule.answers = 0;  // never
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(bans.count("10.0.0.3", rule, t0));
  EXPECT_EQ(bans.remembered(), 1U);
}

TEST(WafBans, MemoryIsBoundedByForgettingTheLeastRecentlySeen) {
  WafBans bans;
  WafBanRule rule{.answers = 2, .window = 10s, .duration = 60s, .statuses = {}, .max_clients = 3};
  auto t0 = WafBans::Clock::now();
  bans.count("a", rule, t0);
  bans.count("b", rule, t0);
  bans.count("c", rule, t0);
  bans.count("a", rule, t0 + 1s);  // bans a, and makes it the most recent
  ASSERT_TRUE(bans.banned_until("a", t0 + 2s).has_value());
  bans.count("d", rule, t0 + 2s);  // forgets b
  EXPECT_EQ(bans.remembered(), 3U);
  EXPECT_FALSE(bans.count("b", rule, t0 + 3s));  // b starts again from one (forgets c)
  EXPECT_TRUE(bans.banned_until("a", t0 + 3s).has_value());
  EXPECT_TRUE(bans.count("b", rule, t0 + 4s));
  EXPECT_EQ(bans.remembered(), 3U);
}

TEST(WafConnections, CountsPerPeerAndForgetsClosedOnes) {
  WafConnections connections;
  EXPECT_EQ(connections.open("10.0.0.1"), 1U);
  EXPECT_EQ(connections.open("10.0.0.1"), 2U);
  EXPECT_EQ(connections.open("10.0.0.2"), 1U);
  connections.close("10.0.0.1");
  EXPECT_EQ(connections.open("10.0.0.1"), 2U);
  connections.close("10.0.0.1");
  connections.close("10.0.0.1");
  connections.close("10.0.0.1");  // one too many: ignored
  EXPECT_EQ(connections.open("10.0.0.1"), 1U);
}

}  // namespace
}  // namespace comptoir::http
