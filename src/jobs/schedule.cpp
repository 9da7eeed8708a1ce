#include "jobs/schedule.hpp"

#include <bit>

namespace comptoir::jobs {

Clock::time_point next_tick(Clock::time_point now, std::chrono::milliseconds every,
                            std::chrono::milliseconds offset) {
  auto since_epoch =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) - offset;
  // Whole ticks elapsed; the current one started at ticks*every + offset. Floor, not truncation:
  // before the first offset tick after the epoch, `since_epoch` is negative.
  auto ticks = since_epoch / every;
  if (since_epoch.count() < 0 && since_epoch % every != std::chrono::milliseconds{0}) --ticks;
  return Clock::time_point(
      std::chrono::duration_cast<Clock::duration>((ticks + 1) * every + offset));
}

std::chrono::milliseconds draw_jitter(std::chrono::milliseconds jitter, std::minstd_rand& random) {
  if (jitter.count() <= 0) return std::chrono::milliseconds{0};
  std::uniform_int_distribution<std::chrono::milliseconds::rep> draw(0, jitter.count());
  return std::chrono::milliseconds{draw(random)};
}

std::int64_t lock_key(std::string_view job_name) {
  constexpr std::uint64_t kOffset = 14695981039346656037ULL;
  constexpr std::uint64_t kPrime = 1099511628211ULL;
  std::uint64_t hash = kOffset;
  auto mix = [&](std::string_view text) {
    for (char c : text) hash = (hash ^ static_cast<std::uint8_t>(c)) * kPrime;
  };
  mix("comptoir.jobs:");
  mix(job_name);
  return std::bit_cast<std::int64_t>(hash);
}

}  // namespace comptoir::jobs
