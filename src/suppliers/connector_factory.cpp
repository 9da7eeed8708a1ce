#include "suppliers/connector_factory.hpp"

#include <fmt/format.h>

#include "suppliers/connectors/amazon.hpp"
#include "suppliers/connectors/dropshipper.hpp"
#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/printify.hpp"

namespace comptoir::suppliers {

std::expected<std::unique_ptr<Connector>, ConnectorError> make_connector(
    const Supplier& supplier, const boost::json::object& credentials, ApiCallSink sink) {
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
      return make_dropshipper({.url = supplier.api_base,
                               .signing_secret = json_reading::text(credentials, "signing_secret")},
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
    case SupplierType::etsy:
    case SupplierType::ebay:
    case SupplierType::local_stock:
      break;
  }
  return std::unexpected(ConnectorError{
      .kind = ConnectorError::Kind::unsupported,
      .message = fmt::format("the engine has no {} connector yet", cli_name(supplier.type))});
}

}  // namespace comptoir::suppliers
