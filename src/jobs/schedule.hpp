#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string_view>

namespace comptoir::jobs {

using Clock = std::chrono::system_clock;

// Ticks are aligned on multiples of `every` since the Unix epoch (a 10-minute job ticks at :00,
// :10, :20…), so every process of a deployment agrees on where a tick starts and ends, whenever
// each one was started. `offset` shifts every tick by that much (a daily job at 03:30 UTC: every =
// 24 h, offset = 3 h 30 min). Returns the start of the first tick after `now`.
Clock::time_point next_tick(Clock::time_point now, std::chrono::milliseconds every,
                            std::chrono::milliseconds offset = std::chrono::milliseconds{0});

// A delay drawn uniformly from [0, jitter]: each process starts a tick a little apart from the
// others, so they do not all reach PostgreSQL in the same millisecond.
std::chrono::milliseconds draw_jitter(std::chrono::milliseconds jitter, std::minstd_rand& random);

// The PostgreSQL advisory-lock key of a job: FNV-1a (64 bits) of "comptoir.jobs:" + its name.
// Stable across processes, builds and PostgreSQL versions (hashtext() is not promised to be).
std::int64_t lock_key(std::string_view job_name);

}  // namespace comptoir::jobs
