-- Refunds the shop issues (checkout/refund_service), full or partial: through Stripe
-- (POST /v1/refunds) for orders paid online, recorded at once for orders paid offline. A Stripe
-- refund is written here (pending) before Stripe is called, outside any transaction; its answer is
-- recorded in a second one. When the answer is lost (network, 5xx), the retry job sends the same
-- request again with the same Idempotency-Key, so money moves once. The order's refunded_amount
-- and state (orders) move only when a refund succeeds.
CREATE TABLE refunds (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id         bigint NOT NULL REFERENCES orders (id),
  amount           bigint NOT NULL CHECK (amount > 0),  -- minor units of `currency`
  currency         text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  provider         text NOT NULL CHECK (provider IN ('stripe', 'manual')),
  state            text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'succeeded', 'failed')),
  -- Once Stripe answered: its refund id and its last known status (pending, requires_action,
  -- succeeded, failed, canceled). A pending refund without an id has not been answered yet.
  stripe_refund_id text UNIQUE CHECK (stripe_refund_id ~ '^[A-Za-z0-9_]{1,255}$'),
  stripe_status    text,
  -- Sent with every attempt: "comptoir-refund-<order number>-<id>".
  idempotency_key  text NOT NULL UNIQUE,
  reason           text NOT NULL CHECK (reason IN ('requested_by_customer', 'duplicate',
                                                   'fraudulent', 'returned', 'other')),
  note             text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  -- Who asked for it, as order_history names actors.
  actor_kind       text NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'system')),
  actor_id         text,
  -- The return (RMA) this refund pays back. No foreign key yet: the returns' tables come later.
  return_id        bigint,
  error            text,  -- why it failed (Stripe's message), or the last attempt's error
  attempts         integer NOT NULL DEFAULT 0,  -- requests sent to Stripe
  -- When the retry job may send a pending, unanswered refund again (a lease while one is sent).
  next_attempt_at  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  settled_at       timestamptz,
  CHECK ((state = 'pending') = (settled_at IS NULL)),
  CHECK (provider = 'stripe' OR (stripe_refund_id IS NULL AND attempts = 0))
);
CREATE INDEX refunds_order_idx ON refunds (order_id, id);
CREATE INDEX refunds_due_idx ON refunds (next_attempt_at)
  WHERE state = 'pending' AND stripe_refund_id IS NULL;
