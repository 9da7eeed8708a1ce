-- The back office filters its product list by fulfilment type (docs/admin.md): dropshipped or
-- printed-on-demand products are a few among many, so the filter walks this index instead of the
-- whole catalog, newest first as the list's default order.
CREATE INDEX products_fulfillment_idx ON products (fulfillment_type, created_at DESC, id DESC);
