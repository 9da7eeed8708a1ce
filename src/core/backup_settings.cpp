#include "core/backup_settings.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/config.hpp"

namespace comptoir::core {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// One or two digits, from 0 to `max`.
std::optional<int> small_number(std::string_view text, int max) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || text.size() > 2 || error != std::errc{} || end != text.data() + text.size() ||
      value < 0 || value > max)
    return std::nullopt;
  return value;
}

constexpr std::string_view kScheduleForms =
    "hourly, hourly@MM, daily, daily@HH:MM (UTC) or every DURATION (e.g. every 6h)";

}  // namespace

std::expected<BackupSchedule, std::string> parse_backup_schedule(std::string_view text,
                                                                 milliseconds shortest) {
  text = trim(text);
  BackupSchedule schedule{.text = std::string(text)};
  auto wrong = [&] {
    return std::unexpected(fmt::format("'{}' is not a schedule: write {}", text, kScheduleForms));
  };
  if (text.starts_with("hourly")) {
    schedule.every = hours{1};
    auto rest = text.substr(6);
    if (rest.empty()) return schedule;
    auto minute = rest.starts_with('@') ? small_number(rest.substr(1), 59) : std::nullopt;
    if (!minute) return wrong();
    schedule.offset = minutes{*minute};
    return schedule;
  }
  if (text.starts_with("daily")) {
    schedule.every = hours{24};
    auto rest = text.substr(5);
    if (rest.empty()) return schedule;
    auto colon = rest.find(':');
    if (!rest.starts_with('@') || colon == std::string_view::npos) return wrong();
    auto hour = small_number(rest.substr(1, colon - 1), 23);
    auto minute = small_number(rest.substr(colon + 1), 59);
    if (!hour || !minute) return wrong();
    schedule.offset = hours{*hour} + minutes{*minute};
    return schedule;
  }
  if (text.starts_with("every ")) {
    auto every = parse_duration(trim(text.substr(6)));
    if (!every || every->count() <= 0) return wrong();
    if (*every < shortest)
      return std::unexpected(fmt::format("'{}' is too often: backups at most every {} s", text,
                                         shortest.count() / 1000));
    schedule.every = *every;
    return schedule;
  }
  return wrong();
}

std::expected<BackupRetention, std::string> parse_backup_retention(std::string_view text) {
  BackupRetention keep;
  bool any = false;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) continue;
    any = true;
    if (item == "all") {
      keep.all = true;
      continue;
    }
    int* target = &keep.last;
    auto digits = item;
    switch (item.back()) {
      case 'h':
        target = &keep.hourly;
        break;
      case 'd':
        target = &keep.daily;
        break;
      case 'w':
        target = &keep.weekly;
        break;
      case 'm':
        target = &keep.monthly;
        break;
      case 'y':
        target = &keep.yearly;
        break;
      default:
        break;
    }
    if (target != &keep.last) digits.remove_suffix(1);
    int count = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
        count < 1 || count > 10'000)
      return std::unexpected(fmt::format(
          "'{}' is not a rule: write N (the N newest), Nh, Nd, Nw, Nm or Ny (the newest backup of "
          "each of the last N hours, days, weeks, months or years), or all; e.g. 7d,4w",
          item));
    if (*target != 0)
      return std::unexpected(fmt::format("'{}': that kind of rule is given twice", item));
    *target = count;
  }
  if (!any) return std::unexpected("is empty: write e.g. 7d,4w, or all to keep every backup");
  return keep;
}

}  // namespace comptoir::core
