#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"
#include "throttle/throttled.hpp"

namespace comptoir::accounts {

class ClerkSync;

// POST /webhooks/clerk: Svix-signed Clerk user events. A missing or bad signature, or a body that
// is not JSON, is a 400 and nothing is stored; without CLERK_WEBHOOK_SECRET the route answers 503.
// Accepted deliveries answer 200 {"status": "applied" | "duplicate" | "ignored" | "rejected"};
// a database failure answers 500 so that Svix delivers again. A delivery whose signature fails
// takes from `unverified` (the per-address throttle: 429 past its limit, which Svix retries); a
// verified one takes nothing.
void add_clerk_webhook(http::Router& router, ClerkSync& sync, std::string secret,
                       std::optional<throttle::Throttle> unverified = std::nullopt);

}  // namespace comptoir::accounts
