#include "http/waf.hpp"

#include <fmt/format.h>
#include <prometheus/family.h>
#include <boost/asio/ip/address.hpp>
#include <boost/json/object.hpp>

#include <exception>
#include <string>

#include "observe/log.hpp"
#include "observe/metrics.hpp"

namespace comptoir::http {
namespace {

// Counts a connection while it is open.
class ConnectionSlot {
 public:
  ConnectionSlot(WafConnections& connections, std::string peer)
      : connections_(connections), peer_(std::move(peer)) {}
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ~ConnectionSlot() { connections_.close(peer_); }

 private:
  WafConnections& connections_;
  std::string peer_;
};

double seconds(std::chrono::milliseconds duration) {
  return std::chrono::duration<double>(duration).count();
}

}  // namespace

Waf::Waf(WafMode mode, WafRules rules, observe::Metrics& metrics,
         std::vector<core::IpRange> trusted_proxies)
    : mode_(mode),
      policy_(std::make_shared<const WafPolicy>(std::move(rules))),
      trusted_proxies_(std::move(trusted_proxies)) {
  if (mode_ == WafMode::off) return;
  const std::string mode_label(name(mode_));
  auto& blocks = prometheus::BuildCounter()
                     .Name("waf_blocks_total")
                     .Help(
                         "Requests and connections the WAF blocked (mode on) or would have "
                         "blocked (mode log), by rule")
                     .Register(metrics.registry());
  for (std::size_t i = 0; i < kWafRuleCount; ++i)
    blocks_[i] =
        &blocks.Add({{"rule", std::string(name(static_cast<WafRule>(i)))}, {"mode", mode_label}});
  bans_started_ = &prometheus::BuildCounter()
                       .Name("waf_bans_total")
                       .Help(
                           "Clients the WAF banned (mode on) or would have banned (mode log) "
                           "after a burst of error answers")
                       .Register(metrics.registry())
                       .Add({{"mode", mode_label}});
}

void Waf::replace(WafRules rules) {
  policy_.store(std::make_shared<const WafPolicy>(std::move(rules)));
}

HttpError Waf::refusal(const WafVerdict& verdict, const WafPolicy::Class* cls,
                       std::chrono::seconds retry_after) {
  boost::json::object extra{{"code", fmt::format("waf.{}", name(verdict.rule))}};
  if (retry_after.count() > 0) extra["retry_after"] = retry_after.count();
  HttpError error(verdict.status, {}, std::move(extra));
  if (verdict.rule == WafRule::method && cls != nullptr)
    error.headers.emplace_back(Field::allow, cls->allow);
  if (verdict.rule == WafRule::content_type && cls != nullptr && cls->content_types) {
    std::string accept;
    for (const auto& type : *cls->content_types) accept += (accept.empty() ? "" : ", ") + type;
    if (!accept.empty()) error.headers.emplace_back(Field::accept, std::move(accept));
  }
  if (retry_after.count() > 0)
    error.headers.emplace_back(Field::retry_after, std::to_string(retry_after.count()));
  return error;
}

void Waf::record(WafRule rule, const Context* ctx, std::string_view class_name,
                 std::string_view client) {
  blocks_[static_cast<std::size_t>(rule)]->Increment();
  boost::json::object fields{{"rule", name(rule)}, {"mode", name(mode_)}, {"client", client}};
  if (ctx != nullptr) {
    fields["class"] = class_name;
    fields["method"] = ctx->request.method_string();
    fields["path"] = ctx->path;  // never the query: it may hold a token or an email
    fields["request_id"] = ctx->request_id;
  }
  observe::warn("waf block", std::move(fields));
}

void Waf::count_answer(const WafPolicy& policy, const std::string& client, unsigned status) {
  if (!policy.counts(status)) return;
  const auto& ban = policy.rules().ban;
  if (!bans_.count(client, ban, WafBans::Clock::now())) return;
  bans_started_->Increment();
  observe::warn("waf ban", {{"client", client},
                            {"mode", name(mode_)},
                            {"answers", ban.answers},
                            {"window_s", seconds(ban.window)},
                            {"duration_s", seconds(ban.duration)}});
}

Waf::Screening Waf::screen(const WafPolicy& policy, const Context& ctx, bool check_rules) {
  Screening out;
  out.counted = !ctx.client_ip.empty();
  const auto now = WafBans::Clock::now();
  if (!check_rules) {
    out.counted = out.counted && !bans_.banned_until(ctx.client_ip, now);
    return out;
  }
  out.cls = policy.classify(ctx.path);
  if (!ctx.client_ip.empty()) {
    if (policy.has_deny_list()) {
      boost::system::error_code ec;
      auto address = net::ip::make_address(ctx.client_ip.c_str(), ec);
      if (!ec && policy.denied(address)) out.verdict = {WafRule::deny, Status::forbidden};
    }
    if (auto until = bans_.banned_until(ctx.client_ip, now); until && !out.verdict) {
      out.verdict = {WafRule::ban, Status::too_many_requests};
      out.retry_after =
          std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(*until - now));
    }
  }
  if (!out.verdict) out.verdict = policy.check(out.cls, RequestFacts::of(ctx));
  // A denied or banned client's answers do not count: its ban ends when it was meant to.
  if (out.verdict && (out.verdict->rule == WafRule::deny || out.verdict->rule == WafRule::ban))
    out.counted = false;
  return out;
}

Middleware Waf::middleware() {
  return guard(true);
}

Middleware Waf::answer_counter() {
  return guard(false);
}

// One coroutine for both uses: a middleware that awaited another coroutine would cost a second
// frame on every request.
Middleware Waf::guard(bool check_rules) {
  return [this, check_rules](Context& ctx, const Handler& next) -> net::awaitable<Response> {
    if (mode_ == WafMode::off) co_return co_await next(ctx);
    const auto policy = policy_.load();
    const Screening screening = screen(*policy, ctx, check_rules);
    if (const auto& verdict = screening.verdict) {
      const auto* cls = screening.cls;
      record(verdict->rule, &ctx, cls ? std::string_view(cls->name) : std::string_view{},
             ctx.client_ip);
      if (mode_ == WafMode::on) {
        if (screening.counted)
          count_answer(*policy, ctx.client_ip, static_cast<unsigned>(verdict->status));
        throw refusal(*verdict, cls, screening.retry_after);
      }
    }
    // The answer counts towards a ban however it ends: the error boundary outside renders an
    // HttpError, whose status is the answer's.
    std::exception_ptr failure;
    unsigned status = 0;
    Response res;
    try {
      res = co_await next(ctx);
      status = res.result_int();
    } catch (const HttpError& error) {
      status = static_cast<unsigned>(error.status());
      failure = std::current_exception();
    } catch (...) {
      failure = std::current_exception();
    }
    if (screening.counted) count_answer(*policy, ctx.client_ip, status);
    if (failure) std::rethrow_exception(failure);
    co_return res;
  };
}

Admission Waf::admit(std::string_view peer) {
  if (mode_ == WafMode::off || peer.empty()) return {};
  const auto cap = policy_.load()->rules().connections_per_client;
  if (cap == 0) return {};
  if (!trusted_proxies_.empty()) {
    if (auto address = core::parse_ip(peer);
        address && core::contains_any(trusted_proxies_, *address))
      return {};
  }
  auto slot = std::make_shared<const ConnectionSlot>(connections_, std::string(peer));
  if (connections_.open(peer) <= cap) return {.hold = std::move(slot)};
  record(WafRule::connections, nullptr, {}, peer);
  if (mode_ == WafMode::log) return {.hold = std::move(slot)};
  return {.refusal = Status::too_many_requests, .retry_after = std::chrono::seconds(1), .hold = {}};
}

}  // namespace comptoir::http
