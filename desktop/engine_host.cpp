#include "desktop/engine_host.hpp"
#include "desktop/qt_text.hpp"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <exception>

#include "desktop/shop_work.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/engine_heartbeat.hpp"
#include "suppliers/engine_pass.hpp"

namespace comptoir::desktop {
EngineHost::EngineHost(QString version, QObject* parent)
    : QObject(parent), version_(std::move(version)), timer_(new QTimer(this)) {
  timer_->setInterval(60'000);
  connect(timer_, &QTimer::timeout, this, &EngineHost::pass_now);
  connect(&pass_, &QFutureWatcherBase::finished, this, [this] {
    if (leave_after_pass_ && !on_) leave();
    leave_after_pass_ = false;
    auto [lines, ok] = pass_.result();
    Q_EMIT passed(lines, ok);
  });
}

EngineHost::~EngineHost() {
  stop_and_wait();
}

void EngineHost::set_shops(std::vector<suppliers::Shop> shops) {
  shops_ = std::move(shops);
}

void EngineHost::stop_and_wait() {
  stop_.request_stop();
  pass_.waitForFinished();
}

void EngineHost::set_running(bool on) {
  if (on == on_) return;
  on_ = on;
  if (on) {
    stop_ = std::stop_source{};
    timer_->start();
    pass_now();
  } else {
    timer_->stop();
    // The pass running stops at its next step; the heartbeat goes once it has (a pass beats after
    // each step: removed before, it would come back).
    stop_.request_stop();
    if (pass_.isRunning())
      leave_after_pass_ = true;
    else
      leave();
  }
  Q_EMIT running_changed(on);
}

void EngineHost::leave() {
  // The app no longer runs the jobs: its heartbeat goes at once (off the UI thread).
  auto left = QtConcurrent::run([shops = shops_] {
    for (const auto& shop : shops) try {
        auto conn = open_shop(shop, std::chrono::minutes{5});
        suppliers::leave(conn);
      } catch (const std::exception&) {  // a shop down keeps its row until it is a day old
      }
  });
  Q_UNUSED(left);
}

void EngineHost::pass_now() {
  if (!on_ || pass_.isRunning()) return;
  pass_.setFuture(QtConcurrent::run(
      [shops = shops_, version = version_.toStdString(), stop = stop_.get_token()] {
        QStringList lines;
        bool ok = true;
        for (const auto& shop : shops) {
          if (stop.stop_requested()) break;
          try {
            auto conn = open_shop(shop, std::chrono::minutes{5});
            suppliers::ApiCallLog log(shop.database_url);
            // Set field by field: GCC 12's Release build takes the designated initializer's
            // std::function for uninitialized (-Wmaybe-uninitialized).
            suppliers::EngineOptions options;
            options.mode = suppliers::RunnerMode::app;
            options.version = version;
            options.stop = stop;
            auto report = suppliers::run_pass(conn, shop.secret_keys, log, options);
            ok = ok && report.errors.empty();
            auto line = EngineHost::tr("%1: %2 sent, %3 shipped, %4 failed; %5 catalog(s) synced")
                            .arg(text(shop.id))
                            .arg(report.dispatch.sent)
                            .arg(report.dispatch.shipped)
                            .arg(report.dispatch.failed)
                            .arg(report.synced);
            for (const auto& error : report.errors) line += QStringLiteral("; ") + text(error);
            lines << line;
          } catch (const std::exception& e) {
            ok = false;
            lines << QStringLiteral("%1: %2").arg(text(shop.id), text(e.what()));
          }
        }
        return std::pair{lines, ok};
      }));
}

}  // namespace comptoir::desktop
