-- Product imports from a spreadsheet (the back office's CSV import, docs/admin.md): the file is
-- kept with its import, a background job checks it (the dry run: nothing written) and, once staff
-- asked for it, applies it. Each pass writes one outcome per line of the file. An import is
-- idempotent, so a pass interrupted by a crash is simply run again from the start.
CREATE TABLE catalog_imports (
  id            bigserial PRIMARY KEY,
  created_by    bigint REFERENCES users (id) ON DELETE SET NULL,
  created_by_email text NOT NULL DEFAULT '',  -- as it was when the file was sent
  file_name     text NOT NULL CHECK (length(file_name) <= 255),
  content       text NOT NULL,
  -- checking → checked → applying → applied; failed when a pass met a fault (not a refused line).
  status        text NOT NULL DEFAULT 'checking'
                CHECK (status IN ('checking', 'checked', 'applying', 'applied', 'failed')),
  rows_total    integer NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
  rows_done     integer NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  created_count   integer NOT NULL DEFAULT 0,
  changed_count   integer NOT NULL DEFAULT 0,
  unchanged_count integer NOT NULL DEFAULT 0,
  refused_count   integer NOT NULL DEFAULT 0,
  error         text,
  -- The pass that is running renews this; a pass whose process died is taken up again once it
  -- is old.
  heartbeat_at  timestamptz,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  checked_at    timestamptz,
  applied_at    timestamptz,
  -- Who asked for the apply, for the audit entries of the products it writes.
  applied_by    bigint REFERENCES users (id) ON DELETE SET NULL,
  applied_ip    text
);

CREATE INDEX catalog_imports_pending_idx ON catalog_imports (id)
  WHERE status IN ('checking', 'applying');

CREATE TABLE catalog_import_rows (
  import_id   bigint NOT NULL REFERENCES catalog_imports (id) ON DELETE CASCADE,
  line        integer NOT NULL,
  sku         text NOT NULL DEFAULT '',
  product_id  bigint,
  product_name text NOT NULL DEFAULT '',
  outcome     text NOT NULL CHECK (outcome IN ('created', 'changed', 'unchanged', 'refused')),
  -- changed: {"changes": {field: {before, after}}}; refused: {"errors": [{field, key, detail}]}
  details     jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (import_id, line)
);
