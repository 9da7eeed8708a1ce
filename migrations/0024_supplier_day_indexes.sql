-- The supplier figures per day (comptoir-suppliers' charts, `comptoir suppliers status`) read the
-- last two weeks of supplier orders and sync runs: by when they were created or started, without
-- reading years of them.
CREATE INDEX supplier_orders_created_idx ON supplier_orders (created_at);
CREATE INDEX supplier_sync_runs_started_idx ON supplier_sync_runs (started_at);
