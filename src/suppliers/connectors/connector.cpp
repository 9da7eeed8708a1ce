#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

std::string_view to_string(ConnectorError::Kind kind) {
  using Kind = ConnectorError::Kind;
  switch (kind) {
    case Kind::unavailable:
      return "unavailable";
    case Kind::rate_limited:
      return "rate_limited";
    case Kind::unauthorized:
      return "unauthorized";
    case Kind::rejected:
      return "rejected";
    case Kind::malformed:
      return "malformed";
    case Kind::unsupported:
      return "unsupported";
    case Kind::misconfigured:
      return "misconfigured";
  }
  return "";
}

std::string_view to_string(RemoteState state) {
  switch (state) {
    case RemoteState::waiting:
      return "waiting";
    case RemoteState::confirmed:
      return "confirmed";
    case RemoteState::in_production:
      return "in_production";
    case RemoteState::shipped:
      return "shipped";
    case RemoteState::delivered:
      return "delivered";
    case RemoteState::cancelled:
      return "cancelled";
    case RemoteState::failed:
      return "failed";
  }
  return "";
}

}  // namespace comptoir::suppliers
