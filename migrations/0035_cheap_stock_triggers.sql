-- Cheap stock triggers (#16): a sale's UPDATE of its variant's stock ran the two statement
-- triggers of 0034 for ~300 µs of PostgreSQL's time, six times the UPDATE itself (pgbench, 4
-- clients: 2 700 updates/s with them, 17 900 without). Three costs, none of them needed when the
-- sale leaves the variant as buyable as it was, which is nearly every sale:
--   - refresh_product_offers(), a SQL function holding an UPDATE, is planned again at every call
--     (it cannot be inlined), and was called with an empty array too: now only with ids;
--   - variant_shows_change() compared two to_jsonb() of the whole rows, twice per row (once per
--     side of a UNION): it now compares the columns, once per row;
--   - notify_products_changed() was called for nothing.
-- Together: 11 700 updates/s. What notifies and what drops is unchanged (docs/storefront.md).

-- Whether a variant's update changes what a page shows: any column but its stock counts (and
-- updated_at), or whether it can be bought. Every other column of `variants` is named here: a
-- column added later must be added too (catalog_notify_test checks that none is missing).
CREATE OR REPLACE FUNCTION variant_shows_change(o variants, n variants) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (n.id, n.product_id, n.sku, n.gtin, n.option_values, n.price_cents, n.compare_at_cents,
          n.currency, n.track_inventory, n.position, n.version, n.created_at)
           IS DISTINCT FROM
         (o.id, o.product_id, o.sku, o.gtin, o.option_values, o.price_cents, o.compare_at_cents,
          o.currency, o.track_inventory, o.position, o.version, o.created_at)
      OR variant_available(n.track_inventory, n.stock_on_hand, n.supplier_stock)
           IS DISTINCT FROM variant_available(o.track_inventory, o.stock_on_hand, o.supplier_stock)
      OR (n.stock_on_hand + n.supplier_stock > 0) IS DISTINCT FROM (o.stock_on_hand + o.supplier_stock > 0)
$$;


-- A sale that leaves every variant as buyable as it was rewrites no product row, and now calls
-- nothing either.
CREATE OR REPLACE FUNCTION variants_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  ids := ARRAY(SELECT DISTINCT x.product_id
          FROM new_rows n JOIN old_rows o ON o.id = n.id,
               LATERAL (VALUES (n.product_id), (o.product_id)) x (product_id)
         WHERE variant_shows_change(o, n));
  IF cardinality(ids) > 0 THEN
    PERFORM refresh_product_offers(ids);
  END IF;
  RETURN NULL;
END $$;

-- 0034's, with the variants' ids read once per row and no call when nothing changed.
CREATE OR REPLACE FUNCTION catalog_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
    ids := ARRAY(SELECT DISTINCT x.product_id
                   FROM new_rows n JOIN old_rows o ON o.id = n.id,
                        LATERAL (VALUES (n.product_id), (o.product_id)) x (product_id)
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
  IF cardinality(ids) > 0 THEN
    PERFORM notify_products_changed(ids, left_categories);
  END IF;
  RETURN NULL;
END $$;
