#pragma once

#include <QFutureWatcher>
#include <QObject>

#include <stop_token>
#include <string>
#include <vector>

#include "suppliers/shops.hpp"

class QTimer;

namespace comptoir::desktop {

// The supplier engine's jobs run by the app itself — what a headless `comptoir suppliers run`
// does on a server: one pass (suppliers::run_pass: dispatch, due syncs, stock, log purge) over
// every shop of the book, on a worker thread, then one a minute while it is on. Each pass beats
// this process's heartbeat as the app's (RunnerMode::app). Off asks the pass to stop at its next
// step — without waiting for it on the UI thread — and removes the heartbeat once it has stopped.
// Running both here and on a server is safe: the engine's locks and leases share the work.
class EngineHost : public QObject {
  Q_OBJECT

 public:
  EngineHost(QString version, QObject* parent = nullptr);
  ~EngineHost() override;  // stops a pass and waits for it
  EngineHost(const EngineHost&) = delete;
  EngineHost& operator=(const EngineHost&) = delete;

  void set_shops(std::vector<suppliers::Shop> shops);
  void set_running(bool on);
  bool running() const { return on_; }
  bool busy() const { return pass_.isRunning(); }
  // A pass now (when on and none is running).
  void pass_now();

 Q_SIGNALS:
  // A pass over every shop ended: one line per shop ("" problems when every shop went well).
  void passed(const QStringList& lines, bool ok);
  void running_changed(bool on);

 private:
  void stop_and_wait();
  // Removes this process's heartbeat from every shop, off the UI thread.
  void leave();

  QString version_;
  std::vector<suppliers::Shop> shops_;
  bool on_ = false;
  bool leave_after_pass_ = false;  // turned off while a pass ran: leave when it ends
  QTimer* timer_;
  std::stop_source stop_;
  QFutureWatcher<std::pair<QStringList, bool>> pass_;
};

}  // namespace comptoir::desktop
