-- Who runs the supplier engine's jobs (dispatch, syncs, stock) on this shop, and when each was
-- last seen alive: a headless `comptoir suppliers run` on a server, or comptoir-suppliers with its
-- jobs turned on. Each process beats its own row (runner = host:pid) while it works; the desktop
-- app shows which runs and the last heartbeat. Rows not seen for a day are deleted by the next beat.
CREATE TABLE supplier_engine_runners (
  runner     text PRIMARY KEY CHECK (length(runner) BETWEEN 1 AND 300),
  mode       text NOT NULL CHECK (mode IN ('HEADLESS', 'APP')),
  host       text NOT NULL DEFAULT '' CHECK (length(host) <= 255),
  pid        integer NOT NULL DEFAULT 0,
  version    text NOT NULL DEFAULT '' CHECK (length(version) <= 40),
  started_at timestamptz NOT NULL DEFAULT now(),
  beat_at    timestamptz NOT NULL DEFAULT now()
);
