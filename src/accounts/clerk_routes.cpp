#include "accounts/clerk_routes.hpp"

#include <boost/json/parse.hpp>

#include <chrono>

#include "accounts/clerk_sync.hpp"
#include "accounts/svix.hpp"
#include "observe/log.hpp"

namespace comptoir::accounts {
namespace {

using http::Status;

std::string_view outcome_name(ClerkOutcome outcome) {
  switch (outcome) {
    case ClerkOutcome::applied:
      return "applied";
    case ClerkOutcome::duplicate:
      return "duplicate";
    case ClerkOutcome::ignored:
      return "ignored";
    case ClerkOutcome::rejected:
      return "rejected";
  }
  return "ignored";
}

std::string refusal(SvixError error) {
  switch (error) {
    case SvixError::missing_header:
      return "The svix-id, svix-timestamp and svix-signature headers are required.";
    case SvixError::bad_secret:
      return "The webhook secret is misconfigured on this server.";
    case SvixError::stale_timestamp:
      return "The svix-timestamp is more than 5 minutes away from now.";
    case SvixError::no_matching_signature:
      return "No signature in svix-signature matches this delivery.";
  }
  return "The delivery could not be verified.";
}

}  // namespace

void add_clerk_webhook(http::Router& router, ClerkSync& sync, std::string secret,
                       std::optional<throttle::Throttle> unverified) {
  router.post(
      "/webhooks/clerk",
      [&sync, secret = std::move(secret), unverified = std::move(unverified)](
          http::Context& ctx) -> http::net::awaitable<http::Response> {
        if (secret.empty())
          throw http::HttpError(Status::service_unavailable,
                                "Clerk user sync is not configured: set CLERK_WEBHOOK_SECRET.");
        const auto& req = ctx.request;
        auto id = req["svix-id"];
        auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
        if (auto verified = verify_svix(secret, id, req["svix-timestamp"], req["svix-signature"],
                                        req.body(), now);
            !verified) {
          observe::warn("clerk webhook refused",
                        {{"reason", refusal(verified.error())}, {"request_id", ctx.request_id}});
          if (unverified) co_await unverified->take(ctx);
          throw http::HttpError(Status::bad_request, refusal(verified.error()));
        }
        boost::system::error_code parse_error;
        boost::json::parse(req.body(), parse_error);
        if (parse_error) throw http::HttpError(Status::bad_request, "The body is not JSON.");
        // Named, not a temporary inside the co_await: GCC 12 destroys such temporaries twice.
        ClerkDelivery delivery{.svix_id = std::string(id), .body = req.body()};
        auto outcome = co_await sync.receive(std::move(delivery));
        co_return http::json(Status::ok, {{"status", outcome_name(outcome)}});
      });
}

}  // namespace comptoir::accounts
