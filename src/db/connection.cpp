#include "db/connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <utility>
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

bool poll_socket(int fd, Want want, Deadline deadline) {
  pollfd polled{fd, static_cast<short>(want == Want::read ? POLLIN : POLLIN | POLLOUT), 0};
  for (;;) {
    int timeout = -1;
    if (deadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(
          *deadline - std::chrono::steady_clock::now());
      timeout = static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 60'000));
    }
    const int ready = ::poll(&polled, 1, timeout);
    if (ready > 0) return true;
    if (ready == 0) {
      if (deadline && std::chrono::steady_clock::now() >= *deadline) return false;
      continue;
    }
    // EINTR: again. Anything else (a closed socket): let libpq find out.
    if (errno != EINTR) return true;
  }
}

Connection::Connection(PGconn* conn) : conn_(conn) {}

Connection::Connection(Connection&& other) noexcept
    : conn_(std::move(other.conn_)),
      prepared_(std::move(other.prepared_)),
      wait_(std::exchange(other.wait_, nullptr)),
      pending_begin_(std::exchange(other.pending_begin_, std::nullopt)),
      later_(std::move(other.later_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    conn_ = std::move(other.conn_);
    prepared_ = std::move(other.prepared_);
    wait_ = std::exchange(other.wait_, nullptr);
    pending_begin_ = std::exchange(other.pending_begin_, std::nullopt);
    later_ = std::move(other.later_);
  }
  return *this;
}

Connection::~Connection() {
  close();
}

void Connection::close() noexcept {
  if (conn_ && wait_) wait_->forget(PQsocket(conn_.get()));
  wait_ = nullptr;
  conn_.reset();
}

void Connection::attach(SocketWait* wait) noexcept {
  if (wait_ && wait_ != wait && conn_) wait_->forget(PQsocket(conn_.get()));
  wait_ = wait;
}

Connection Connection::open(const std::string& conninfo, const ConnectOptions& options,
                            SocketWait* wait) {
  std::string startup = existing_options(conninfo);
  // No parallel workers: a request's query runs on one core. Under concurrent requests, two more
  // processes per query only add contention (issue #12: the back office's print-on-demand list
  // by name, a Gather Merge over the name index, went from 89 to 21 ms at p50 without them).
  startup +=
      fmt::format(" -c statement_timeout={} -c TimeZone=UTC -c max_parallel_workers_per_gather=0",
                  options.statement_timeout.count());

  // Later keywords override what the connection string (expanded from "dbname") says.
  std::vector<const char*> keys{"dbname", "client_encoding", "options"};
  std::vector<const char*> values{conninfo.c_str(), "UTF8", startup.c_str()};
  if (!options.application_name.empty()) {
    keys.push_back("application_name");
    values.push_back(options.application_name.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);

  // PQconnectStartParams never blocks but for resolving a host name; the wait for the server is
  // ours, bounded by connect_timeout (at least 2 s, as libpq's own).
  Connection connection{PQconnectStartParams(keys.data(), values.data(), 1)};
  if (!connection.conn_) throw DbError("08001", "connect", "out of memory");
  PGconn* raw = connection.conn_.get();
  const auto timeout =
      std::max<std::chrono::seconds>(options.connect_timeout, std::chrono::seconds{2});
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  PostgresPollingStatusType polled =
      PQstatus(raw) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
  while (polled != PGRES_POLLING_OK) {
    if (polled == PGRES_POLLING_FAILED)
      throw DbError("08001", "connect", first_line(PQerrorMessage(raw)));
    const int fd = PQsocket(raw);
    const Want want = polled == PGRES_POLLING_READING ? Want::read : Want::write;
    // libpq may close this socket and open another (next address, SSL refused): never keep it.
    bool ready = true;
    if (wait) {
      ready = wait->wait(fd, want, deadline);
      wait->forget(fd);
    } else {
      ready = poll_socket(fd, want, deadline);
    }
    if (!ready)
      throw DbError("08001", "connect",
                    fmt::format("no answer within {} s (connect_timeout)", timeout.count()));
    polled = PQconnectPoll(raw);
  }
  if (PQsetnonblocking(raw, 1) != 0)
    throw DbError("08001", "connect", first_line(PQerrorMessage(raw)));
  // libpq prints NOTICEs (e.g. "relation already exists, skipping") on stderr by default.
  PQsetNoticeProcessor(raw, ignore_notice, nullptr);
  connection.wait_ = wait;
  return connection;
}

bool Connection::ok() const noexcept {
  return conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

bool Connection::in_transaction() const noexcept {
  if (pending_begin_) return true;
  const auto status = PQtransactionStatus(conn_.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::transaction_failed() const noexcept {
  return PQtransactionStatus(conn_.get()) == PQTRANS_INERROR;
}

int Connection::backend_pid() const noexcept {
  return PQbackendPID(conn_.get());
}

// One command of a pipeline: BEGIN (unnamed statement), a PREPARE, or the execution itself.
struct Connection::Step {
  enum class Kind { begin, prepare, execute } kind;
  const Query* query;
};

bool Connection::wait(Want want, Deadline deadline) {
  const int fd = PQsocket(conn_.get());
  return wait_ ? wait_->wait(fd, want, deadline) : poll_socket(fd, want, deadline);
}

// Sends what libpq holds in its output buffer; while the socket is full, reads what the server
// says meanwhile (libpq's rule for non-blocking connections).
void Connection::flush() {
  for (;;) {
    const int left = PQflush(conn_.get());
    if (left == 0) return;
    if (left < 0) fail("", nullptr);
    wait(Want::write, std::nullopt);
    if (PQconsumeInput(conn_.get()) == 0) fail("", nullptr);
  }
}

// The next result, waiting for the socket while libpq has not received all of it. Null: the
// current command has no more results (or the connection is gone: check ok()).
PGresult* Connection::next_result() {
  while (PQisBusy(conn_.get()) != 0) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) break;
    wait(Want::read, std::nullopt);
    if (PQconsumeInput(conn_.get()) == 0) break;  // PQgetResult reports the lost connection
  }
  return PQgetResult(conn_.get());
}

void Connection::drain_results() noexcept {
  while (PGresult* extra = next_result()) PQclear(extra);
}

const std::string* Connection::prepared(const Query& query) const {
  auto it = prepared_.find(query.name);
  if (it == prepared_.end()) return nullptr;
  if (it->second != query.sql) {
    throw DbError("", std::string(query.name), "two different queries share this name");
  }
  return &it->first;
}

Result Connection::exec_params(const Query& query, std::span<const detail::Param> params) {
  if (!ok()) fail(query.name, nullptr);
  const std::string* name = prepared(query);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param.c_str());

  if (later_.empty() && (query.plan_each_call || (name && !pending_begin_))) {
    // The common case: one statement, one round trip, no pipeline. A statement planned for each
    // call goes unnamed, after the transaction's BEGIN if that is still to be sent.
    int sent = 0;
    if (query.plan_each_call) {
      send_pending_begin();
      const std::string sql{query.sql};
      sent = PQsendQueryParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
    } else {
      sent = PQsendQueryPrepared(conn_.get(), name->c_str(), static_cast<int>(values.size()),
                                 values.data(), nullptr, nullptr, 0);
    }
    if (sent == 0) fail(query.name, nullptr);
    flush();
    PGresult* res = next_result();
    if (!res || !succeeded(res)) {
      drain_results();
      fail(query.name, res);
    }
    drain_results();
    return Result(res, name ? *name : std::string(query.name));
  }
  // BEGIN, queued statements and/or a PREPARE with the statement, in one round trip.
  PGresult* rows = pipeline(&query, values);
  return Result(rows, std::string(query.name));
}

void Connection::queue(const Query& query, std::span<const detail::Param> params) {
  if (!in_transaction())
    throw DbError("25P01", std::string(query.name), "exec_later outside a transaction");
  Later later{query, {}};
  later.values.reserve(params.size());
  for (const auto& param : params) {
    const char* value = param.c_str();
    later.values.push_back(value ? std::optional<std::string>(value) : std::nullopt);
  }
  later_.push_back(std::move(later));
}

pg_result* Connection::pipeline(const Query* last, std::span<const char* const> values) {
  const std::vector<Later> queued = std::exchange(later_, {});
  const std::optional<Query> begin = std::exchange(pending_begin_, std::nullopt);
  const Query* first = begin ? &*begin : !queued.empty() ? &queued.front().query : last;
  if (!first) return nullptr;  // nothing to send
  // A name shared by two different queries throws here, before the pipeline is entered.
  for (const Later& later : queued) static_cast<void>(prepared(later.query));
  if (PQenterPipelineMode(conn_.get()) == 0) fail(first->name, nullptr);

  std::vector<Step> steps;
  std::vector<std::string_view> preparing;  // names this pipeline prepares
  bool sent = true;
  auto send = [&](const Query& query, std::span<const char* const> params) {
    const int count = static_cast<int>(params.size());
    const std::string name{query.name};
    const std::string sql{query.sql};
    if (query.plan_each_call) {
      steps.push_back({Step::Kind::execute, &query});
      sent = PQsendQueryParams(conn_.get(), sql.c_str(), count, nullptr, params.data(), nullptr,
                               nullptr, 0) != 0;
      return;
    }
    if (!prepared(query) && std::ranges::find(preparing, query.name) == preparing.end()) {
      preparing.push_back(query.name);
      steps.push_back({Step::Kind::prepare, &query});
      sent = PQsendPrepare(conn_.get(), name.c_str(), sql.c_str(), 0, nullptr) != 0;
      if (!sent) return;
    }
    steps.push_back({Step::Kind::execute, &query});
    sent = PQsendQueryPrepared(conn_.get(), name.c_str(), count, params.data(), nullptr, nullptr,
                               0) != 0;
  };
  if (begin) {
    steps.push_back({Step::Kind::begin, &*begin});
    const std::string begin_sql{begin->sql};
    sent = PQsendQueryParams(conn_.get(), begin_sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                             0) != 0;
  }
  for (const Later& later : queued) {
    if (!sent) break;
    std::vector<const char*> params;
    params.reserve(later.values.size());
    for (const auto& value : later.values) params.push_back(value ? value->c_str() : nullptr);
    send(later.query, params);
  }
  if (sent && last) send(*last, values);
  if (!sent || PQpipelineSync(conn_.get()) == 0) {
    PQexitPipelineMode(conn_.get());
    fail(first->name, nullptr);
  }
  flush();

  // Each command's result, then null; then the sync. The first failure is the one reported:
  // the commands after it answer PGRES_PIPELINE_ABORTED.
  std::unique_ptr<PGresult, ClearResult> failure;
  const Query* failed = nullptr;
  std::unique_ptr<PGresult, ClearResult> rows;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    std::unique_ptr<PGresult, ClearResult> res(next_result());
    if (!ok()) break;
    if (res) drain_results();  // up to this command's null (a null result was it already)
    if (res && succeeded(res.get())) {
      if (step.kind == Step::Kind::prepare)
        prepared_.emplace(std::string(step.query->name), std::string(step.query->sql));
      if (step.kind == Step::Kind::execute && last && i + 1 == steps.size()) rows = std::move(res);
    } else if (!failed) {
      failed = step.query;
      failure = std::move(res);
    }
  }
  const Query* blamed = last ? last : first;
  if (ok()) {
    std::unique_ptr<PGresult, ClearResult> sync(next_result());
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC || !ok()) {
      if (!failed) failed = blamed;
    }
    if (PQexitPipelineMode(conn_.get()) == 0) {
      // A connection stuck in pipeline mode would wait for syncs that never come: drop it.
      close();
      if (!failed) failed = blamed;
    }
  }
  if (!ok() && !failed) failed = first;
  if (failed) fail(failed->name, failure.release());
  return rows.release();
}

void Connection::send_pending_begin() {
  if (!pending_begin_) return;
  const std::string sql{pending_begin_->sql};
  const Query begin = *pending_begin_;
  pending_begin_.reset();
  if (PQsendQueryParams(conn_.get(), sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 0)
    fail(begin.name, nullptr);
  flush();
  std::unique_ptr<PGresult, ClearResult> res(next_result());
  drain_results();
  if (!res || !succeeded(res.get())) fail(begin.name, res.release());
}

void Connection::exec_script(std::string_view sql) {
  if (!ok()) fail("", nullptr);
  if (!later_.empty()) pipeline(nullptr, {});  // the queued statements first, with the BEGIN
  send_pending_begin();
  if (PQsendQuery(conn_.get(), std::string(sql).c_str()) == 0) fail("", nullptr);
  flush();
  // One result per statement; the first failure is the one reported (the rest are skipped).
  std::unique_ptr<PGresult, ClearResult> failure;
  bool failed = false;
  while (PGresult* res = next_result()) {
    if (!failed && !succeeded(res)) {
      failed = true;
      failure.reset(res);
    } else {
      PQclear(res);
    }
    if (!ok()) break;
  }
  if (failed || !ok()) fail("", failure.release());
}

void Connection::begin(const Query& begin) {
  if (in_transaction()) throw DbError("25001", std::string(begin.name), "already in a transaction");
  pending_begin_ = begin;
}

void Connection::commit(const Query& commit) {
  if (pending_begin_ && later_.empty()) {
    pending_begin_.reset();  // nothing ran: nothing to commit
    return;
  }
  exec(commit);
}

void Connection::rollback() {
  later_.clear();  // never sent: nothing to undo
  if (pending_begin_) {
    pending_begin_.reset();
    return;
  }
  exec_script("ROLLBACK");
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
