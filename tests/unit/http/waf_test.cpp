#include "http/waf.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include "http/middleware.hpp"
#include "http/router.hpp"
#include "observe/metrics.hpp"

namespace comptoir::http {
namespace {

using namespace std::chrono_literals;

ErrorRenderer plain_renderer() {
  return [](Context& ctx, const HttpError& error) {
    return problem(ctx, error, bhttp::obsolete_reason(error.status()), error.detail());
  };
}

Handler answers(Status status) {
  return [status](Context&) -> net::awaitable<Response> {
    if (static_cast<unsigned>(status) >= 400) throw HttpError(status);
    co_return text(status, "ok");
  };
}

// Runs one request from `client` through the error boundary and the WAF to `handler`.
Response run(Waf& waf, Request req, const std::string& client = "192.0.2.1",
             const Handler& handler = answers(Status::ok)) {
  net::io_context ioc;
  std::string_view target = req.target();
  auto question = target.find('?');
  Context ctx{
      req, ioc.get_executor(), target.substr(0, question),
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1)};
  ctx.client_ip = client;
  ctx.peer_ip = client;
  auto chained = chain({error_boundary(plain_renderer()), waf.middleware()}, handler);
  auto future = net::co_spawn(ioc, chained(ctx), net::use_future);
  ioc.run();
  return future.get();
}

Request post(std::string target, std::string content_type, std::string body) {
  Request req{Method::post, target, 11};
  req.set(Field::content_type, content_type);
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

std::string code_of(const Response& res) {
  return std::string(boost::json::parse(res.body()).at("code").as_string());
}

// The value of one series of the scrape ("waf_blocks_total{mode=\"on\",rule=\"method\"}"), or -1.
double metric(const observe::Metrics& metrics, std::string_view series) {
  auto scrape = metrics.scrape();
  auto at = scrape.find(std::string(series) + " ");
  if (at == std::string::npos) return -1;
  return std::stod(scrape.substr(at + series.size() + 1));
}

WafRules rules_with(std::function<void(WafRules&)> change) {
  auto rules = default_waf_rules();
  change(rules);
  return rules;
}

TEST(Waf, BlocksAreProblemsWithACodeAndTheRightHeaders) {
  observe::Metrics metrics;
  Waf waf(WafMode::on, default_waf_rules(), metrics, {});

  auto method = run(waf, Request{Method::trace, "/api/v1/products", 11});
  EXPECT_EQ(method.result(), Status::method_not_allowed);
  EXPECT_EQ(code_of(method), "waf.method");
  EXPECT_EQ(method[Field::allow], "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");

  auto type = run(waf, post("/api/v1/products", "application/xml", "<p/>"));
  EXPECT_EQ(type.result(), Status::unsupported_media_type);
  EXPECT_EQ(code_of(type), "waf.content_type");
  EXPECT_EQ(type[Field::accept], "application/json, application/merge-patch+json, text/plain");

  auto url = run(waf, Request{Method::get, "/api/v1/products?q=" + std::string(5000, 'x'), 11});
  EXPECT_EQ(url.result(), Status::uri_too_long);
  EXPECT_EQ(code_of(url), "waf.url_length");

  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="method"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="content_type"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="url_length"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="deny"})"), 0);
}

TEST(Waf, LegitimateRequestsReachTheHandler) {
  observe::Metrics metrics;
  Waf waf(WafMode::on, default_waf_rules(), metrics, {});
  EXPECT_EQ(run(waf, Request{Method::get, "/en/products?q=O%27Neil", 11}).result(), Status::ok);
  EXPECT_EQ(run(waf, Request{Method::get, "/en/products?q=select+1%3D1+%3Cb%3E", 11}).result(),
            Status::ok);
  EXPECT_EQ(run(waf, post("/fr/connexion", "application/x-www-form-urlencoded", "a=b")).result(),
            Status::ok);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="method"})"), 0);
}

TEST(Waf, DeniedAddressesGet403) {
  observe::Metrics metrics;
  Waf waf(WafMode::on,
          rules_with([](WafRules& r) { r.deny = *core::parse_ip_ranges("198.51.100.0/24"); }),
          metrics, {});
  auto res = run(waf, Request{Method::get, "/fr/", 11}, "198.51.100.20");
  EXPECT_EQ(res.result(), Status::forbidden);
  EXPECT_EQ(code_of(res), "waf.deny");
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "198.51.101.20").result(), Status::ok);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="deny"})"), 1);
}

TEST(Waf, ABurstOfErrorAnswersBansTheClientWith429AndRetryAfter) {
  observe::Metrics metrics;
  Waf waf(WafMode::on, rules_with([](WafRules& r) {
            r.ban.answers = 3;
            r.ban.duration = 90s;
          }),
          metrics, {});
  auto missing = answers(Status::not_found);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(run(waf, Request{Method::get, "/fr/x", 11}, "192.0.2.7", missing).result(),
              Status::not_found);
  auto banned = run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.7");
  EXPECT_EQ(banned.result(), Status::too_many_requests);
  EXPECT_EQ(code_of(banned), "waf.ban");
  auto retry = std::stoi(std::string(banned[Field::retry_after]));
  EXPECT_GE(retry, 89);
  EXPECT_LE(retry, 90);
  EXPECT_EQ(boost::json::parse(banned.body()).at("retry_after").as_int64(), retry);
  // Another client is not affected; answers that do not count (422) never ban.
  auto invalid = answers(Status::unprocessable_entity);
  for (int i = 0; i < 5; ++i) run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.8", invalid);
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.8").result(), Status::ok);
  EXPECT_EQ(metric(metrics, R"(waf_bans_total{mode="on"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="ban"})"), 1);
}

TEST(Waf, TheWafsOwnRefusalsCountTowardsABan) {
  observe::Metrics metrics;
  Waf waf(WafMode::on, rules_with([](WafRules& r) { r.ban.answers = 2; }), metrics, {});
  run(waf, Request{Method::trace, "/fr/", 11}, "192.0.2.9");
  run(waf, Request{Method::trace, "/fr/", 11}, "192.0.2.9");
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.9").result(),
            Status::too_many_requests);
}

// What the server refused before routing (here a 413 whose body was never read) keeps its answer,
// and counts towards a ban.
TEST(Waf, RefusalsBeforeRoutingAreOnlyCounted) {
  observe::Metrics metrics;
  Waf waf(WafMode::on, rules_with([](WafRules& r) { r.ban.answers = 2; }), metrics, {});
  auto refuse = [&] {
    net::io_context ioc;
    Request req{Method::post, "/api/v1/products", 11};
    req.set(Field::content_type, "application/xml");  // the request rules would say 415
    req.set(Field::content_length, "9999999");
    Context ctx{req, ioc.get_executor(), "/api/v1/products", {}};
    ctx.client_ip = "192.0.2.30";
    auto chained = chain({error_boundary(plain_renderer()), waf.answer_counter()},
                         answers(Status::payload_too_large));
    auto future = net::co_spawn(ioc, chained(ctx), net::use_future);
    ioc.run();
    return future.get();
  };
  EXPECT_EQ(refuse().result(), Status::payload_too_large);
  EXPECT_EQ(refuse().result(), Status::payload_too_large);
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.30").result(),
            Status::too_many_requests);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="content_type"})"), 0);
}

TEST(Waf, LogModeBlocksNothingButCountsEverything) {
  observe::Metrics metrics;
  Waf waf(WafMode::log, rules_with([](WafRules& r) {
            r.ban.answers = 2;
            r.deny = *core::parse_ip_ranges("192.0.2.66");
          }),
          metrics, {});
  EXPECT_EQ(run(waf, Request{Method::trace, "/fr/", 11}).result(), Status::ok);
  EXPECT_EQ(run(waf, post("/webhooks/stripe", "text/xml", "<x/>")).result(), Status::ok);
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.66").result(), Status::ok);
  auto missing = answers(Status::not_found);
  run(waf, Request{Method::get, "/fr/x", 11}, "192.0.2.5", missing);
  run(waf, Request{Method::get, "/fr/x", 11}, "192.0.2.5", missing);
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.5").result(), Status::ok);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="log",rule="method"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="log",rule="content_type"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="log",rule="deny"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="log",rule="ban"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_bans_total{mode="log"})"), 1);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="method"})"), -1);
}

TEST(Waf, OffEvaluatesNothing) {
  observe::Metrics metrics;
  Waf waf(WafMode::off, default_waf_rules(), metrics, {});
  EXPECT_EQ(run(waf, Request{Method::trace, "/fr/", 11}).result(), Status::ok);
  EXPECT_EQ(waf.admit("192.0.2.1").refusal, Status::ok);
  EXPECT_EQ(metrics.scrape().find("waf_"), std::string::npos);
}

TEST(Waf, ReplaceSwapsTheRulesAtOnce) {
  observe::Metrics metrics;
  Waf waf(WafMode::on, default_waf_rules(), metrics, {});
  auto old = waf.policy();
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.44").result(), Status::ok);
  waf.replace(rules_with([](WafRules& r) { r.deny = *core::parse_ip_ranges("192.0.2.44"); }));
  EXPECT_EQ(run(waf, Request{Method::get, "/fr/", 11}, "192.0.2.44").result(), Status::forbidden);
  EXPECT_FALSE(old->has_deny_list());  // a policy in use is never changed under its reader
}

TEST(Waf, TheConnectionCapCountsOpenConnectionsPerPeer) {
  observe::Metrics metrics;
  Waf waf(WafMode::on, rules_with([](WafRules& r) { r.connections_per_client = 2; }), metrics,
          *core::parse_ip_ranges("10.0.0.0/8"));
  auto first = waf.admit("192.0.2.1");
  auto second = waf.admit("192.0.2.1");
  EXPECT_EQ(first.refusal, Status::ok);
  EXPECT_EQ(second.refusal, Status::ok);
  auto third = waf.admit("192.0.2.1");
  EXPECT_EQ(third.refusal, Status::too_many_requests);
  EXPECT_EQ(third.retry_after, 1s);
  EXPECT_EQ(waf.admit("192.0.2.2").refusal, Status::ok);  // another address
  first.hold.reset();                                     // a connection closes: room for one more
  auto again = waf.admit("192.0.2.1");
  EXPECT_EQ(again.refusal, Status::ok);
  EXPECT_EQ(waf.admit("192.0.2.1").refusal, Status::too_many_requests);
  // A trusted proxy carries many clients: never capped.
  std::vector<Admission> proxied;
  for (int i = 0; i < 5; ++i) proxied.push_back(waf.admit("10.1.2.3"));
  for (const auto& admission : proxied) EXPECT_EQ(admission.refusal, Status::ok);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="on",rule="connections"})"), 2);
}

TEST(Waf, TheConnectionCapInLogModeAdmitsAndCounts) {
  observe::Metrics metrics;
  Waf waf(WafMode::log, rules_with([](WafRules& r) { r.connections_per_client = 1; }), metrics, {});
  auto first = waf.admit("192.0.2.1");
  auto second = waf.admit("192.0.2.1");
  EXPECT_EQ(second.refusal, Status::ok);
  EXPECT_EQ(metric(metrics, R"(waf_blocks_total{mode="log",rule="connections"})"), 1);
}

}  // namespace
}  // namespace comptoir::http
