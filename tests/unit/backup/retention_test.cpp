#include <gtest/gtest.h>

#include <algorithm>

#include "backup/retention.hpp"

namespace comptoir::backup {
namespace {

using namespace std::chrono;

Seconds at(int y, unsigned m, unsigned d, int h = 3, int mi = 30) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi};
}

std::vector<BackupFile> files(std::initializer_list<Seconds> times) {
  std::vector<BackupFile> out;
  for (auto time : times) out.push_back({backup_file_name(time), time});
  return out;
}

std::vector<std::string> names(const std::vector<BackupFile>& backups) {
  std::vector<std::string> out;
  for (const auto& backup : backups) out.push_back(backup.path.string());
  std::ranges::sort(out);
  return out;
}

TEST(BackupFileName, IsTheUtcTimeAndReadsBack) {
  auto time = at(2026, 12, 2, 5, 15);
  EXPECT_EQ(backup_file_name(time), "comptoir-20261202T051500Z.backup");
  EXPECT_EQ(backup_file_name(time, 2), "comptoir-20261202T051500Z-2.backup");
  EXPECT_EQ(backup_file_time("comptoir-20261202T051500Z.backup"), time);
  EXPECT_EQ(backup_file_time("comptoir-20261202T051500Z-2.backup"), time);
  for (auto other : {"comptoir-20261202T051500Z.backup.partial", "comptoir-20261302T051500Z.backup",
                     "comptoir-20261202T051500.backup", "notes.txt",
                     "comptoir-20261202T051500Z-1.backup", "comptoir-20261202T251500Z.backup"})
    EXPECT_FALSE(backup_file_time(other)) << other;
}

TEST(Retention, KeepsTheNewestOfEachOfTheLastDaysAndWeeks) {
  // Two weeks of daily backups at 03:30, and a second one on the last day.
  std::vector<BackupFile> backups;
  for (unsigned d = 1; d <= 14; ++d)
    backups.push_back({backup_file_name(at(2026, 6, d)), at(2026, 6, d)});
  backups.push_back({backup_file_name(at(2026, 6, 14, 12)), at(2026, 6, 14, 12)});
  auto gone = expired(backups, {.daily = 3, .weekly = 2});
  std::vector<std::string> kept;
  for (const auto& backup : backups)
    if (std::ranges::none_of(gone, [&](const auto& g) { return g.path == backup.path; }))
      kept.push_back(backup.path.string());
  std::ranges::sort(kept);
  // Days: the 14th (its 12:00 backup), the 13th, the 12th. Weeks (Monday to Sunday; 2026-06-14 is
  // a Sunday): that week's newest is the 14th's 12:00, the week before ends on Sunday the 7th.
  EXPECT_EQ(kept, (std::vector<std::string>{
                      backup_file_name(at(2026, 6, 7)), backup_file_name(at(2026, 6, 12)),
                      backup_file_name(at(2026, 6, 13)), backup_file_name(at(2026, 6, 14, 12))}));
}

TEST(Retention, CountsPeriodsThatHaveABackupNotCalendarDays) {
  // A server down for a month does not lose its dailies: the last three days *with* a backup.
  auto backups = files({at(2026, 1, 1), at(2026, 1, 2), at(2026, 1, 3), at(2026, 2, 10)});
  EXPECT_EQ(names(expired(backups, {.daily = 3})),
            (std::vector<std::string>{backup_file_name(at(2026, 1, 1))}));
}

TEST(Retention, LastNMonthsYearsAndAll) {
  auto backups = files({at(2025, 12, 31), at(2026, 1, 15), at(2026, 1, 31), at(2026, 2, 1)});
  EXPECT_EQ(names(expired(backups, {.last = 2})),
            (std::vector<std::string>{backup_file_name(at(2025, 12, 31)),
                                      backup_file_name(at(2026, 1, 15))}));
  EXPECT_EQ(names(expired(backups, {.monthly = 2})),
            (std::vector<std::string>{backup_file_name(at(2025, 12, 31)),
                                      backup_file_name(at(2026, 1, 15))}));
  EXPECT_EQ(names(expired(backups, {.yearly = 5})),
            (std::vector<std::string>{backup_file_name(at(2026, 1, 15)),
                                      backup_file_name(at(2026, 1, 31))}));
  EXPECT_TRUE(expired(backups, {.all = true}).empty());
}

TEST(Retention, TheNewestBackupIsAlwaysKept) {
  auto backups = files({at(2026, 1, 1), at(2026, 1, 2)});
  EXPECT_EQ(names(expired(backups, {})),
            (std::vector<std::string>{backup_file_name(at(2026, 1, 1))}));
}

}  // namespace
}  // namespace comptoir::backup
