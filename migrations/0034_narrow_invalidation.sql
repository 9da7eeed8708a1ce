-- Narrow invalidation (#16): `catalog_changed` now says what changed, and says nothing when
-- nothing a page shows changed. Every process keeps the catalog and whole storefront pages in
-- memory; until now each notification (one per sale: the variants trigger) dropped all of them.
--
-- Payloads (docs/storefront.md, "What a change drops"):
--   product:<id>   the product's own rows changed (itself, its texts, pictures, variants, category
--                  links, slug history): its page, and the listings that show it;
--   category:<id>  the listing of that category may change (a product in it, or in a category
--                  under it, changed or came or left);
--   categories     the category tree or its texts (every page shows them somewhere): everything;
--   anything else (the table names of the triggers of 0002, an empty payload): everything, so
--   another notifier keeps working.
--
-- What a storefront page shows of a variant's stock is whether it can be bought ("in stock" or
-- "out of stock", per product and per variant), never a count: a stock change that leaves every
-- variant on the same side of zero notifies nothing, and no longer rewrites the product's row
-- (its cheapest offer and in_stock are unchanged, so was everything but its version).

-- Whether a variant can be bought: catalog::Variant::available() (and products.in_stock's test).
CREATE FUNCTION variant_available(track_inventory boolean, stock_on_hand integer,
                                  supplier_stock integer) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT NOT track_inventory OR greatest(stock_on_hand, 0) + supplier_stock > 0
$$;

-- `product:<id>` for each product, and `category:<id>` for every category whose listing may show
-- one of them: those they are listed under now (category_listings holds the ancestors too), and
-- `left_categories` (the ones a product just left) with their ancestors. A write of more than 64
-- products (an import, a bulk seed) sends one payload-less notification instead: everything.
CREATE FUNCTION notify_products_changed(ids bigint[], left_categories bigint[] DEFAULT '{}')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  one bigint;
BEGIN
  IF coalesce(cardinality(ids), 0) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(ids) > 64 THEN
    PERFORM pg_notify('catalog_changed', '');
    RETURN;
  END IF;
  FOREACH one IN ARRAY ids LOOP
    PERFORM pg_notify('catalog_changed', 'product:' || one);
  END LOOP;
  FOR one IN
    WITH RECURSIVE up (id) AS (
      SELECT unnest(left_categories)
      UNION
      SELECT c.parent_id FROM up JOIN categories c ON c.id = up.id WHERE c.parent_id IS NOT NULL
    )
    SELECT up.id FROM up
    UNION
    SELECT l.category_id FROM category_listings l WHERE l.product_id = ANY (ids)
  LOOP
    PERFORM pg_notify('catalog_changed', 'category:' || one);
  END LOOP;
END $$;

-- The product ids of a statement's rows, per table (each table's key to its product differs).
CREATE FUNCTION catalog_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  left_categories bigint[] := '{}';
  categories_too boolean;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('catalog_changed', '');
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME IN ('categories', 'category_translations') THEN
    PERFORM pg_notify('catalog_changed', 'categories');
    RETURN NULL;
  END IF;

  -- Each statement names only the transition tables its trigger has (a DELETE has no new_rows).
  IF TG_TABLE_NAME = 'slug_redirects' THEN
    IF TG_OP = 'INSERT' THEN
      ids := ARRAY(SELECT DISTINCT entity_id FROM new_rows WHERE entity = 'product');
      categories_too := EXISTS (SELECT FROM new_rows WHERE entity = 'category');
    ELSIF TG_OP = 'DELETE' THEN
      ids := ARRAY(SELECT DISTINCT entity_id FROM old_rows WHERE entity = 'product');
      categories_too := EXISTS (SELECT FROM old_rows WHERE entity = 'category');
    ELSE
      ids := ARRAY(SELECT entity_id FROM new_rows WHERE entity = 'product'
                   UNION SELECT entity_id FROM old_rows WHERE entity = 'product');
      categories_too := EXISTS (SELECT FROM new_rows WHERE entity = 'category')
                        OR EXISTS (SELECT FROM old_rows WHERE entity = 'category');
    END IF;
    IF categories_too THEN
      PERFORM pg_notify('catalog_changed', 'categories');
    END IF;
    PERFORM notify_products_changed(ids);
    RETURN NULL;
  END IF;

  IF TG_TABLE_NAME = 'products' THEN
    IF TG_OP = 'INSERT' THEN
      ids := ARRAY(SELECT id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
      ids := ARRAY(SELECT id FROM old_rows);
    ELSE  -- a row rewritten as it was (but for updated_at) shows nothing new
      ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE to_jsonb(n) - 'updated_at' IS DISTINCT FROM to_jsonb(o) - 'updated_at');
    END IF;
  ELSIF TG_TABLE_NAME = 'variants' AND TG_OP = 'UPDATE' THEN
    -- Stock counts are shown nowhere; whether the variant can be bought is.
    ids := ARRAY(SELECT n.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE variant_shows_change(o, n)
                 UNION
                 SELECT o.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE variant_shows_change(o, n));
  ELSIF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT product_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT product_id FROM old_rows);
  ELSE
    ids := ARRAY(SELECT n.product_id FROM new_rows n UNION SELECT o.product_id FROM old_rows o);
  END IF;

  -- The categories a product left: its listing there changes too.
  IF TG_TABLE_NAME = 'product_categories' AND TG_OP IN ('UPDATE', 'DELETE') THEN
    left_categories := ARRAY(SELECT DISTINCT category_id FROM old_rows);
  END IF;
  PERFORM notify_products_changed(ids, left_categories);
  RETURN NULL;
END $$;

-- Whether a variant's update changes what a page shows: any column but its stock counts (and
-- updated_at), or whether it can be bought.
CREATE FUNCTION variant_shows_change(o variants, n variants) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT to_jsonb(n) - '{stock_on_hand,supplier_stock,updated_at}'::text[]
           IS DISTINCT FROM to_jsonb(o) - '{stock_on_hand,supplier_stock,updated_at}'::text[]
      OR variant_available(n.track_inventory, n.stock_on_hand, n.supplier_stock)
           IS DISTINCT FROM variant_available(o.track_inventory, o.stock_on_hand, o.supplier_stock)
      OR (n.stock_on_hand + n.supplier_stock > 0) IS DISTINCT FROM (o.stock_on_hand + o.supplier_stock > 0)
$$;

-- A sale that leaves every variant as buyable as it was does not rewrite its product's row: its
-- cheapest offer and in_stock cannot have moved. One fewer row locked and written per order.
CREATE OR REPLACE FUNCTION variants_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_product_offers(ARRAY(
    SELECT n.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE variant_shows_change(o, n)
    UNION
    SELECT o.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE variant_shows_change(o, n)));
  RETURN NULL;
END $$;

-- The triggers of 0002 named the table; one function per statement kind now, with the rows.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['categories', 'category_translations', 'products',
                           'product_translations', 'product_categories', 'variants',
                           'product_images', 'slug_redirects']
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', t || '_notify', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed()',
                   t || '_notify_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I
                    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed()',
                   t || '_notify_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed()',
                   t || '_notify_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed()',
                   t || '_notify_truncate', t);
  END LOOP;
END $$;

DROP FUNCTION notify_catalog_changed();
