#include "backup/backup_job.hpp"

#include <prometheus/gauge.h>

#include <algorithm>

#include "backup/retention.hpp"
#include "observe/log.hpp"
#include "observe/metrics.hpp"

namespace comptoir::backup {
namespace {

struct Gauges {
  prometheus::Gauge* last_success;
  prometheus::Gauge* last_failure;
  prometheus::Gauge* last_duration;
  prometheus::Gauge* last_size;
};

prometheus::Gauge& gauge(observe::Metrics& metrics, const std::string& name,
                         const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(metrics.registry()).Add({});
}

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

jobs::Job scheduled_backup_job(ScheduledBackups settings, observe::Metrics& metrics) {
  Gauges gauges{
      &gauge(metrics, "backup_last_success_timestamp_seconds",
             "When the newest backup of COMPTOIR_BACKUP_DIR was made (Unix time)"),
      &gauge(metrics, "backup_last_failure_timestamp_seconds",
             "When a scheduled backup of this process last failed (Unix time; 0: never)"),
      &gauge(metrics, "backup_last_duration_seconds",
             "How long this process's last successful scheduled backup took"),
      &gauge(metrics, "backup_last_size_bytes",
             "Size of the newest backup of COMPTOIR_BACKUP_DIR, in bytes"),
  };
  // After a restart, the newest backup on disk is the last success: alerts on its age keep
  // working.
  if (auto existing = list_backups(settings.dir); !existing.empty()) {
    gauges.last_success->Set(static_cast<double>(existing.front().time.time_since_epoch().count()));
    std::error_code ec;
    auto size = std::filesystem::file_size(existing.front().path, ec);
    if (!ec) gauges.last_size->Set(static_cast<double>(size));
  }
  const auto every = settings.schedule.every;
  // Processes start a tick a little apart, within a tenth of the interval and at most a minute.
  const auto jitter = std::min<std::chrono::milliseconds>(every / 10, std::chrono::minutes{1});
  return {.name = "backup.scheduled",
          .every = every,
          .offset = settings.schedule.offset,
          .jitter = jitter,
          .exclusive = true,
          .run = [settings = std::move(settings), gauges](std::stop_token stop) {
            try {
              auto result = make_backup(settings.shop, settings.key, settings.dir, {}, stop);
              gauges.last_success->Set(seconds_now());
              gauges.last_duration->Set(result.took.count());
              gauges.last_size->Set(static_cast<double>(result.bytes));
              observe::info("backup written", {{"file", result.file.string()},
                                               {"bytes", result.bytes},
                                               {"media_files", result.manifest.media_files()},
                                               {"seconds", result.took.count()}});
            } catch (...) {
              gauges.last_failure->Set(seconds_now());
              throw;  // the runner logs it; the next tick tries again
            }
            for (const auto& removed : prune(settings.dir, settings.keep))
              observe::info("backup deleted by COMPTOIR_BACKUP_KEEP", {{"file", removed.string()}});
          }};
}

}  // namespace comptoir::backup
