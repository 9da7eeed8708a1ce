#include "orders/shipment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace comptoir::orders {
namespace {

constexpr std::array kCarriers{
    Carrier{"canada_post",
            "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={}"},
    Carrier{"purolator", "https://www.purolator.com/en/shipping/tracker?pins={}"},
    Carrier{"ups", "https://www.ups.com/track?tracknum={}"},
    Carrier{"fedex", "https://www.fedex.com/fedextrack/?trknbr={}"},
    Carrier{"dhl", "https://www.dhl.com/ca-en/home/tracking.html?tracking-id={}"},
    Carrier{"colissimo", "https://www.laposte.fr/outils/suivre-vos-envois?code={}"},
    Carrier{"chronopost", "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={}"},
    Carrier{"other", ""},
};

}  // namespace

std::span<const Carrier> carriers() {
  return kCarriers;
}

const Carrier* find_carrier(std::string_view code) {
  auto found = std::ranges::find(kCarriers, code, &Carrier::code);
  return found == kCarriers.end() ? nullptr : &*found;
}

std::optional<std::string> tracking_number_of(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return std::nullopt;
    out += c;
  }
  if (out.size() < 4 || out.size() > 40) return std::nullopt;
  return out;
}

bool is_tracking_url(std::string_view text) {
  auto rest = text.starts_with("https://")  ? text.substr(8)
              : text.starts_with("http://") ? text.substr(7)
                                            : std::string_view();
  return !rest.empty() && text.size() <= 500 && std::ranges::none_of(text, [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\';
  });
}

std::optional<ShipmentError> complete(Shipment& shipment) {
  const Carrier* carrier = nullptr;
  if (!shipment.carrier.empty()) {
    carrier = find_carrier(shipment.carrier);
    if (!carrier) return ShipmentError::unknown_carrier;
  }
  if (!shipment.tracking_number.empty()) {
    if (!carrier) return ShipmentError::number_without_carrier;
    auto number = tracking_number_of(shipment.tracking_number);
    if (!number) return ShipmentError::bad_number;
    shipment.tracking_number = std::move(*number);
  }
  if (!shipment.tracking_url.empty()) {
    if (!is_tracking_url(shipment.tracking_url)) return ShipmentError::bad_url;
  } else if (carrier && !carrier->tracking_page.empty() && !shipment.tracking_number.empty()) {
    shipment.tracking_url =
        fmt::format(fmt::runtime(carrier->tracking_page), shipment.tracking_number);
  }
  return std::nullopt;
}

std::string_view message_key(ShipmentError error) {
  switch (error) {
    case ShipmentError::unknown_carrier:
      return "orders.shipment.unknown_carrier";
    case ShipmentError::bad_number:
      return "orders.shipment.bad_number";
    case ShipmentError::bad_url:
      return "orders.shipment.bad_url";
    case ShipmentError::number_without_carrier:
      return "orders.shipment.number_without_carrier";
  }
  return "orders.shipment.bad_number";
}

}  // namespace comptoir::orders
