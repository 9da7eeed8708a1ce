-- The last tick each exclusive periodic job ran (jobs::Runner). With several `comptoir serve`
-- processes, the first to claim a tick runs the job and the others skip that tick.
CREATE TABLE job_runs (
  name       text PRIMARY KEY,
  tick_at    timestamptz NOT NULL,  -- start of the tick last claimed (a multiple of the interval)
  claimed_at timestamptz NOT NULL DEFAULT now()
);
