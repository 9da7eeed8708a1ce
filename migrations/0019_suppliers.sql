-- The supplier engine (src/suppliers, docs/suppliers.md): the shop's suppliers and what the
-- engine learns from them (their catalog, the mapping of their variants to the shop's), the
-- supplier orders the shop's paid orders become, and the engine's own records (sync runs, API
-- calls, alerts). Owned by the suppliers module; the shop's other modules reach it through its
-- services.

CREATE TABLE suppliers (
  id                    bigserial PRIMARY KEY,
  name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type                  text NOT NULL
                        CHECK (type IN ('PRINTIFY', 'AMAZON', 'ETSY', 'EBAY', 'DROPSHIPPER',
                                        'LOCAL_STOCK')),
  fulfillment_type      text NOT NULL
                        CHECK (fulfillment_type IN ('DROPSHIPPING', 'PRINT_ON_DEMAND',
                                                    'LOCAL_STOCK', 'HYBRID')),
  active                boolean NOT NULL DEFAULT true,
  -- The platform's API origin; '' = the platform's own (a sandbox or a local fake stands in).
  api_base              text NOT NULL DEFAULT '' CHECK (length(api_base) <= 500),
  -- Which account at the platform: Printify's shop id, Amazon's marketplace, Etsy's shop id…
  account               text NOT NULL DEFAULT '' CHECK (length(account) <= 200),
  currency              text NOT NULL DEFAULT 'CAD' CHECK (currency ~ '^[A-Z]{3}$'),
  minimum_order_amount  bigint NOT NULL DEFAULT 0 CHECK (minimum_order_amount >= 0),
  default_shipping_days integer NOT NULL DEFAULT 7
                        CHECK (default_shipping_days BETWEEN 0 AND 365),
  contact_name          text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 200),
  contact_email         text NOT NULL DEFAULT '' CHECK (length(contact_email) <= 254),
  notes                 text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  -- The JSON object of the connector's secrets (tokens, keys), sealed with the shop's
  -- COMPTOIR_SECRET_KEYS ("suppliers:<id>:credentials"); never read back in clear outside the
  -- engine. key_id, read from the seal's header, lets `comptoir keys rotate` find old ones.
  credentials           text,
  credentials_key_id    text GENERATED ALWAYS AS (split_part(credentials, '.', 2)) STORED,
  -- Tokens the connector obtained (OAuth access and refresh tokens), sealed the same way
  -- ("suppliers:<id>:session").
  session               text,
  session_key_id        text GENERATED ALWAYS AS (split_part(session, '.', 2)) STORED,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX suppliers_name_idx ON suppliers (lower(name));
CREATE INDEX suppliers_credentials_key_idx ON suppliers (credentials_key_id);
CREATE INDEX suppliers_session_key_idx ON suppliers (session_key_id);

-- The supplier's catalog as the last sync saw it.
CREATE TABLE supplier_products (
  id           bigserial PRIMARY KEY,
  supplier_id  bigint NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  external_id  text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  title        text NOT NULL DEFAULT '',
  raw          jsonb NOT NULL DEFAULT '{}',
  last_sync_at timestamptz NOT NULL DEFAULT now(),
  -- OK, ERROR (the last sync could not read it: sync_errors says why), GONE (no longer listed).
  sync_status  text NOT NULL DEFAULT 'OK' CHECK (sync_status IN ('OK', 'ERROR', 'GONE')),
  sync_errors  text NOT NULL DEFAULT '',
  UNIQUE (supplier_id, external_id)
);

CREATE TABLE supplier_variants (
  id                  bigserial PRIMARY KEY,
  supplier_id         bigint NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  supplier_product_id bigint NOT NULL REFERENCES supplier_products (id) ON DELETE CASCADE,
  external_id         text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  sku                 text NOT NULL DEFAULT '',
  gtin                text NOT NULL DEFAULT '',
  title               text NOT NULL DEFAULT '',
  cost                bigint CHECK (cost >= 0),             -- minor units of `currency`
  currency            text NOT NULL DEFAULT 'CAD' CHECK (currency ~ '^[A-Z]{3}$'),
  stock               integer CHECK (stock >= 0),           -- NULL: the supplier does not say
  suggested_price     bigint CHECK (suggested_price >= 0),
  available           boolean NOT NULL DEFAULT true,
  raw                 jsonb NOT NULL DEFAULT '{}',
  last_sync_at        timestamptz NOT NULL DEFAULT now(),
  sync_status         text NOT NULL DEFAULT 'OK' CHECK (sync_status IN ('OK', 'ERROR', 'GONE')),
  sync_errors         text NOT NULL DEFAULT '',
  UNIQUE (supplier_id, external_id)
);

CREATE INDEX supplier_variants_product_idx ON supplier_variants (supplier_product_id);
CREATE INDEX supplier_variants_sku_idx ON supplier_variants (sku) WHERE sku <> '';
CREATE INDEX supplier_variants_gtin_idx ON supplier_variants (gtin) WHERE gtin <> '';

-- Which supplier variant can fulfil which of the shop's variants. One shop variant may have
-- several suppliers: the lowest priority number is the preferred one.
CREATE TABLE supplier_mappings (
  id                  bigserial PRIMARY KEY,
  supplier_variant_id bigint NOT NULL UNIQUE REFERENCES supplier_variants (id) ON DELETE CASCADE,
  variant_id          bigint NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
  priority            integer NOT NULL DEFAULT 100 CHECK (priority BETWEEN 0 AND 10000),
  source              text NOT NULL CHECK (source IN ('SKU', 'GTIN', 'MANUAL')),
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX supplier_mappings_variant_idx ON supplier_mappings (variant_id, priority);

-- What the shop asks of a supplier for one paid order: created in the payment's transaction,
-- then sent, confirmed and tracked by the engine.
CREATE TABLE supplier_orders (
  id               bigserial PRIMARY KEY,
  supplier_id      bigint NOT NULL REFERENCES suppliers (id),
  order_id         bigint NOT NULL REFERENCES orders (id),
  -- The id the supplier knows the order by on our side (Printify's external_id, Amazon's
  -- sellerFulfillmentOrderId): a retry finds the first attempt's order by it.
  external_id      text NOT NULL UNIQUE,
  state            text NOT NULL DEFAULT 'PENDING'
                   CHECK (state IN ('PENDING', 'SENT_TO_SUPPLIER', 'CONFIRMED', 'IN_PRODUCTION',
                                    'SHIPPED', 'DELIVERED', 'CANCELLED', 'FAILED')),
  supplier_order_number text NOT NULL DEFAULT '',
  carrier          text NOT NULL DEFAULT '',
  tracking_number  text NOT NULL DEFAULT '',
  tracking_url     text NOT NULL DEFAULT '',
  currency         text NOT NULL DEFAULT 'CAD' CHECK (currency ~ '^[A-Z]{3}$'),
  items_cost       bigint NOT NULL DEFAULT 0,
  shipping_cost    bigint NOT NULL DEFAULT 0,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  -- A dispatcher working on the order renews this; another takes over once it is old.
  claimed_until    timestamptz,
  last_error       text NOT NULL DEFAULT '',
  -- When the shop took the shipment into its own order (mail sent): NULL until then.
  shop_notified_at timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  state_changed_at timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1
);

CREATE INDEX supplier_orders_order_idx ON supplier_orders (order_id);
CREATE INDEX supplier_orders_due_idx ON supplier_orders (next_attempt_at)
  WHERE state IN ('PENDING', 'SENT_TO_SUPPLIER', 'CONFIRMED', 'IN_PRODUCTION');
CREATE INDEX supplier_orders_shipped_idx ON supplier_orders (id)
  WHERE state IN ('SHIPPED', 'DELIVERED') AND shop_notified_at IS NULL;
CREATE INDEX supplier_orders_supplier_idx ON supplier_orders (supplier_id, state);

CREATE TABLE supplier_order_items (
  id                  bigserial PRIMARY KEY,
  supplier_order_id   bigint NOT NULL REFERENCES supplier_orders (id) ON DELETE CASCADE,
  -- The shop order's line this item fulfils (order_lines is keyed by order and position).
  order_id            bigint NOT NULL,
  line_position       integer NOT NULL,
  supplier_variant_id bigint NOT NULL REFERENCES supplier_variants (id),
  quantity            integer NOT NULL CHECK (quantity > 0),
  unit_cost           bigint NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
  FOREIGN KEY (order_id, line_position) REFERENCES order_lines (order_id, position),
  UNIQUE (supplier_order_id, line_position)
);

-- One catalog sync of one supplier. A run whose process died is continued from `cursor` (the
-- platform's next page) once its heartbeat is old.
CREATE TABLE supplier_sync_runs (
  id             bigserial PRIMARY KEY,
  supplier_id    bigint NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  status         text NOT NULL DEFAULT 'RUNNING'
                 CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'CANCELLED')),
  cursor         text NOT NULL DEFAULT '',
  pages          integer NOT NULL DEFAULT 0,
  products_seen  integer NOT NULL DEFAULT 0,
  variants_seen  integer NOT NULL DEFAULT 0,
  created_count  integer NOT NULL DEFAULT 0,
  updated_count  integer NOT NULL DEFAULT 0,
  error_count    integer NOT NULL DEFAULT 0,
  mapped_count   integer NOT NULL DEFAULT 0,
  errors         text NOT NULL DEFAULT '',
  started_at     timestamptz NOT NULL DEFAULT now(),
  heartbeat_at   timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);

CREATE INDEX supplier_sync_runs_supplier_idx ON supplier_sync_runs (supplier_id, id DESC);
CREATE UNIQUE INDEX supplier_sync_runs_running_idx ON supplier_sync_runs (supplier_id)
  WHERE status = 'RUNNING';

-- Every call a connector made, secrets redacted from the bodies, kept a configurable number of
-- days.
CREATE TABLE supplier_api_calls (
  id            bigserial PRIMARY KEY,
  supplier_id   bigint REFERENCES suppliers (id) ON DELETE CASCADE,
  connector     text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  status        integer NOT NULL DEFAULT 0,  -- 0: no answer (network error, timeout)
  latency_ms    integer NOT NULL DEFAULT 0,
  attempt       integer NOT NULL DEFAULT 1,
  request_id    text NOT NULL DEFAULT '',
  request_body  text NOT NULL DEFAULT '',
  response_body text NOT NULL DEFAULT '',
  error         text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX supplier_api_calls_created_idx ON supplier_api_calls (created_at);
CREATE INDEX supplier_api_calls_supplier_idx ON supplier_api_calls (supplier_id, id DESC);

-- What needs someone's attention: one open alert per kind, supplier and subject.
CREATE TABLE supplier_alerts (
  id          bigserial PRIMARY KEY,
  supplier_id bigint REFERENCES suppliers (id) ON DELETE CASCADE,
  kind        text NOT NULL
              CHECK (kind IN ('LOW_STOCK', 'SYNC_FAILED', 'API_FAILING', 'RATE_LIMITED',
                              'ORDER_STUCK', 'ORDER_FAILED')),
  subject     text NOT NULL DEFAULT '',
  message     text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  seen_at     timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);

CREATE UNIQUE INDEX supplier_alerts_open_idx ON supplier_alerts (kind, coalesce(supplier_id, 0), subject)
  WHERE resolved_at IS NULL;
