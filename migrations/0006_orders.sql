-- Orders: what was bought, at what price, by whom, and where it stands (orders/order_service).
-- Lines are snapshots: later catalog edits never change a past order (DESIGN §5).
CREATE TABLE orders (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Public and unguessable: "CMP-" and 8 Crockford base32 characters (40 random bits).
  number                text NOT NULL UNIQUE CHECK (number ~ '^CMP-[0-9A-HJKMNP-TV-Z]{8}$'),
  status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid',
                          'fulfilled', 'delivered', 'cancelled', 'refunded', 'partially_refunded')),
  user_id               bigint REFERENCES users (id) ON DELETE SET NULL,
  -- The cart it came from, emptied of these lines once the order is paid.
  cart_id               bigint REFERENCES carts (id) ON DELETE SET NULL,
  email                 text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  locale                text NOT NULL CHECK (locale IN ('fr', 'en')),
  currency              text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  region_code           text NOT NULL REFERENCES tax_regions (code),
  -- The shipping address as JSON, sealed under the active key (associated data orders:<number>).
  shipping_address      text NOT NULL CHECK (shipping_address ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+$'),
  address_key_id        text NOT NULL GENERATED ALWAYS AS (split_part(shipping_address, '.', 2)) STORED,
  subtotal              bigint NOT NULL CHECK (subtotal >= 0),
  discount              bigint NOT NULL DEFAULT 0 CHECK (discount >= 0),
  shipping              bigint NOT NULL CHECK (shipping >= 0),
  fees                  bigint NOT NULL DEFAULT 0 CHECK (fees >= 0),
  tax                   bigint NOT NULL CHECK (tax >= 0),
  tax_included          boolean NOT NULL,
  total                 bigint NOT NULL CHECK (total >= 0),
  -- [{"code": "gst", "millionths": 50000, "base": 10000, "amount": 500}, …]
  taxes                 jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(taxes) = 'array'),
  payment_provider      text NOT NULL CHECK (payment_provider IN ('stripe', 'manual')),
  payment_reference     text UNIQUE,  -- the Stripe Checkout Session id
  payment_intent        text UNIQUE,
  refunded_amount       bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
  tracking_url          text,
  -- Stock is held from creation until payment, or released once (released_at) when the order is
  -- cancelled or its payment window passes.
  reserved_until        timestamptz NOT NULL,
  stock_released_at     timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  paid_at               timestamptz,
  CHECK (refunded_amount <= total)
);
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_reservations_idx ON orders (reserved_until)
  WHERE status = 'pending' AND stock_released_at IS NULL;
CREATE INDEX orders_key_idx ON orders (address_key_id);

CREATE TABLE order_lines (
  order_id      bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position      integer NOT NULL,
  variant_id    bigint REFERENCES variants (id) ON DELETE SET NULL,
  product_id    bigint REFERENCES products (id) ON DELETE SET NULL,
  sku           text NOT NULL,
  name          text NOT NULL,
  variant_label text NOT NULL DEFAULT '',
  unit_price    bigint NOT NULL CHECK (unit_price >= 0),
  quantity      integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  amount        bigint NOT NULL CHECK (amount >= 0),
  tax           bigint NOT NULL CHECK (tax >= 0),
  -- Whether this line took units from stock_on_hand (not for variants that do not track stock).
  reserved      boolean NOT NULL,
  PRIMARY KEY (order_id, position)
);

-- Every change of state: who, when, from what, to what, and why.
CREATE TABLE order_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'system', 'customer', 'stripe')),
  actor_id    text,
  from_status text,
  to_status   text NOT NULL,
  note        text NOT NULL DEFAULT ''
);
CREATE INDEX order_history_order_idx ON order_history (order_id, id);

-- Stripe deliveries, stored by event id before anything else happens, then applied once
-- (checkout/stripe_events). An event that fails to apply stays here for the retry job.
CREATE TABLE stripe_events (
  id              text PRIMARY KEY CHECK (id ~ '^evt_[A-Za-z0-9_]{1,250}$'),
  type            text NOT NULL,
  payload         jsonb NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  deliveries      integer NOT NULL DEFAULT 1,
  applied_at      timestamptz,
  outcome         text,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text
);
CREATE INDEX stripe_events_pending_idx ON stripe_events (next_attempt_at) WHERE applied_at IS NULL;
