#include "catalog/change_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string>

#include "observe/log.hpp"

namespace comptoir::catalog {
namespace {

struct Finish {
  void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
using ConnectionPtr = std::unique_ptr<PGconn, Finish>;

// Keepalives make a silently vanished server (no FIN, no RST) show up as an error within a
// minute instead of the kernel's two hours.
ConnectionPtr connect(const std::string& conninfo, const std::string& name) {
  const auto application_name = "comptoir-" + name + "-listener";
  std::array keywords{"dbname",           "application_name",
                      "connect_timeout",  "keepalives",
                      "keepalives_idle",  "keepalives_interval",
                      "keepalives_count", static_cast<const char*>(nullptr)};
  std::array values{conninfo.c_str(),
                    application_name.c_str(),
                    "5",
                    "1",
                    "30",
                    "10",
                    "3",
                    static_cast<const char*>(nullptr)};
  ConnectionPtr conn(PQconnectdbParams(keywords.data(), values.data(), 1));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) return conn;
  // libpq prints server notices (a FATAL on shutdown, say) to stderr by default: log them instead.
  PQsetNoticeProcessor(
      conn.get(),
      [](void*, const char* message) {
        std::string_view text(message);
        while (text.ends_with('\n')) text.remove_suffix(1);
        observe::info("change listener notice", {{"notice", text}});
      },
      nullptr);
  return conn;
}

bool listen(PGconn* conn, const std::string& channel) {
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(
      PQescapeIdentifier(conn, channel.c_str(), channel.size()), &PQfreemem);
  if (!quoted) return false;
  auto sql = "LISTEN " + std::string(quoted.get());
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok;
}

}  // namespace

ChangeListener::ChangeListener(ChangeListenerOptions options, Callbacks callbacks)
    : options_(std::move(options)), callbacks_(std::move(callbacks)) {
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw std::runtime_error("catalog listener: eventfd failed");
  thread_ = std::thread([this] { run(); });
}

ChangeListener::~ChangeListener() {
  stopping_.store(true);
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  ::close(wake_fd_);
}

bool ChangeListener::pause(std::chrono::milliseconds delay) {
  pollfd wake{wake_fd_, POLLIN, 0};
  ::poll(&wake, 1, static_cast<int>(delay.count()));
  return !stopping_.load();
}

void ChangeListener::run() {
  auto backoff = options_.min_backoff;
  bool reported_failure = false;
  while (!stopping_.load()) {
    auto conn = connect(options_.conninfo, options_.name);
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK || !listen(conn.get(), options_.channel)) {
      if (!reported_failure)
        observe::warn("change listener cannot connect; retrying",
                      {{"listener", options_.name},
                       {"error", conn ? PQerrorMessage(conn.get()) : "out of memory"}});
      reported_failure = true;
      if (!pause(backoff)) return;
      backoff = std::min(backoff * 2, options_.max_backoff);
      continue;
    }
    if (reported_failure) observe::info("change listener connected", {{"listener", options_.name}});
    reported_failure = false;
    backoff = options_.min_backoff;
    if (callbacks_.on_connected) callbacks_.on_connected();

    for (;;) {
      std::array fds{pollfd{PQsocket(conn.get()), POLLIN, 0}, pollfd{wake_fd_, POLLIN, 0}};
      int ready = ::poll(fds.data(), fds.size(), -1);
      if (stopping_.load()) return;
      if (ready < 0) continue;  // EINTR
      if (PQconsumeInput(conn.get()) == 0) break;
      std::vector<std::string> payloads;
      while (PGnotify* notification = PQnotifies(conn.get())) {
        payloads.emplace_back(notification->extra != nullptr ? notification->extra : "");
        PQfreemem(notification);
      }
      if (!payloads.empty() && callbacks_.on_change) callbacks_.on_change(payloads);
      if (PQstatus(conn.get()) != CONNECTION_OK) break;
    }
    observe::warn("change listener lost its connection; reconnecting",
                  {{"listener", options_.name}});
    if (callbacks_.on_disconnected) callbacks_.on_disconnected();
  }
}

}  // namespace comptoir::catalog
