-- Audience measurement (docs/analytics.md). An order remembers whether its visitor allowed
-- measurement when placing it, and GA4's client id then (from the _ga cookie): the purchase and
-- refund the server reports later follow that choice, and join the visitor's browsing.
ALTER TABLE orders
  ADD COLUMN analytics_consent boolean NOT NULL DEFAULT false,
  ADD COLUMN analytics_client_id text
    CHECK (analytics_client_id IS NULL OR analytics_client_id ~ '^[0-9]{1,20}\.[0-9]{1,20}$');

-- The server's events, written in the transaction that pays or refunds the order, then sent by
-- the analytics.outbox job: once per (order, kind, key) whatever the retries. `event` is the
-- provider-neutral event (analytics/events.hpp); the wire request is built when sending.
CREATE TABLE analytics_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('purchase', 'refund')),
  -- What makes the event one: '' for the purchase, the refunded total reached for a refund.
  dedupe_key text NOT NULL,
  event jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (order_id, kind, dedupe_key)
);
CREATE INDEX analytics_events_due ON analytics_events (next_attempt_at, id) WHERE sent_at IS NULL;
