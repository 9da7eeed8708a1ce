-- The back office lists products of every status (docs/admin.md): `status = ANY (…)` cannot walk
-- the status-led indexes of 0002 in order, so with a million products each page sorted them all.
-- These give its orders without status. (The filter by fulfilment type has its own, 0017.)
CREATE INDEX products_created ON products (created_at DESC, id DESC);
CREATE INDEX products_cheapest ON products (cheapest_price_cents, id);
CREATE INDEX category_listings_newest_any
  ON category_listings (category_id, created_at DESC, product_id DESC);
CREATE INDEX category_listings_price_any ON category_listings (category_id, price_cents, product_id);
-- Staff searches (any status) walk the most popular matches first, as the storefront's do.
CREATE INDEX product_translations_popular ON product_translations (locale, popularity DESC, product_id);
