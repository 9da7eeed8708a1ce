#pragma once

#include <memory>

#include "http/types.hpp"

namespace comptoir::admin {

class Kit;

// GET /admin/: what a shop owner looks at first. Sales today, over 7 and 30 days per currency,
// orders by state, the average basket, the best sellers and a 30-day chart (orders:read);
// low-stock variants (catalog:read); mail failing in the outbox and refused or waiting payment
// events (orders:read); the newest backup (settings:manage). Every figure links to its list; a
// staff member sees the parts their role may read, and nothing else.
class Dashboard {
 public:
  explicit Dashboard(const Kit& kit) : kit_(kit) {}
  http::net::awaitable<http::Response> show(http::Context& ctx) const;

 private:
  const Kit& kit_;
};

}  // namespace comptoir::admin
