-- Redirects of a previous site's URLs (docs/seo.md, "Moving from another site"), owned by the seo
-- module. Looked up only for paths no route serves, from an index every process keeps in memory
-- and reloads when notified (LISTEN redirects_changed).
CREATE TABLE redirects (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The old path, percent-decoded; with is_prefix it matches every path that starts with it.
  from_path  text NOT NULL CHECK (from_path LIKE '/%' AND length(from_path) <= 2000),
  is_prefix  boolean NOT NULL DEFAULT false,
  -- A path of this shop or an http(s) URL; none for 410 (gone).
  target     text CHECK (length(target) <= 2000),
  status     smallint NOT NULL CHECK (status IN (301, 302, 410)),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (from_path, is_prefix),
  CHECK ((status = 410) = (target IS NULL))
);

CREATE FUNCTION notify_redirects_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('redirects_changed', '');
  RETURN NULL;
END $$;

CREATE TRIGGER redirects_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON redirects
  FOR EACH STATEMENT EXECUTE FUNCTION notify_redirects_changed();
