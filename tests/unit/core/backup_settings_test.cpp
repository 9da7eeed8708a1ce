#include <gtest/gtest.h>

#include "core/backup_settings.hpp"

namespace comptoir::core {
namespace {

using namespace std::chrono_literals;

TEST(BackupSchedule, ReadsEveryForm) {
  auto parse = [](std::string_view text) { return parse_backup_schedule(text, 60s); };
  auto hourly = parse("hourly");
  ASSERT_TRUE(hourly);
  EXPECT_EQ(hourly->every, 1h);
  EXPECT_EQ(hourly->offset, 0ms);
  EXPECT_EQ(parse("hourly@15")->offset, 15min);
  EXPECT_EQ(parse("daily")->every, 24h);
  EXPECT_EQ(parse("daily")->offset, 0ms);
  EXPECT_EQ(parse("daily@03:30")->offset, 3h + 30min);
  EXPECT_EQ(parse("daily@3:05")->offset, 3h + 5min);
  EXPECT_EQ(parse(" daily@23:59 ")->offset, 23h + 59min);
  EXPECT_EQ(parse("every 6h")->every, 6h);
  EXPECT_EQ(parse("every 6h")->offset, 0ms);
  EXPECT_EQ(parse("daily@03:30")->text, "daily@03:30");
}

TEST(BackupSchedule, RefusesWhatItCannotRead) {
  for (auto bad :
       {"", "nightly", "daily@", "daily@24:00", "daily@03:60", "daily@0330", "hourly@60", "hourly@",
        "hourly@-1", "every", "every soon", "every 0s", "daily @03:30", "weekly"}) {
    auto parsed = parse_backup_schedule(bad, 60s);
    EXPECT_FALSE(parsed) << bad;
    if (!parsed) {
      EXPECT_NE(parsed.error().find("daily@HH:MM"), std::string::npos) << bad;
    }
  }
  auto often = parse_backup_schedule("every 30s", 60s);
  ASSERT_FALSE(often);
  EXPECT_NE(often.error().find("too often"), std::string::npos);
  EXPECT_TRUE(parse_backup_schedule("every 1s", 1s));
}

TEST(BackupRetention, ReadsRules) {
  EXPECT_EQ(parse_backup_retention("7d,4w"), (BackupRetention{.daily = 7, .weekly = 4}));
  EXPECT_EQ(parse_backup_retention(" 3 , 24h, 7d, 4w, 12m, 2y "),
            (BackupRetention{
                .last = 3, .hourly = 24, .daily = 7, .weekly = 4, .monthly = 12, .yearly = 2}));
  EXPECT_EQ(parse_backup_retention("all"), (BackupRetention{.all = true}));
}

TEST(BackupRetention, RefusesWhatItCannotRead) {
  for (auto bad : {"", " , ", "7x", "d", "0d", "-1d", "7d,8d", "seven"})
    EXPECT_FALSE(parse_backup_retention(bad)) << bad;
}

}  // namespace
}  // namespace comptoir::core
