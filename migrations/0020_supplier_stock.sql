-- The supplier engine's side of the shop (docs/suppliers.md, "The shop's side").
--
-- A variant's sellable stock is its own stock plus what its mapped suppliers have: the supplier
-- engine sets `supplier_stock` after each catalog sync (the catalog module owns the column and
-- writes it through catalog::Inventory). An order takes units from the shop's own stock first,
-- then from the suppliers' share, and its line remembers how many came from the suppliers, so a
-- cancelled order gives each unit back where it came from.
ALTER TABLE variants
  ADD COLUMN supplier_stock integer NOT NULL DEFAULT 0 CHECK (supplier_stock >= 0);

ALTER TABLE order_lines
  ADD COLUMN supplier_units integer NOT NULL DEFAULT 0 CHECK (supplier_units >= 0);

-- products.in_stock counts the suppliers' stock too (the storefront's "in stock" filter).
CREATE OR REPLACE FUNCTION refresh_product_offers(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE products p
     SET cheapest_price_cents = c.price_cents,
         cheapest_compare_at_cents = c.compare_at_cents,
         currency = c.currency,
         in_stock = c.in_stock,
         version = p.version + 1
    FROM (SELECT DISTINCT ON (v.product_id) v.product_id, v.price_cents, v.compare_at_cents,
                 v.currency,
                 bool_or(NOT v.track_inventory OR v.stock_on_hand + v.supplier_stock > 0)
                   OVER (PARTITION BY v.product_id) AS in_stock
            FROM variants v
           WHERE v.product_id = ANY (ids)
           ORDER BY v.product_id, v.price_cents, v.position, v.id) c
   WHERE p.id = c.product_id
$$;

-- Two more things that need someone: a paid line no supplier could take (none mapped, in stock
-- and above the margin floor), and a shop order cancelled or refunded after its supplier order
-- was sent (the supplier must be asked to stop it).
ALTER TABLE supplier_alerts DROP CONSTRAINT supplier_alerts_kind_check;
ALTER TABLE supplier_alerts ADD CONSTRAINT supplier_alerts_kind_check
  CHECK (kind IN ('LOW_STOCK', 'SYNC_FAILED', 'API_FAILING', 'RATE_LIMITED', 'ORDER_STUCK',
                  'ORDER_FAILED', 'ORDER_UNROUTED', 'CANCEL_AT_SUPPLIER'));
