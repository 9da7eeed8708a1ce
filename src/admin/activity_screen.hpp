#pragma once

#include "http/types.hpp"

namespace comptoir::admin {

class Kit;

// The activity log (audit:read): who did what, when, from where — staff actions, sign-ins and
// refusals, payment events — newest first, by pages, filtered by actor (email or name), action
// (exact, or a family such as "order."), entity (kind and id) and dates; each entry with its
// changes shown field by field, linking to the order or account it concerns. The same filtered view
// downloads as CSV (at most accounts::AuditReport::kMaxRows entries, the newest), and each
// download is itself recorded (audit.exported). The rows come from accounts::AuditReport.
class ActivityScreen {
 public:
  explicit ActivityScreen(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> list(http::Context& ctx) const;        // audit:read
  http::net::awaitable<http::Response> export_csv(http::Context& ctx) const;  // audit:read

 private:
  const Kit& kit_;
};

}  // namespace comptoir::admin
