#include "suppliers/connector_factory.hpp"

#include <fmt/format.h>

#include "suppliers/api_call_log.hpp"
#include "suppliers/connectors/amazon.hpp"
#include "suppliers/connectors/dropshipper.hpp"
#include "suppliers/connectors/ebay.hpp"
#include "suppliers/connectors/etsy.hpp"
#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/printify.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::suppliers {

std::expected<std::unique_ptr<Connector>, ConnectorError> connect_supplier(
    db::Connection& conn, const core::SecretKeys& keys, const Supplier& supplier, ApiCallLog& log) {
  SupplierService service(conn, keys);
  auto credentials = service.credentials(supplier.id);
  if (!credentials)
    return std::unexpected(
        ConnectorError{.kind = ConnectorError::Kind::misconfigured,
                       .message = fmt::format("the credentials of supplier {} cannot be read: {}",
                                              supplier.id, credentials.error().message)});
  // A session that no longer opens (keys rotated away) is forgotten: the credentials start over.
  auto session = service.session(supplier.id).value_or(boost::json::object{});
  auto save = [&log, &keys, id = supplier.id](const boost::json::object& learnt) {
    log.store_session(id, sealed_session(keys, id, learnt));
  };
  return make_connector(supplier, *credentials, log.sink(supplier.id), session, save);
}

std::expected<std::unique_ptr<Connector>, ConnectorError> make_connector(
    const Supplier& supplier, const boost::json::object& credentials, ApiCallSink sink,
    const boost::json::object& session, SessionSink save_session) {
  switch (supplier.type) {
    case SupplierType::printify: {
      PrintifySettings settings;
      if (!supplier.api_base.empty()) settings.api_base = supplier.api_base;
      settings.token = json_reading::text(credentials, "token");
      settings.shop_id = supplier.account;
      settings.currency = supplier.currency;
      return make_printify(std::move(settings), std::move(sink));
    }
    case SupplierType::dropshipper:
      return make_dropshipper(
          {.url = supplier.api_base,
           .signing_secret = json_reading::text(credentials, "signing_secret"),
           .requests_per_second = static_cast<double>(
               json_reading::integer(credentials, "requests_per_second").value_or(2))},
          std::move(sink));
    case SupplierType::amazon: {
      AmazonSettings settings;
      if (!supplier.api_base.empty()) settings.api_base = supplier.api_base;
      if (auto lwa = json_reading::text(credentials, "lwa_endpoint"); !lwa.empty())
        settings.lwa_endpoint = lwa;
      settings.client_id = json_reading::text(credentials, "client_id");
      settings.client_secret = json_reading::text(credentials, "client_secret");
      settings.refresh_token = json_reading::text(credentials, "refresh_token");
      settings.marketplace_id = supplier.account;
      settings.currency = supplier.currency;
      return make_amazon(std::move(settings), std::move(sink));
    }
    case SupplierType::etsy: {
      EtsySettings settings;
      if (!supplier.api_base.empty()) {
        settings.api_base = supplier.api_base;
        settings.token_endpoint = supplier.api_base + "/v3/public/oauth/token";
      }
      settings.keystring = json_reading::text(credentials, "keystring");
      settings.shared_secret = json_reading::text(credentials, "shared_secret");
      // Etsy rotates refresh tokens: the newest one is in the session.
      settings.refresh_token = json_reading::text(session, "refresh_token");
      if (settings.refresh_token.empty())
        settings.refresh_token = json_reading::text(credentials, "refresh_token");
      settings.shop_id = supplier.account;
      settings.currency = supplier.currency;
      return make_etsy(std::move(settings), std::move(sink), std::move(save_session));
    }
    case SupplierType::ebay: {
      EbaySettings settings;
      if (!supplier.api_base.empty()) settings.api_base = supplier.api_base;
      settings.client_id = json_reading::text(credentials, "client_id");
      settings.client_secret = json_reading::text(credentials, "client_secret");
      settings.refresh_token = json_reading::text(credentials, "refresh_token");
      settings.marketplace_id = supplier.account;
      settings.currency = supplier.currency;
      return make_ebay(std::move(settings), std::move(sink));
    }
    case SupplierType::local_stock:
      break;
  }
  return std::unexpected(ConnectorError{
      .kind = ConnectorError::Kind::unsupported,
      .message = fmt::format("the engine has no {} connector yet", cli_name(supplier.type))});
}

}  // namespace comptoir::suppliers
