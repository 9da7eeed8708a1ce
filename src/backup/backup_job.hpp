#pragma once

#include <filesystem>

#include "backup/backup_service.hpp"
#include "core/backup_settings.hpp"
#include "core/secret_keys.hpp"
#include "jobs/job.hpp"

namespace comptoir::observe {
class Metrics;
}

namespace comptoir::backup {

struct ScheduledBackups {
  Shop shop;
  core::SecretKey key;  // the active key of COMPTOIR_SECRET_KEYS
  std::filesystem::path dir;
  core::BackupSchedule schedule;
  core::BackupRetention keep;
};

// backup.scheduled: at each tick of the schedule, in one process (exclusive), a backup into
// `dir`, then the backups `keep` does not keep are deleted. A process that starts after a missed
// tick (the server was down at 03:30) makes that tick's backup at once. Gauges on /metrics:
// backup_last_success_timestamp_seconds (also read at start from the newest file of `dir`),
// backup_last_failure_timestamp_seconds, backup_last_duration_seconds, backup_last_size_bytes.
// `metrics` must outlive the job.
jobs::Job scheduled_backup_job(ScheduledBackups settings, observe::Metrics& metrics);

}  // namespace comptoir::backup
