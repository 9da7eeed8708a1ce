#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace comptoir::catalog {

struct ChangeListenerOptions {
  std::string conninfo{};
  std::string channel = "catalog_changed";
  // Who listens, in log lines and PostgreSQL's application_name ("comptoir-catalog-listener").
  std::string name = "catalog";
  std::chrono::milliseconds min_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
};

// Waits for PostgreSQL notifications on one channel with a dedicated libpq connection on its own
// thread (poll() on PQsocket, then PQconsumeInput/PQnotifies). When the connection drops it
// reconnects with growing backoff. Callbacks run on the listener's thread:
//   on_connected    LISTEN is in place: from now on no change can go unnoticed;
//   on_change       one or more notifications arrived: their payloads, in the order sent;
//   on_disconnected the connection is gone: changes may be missed until on_connected.
class ChangeListener {
 public:
  struct Callbacks {
    std::function<void()> on_connected{};
    std::function<void(const std::vector<std::string>& payloads)> on_change{};
    std::function<void()> on_disconnected{};
  };

  ChangeListener(ChangeListenerOptions options, Callbacks callbacks);
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;
  ~ChangeListener();  // wakes the thread and joins it

 private:
  void run();
  // Waits up to `delay` or until stop; false when stopping.
  bool pause(std::chrono::milliseconds delay);

  ChangeListenerOptions options_;
  Callbacks callbacks_;
  int wake_fd_ = -1;  // eventfd: written once to stop the thread
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace comptoir::catalog
