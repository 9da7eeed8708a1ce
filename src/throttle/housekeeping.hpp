#pragma once

#include "jobs/job.hpp"

namespace comptoir::throttle {

// throttle.housekeeping: every 10 minutes, in one process per tick, deletes the buckets nobody
// took from for a day (purge_idle_buckets) and logs how many.
jobs::Job housekeeping_job();

}  // namespace comptoir::throttle
