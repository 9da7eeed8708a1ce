#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::suppliers {

// Why a platform call did not give what was asked.
struct ConnectorError {
  enum class Kind {
    unavailable,   // network error, timeout, 5xx after every retry, or the circuit is open
    rate_limited,  // 429 after every retry
    unauthorized,  // 401/403: the credentials are wrong or expired
    rejected,      // 4xx: the platform refused the request (nothing to retry)
    malformed,     // the answer is not what the platform documents
    unsupported,   // the platform cannot do this (orders to Etsy go by the generic workflow)
    misconfigured  // missing credentials or account
  } kind;
  std::string message{};
  int status = 0;

  // Worth trying again later (a dispatch retries these with backoff; the others fail at once).
  bool transient() const { return kind == Kind::unavailable || kind == Kind::rate_limited; }
};
std::string_view to_string(ConnectorError::Kind kind);

// A variant of a supplier's product as the platform lists it.
struct RemoteVariant {
  std::string external_id{};
  std::string sku{};
  std::string gtin{};
  std::string title{};
  std::optional<std::int64_t> cost{};  // minor units of `currency`
  std::string currency{};
  std::optional<int> stock{};  // nullopt: the platform does not count (print on demand)
  std::optional<std::int64_t> suggested_price{};
  bool available = true;
  std::string raw{};  // the platform's JSON of the variant
};

struct RemoteProduct {
  std::string external_id{};
  std::string title{};
  std::string raw{};    // the platform's JSON of the product, variants left out
  std::string error{};  // when the entry could not be read: kept with sync_status ERROR
  std::vector<RemoteVariant> variants{};
};

// One page of a catalog; `next` is the cursor of the following page, "" after the last.
struct ProductPage {
  std::vector<RemoteProduct> products{};
  std::string next{};
  std::int64_t total = -1;  // products in the whole catalog, when the platform says
};

struct OrderAddress {
  std::string first_name{};
  std::string last_name{};
  std::string email{};
  std::string phone{};
  std::string line1{};
  std::string line2{};
  std::string city{};
  std::string region{};
  std::string postal_code{};
  std::string country{};  // ISO 3166-1 alpha-2
};

struct OrderItem {
  std::string product_external_id{};
  std::string variant_external_id{};
  std::string sku{};
  int quantity = 1;
};

// What the engine asks a supplier to ship. `external_id` is ours and unique: a platform that
// already has an order with it must answer with that order, not make a second one.
struct OrderRequest {
  std::string external_id{};
  std::string label{};  // the shop's order number, printed on packing slips
  std::vector<OrderItem> items{};
  OrderAddress address{};
  std::string currency{};
  // An earlier attempt may have reached the platform (its answer was lost, or the process died):
  // look for the order by external_id before making one.
  bool maybe_sent = false;
};

// Where an order is at the platform, in words every platform's states map to (the engine maps
// them to the supplier order's states).
enum class RemoteState {
  waiting,        // made, not yet accepted or sent to production
  confirmed,      // accepted (sent to production, or the fulfilment order is received)
  in_production,  // being made or picked
  shipped,        // a shipment with tracking
  delivered,
  cancelled,
  failed,  // the platform cannot fulfil it
};
std::string_view to_string(RemoteState state);

// An order as the platform sees it.
struct RemoteOrder {
  std::string number{};  // the platform's id
  std::string external_id{};
  RemoteState state = RemoteState::waiting;
  std::string carrier{};
  std::string tracking_number{};
  std::string tracking_url{};
  std::int64_t items_cost = 0;
  std::int64_t shipping_cost = 0;
  std::string currency{};
};

// Where a connector hands what it must remember between runs (a rotated OAuth refresh token):
// the engine seals it with the shop's keys and gives it back to the next connector it makes.
using SessionSink = std::function<void(const boost::json::object& session)>;

// One platform, for one supplier. Blocking; each call goes through the connector's ApiClient
// (rate limiter, retries, circuit breaker, call log).
class Connector {
 public:
  virtual ~Connector() = default;

  // Checks the credentials and the account: what was found ("shop 'Atelier' (1234567)").
  virtual std::expected<std::string, ConnectorError> test() = 0;
  // The page of the catalog at `cursor` ("" = the first).
  virtual std::expected<ProductPage, ConnectorError> list_products(std::string_view cursor) = 0;
  // Creates the order, or finds the one already made with `request.external_id`.
  virtual std::expected<RemoteOrder, ConnectorError> create_order(const OrderRequest& request) = 0;
  // The order made with our `external_id`, if the platform has one.
  virtual std::expected<std::optional<RemoteOrder>, ConnectorError> find_order(
      std::string_view external_id) = 0;
  virtual std::expected<RemoteOrder, ConnectorError> order_status(std::string_view number) = 0;
  virtual std::expected<void, ConnectorError> cancel_order(std::string_view number) = 0;
  // Asks the platform to send its order events to `url`, signed with `secret`, replacing earlier
  // subscriptions to that URL; what was subscribed. Most platforms have no such thing.
  virtual std::expected<std::string, ConnectorError> subscribe(std::string_view /*url*/,
                                                               std::string_view /*secret*/) {
    return std::unexpected(ConnectorError{.kind = ConnectorError::Kind::unsupported,
                                          .message = "this platform sends no webhooks"});
  }
};

// A source the engine reads a catalog from but cannot order from (Etsy and eBay, whose suppliers
// get orders by mail; a price list): every order call answers `unsupported`, saying why.
class CatalogOnlyConnector : public Connector {
 public:
  explicit CatalogOnlyConnector(std::string why) : why_(std::move(why)) {}
  std::expected<RemoteOrder, ConnectorError> create_order(const OrderRequest&) override {
    return refuse();
  }
  std::expected<std::optional<RemoteOrder>, ConnectorError> find_order(std::string_view) override {
    return refuse();
  }
  std::expected<RemoteOrder, ConnectorError> order_status(std::string_view) override {
    return refuse();
  }
  std::expected<void, ConnectorError> cancel_order(std::string_view) override { return refuse(); }

 private:
  std::unexpected<ConnectorError> refuse() const {
    return std::unexpected(
        ConnectorError{.kind = ConnectorError::Kind::unsupported, .message = why_});
  }
  std::string why_;
};

}  // namespace comptoir::suppliers
