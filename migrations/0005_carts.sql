-- Carts: a guest's hangs on their session (and goes with it), a signed-in user's on the account.
-- When a guest signs in, their cart merges into the account's (cart/cart_service).
CREATE TABLE carts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- ON UPDATE CASCADE: a session's id rotates at sign-in; its cart follows.
  session_id_hash text UNIQUE REFERENCES sessions (id_hash) ON UPDATE CASCADE ON DELETE CASCADE,
  user_id         bigint UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  region_code     text NOT NULL DEFAULT 'CA-QC' REFERENCES tax_regions (code),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (session_id_hash IS NOT NULL OR user_id IS NOT NULL)
);

CREATE TABLE cart_items (
  cart_id    bigint NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  variant_id bigint NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  quantity   integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  -- The unit price when it was added, to tell the visitor when it changed since.
  price_seen bigint NOT NULL CHECK (price_seen >= 0),
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cart_id, variant_id)
);
