-- A product's read row (#16, the cold product page). A product page that no cache holds read its
-- product from six tables in one statement: the product, its two texts, its variants, pictures and
-- categories built as JSON. Over a million products that statement was two thirds of a cold
-- page's PostgreSQL time (pgbench, 8 clients on 2 cores: 4 100 statements/s; the same product
-- read from one row found by its slug: 8 400–8 600).
--
-- product_reads holds, per product, what CatalogRepository's product columns
-- (COMPTOIR_PRODUCT_COLUMNS) give: one row, found by its id or by the current slug of either
-- locale. It is rebuilt exactly when the processes' caches are told to drop the product, so it
-- shows what they would have read: its variants' stock counts are those of the product's last
-- change a page shows (a sale that leaves every variant as buyable as it was rebuilds nothing,
-- as it drops nothing; docs/storefront.md, "What a change drops"). Reading the counts live cost
-- a third of the statement (5 900 statements/s), for figures no page shows.
--
-- The row follows its product's tables through notify_products_changed(), which every change of
-- a product a page shows already passes through (migrations 0034, 0035, 0037): the product's id
-- is queued there, and the row is rebuilt once, when the transaction commits (a deferred
-- trigger), however many statements the transaction wrote: saving a product writes five tables,
-- a bulk batch four. Inside the writing transaction, the row still shows the product as it was:
-- writes read the tables themselves (CatalogRepository::product), never this row.
--
-- Slugs are indexed but not unique here: two products swapping slugs in one transaction are
-- rebuilt one after the other. product_translations keeps the slugs unique.

CREATE TABLE product_reads (
  product_id bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
  status text NOT NULL,
  fulfillment_type text NOT NULL,
  brand text NOT NULL,
  tax_class text NOT NULL,
  weight_grams integer NOT NULL,
  primary_category_id bigint,
  featured boolean NOT NULL,
  popularity integer NOT NULL,
  options text NOT NULL,
  version integer NOT NULL,
  created_epoch bigint NOT NULL,
  updated_epoch bigint NOT NULL,
  -- NULL when the product has no text in that locale (the LEFT JOIN of CatalogRepository).
  fr_name text,
  fr_slug text COLLATE "C",
  fr_short_description text,
  fr_description text,
  fr_meta_title text,
  fr_meta_description text,
  en_name text,
  en_slug text COLLATE "C",
  en_short_description text,
  en_description text,
  en_meta_title text,
  en_meta_description text,
  category_ids text NOT NULL,  -- JSON arrays, as CatalogRepository builds them
  variants text NOT NULL,
  images text NOT NULL
);
CREATE INDEX product_reads_fr_slug ON product_reads (fr_slug);
CREATE INDEX product_reads_en_slug ON product_reads (en_slug);

-- Rebuilds the rows of `ids` from the product's tables; a product gone has lost its row already
-- (ON DELETE CASCADE).
CREATE FUNCTION refresh_product_reads(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO product_reads
  SELECT p.id, p.status, p.fulfillment_type, p.brand, p.tax_class, p.weight_grams,
         p.primary_category_id, p.featured, p.popularity, p.options::text, p.version,
         extract(epoch FROM p.created_at)::bigint, extract(epoch FROM p.updated_at)::bigint,
         fr.name, fr.slug, fr.short_description, fr.description, fr.meta_title,
         fr.meta_description,
         en.name, en.slug, en.short_description, en.description, en.meta_title,
         en.meta_description,
         (SELECT coalesce(json_agg(pc.category_id ORDER BY pc.position, pc.category_id), '[]')
            FROM product_categories pc WHERE pc.product_id = p.id)::text,
         (SELECT coalesce(json_agg(json_build_object('id', v.id, 'sku', v.sku, 'gtin', v.gtin,
                   'option_values', v.option_values, 'price_cents', v.price_cents,
                   'compare_at_cents', v.compare_at_cents, 'currency', v.currency,
                   'stock_on_hand', v.stock_on_hand, 'supplier_stock', v.supplier_stock,
                   'track_inventory', v.track_inventory, 'position', v.position,
                   'version', v.version) ORDER BY v.position, v.id), '[]')
            FROM variants v WHERE v.product_id = p.id)::text,
         (SELECT coalesce(json_agg(json_build_object('id', i.id, 'path', i.path, 'width', i.width,
                   'height', i.height, 'alt', i.alt, 'position', i.position)
                   ORDER BY i.position, i.id), '[]')
            FROM product_images i WHERE i.product_id = p.id)::text
    FROM (SELECT DISTINCT unnest(ids) AS id) x
    JOIN products p ON p.id = x.id
    LEFT JOIN product_translations fr ON fr.product_id = p.id AND fr.locale = 'fr'
    LEFT JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en'
  ON CONFLICT (product_id) DO UPDATE SET
    status = EXCLUDED.status, fulfillment_type = EXCLUDED.fulfillment_type,
    brand = EXCLUDED.brand, tax_class = EXCLUDED.tax_class,
    weight_grams = EXCLUDED.weight_grams, primary_category_id = EXCLUDED.primary_category_id,
    featured = EXCLUDED.featured, popularity = EXCLUDED.popularity, options = EXCLUDED.options,
    version = EXCLUDED.version, created_epoch = EXCLUDED.created_epoch,
    updated_epoch = EXCLUDED.updated_epoch,
    fr_name = EXCLUDED.fr_name, fr_slug = EXCLUDED.fr_slug,
    fr_short_description = EXCLUDED.fr_short_description,
    fr_description = EXCLUDED.fr_description, fr_meta_title = EXCLUDED.fr_meta_title,
    fr_meta_description = EXCLUDED.fr_meta_description,
    en_name = EXCLUDED.en_name, en_slug = EXCLUDED.en_slug,
    en_short_description = EXCLUDED.en_short_description,
    en_description = EXCLUDED.en_description, en_meta_title = EXCLUDED.en_meta_title,
    en_meta_description = EXCLUDED.en_meta_description,
    category_ids = EXCLUDED.category_ids, variants = EXCLUDED.variants, images = EXCLUDED.images
$$;

-- The products a transaction changed, one row per statement, until it commits, found by the
-- transaction's id: the rows deleted by the transactions before it stay in the heap until a vacuum,
-- and an import commits thousands of transactions a minute (a flush that scanned the whole table
-- slowed bench/import's apply by half). Unlogged: the rows never outlive their transaction, so a
-- crash has nothing to keep, and the catalog's writes pay no log record for them.
CREATE UNLOGGED TABLE product_reads_pending (
  xact xid8 NOT NULL DEFAULT pg_current_xact_id(),
  product_ids bigint[] NOT NULL
);
CREATE INDEX product_reads_pending_xact ON product_reads_pending (xact);

-- At commit (deferred), once per queued row: the first call rebuilds every product the
-- transaction queued and empties the queue; the calls after it find the queue empty.
--
-- Two transactions that changed one product (a sale that sold it out, an edit of its pictures)
-- must not each rebuild it from a snapshot that misses the other's change. So the rows are locked
-- first, in id order, and the rebuild, a statement of its own, reads a snapshot taken once the lock
-- is held: after the other committed. Only flushes lock these rows, in one order, so flushes do
-- not deadlock one another (but for a product's DELETE, which holds its row from then on).
-- That holds at READ COMMITTED, the isolation every catalog write runs at (db::Database::transact's
-- default); a REPEATABLE READ transaction would rebuild from its first snapshot.
CREATE FUNCTION product_reads_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  WITH gone AS (DELETE FROM product_reads_pending WHERE xact = pg_current_xact_id()
                RETURNING product_ids)
  SELECT ARRAY(SELECT DISTINCT unnest(product_ids) FROM gone) INTO ids;
  IF cardinality(ids) > 0 THEN
    PERFORM 1 FROM product_reads r JOIN unnest(ids) AS x (id) ON x.id = r.product_id
      ORDER BY r.product_id FOR UPDATE OF r;
    PERFORM refresh_product_reads(ids);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER product_reads_flush AFTER INSERT ON product_reads_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION product_reads_flush();

-- Every change of a product a page shows comes through notify_products_changed() (0034), for up to
-- 64 products as for an import's thousands: it now queues the products' read rows, then notifies
-- as before (0034's function, renamed).
ALTER FUNCTION notify_products_changed(bigint[], bigint[]) RENAME TO notify_caches_of_products;

CREATE FUNCTION notify_products_changed(ids bigint[], left_categories bigint[] DEFAULT '{}')
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(ids), 0) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO product_reads_pending (product_ids) VALUES (ids);
  PERFORM notify_caches_of_products(ids, left_categories);
END $$;

-- A TRUNCATE of a table a read row is built from names no rows: every product is rebuilt.
-- (TRUNCATE products must cascade to product_reads, which PostgreSQL asks for by itself.)
CREATE FUNCTION product_reads_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO product_reads_pending (product_ids) SELECT ARRAY(SELECT id FROM products);
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['product_translations', 'product_categories', 'variants',
                           'product_images']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION product_reads_truncated()',
                   t || '_reads_truncate', t);
  END LOOP;
END $$;

-- The products there are already.
SELECT refresh_product_reads(ARRAY(SELECT id FROM products));
