-- Accounts: users, roles and permissions, sessions, one-time email tokens, the email outbox,
-- rate-limit buckets, TOTP recovery codes, encrypted addresses, the Clerk event log and the
-- append-only audit log.

-- Fine-grained permission strings; roles are named sets of them. Built-in roles are seeded here
-- and cannot be deleted; a shop adds its own.
CREATE TABLE permissions (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z_]+:[a-z_]+$'),
  description text NOT NULL
);

INSERT INTO permissions (name, description) VALUES
  ('catalog:read',    'See unpublished products and categories'),
  ('catalog:write',   'Create, change and delete catalog entries'),
  ('orders:read',     'See orders'),
  ('orders:write',    'Change orders (status, notes, shipping)'),
  ('orders:refund',   'Refund payments'),
  ('customers:read',  'See customer accounts and their addresses'),
  ('users:manage',    'Create staff users and change roles'),
  ('settings:manage', 'Change shop settings, taxes and keys'),
  ('audit:read',      'Read the audit log');

CREATE TABLE roles (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9_]{1,39}$'),
  description text NOT NULL DEFAULT '',
  built_in    boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_permissions (
  role_id    bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  permission text NOT NULL REFERENCES permissions (name),
  PRIMARY KEY (role_id, permission)
);

INSERT INTO roles (name, description, built_in) VALUES
  ('customer',        'A shopper: their own account, carts and orders', true),
  ('support',         'Answers customers: reads orders, customers and the catalog', true),
  ('catalog_manager', 'Edits the catalog', true),
  ('order_manager',   'Handles orders, shipping and refunds', true),
  ('admin',           'Runs the shop: every permission', true),
  ('owner',           'Owns the shop: every permission; only an owner changes an owner', true);

INSERT INTO role_permissions (role_id, permission)
SELECT r.id, p.permission
FROM roles r
JOIN (VALUES
  ('support', 'orders:read'), ('support', 'customers:read'), ('support', 'catalog:read'),
  ('catalog_manager', 'catalog:read'), ('catalog_manager', 'catalog:write'),
  ('order_manager', 'orders:read'), ('order_manager', 'orders:write'),
  ('order_manager', 'orders:refund'), ('order_manager', 'customers:read'),
  ('order_manager', 'catalog:read')
) AS p (role, permission) ON p.role = r.name;

INSERT INTO role_permissions (role_id, permission)
SELECT r.id, p.name FROM roles r CROSS JOIN permissions p WHERE r.name IN ('admin', 'owner');

-- A user signs in with a password (built-in) or comes from Clerk (clerk_user_id, and then
-- possibly no password). Emails are unique case-insensitively. A user holds one role.
CREATE TABLE users (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email              text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
  email_verified_at  timestamptz,
  password_hash      text CHECK (password_hash LIKE '$argon2id$%'),
  display_name       text NOT NULL DEFAULT '' CHECK (length(display_name) <= 200),
  locale             text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  role_id            bigint NOT NULL REFERENCES roles (id),
  -- Sealed (core::seal) phone number: "v1.<key id>.<nonce+ciphertext>", associated data
  -- "users:<id>:phone" (accounts/sealed_fields.hpp).
  phone_sealed       text,
  -- TOTP: the sealed base32 secret ("users:<id>:totp_secret"), set at enrolment start,
  -- confirmed by a first good code.
  totp_secret_sealed text,
  totp_enabled_at    timestamptz,
  totp_last_step     bigint NOT NULL DEFAULT 0,
  clerk_user_id      text UNIQUE,
  -- Clerk's updated_at (ms since the epoch) of the last event applied: an older event arriving
  -- late never overwrites a newer one.
  clerk_updated_at   bigint,
  locked_until       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  disabled_at        timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_role_idx ON users (role_id);

CREATE TABLE recovery_codes (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash  text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, code_hash)
);

-- Server-side sessions, guest or signed in, so any process serves any request. The cookie holds
-- a random 256-bit id; only its SHA-256 is stored. Idle and absolute limits are checked on read.
CREATE TABLE sessions (
  id_hash        text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  user_id        bigint REFERENCES users (id) ON DELETE CASCADE,
  csrf_secret    text NOT NULL CHECK (csrf_secret ~ '^[0-9a-f]{64}$'),
  staff          boolean NOT NULL DEFAULT false,
  mfa_at         timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  ip             inet,
  user_agent     text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 512)
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

-- Single-use tokens sent by email (verification, password reset). Only the hash is stored.
CREATE TABLE email_tokens (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at <= created_at + interval '1 hour')
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);

-- Transactional mail waits here, written in the same transaction as what caused it; the email
-- worker (notifications work) sends and marks it. Nothing is lost if SMTP is down.
CREATE TABLE email_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address      text NOT NULL,
  locale          text NOT NULL CHECK (locale IN ('fr', 'en')),
  template        text NOT NULL,
  payload         jsonb NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  last_error      text
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Token buckets for brute-force protection, shared by every process: `bucket` is e.g.
-- "login:ip:203.0.113.9" or "login:account:42".
CREATE TABLE rate_limit_buckets (
  bucket     text PRIMARY KEY CHECK (length(bucket) <= 200),
  tokens     double precision NOT NULL,
  strikes    integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Saved addresses, encrypted at rest: the whole address is one sealed JSON value bound to its row
-- ("addresses:<id>"); key_id, read from the seal's header, lets `comptoir keys rotate` find the
-- values still under an old key through an index.
CREATE TABLE addresses (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  sealed     text NOT NULL CHECK (sealed ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+$'),
  key_id     text NOT NULL GENERATED ALWAYS AS (split_part(sealed, '.', 2)) STORED,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addresses_user_idx ON addresses (user_id);
CREATE INDEX addresses_key_idx ON addresses (key_id);

-- Clerk (Svix) deliveries, stored once by their svix-id before being applied.
CREATE TABLE clerk_events (
  svix_id     text PRIMARY KEY,
  type        text NOT NULL,
  payload     jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  applied_at  timestamptz,
  last_error  text
);

-- Every staff action and security event. Append-only: the application never updates or deletes
-- a row, and the triggers below make sure nobody does by mistake.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'system', 'anonymous')),
  actor_id    bigint,
  action      text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  target_kind text,
  target_id   text,
  ip          inet,
  request_id  text,
  details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, occurred_at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
