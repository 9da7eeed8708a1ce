#pragma once

#include <expected>
#include <memory>

#include <boost/json/object.hpp>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"
#include "suppliers/model.hpp"

namespace comptoir::suppliers {

// The connector of a supplier's platform, from its settings and its opened credentials.
std::expected<std::unique_ptr<Connector>, ConnectorError> make_connector(
    const Supplier& supplier, const boost::json::object& credentials, ApiCallSink sink);

}  // namespace comptoir::suppliers
