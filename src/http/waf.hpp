#pragma once

#include <prometheus/counter.h>

#include <array>
#include <atomic>
#include <memory>
#include <string_view>
#include <vector>

#include "core/ip_range.hpp"
#include "http/server.hpp"
#include "http/types.hpp"
#include "http/waf_clients.hpp"
#include "http/waf_policy.hpp"
#include "http/waf_rules.hpp"

namespace comptoir::observe {
class Metrics;
}

namespace comptoir::http {

// A simple web application firewall (docs/security.md, "The WAF"): a deny list of addresses,
// per-class allow-lists of methods and body types, limits on the URL, its parameters and the
// headers, fail2ban-like bans of clients that earn bursts of error answers, and a cap on the
// connections one address holds open. It reads no body and makes no database round trip.
//
// Each block is counted in waf_blocks_total{rule, mode} and logged ("waf block", with the rule,
// class, client, method, path and request id; never the query or a body). In `log` mode every
// rule is evaluated, counted and logged the same way, and nothing is blocked.
class Waf {
 public:
  // `trusted_proxies` (COMPTOIR_TRUSTED_PROXIES) are never capped: one proxy carries many clients.
  Waf(WafMode mode, WafRules rules, observe::Metrics& metrics,
      std::vector<core::IpRange> trusted_proxies);
  Waf(const Waf&) = delete;
  Waf& operator=(const Waf&) = delete;

  WafMode mode() const { return mode_; }
  // Swaps in new rules at once (the back office's edits): requests already past the WAF keep
  // the rules they were checked with. Bans and connection counts carry over.
  void replace(WafRules rules);
  std::shared_ptr<const WafPolicy> policy() const { return policy_.load(); }

  // The request rules, for the global chain: inside the error boundary and after the locale is
  // known, so a block is the translated error page, or problem+json with code `waf.<rule>` for
  // JSON clients. It also counts the answers that lead to bans. Refers to this object.
  Middleware middleware();
  // Only the counting of answers towards bans, for the requests the server refuses before
  // routing (400, 413, 431, and connections over the cap): they are refusals already, and were
  // not read whole, so no rule is checked again. Refers to this object.
  Middleware answer_counter();
  // The connection cap, for Pipeline::admit: keyed on the TCP peer, the only address known
  // before a request is read. A refusal is a 429 with Retry-After: 1.
  Admission admit(std::string_view peer);

  // The answer to a blocked request: status, Allow for 405, Retry-After for a ban.
  static HttpError refusal(const WafVerdict& verdict, const WafPolicy::Class* cls,
                           std::chrono::seconds retry_after = {});

 private:
  void record(WafRule rule, const Context* ctx, std::string_view class_name,
              std::string_view client);
  // What the rules decide for one request, before it goes on; without `check_rules` only
  // whether its answer counts towards a ban.
  struct Screening {
    std::optional<WafVerdict> verdict;
    const WafPolicy::Class* cls = nullptr;
    std::chrono::seconds retry_after{0};
    bool counted = true;
  };
  Screening screen(const WafPolicy& policy, const Context& ctx, bool check_rules);
  Middleware guard(bool check_rules);
  void count_answer(const WafPolicy& policy, const std::string& client, unsigned status);

  const WafMode mode_;  // COMPTOIR_WAF, for the life of the process
  std::atomic<std::shared_ptr<const WafPolicy>> policy_;
  std::vector<core::IpRange> trusted_proxies_;
  WafBans bans_;
  WafConnections connections_;
  // waf_blocks_total{rule, mode} and waf_bans_total{mode} for this process's mode, made once.
  std::array<prometheus::Counter*, kWafRuleCount> blocks_{};
  prometheus::Counter* bans_started_ = nullptr;
};

}  // namespace comptoir::http
