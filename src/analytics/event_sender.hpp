#pragma once

#include <chrono>
#include <expected>
#include <string>

#include "analytics/events.hpp"
#include "core/analytics_settings.hpp"

// Sends one server event to the configured service with libcurl: GA4's Measurement Protocol
// (POST /mp/collect?measurement_id=…&api_secret=…) or Plausible's Events API (POST /api/event).
namespace comptoir::analytics {

struct SendFailure {
  bool permanent = false;  // the service refused it (4xx): sending again would not help
  std::string message{};   // never holds the API secret
};

class EventSender {
 public:
  EventSender(core::AnalyticsSettings settings, std::string api_secret,
              std::chrono::seconds timeout = std::chrono::seconds{10});

  // Whether the server can report at all: Plausible always; GA4 with GA4_API_SECRET.
  bool configured() const;
  std::expected<void, SendFailure> send(const Event& event) const;

 private:
  core::AnalyticsSettings settings_;
  std::string api_secret_;
  std::chrono::seconds timeout_;
};

}  // namespace comptoir::analytics
