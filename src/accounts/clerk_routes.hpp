#pragma once

#include <string>

#include "http/router.hpp"

namespace comptoir::accounts {

class ClerkSync;

// POST /webhooks/clerk: Svix-signed Clerk user events. A missing or bad signature, or a body that
// is not JSON, is a 400 and nothing is stored; without CLERK_WEBHOOK_SECRET the route answers 503.
// Accepted deliveries answer 200 {"status": "applied" | "duplicate" | "ignored" | "rejected"};
// a database failure answers 500 so that Svix delivers again. `options` hold the route's
// middleware (the per-address throttle: a 429 is retried by Svix too).
void add_clerk_webhook(http::Router& router, ClerkSync& sync, std::string secret,
                       http::RouteOptions options = {});

}  // namespace comptoir::accounts
