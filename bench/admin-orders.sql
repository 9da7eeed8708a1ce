-- bench/admin's orders: :orders orders of 1 to 3 lines over the last year, in every state
-- (psql -v orders=N -f bench/admin-orders.sql). Lines take variants from a sample of 1 000; states
-- by n: 2 % pending (reserved until tomorrow, so the expiry job leaves them), 3 % cancelled, 2 %
-- refunded, 3 % partly refunded, then paid, shipped and delivered by age; 1 in 7 paid offline.
-- Totals come from the lines, QST + GST. Guests' orders: their sealed addresses are placeholders,
-- so the bench reads lists, never an order's page.
CREATE TEMP TABLE sample AS
  SELECT row_number() OVER () AS k, v.id, v.product_id, v.sku, v.price_cents, t.name
  FROM (SELECT * FROM variants ORDER BY id DESC LIMIT 1000) v
  JOIN product_translations t ON t.product_id = v.product_id AND t.locale = 'fr';
CREATE TEMP TABLE bulk_orders AS
  SELECT n, now() - make_interval(mins => (n::bigint * 525600 / :orders)::int) AS at,
         CASE WHEN n % 50 = 0 THEN 'pending' WHEN n % 33 = 0 THEN 'cancelled'
              WHEN n % 47 = 0 THEN 'refunded' WHEN n % 31 = 0 THEN 'partially_refunded'
              WHEN n < :orders / 100 THEN 'paid' WHEN n < :orders / 20 THEN 'fulfilled'
              ELSE 'delivered' END AS status
  FROM generate_series(1, :orders) AS n;
WITH made AS (
  INSERT INTO orders (number, status, email, locale, currency, region_code, shipping_address,
                      subtotal, shipping, tax, tax_included, total, payment_provider,
                      reserved_until, stock_released_at, created_at, updated_at, paid_at)
  SELECT 'CMP-' || upper(lpad(to_hex(n), 8, '0')), status, 'client-' || n || '@example.ca',
         CASE WHEN n % 4 = 0 THEN 'en' ELSE 'fr' END, 'CAD', 'CA-QC', 'v1.bench.placeholder',
         0, 995, 0, false, 0, CASE WHEN n % 7 = 0 THEN 'manual' ELSE 'stripe' END,
         CASE status WHEN 'pending' THEN now() + interval '1 day' ELSE at + interval '30 minutes' END,
         CASE status WHEN 'cancelled' THEN at + interval '30 minutes' END, at, at,
         CASE WHEN status NOT IN ('pending', 'cancelled') THEN at + interval '2 minutes' END
  FROM bulk_orders ORDER BY n DESC
  ON CONFLICT (number) DO NOTHING
  RETURNING id, (ltrim(substr(number, 5), '0'))::text AS hex)
INSERT INTO order_lines (order_id, position, variant_id, product_id, sku, name, unit_price,
                         quantity, amount, tax, reserved)
SELECT m.id, p, s.id, s.product_id, s.sku, s.name, s.price_cents, 1 + (n + p) % 3,
       s.price_cents * (1 + (n + p) % 3), 0, false
FROM made m
CROSS JOIN LATERAL (SELECT ('x' || lpad(m.hex, 16, '0'))::bit(64)::bigint AS n) AS o
CROSS JOIN LATERAL generate_series(1, 1 + o.n % 3) AS p
JOIN sample s ON s.k = 1 + (o.n * 7 + p) % 1000;
UPDATE orders o SET subtotal = l.subtotal, tax = round(l.subtotal * 0.14975),
       total = l.subtotal + 995 + round(l.subtotal * 0.14975),
       refunded_amount = CASE o.status WHEN 'refunded' THEN l.subtotal + 995 + round(l.subtotal * 0.14975)
                                       WHEN 'partially_refunded' THEN l.subtotal / 3 ELSE 0 END
FROM (SELECT order_id, sum(amount) AS subtotal FROM order_lines GROUP BY order_id) l
WHERE l.order_id = o.id AND o.shipping_address = 'v1.bench.placeholder';
