#pragma once

#include <expected>
#include <memory>

#include <boost/json/object.hpp>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"
#include "suppliers/model.hpp"

namespace comptoir::core {
class SecretKeys;
}
namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

class ApiCallLog;

// The connector of a supplier's platform, from its settings, its opened credentials and what an
// earlier connector remembered (`session`); `save_session` keeps what this one learns.
std::expected<std::unique_ptr<Connector>, ConnectorError> make_connector(
    const Supplier& supplier, const boost::json::object& credentials, ApiCallSink sink,
    const boost::json::object& session = {}, SessionSink save_session = {});

// The same for a supplier of the shop on `conn`: its credentials and session opened with `keys`,
// its calls logged in `log`, a new session sealed and stored at once through `log`.
std::expected<std::unique_ptr<Connector>, ConnectorError> connect_supplier(
    db::Connection& conn, const core::SecretKeys& keys, const Supplier& supplier, ApiCallLog& log);

}  // namespace comptoir::suppliers
