-- One trigger for a variant's UPDATE (#16). Every sale updates its variant's stock, and two
-- statement triggers ran for it: variants_offer_update (0002, 0035: the product's offer columns)
-- and variants_notify_update (0034: what the caches drop). Both compared every updated row and
-- built the same list of products; each call of a PL/pgSQL trigger also costs its own setup and
-- transition-table scan. variants_updated() now does both from one list, and the second trigger
-- goes. What is refreshed and what is notified is unchanged (docs/storefront.md).
-- catalog_rows_changed() keeps its branch for an UPDATE of variants, which no trigger calls now
-- (variants' INSERT and DELETE triggers take their own branches).
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
    PERFORM notify_products_changed(ids);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER variants_notify_update ON variants;
