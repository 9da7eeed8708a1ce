#include "db/connection.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>
#include <charconv>
#include <vector>

#include "db/error.hpp"

namespace comptoir::db {

namespace detail {

namespace {

Param number_param(auto value) {
  std::array<char, 24> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return Param{std::string(buf.data(), end)};
}

void reject_nul(std::string_view value) {
  // libpq reads text parameters up to the first NUL: the rest would be dropped silently.
  if (value.find('\0') != std::string_view::npos) {
    throw DbError("22021", "", "a text parameter contains a NUL byte");
  }
}

}  // namespace

const char* Param::c_str() const noexcept {
  if (const auto* borrowed = std::get_if<const char*>(&value_)) return *borrowed;
  if (const auto* owned = std::get_if<std::string>(&value_)) return owned->c_str();
  return nullptr;
}

Param to_param(const std::string& value) {
  reject_nul(value);
  return Param{value.c_str()};
}

Param to_param(std::string_view value) {
  reject_nul(value);
  return Param{std::string(value)};
}

Param to_param(const char* value) {
  return value ? Param{value} : Param{};
}
Param to_param(bool value) {
  return Param{value ? "true" : "false"};
}
Param to_param(std::int64_t value) {
  return number_param(value);
}
Param to_param(std::uint64_t value) {
  return number_param(value);
}

}  // namespace detail

namespace {

struct FreeConninfo {
  void operator()(PQconninfoOption* options) const noexcept { PQconninfoFree(options); }
};

struct ClearResult {
  void operator()(PGresult* res) const noexcept { PQclear(res); }
};

// libpq messages end with a newline and may continue with hints on further lines.
std::string_view first_line(const char* message) {
  std::string_view text = message ? message : "";
  text = text.substr(0, text.find('\n'));
  return text.empty() ? std::string_view{"unknown error"} : text;
}

// The `options` startup parameter from the connection string, so ours extend it.
std::string existing_options(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, FreeConninfo> parsed(PQconninfoParse(conninfo.c_str(), &error));
  if (!parsed) {
    std::string message{first_line(error)};
    PQfreemem(error);
    throw DbError("08001", "connect", "invalid connection string: " + message);
  }
  for (const PQconninfoOption* option = parsed.get(); option->keyword; ++option) {
    if (std::string_view{option->keyword} == "options" && option->val) return option->val;
  }
  return {};
}

void ignore_notice(void* /*arg*/, const char* /*message*/) {}

bool succeeded(const PGresult* res) {
  switch (PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return true;
    default:
      return false;
  }
}

}  // namespace

void Connection::Finish::operator()(PGconn* conn) const noexcept {
  PQfinish(conn);
}

Connection::Connection(PGconn* conn) : conn_(conn) {}
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

Connection Connection::open(const std::string& conninfo, const ConnectOptions& options) {
  std::string startup = existing_options(conninfo);
  // No parallel workers: a request's query runs on one core. Under concurrent requests, two more
  // processes per query only add contention (issue #12: the back office's print-on-demand list
  // by name, a Gather Merge over the name index, went from 89 to 21 ms at p50 without them).
  startup +=
      fmt::format(" -c statement_timeout={} -c TimeZone=UTC -c max_parallel_workers_per_gather=0",
                  options.statement_timeout.count());
  const std::string connect_timeout = std::to_string(options.connect_timeout.count());

  // Later keywords override what the connection string (expanded from "dbname") says.
  std::vector<const char*> keys{"dbname", "connect_timeout", "client_encoding", "options"};
  std::vector<const char*> values{conninfo.c_str(), connect_timeout.c_str(), "UTF8",
                                  startup.c_str()};
  if (!options.application_name.empty()) {
    keys.push_back("application_name");
    values.push_back(options.application_name.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);

  Connection connection{PQconnectdbParams(keys.data(), values.data(), 1)};
  if (!connection.conn_) throw DbError("08001", "connect", "out of memory");
  if (!connection.ok()) {
    throw DbError("08001", "connect", first_line(PQerrorMessage(connection.conn_.get())));
  }
  // libpq prints NOTICEs (e.g. "relation already exists, skipping") on stderr by default.
  PQsetNoticeProcessor(connection.conn_.get(), ignore_notice, nullptr);
  return connection;
}

bool Connection::ok() const noexcept {
  return conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

bool Connection::in_transaction() const noexcept {
  const auto status = PQtransactionStatus(conn_.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::transaction_failed() const noexcept {
  return PQtransactionStatus(conn_.get()) == PQTRANS_INERROR;
}

int Connection::backend_pid() const noexcept {
  return PQbackendPID(conn_.get());
}

const std::string& Connection::prepare(const Query& query) {
  auto it = prepared_.find(query.name);
  if (it != prepared_.end()) {
    if (it->second != query.sql) {
      throw DbError("", std::string(query.name), "two different queries share this name");
    }
    return it->first;
  }
  std::string name{query.name};
  std::string sql{query.sql};
  std::unique_ptr<PGresult, ClearResult> res(
      PQprepare(conn_.get(), name.c_str(), sql.c_str(), 0, nullptr));
  if (!res || !succeeded(res.get())) fail(query.name, res.release());
  return prepared_.emplace(std::move(name), std::move(sql)).first->first;
}

Result Connection::exec_params(const Query& query, std::span<const detail::Param> params) {
  const std::string& name = prepare(query);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param.c_str());
  PGresult* res = PQexecPrepared(conn_.get(), name.c_str(), static_cast<int>(values.size()),
                                 values.data(), nullptr, nullptr, 0);
  if (!res || !succeeded(res)) fail(query.name, res);
  return Result(res, name);
}

void Connection::exec_script(std::string_view sql) {
  std::unique_ptr<PGresult, ClearResult> res(PQexec(conn_.get(), std::string(sql).c_str()));
  if (!res || !succeeded(res.get())) fail("", res.release());
}

void Connection::fail(std::string_view query_name, PGresult* res) const {
  std::unique_ptr<PGresult, ClearResult> owned(res);
  const char* sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  // The primary message only: DETAIL may quote row values ("Key (email)=(…) already exists").
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string state = sqlstate ? sqlstate : "";
  if (state.empty() && !ok()) state = kConnectionFailure;
  std::string_view message =
      primary ? std::string_view{primary} : first_line(PQerrorMessage(conn_.get()));
  throw DbError(std::move(state), std::string(query_name), message);
}

}  // namespace comptoir::db
