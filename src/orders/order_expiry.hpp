#pragma once

#include <chrono>

#include "jobs/job.hpp"

namespace comptoir::orders {

class OrderService;

// orders.release_expired: every `every`, pending orders whose payment window has passed are
// cancelled and their stock given back (OrderService::release_expired), in one process per tick
// (exclusive: each order is locked while it changes, but a second process would only wait on
// the first one's rows).
jobs::Job expiry_job(const OrderService& orders, std::chrono::milliseconds every);

}  // namespace comptoir::orders
