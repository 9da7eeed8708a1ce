-- The back office's order search finds a part of an email through trigrams instead of reading
-- every order (orders::OrderReports::list, issue #12: 100 000 orders). Emails are stored in lower
-- case, so the index is on the column itself. pg_trgm is installed by 0002_catalog.sql.
CREATE INDEX orders_email_trgm ON orders USING gin (email gin_trgm_ops);
