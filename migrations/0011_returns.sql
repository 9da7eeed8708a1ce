-- Returns (RMA): a customer asks to send back some units of an order, staff approve or refuse,
-- receive the parcel (putting units back in stock or not), and the refund is recorded by whoever
-- issues it (orders/return_service). Owned by orders, like the order they belong to.
CREATE TABLE returns (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Public and unguessable, as order numbers: "RMA-" and 8 Crockford base32 characters.
  number           text NOT NULL UNIQUE CHECK (number ~ '^RMA-[0-9A-HJKMNP-TV-Z]{8}$'),
  order_id         bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  -- Who asked: the order's signed-in customer (kept when the account goes, as orders do).
  user_id          bigint REFERENCES users (id) ON DELETE SET NULL,
  state            text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'approved',
                     'refused', 'received', 'refunded', 'closed')),
  reason           text NOT NULL CHECK (reason IN ('damaged', 'defective', 'wrong_item',
                     'not_as_described', 'no_longer_needed', 'other')),
  comment          text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 1000),
  currency         text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- What the returned units are worth (their price and tax, in the order's currency), at most what
  -- the order had left to refund when it was asked; what was refunded once it was.
  refund_amount    bigint NOT NULL CHECK (refund_amount >= 0),
  refunded_amount  bigint CHECK (refunded_amount > 0 AND refunded_amount <= refund_amount),
  refund_reference text,
  -- The language the customer asked in: its mails are written in it.
  locale           text NOT NULL CHECK (locale IN ('fr', 'en')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  received_at      timestamptz,
  refunded_at      timestamptz,
  UNIQUE (id, order_id),  -- lets each line name the order its return belongs to
  CHECK ((state = 'refunded') = (refunded_amount IS NOT NULL)),
  CHECK ((state = 'refunded') = (refunded_at IS NOT NULL))
);
CREATE INDEX returns_order_idx ON returns (order_id);
CREATE INDEX returns_state_idx ON returns (state, id DESC);
CREATE INDEX returns_created_idx ON returns (created_at);

-- The units of each order line sent back; `restock` is decided when the parcel is received.
CREATE TABLE return_lines (
  return_id bigint NOT NULL,
  order_id  bigint NOT NULL,
  position  integer NOT NULL,
  quantity  integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  restock   boolean,
  PRIMARY KEY (return_id, position),
  FOREIGN KEY (return_id, order_id) REFERENCES returns (id, order_id) ON DELETE CASCADE,
  FOREIGN KEY (order_id, position) REFERENCES order_lines (order_id, position) ON DELETE CASCADE
);
CREATE INDEX return_lines_order_idx ON return_lines (order_id, position);

-- Every change of state: who, when, from what, to what, and why (as order_history).
CREATE TABLE return_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  return_id   bigint NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'system', 'customer', 'stripe')),
  actor_id    text,
  from_state  text,
  to_state    text NOT NULL,
  note        text NOT NULL DEFAULT ''
);
CREATE INDEX return_history_return_idx ON return_history (return_id, id);
