-- The activity log (the back office's /admin/activity, audit:read) lists audit_log newest first,
-- by pages of 50, filtered by actor, action, entity and dates, and exports the same view as CSV.
-- Each filter gets an index that hands out its rows already in that order (occurred_at, id), with
-- the dates and the page's cursor as bounds of the same index scan: a page reads about its own
-- rows however large the log grows (accounts/audit_report.cpp). Forward-only; the two indexes of
-- 0003 are replaced by their wider forms.
DROP INDEX audit_log_time_idx;
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at, id);

DROP INDEX audit_log_actor_idx;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, occurred_at, id);

-- An action (exact), and a family of actions by its first word ("order." → order.*).
CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at, id);
CREATE INDEX audit_log_family_idx ON audit_log (split_part(action, '.', 1), occurred_at, id);

-- One entity's history: an order, a user, a route.
CREATE INDEX audit_log_target_idx ON audit_log (target_kind, target_id, occurred_at, id)
  WHERE target_kind IS NOT NULL;
