#include "backup/retention.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace comptoir::backup {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

constexpr std::string_view kPrefix = "comptoir-";
constexpr std::string_view kSuffix = ".backup";
constexpr std::string_view kPartial = ".partial";

std::optional<int> digits(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The period a backup falls in, for a rule of the given unit: backups that share one are worth
// one.
std::int64_t period(Seconds time, char unit) {
  auto day = floor<days>(time);
  year_month_day date{day};
  switch (unit) {
    case 'h':
      return floor<hours>(time).time_since_epoch().count();
    case 'd':
      return day.time_since_epoch().count();
    case 'w': {
      // 1970-01-01 was a Thursday: shifted by 3 days, weeks start on Mondays. Floor division.
      auto shifted = day.time_since_epoch().count() + 3;
      return (shifted - ((shifted % 7) + 7) % 7) / 7;
    }
    case 'm':
      return static_cast<int>(date.year()) * 12 +
             static_cast<int>(static_cast<unsigned>(date.month()));
    default:
      return static_cast<int>(date.year());
  }
}

}  // namespace

std::string backup_file_name(Seconds time, int sequence) {
  auto name = fmt::format("{}{:%Y%m%dT%H%M%S}Z", kPrefix, time);
  if (sequence > 1) name += fmt::format("-{}", sequence);
  return name + std::string(kSuffix);
}

std::optional<Seconds> backup_file_time(std::string_view name) {
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return std::nullopt;
  auto stamp = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  if (auto dash = stamp.find('-'); dash != std::string_view::npos) {
    auto sequence = digits(stamp.substr(dash + 1));
    if (!sequence || *sequence < 2) return std::nullopt;
    stamp = stamp.substr(0, dash);
  }
  // YYYYMMDDTHHMMSSZ
  if (stamp.size() != 16 || stamp[8] != 'T' || stamp[15] != 'Z') return std::nullopt;
  auto y = digits(stamp.substr(0, 4));
  auto mo = digits(stamp.substr(4, 2));
  auto d = digits(stamp.substr(6, 2));
  auto h = digits(stamp.substr(9, 2));
  auto mi = digits(stamp.substr(11, 2));
  auto s = digits(stamp.substr(13, 2));
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s};
}

std::vector<BackupFile> list_backups(const fs::path& dir) {
  std::vector<BackupFile> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    if (auto time = backup_file_time(entry.path().filename().string()))
      out.push_back({entry.path(), *time});
  }
  // Newest first; within one second, the higher sequence number (the later file) first.
  std::ranges::sort(out, [](const BackupFile& a, const BackupFile& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.path.filename().string().size() != b.path.filename().string().size()
               ? a.path.filename().string().size() > b.path.filename().string().size()
               : a.path.filename() > b.path.filename();
  });
  return out;
}

std::vector<BackupFile> expired(std::vector<BackupFile> backups,
                                const core::BackupRetention& keep) {
  if (keep.all || backups.empty()) return {};
  std::ranges::stable_sort(backups, std::greater<>{}, &BackupFile::time);
  std::set<std::size_t> kept{0};
  for (std::size_t i = 0; i < backups.size() && i < static_cast<std::size_t>(keep.last); ++i)
    kept.insert(i);
  for (auto [unit, count] :
       {std::pair{'h', keep.hourly}, std::pair{'d', keep.daily}, std::pair{'w', keep.weekly},
        std::pair{'m', keep.monthly}, std::pair{'y', keep.yearly}}) {
    int periods = 0;
    std::optional<std::int64_t> last;
    for (std::size_t i = 0; i < backups.size() && periods < count; ++i) {
      auto p = period(backups[i].time, unit);
      if (last == p) continue;
      last = p;
      kept.insert(i);  // the newest backup of this period
      ++periods;
    }
  }
  std::vector<BackupFile> out;
  for (std::size_t i = 0; i < backups.size(); ++i)
    if (!kept.contains(i)) out.push_back(backups[i]);
  return out;
}

std::vector<fs::path> prune(const fs::path& dir, const core::BackupRetention& keep) {
  std::vector<fs::path> removed;
  std::error_code ec;
  for (const auto& backup : expired(list_backups(dir), keep))
    if (fs::remove(backup.path, ec)) removed.push_back(backup.path);
  const auto day_ago = fs::file_time_type::clock::now() - hours{24};
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto name = entry.path().filename().string();
    if (!name.ends_with(kPartial) ||
        !backup_file_time(name.substr(0, name.size() - kPartial.size())))
      continue;
    if (entry.last_write_time(ec) < day_ago && !ec && fs::remove(entry.path(), ec))
      removed.push_back(entry.path());
  }
  return removed;
}

}  // namespace comptoir::backup
