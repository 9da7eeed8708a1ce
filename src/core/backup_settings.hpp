#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace comptoir::core {

// COMPTOIR_BACKUP_SCHEDULE: when `comptoir serve` makes a backup, in UTC. Written
//   hourly | hourly@MM | daily | daily@HH:MM | every DURATION (every 6h, every 30m)
// Backups start on multiples of `every` since the Unix epoch, shifted by `offset`: daily@03:30 is
// every = 24 h, offset = 3 h 30 min; `every 6h` makes one at 00:00, 06:00, 12:00 and 18:00 UTC.
struct BackupSchedule {
  std::chrono::milliseconds every{0};
  std::chrono::milliseconds offset{0};  // in [0, every)
  std::string text;                     // as written, for logs and check-config
};

// `shortest`: the smallest `every` accepted (a minute in a shop; tests go down to a second).
// The error says what is wrong and what is accepted.
std::expected<BackupSchedule, std::string> parse_backup_schedule(
    std::string_view text, std::chrono::milliseconds shortest);

// COMPTOIR_BACKUP_KEEP: which backups of the backup folder survive each scheduled backup, as a
// comma-separated list of rules; a backup kept by any rule stays:
//   N    the N newest backups
//   Nh   the newest backup of each of the last N hours that have one (UTC)
//   Nd   … of each of the last N days that have one
//   Nw   … of each of the last N weeks (Monday to Sunday) that have one
//   Nm   … of each of the last N months (m is months here, not minutes)
//   Ny   … of each of the last N years
//   all  never delete anything
// "7d,4w" (the default) keeps a week of dailies and a month of weeklies. The newest backup is
// always kept.
struct BackupRetention {
  bool all = false;
  int last = 0;
  int hourly = 0;
  int daily = 0;
  int weekly = 0;
  int monthly = 0;
  int yearly = 0;

  bool operator==(const BackupRetention&) const = default;
};

inline constexpr std::string_view kDefaultBackupRetention = "7d,4w";

std::expected<BackupRetention, std::string> parse_backup_retention(std::string_view text);

}  // namespace comptoir::core
