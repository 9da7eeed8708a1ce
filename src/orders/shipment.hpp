#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

// How an order left: the carrier, the parcel's tracking number and the page where the customer
// follows it. Staff give the carrier and the number; the link is the carrier's tracking page for
// that number unless staff paste another one.
namespace comptoir::orders {

struct Shipment {
  std::string carrier{};          // a code of kCarriers, or "" when not given
  std::string tracking_number{};  // normalized (tracking_number_of), or ""
  std::string tracking_url{};     // http(s) only, or ""

  bool operator==(const Shipment&) const = default;
};

struct Carrier {
  std::string_view code;  // "canada_post"; its name is the message carriers.<code>
  // The tracking page of a number, "{}" standing for it; empty: the carrier has none we know.
  std::string_view tracking_page;
};

// The carriers shops in Québec and France ship with, and "other".
std::span<const Carrier> carriers();
const Carrier* find_carrier(std::string_view code);

// "1Z 999 AA1 0123 4567 84" → "1Z999AA10123456784": without spaces, in capitals; nullopt unless
// 4 to 40 letters, digits or dashes remain.
std::optional<std::string> tracking_number_of(std::string_view text);

// An http(s) URL with a host, of at most 500 bytes, without spaces, control characters, quotes,
// angle brackets or backslashes.
bool is_tracking_url(std::string_view text);

enum class ShipmentError { unknown_carrier, bad_number, bad_url, number_without_carrier };

// The shipment staff asked for: each part checked, the number normalized, and the link made from
// the carrier's tracking page when none was given. Everything empty is a valid (unknown) shipment.
std::optional<ShipmentError> complete(Shipment& shipment);

// The message key of a refusal ("orders.shipment.bad_number").
std::string_view message_key(ShipmentError error);

}  // namespace comptoir::orders
