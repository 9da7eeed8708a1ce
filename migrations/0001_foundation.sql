-- Shop-wide settings (name, contact, currency, tax region …), one JSON value per key.
-- `comptoir seed --demo` fills them; the back office edits them.
CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
